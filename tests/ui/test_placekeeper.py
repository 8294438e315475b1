"""The place is on disk a moment after each change, while the window is still open.

Each test reads the settings file with a fresh reader, as the next start
would, without closing the window: a power cut gives no chance to close it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMainWindow

from reader import settings
from reader.settings import Settings

from .keyboard import in_the_middle_of_a_paragraph, press


def stored(settings_path, setting):
    return Settings(settings_path).get(setting)


def wait_stored(qtbot, settings_path, setting, expected):
    qtbot.waitUntil(lambda: stored(settings_path, setting) == expected, timeout=5000)


def test_a_language_switch_is_written_without_closing(open_window, qtbot, settings_path):
    window = open_window("en")
    press(window, qtbot, window.text, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    wait_stored(qtbot, settings_path, settings.LANGUAGE, "ru")


def test_the_next_section_is_written(open_window, qtbot, settings_path):
    window = open_window("en")
    press(window, qtbot, window.text, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    second = window.document.manifest.ids()[1]
    assert window.section_id == second
    wait_stored(qtbot, settings_path, settings.SECTION, second)


def test_scrolling_writes_the_paragraph(open_window, qtbot, settings_path):
    window = open_window("en")
    in_the_middle_of_a_paragraph(window, qtbot)
    wait_stored(qtbot, settings_path, settings.SECTION, "united-nations")
    wait_stored(qtbot, settings_path, settings.PARAGRAPH, 1)


def test_text_size_and_side_by_side_are_written(open_window, qtbot, settings_path):
    window = open_window("en")
    before = window.comfort.text_size.size
    press(window, qtbot, window.text, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    wait_stored(qtbot, settings_path, settings.TEXT_SIZE, before + 1)
    press(window, qtbot, window.text, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    wait_stored(qtbot, settings_path, settings.VIEW_PARALLEL, True)


def test_scrolling_in_side_by_side_writes_the_paragraph(open_window, qtbot, settings_path):
    window = open_window("en", section="united-nations")
    window.resize(1000, 330)
    window.side_by_side.action.trigger()
    qtbot.waitUntil(lambda: not window.place_keeper.pending, timeout=5000)  # columns laid out
    window.side_by_side.reading_pane().scroll_to_paragraph(1, 0.25)
    assert window.position()[1] == 1
    wait_stored(qtbot, settings_path, settings.PARAGRAPH, 1)


def test_a_resized_window_is_written(open_window, qtbot, settings_path):
    window = open_window("en")
    window.resize(640, 470)

    def stored_width():
        probe = QMainWindow()
        probe.restoreGeometry(stored(settings_path, settings.GEOMETRY))
        return probe.width()

    qtbot.waitUntil(lambda: stored_width() == 640, timeout=5000)


def test_presenting_never_stores_the_full_screen_as_the_window(open_window, qtbot, settings_path):
    window = open_window("en")
    window.resize(640, 470)
    window.place_keeper.flush()
    before = stored(settings_path, settings.GEOMETRY)
    press(window, qtbot, window.text, Qt.Key.Key_F11)
    qtbot.waitUntil(window.isFullScreen)
    press(window, qtbot, window.text, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not window.place_keeper.pending, timeout=5000)
    assert stored(settings_path, settings.SECTION) == window.section_id
    assert stored(settings_path, settings.GEOMETRY) == before


def test_the_file_is_replaced_whole_never_rewritten_in_place(settings_path):
    """A cut in the middle of a write must leave the old file, not half of a new one."""
    store = Settings(settings_path)
    store.set(settings.SECTION, "osce")
    store.sync()
    first = settings_path.stat().st_ino
    store.set(settings.SECTION, "nato")
    store.sync()
    assert settings_path.stat().st_ino != first
    assert stored(settings_path, settings.SECTION) == "nato"
    leftovers = [p.name for p in settings_path.parent.iterdir() if p.name != settings_path.name]
    assert not [name for name in leftovers if not name.endswith(".lock")]
