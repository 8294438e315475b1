"""Reading settings: typed, with defaults; a damaged value falls back."""

from reader import settings, textsize
from reader.settings import Settings


def test_reading_settings_have_defaults(settings_path):
    store = Settings(settings_path)
    assert store.get(settings.TEXT_SIZE) == textsize.DEFAULT_SIZE
    assert store.get(settings.THEME) == "system"
    assert store.get(settings.TOOLBAR) is True


def test_bad_reading_settings_fall_back_to_their_defaults(settings_path, caplog):
    settings_path.parent.mkdir(parents=True, exist_ok=True)
    settings_path.write_text("[view]\ntext_size=500\ntheme=purple\ntoolbar=maybe\n")
    store = Settings(settings_path)
    assert store.get(settings.TEXT_SIZE) == textsize.DEFAULT_SIZE
    assert store.get(settings.THEME) == "system"
    assert store.get(settings.TOOLBAR) is True
    assert "view/text_size" in caplog.text and "view/theme" in caplog.text


def test_reading_settings_round_trip(settings_path):
    store = Settings(settings_path)
    store.set(settings.TEXT_SIZE, 18)
    store.set(settings.THEME, "sepia")
    store.set(settings.TOOLBAR, False)
    store.sync()
    again = Settings(settings_path)
    assert again.get(settings.TEXT_SIZE) == 18
    assert again.get(settings.THEME) == "sepia"
    assert again.get(settings.TOOLBAR) is False
