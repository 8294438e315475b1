"""A damaged settings file: sane defaults for the bad values, the good ones kept, all logged."""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QByteArray, QRect
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMainWindow

from reader import settings as declared
from reader.settings import Setting, Settings
from reader.ui.screens import ensure_on_screen, visible_on_a_screen

DECLARED = [value for value in vars(declared).values() if isinstance(value, Setting)]
EXAMPLES = 150  # docs/reliability.md quotes this


def write(path, data: bytes | str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)


def frame_on_screen(window) -> bool:
    return visible_on_a_screen(window.frameGeometry())


def test_garbage_settings_open_the_window_with_defaults(open_window, settings_path):
    write(settings_path, random.Random(3).randbytes(4000))
    window = open_window("en")
    assert window.section_id == window.document.manifest.ids()[0]
    assert window.text.toPlainText().strip()
    assert frame_on_screen(window)


def test_bad_values_fall_back_good_ones_stay_and_the_log_says_which(
    open_window, settings_path, caplog
):
    write(
        settings_path,
        "[General]\nlanguage=ru\n"
        "[position]\nsection=osce\nparagraph=lots\noffset=nan\n"
        "[window]\ngeometry=@ByteArray(not a geometry)\nsplitter=12\n"
        "[view]\ntext_size=@Point(1 2)\ntheme=purple\n",
    )
    window = open_window(lang=None)
    assert window.app.language == "ru"  # kept
    assert window.section_id == "osce"  # kept
    assert window.position()[1] == 0  # the paragraph fell back to the top
    for key in ("position/paragraph", "position/offset", "window/splitter", "view/theme"):
        assert f"Ignoring stored {key}=" in caplog.text, key
    assert "view/text_size" in caplog.text
    assert "Ignoring stored window geometry" in caplog.text
    assert frame_on_screen(window)


def test_an_unknown_language_falls_back_to_the_system_one(open_window, settings_path, caplog):
    write(settings_path, "[General]\nlanguage=klingon\n")
    window = open_window(lang=None)
    assert window.app.language in ("en", "ru")
    assert "Ignoring stored language='klingon'" in caplog.text


def test_a_section_that_no_longer_exists_opens_the_first(open_window, settings_path, caplog):
    write(settings_path, "[position]\nsection=removed-long-ago\nparagraph=3\n")
    window = open_window("en")
    assert window.section_id == window.document.manifest.ids()[0]
    assert window.position()[1] == 0
    assert "Stored section 'removed-long-ago' is not in the document" in caplog.text


def test_a_window_position_off_every_screen_comes_back(open_window, settings_path, qapp):
    away = QMainWindow()
    away.setGeometry(QRect(40_000, 30_000, 900, 700))
    stored = Settings(settings_path)
    stored.set(declared.GEOMETRY, QByteArray(away.saveGeometry()))
    stored.sync()
    window = open_window("en")
    assert frame_on_screen(window)


def test_a_window_off_every_screen_is_moved_to_the_primary_one(qapp, qtbot, caplog):
    window = QMainWindow()
    qtbot.addWidget(window)
    window.setGeometry(QRect(-30_000, 20_000, 4000, 3000))
    assert not frame_on_screen(window)
    assert ensure_on_screen(window)
    assert frame_on_screen(window)
    area = QGuiApplication.primaryScreen().availableGeometry()
    assert window.width() <= area.width() and window.height() <= area.height()
    assert "off every screen" in caplog.text
    assert not ensure_on_screen(window)  # on screen now: left alone


def test_a_settings_path_that_is_a_folder(open_window, settings_path, caplog):
    settings_path.mkdir(parents=True)
    window = open_window("en")
    assert window.text.toPlainText().strip()
    window.close()  # saving fails quietly, in the log
    assert settings_path.is_dir()
    assert f"Settings could not be written to {settings_path}" in caplog.text


VALUES = st.one_of(
    st.binary(max_size=60).map(lambda b: b.decode("latin-1")),
    st.sampled_from(
        [
            "",
            "nan",
            "inf",
            "-1",
            "1e999",
            "true",
            "ru",
            "xx",
            "@Point(1 2)",
            "@Rect(1 2 3 4)",
            "@Size(-1 -1)",
            "@ByteArray()",
            "@ByteArray(\\0\\0)",
            "@Variant(\\0\\0\\0\\x7f\\0\\0\\0\\nQByteArray)",
            "a, b, c",
            "9" * 400,
        ]
    ),
    st.integers().map(str),
    st.floats().map(str),
)


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(DECLARED), VALUES), max_size=len(DECLARED) * 2))
def test_any_stored_values_read_back_as_valid_values_of_the_declared_type(tmp_path_factory, pairs):
    path = tmp_path_factory.mktemp("settings") / "reader.ini"
    groups: dict[str, list[str]] = {}
    for setting, value in pairs:
        group, _, key = setting.key.rpartition("/")
        groups.setdefault(group or "General", []).append(f"{key}={value}")
    text = "".join(f"[{group}]\n" + "\n".join(lines) + "\n" for group, lines in groups.items())
    path.write_text(text, encoding="latin-1", errors="replace")
    store = Settings(path)
    for setting in DECLARED:
        value = store.get(setting)
        if setting.type is float:
            assert isinstance(value, (int, float))
        else:
            assert isinstance(value, setting.type), (setting.key, value)
        assert value == setting.default or setting.valid(value)


@pytest.mark.parametrize("setting", DECLARED, ids=lambda s: s.key)
def test_every_default_has_the_declared_type(setting):
    assert isinstance(setting.default, setting.type)


def test_a_damaged_file_is_rewritten_and_not_called_unwritable(open_window, settings_path, caplog):
    write(settings_path, b"\x00\xff[General\nlanguage=xx\n[window]\ngeometry=garbage\n")
    window = open_window("en", section="osce")
    window.close()
    assert Settings(settings_path).get(declared.SECTION) == "osce"  # saved after all
    assert "was damaged; rewritten" in caplog.text
    assert "could not be written" not in caplog.text  # it was written: no false alarm
    again = open_window("en", section="nato")
    again.close()
    assert caplog.text.count("was damaged") == 1  # the file is sound now
    assert Settings(settings_path).get(declared.SECTION) == "nato"
