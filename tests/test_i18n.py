"""The Russian catalog covers every string in the code, and the switch works."""

import datetime as dt
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from reader import i18n

REPO = Path(__file__).resolve().parents[1]
PO = REPO / "translations" / "ru" / "LC_MESSAGES" / "reader.po"


def code_messages() -> set[str]:
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(REPO / "src" / "reader"), method_map=[("**.py", "python")]
    ):
        found.add(message if isinstance(message, str) else message[0])
    return found


def catalog():
    with PO.open("rb") as handle:
        return read_po(handle)


def test_every_string_in_the_code_is_in_the_russian_catalog():
    ids = {m.id if isinstance(m.id, str) else m.id[0] for m in catalog() if m.id}
    missing = code_messages() - ids
    assert not missing, f"run `make pot` and translate: {sorted(missing)}"


def test_no_russian_entry_is_untranslated_or_fuzzy():
    bad = []
    for message in catalog():
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if "fuzzy" in message.flags or not all(strings):
            bad.append(message.id)
    assert not bad, bad


def test_placeholders_survive_translation():
    import re

    for message in catalog():
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        wanted = set(re.findall(r"\{\w+\}", ids[-1]))
        for string in strings:
            assert set(re.findall(r"\{\w+\}", string)) == wanted, message.id


def test_switching_language_translates_at_lookup_time():
    try:
        i18n.set_language("ru")
        assert i18n._("&File") == "&Файл"
        i18n.set_language("en")
        assert i18n._("&File") == "&File"
    finally:
        i18n.set_language("en")


def test_a_missing_catalog_is_an_error_not_a_silent_english(tmp_path, monkeypatch):
    from reader import resources

    monkeypatch.setattr(resources, "locale_dir", lambda: tmp_path)  # a build without one
    monkeypatch.setattr(i18n, "_catalogs", {})
    with pytest.raises(FileNotFoundError):
        i18n.set_language("ru")
    assert i18n.current_language() == "en"
    assert i18n.gettext_in("ru", "&File") == "&File"  # a screen in both languages still shows


def test_a_screen_in_both_languages_gets_each_its_own():
    assert i18n.gettext_in("ru", "&File") == "&Файл"
    assert i18n.gettext_in("en", "&File") == "&File"
    assert i18n._("&File") == "&File"  # the current language is left as it was


def test_dates_follow_the_language():
    date = dt.date(2026, 11, 27)
    assert i18n.format_date(date, "ru") == "27 ноября 2026\u202fг."  # narrow no-break space
    assert i18n.format_date(date, "en") == "November 27, 2026"


def test_system_language():
    assert i18n.system_language("ru_RU") == "ru"
    assert i18n.system_language("de_DE") == "en"


@pytest.mark.parametrize("locale", ["be_BY", "uk_UA.UTF-8", "kk_KZ", "ka_GE", "tt_RU"])
def test_systems_where_russian_is_read_start_in_russian(locale):
    assert i18n.system_language(locale) == "ru"


def test_with_nothing_from_qt_or_the_environment_the_c_library_locale_decides(monkeypatch):
    import locale

    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(locale, "getlocale", lambda: ("uk_UA", "UTF-8"))
    assert i18n.system_language("") == "ru"
    monkeypatch.setattr(locale, "getlocale", lambda: (None, None))
    assert i18n.system_language("") == "en"


def test_an_unknown_system_language_starts_in_english(monkeypatch):
    monkeypatch.setenv("LANG", "be_BY.UTF-8")  # the platform's own locale decides first
    assert i18n.system_language("fr_FR") == "en"
