"""Stand mode (``reader --kiosk``): welcome, reading, idle reset, locked, staff exit."""

from __future__ import annotations

import argparse

import pytest
from PySide6.QtCore import QPoint, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QToolBar, QToolButton

from reader import textsize
from reader.standconfig import DEFAULT_IDLE
from reader.ui import messages
from reader.ui.stand import Stand

from .keyboard import ALT, CTRL, SHIFT, press, type_text

STAFF = CTRL | ALT | SHIFT


@pytest.fixture
def open_stand(qapp, qtbot, user_folders, monkeypatch):
    """Start the reader as ``reader --kiosk [--idle N] [--lang L]`` would, with stand.ini."""
    from reader.gui import create_window

    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus")
    messages.set_dialogs_enabled(False)
    opened = []

    def open_(idle: str | None = None, lang: str | None = "en", stand_ini: str = ""):
        if stand_ini:
            path = user_folders / "config" / "reader" / "stand.ini"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(stand_ini, encoding="utf-8")
        args = argparse.Namespace(lang=lang, section=None, content=None, kiosk=True, idle=idle)
        window = create_window(args, qapp)
        assert window is not None
        qtbot.addWidget(window)
        qtbot.waitExposed(window)
        stand = window.findChild(Stand)
        assert stand is not None
        opened.append(stand)
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
        return window, stand

    yield open_
    for stand in opened:
        stand.leave()
    messages.set_dialogs_enabled(True)


def bar_button(stand, action) -> QToolButton:
    button = stand.bar.button_for(action)
    assert isinstance(button, QToolButton) and button.isVisible()
    return button


def page_points(window) -> float:
    return window.side_by_side.reading_pane().document().defaultFont().pointSizeF()


def test_welcome_then_russian_then_reading_then_idle_reset(open_stand, qtbot):
    window, stand = open_stand(idle="1")
    start = window.start_page
    assert window.isFullScreen() and not window.menuBar().isVisible()
    # Once the welcome screen is painted, the text is prepared behind it.
    qtbot.waitUntil(lambda: not window.text.document().isEmpty())
    assert start.showing and start.welcome.isVisible()
    titles = [label.text() for label in start.welcome.titles]
    assert titles == [window.document.title("en"), window.document.title("ru")]
    assert not stand.bar.isVisible()

    qtbot.mouseClick(start.welcome.buttons["ru"], Qt.MouseButton.LeftButton)
    assert window.app.language == "ru"
    assert not start.showing and stand.bar.isVisible()
    assert window.text.toPlainText().startswith(window.document.title("ru"))
    size = page_points(window)

    actions = window.reading_actions()
    qtbot.mouseClick(bar_button(stand, actions.next), Qt.MouseButton.LeftButton)
    assert window.section_id == "osce"
    qtbot.mouseClick(bar_button(stand, actions.larger), Qt.MouseButton.LeftButton)
    assert page_points(window) > size
    # The test's screen is 800 px wide: two columns fit only at a smaller size.
    for _step in range(4):
        qtbot.mouseClick(bar_button(stand, actions.smaller), Qt.MouseButton.LeftButton)
    assert page_points(window) < size
    qtbot.mouseClick(bar_button(stand, actions.side_by_side), Qt.MouseButton.LeftButton)
    assert window.side_by_side.active
    assert actions.back.isEnabled()

    with qtbot.waitSignal(stand.reset, timeout=5000):
        pass  # nobody touches it for a second
    assert start.showing and not stand.bar.isVisible()
    assert window.app.language == "en"
    assert not window.side_by_side.active
    assert page_points(window) == size
    assert window.section_id == window.document.manifest.ids()[0]
    assert not actions.back.isEnabled()


def test_input_keeps_the_stand_from_resetting(open_stand, qtbot):
    window, stand = open_stand(idle="1")
    qtbot.mouseClick(window.start_page.welcome.buttons["en"], Qt.MouseButton.LeftButton)
    with qtbot.assertNotEmitted(stand.reset, wait=0):
        for _step in range(6):  # 1.2 s of a visitor reading, a key every 0.2 s
            qtbot.wait(200)
            qtbot.keyClick(window.text, Qt.Key.Key_Down)
    assert not window.start_page.showing
    with qtbot.waitSignal(stand.reset, timeout=5000):
        pass


def test_idle_reset_clears_search_and_highlights(open_stand, qtbot):
    from reader.ui.highlights import PaneHighlights

    window, stand = open_stand(idle="1")
    qtbot.mouseClick(window.start_page.welcome.buttons["en"], Qt.MouseButton.LeftButton)
    press(window, qtbot, window.text, Qt.Key.Key_F, CTRL)
    type_text(window.find_bar.field, "security")
    qtbot.waitUntil(lambda: bool(PaneHighlights.of(window.text).layer("find")))
    press(window, qtbot, window.text, Qt.Key.Key_K, CTRL)
    type_text(window.search_panel.field, "diplomacy")
    assert window.search_panel.isVisible()

    with qtbot.waitSignal(stand.reset, timeout=5000):
        pass
    assert not window.find_bar.isVisible()
    assert not window.search_panel.isVisible()
    assert window.search_panel.field.text() == ""
    assert not PaneHighlights.of(window.text).layer("find")
    assert not PaneHighlights.of(window.text).layer("search")


def test_idle_zero_never_resets(open_stand, qtbot):
    window, stand = open_stand(idle="0")
    qtbot.mouseClick(window.start_page.welcome.buttons["ru"], Qt.MouseButton.LeftButton)
    assert stand.idle.seconds == 0 and not stand.idle.armed


def test_close_requests_and_ctrl_q_are_refused(open_stand, qtbot):
    window, _stand = open_stand()
    qtbot.mouseClick(window.start_page.welcome.buttons["en"], Qt.MouseButton.LeftButton)
    assert not window.close()  # what Alt+F4 and the window manager's close button ask
    assert window.isVisible()
    press(window, qtbot, window.text, Qt.Key.Key_Q, CTRL)
    assert window.isVisible()


def test_the_staff_chord_leaves(open_stand, qtbot):
    window, stand = open_stand()
    with qtbot.waitSignal(stand.ended, timeout=2000):
        press(window, qtbot, window.start_page.welcome, Qt.Key.Key_Q, STAFF)
    assert not window.isVisible()


def test_the_staff_chord_asks_for_the_pin(open_stand, qtbot):
    window, stand = open_stand(stand_ini="[stand]\npin = 2468\n")
    press(window, qtbot, window.start_page.welcome, Qt.Key.Key_Q, STAFF)
    dialog = stand.pin_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.setTextValue("1111")
    dialog.accept()
    assert window.isVisible()

    press(window, qtbot, window.start_page.welcome, Qt.Key.Key_Q, STAFF)
    assert stand.pin_dialog.isVisible() and stand.pin_dialog.textValue() == ""
    stand.pin_dialog.setTextValue("2468")
    with qtbot.waitSignal(stand.ended, timeout=2000):
        stand.pin_dialog.accept()
    assert not window.isVisible()


def test_no_quit_print_export_or_presentation_reachable(open_stand, qtbot):
    window, stand = open_stand()
    qtbot.mouseClick(window.start_page.welcome.buttons["en"], Qt.MouseButton.LeftButton)
    for key, modifiers in (
        (Qt.Key.Key_P, CTRL),
        (Qt.Key.Key_P, CTRL | SHIFT),
        (Qt.Key.Key_F11, Qt.KeyboardModifier.NoModifier),
        (Qt.Key.Key_Q, CTRL),
    ):
        press(window, qtbot, window.text, key, modifiers)
    assert window.isVisible() and window.isFullScreen()
    assert window.printing.preview is None
    assert not window.comfort.presentation.active
    assert not window.menuBar().isVisible()
    visible_bars = [bar for bar in window.findChildren(QToolBar) if bar.isVisible()]
    assert visible_bars == [stand.bar]
    text_menu = window.comfort.text_actions.build_menu(QPoint(10, 10))
    bar_actions = [button.defaultAction() for button in stand.bar.findChildren(QToolButton)]
    assert len([action for action in bar_actions if action is not None]) >= 7
    forbidden = {"Quit", "Print", "Export", "Presentation", "About", "Keyboard"}
    offered = [
        action.text().replace("&", "")
        for action in [*bar_actions, *text_menu.actions()]
        if action is not None and action.isEnabled() and action.isVisible() and action.text()
    ]
    assert offered and not [text for text in offered if text.split()[0] in forbidden]


def test_outside_links_are_not_opened(open_stand, qtbot, monkeypatch):
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    monkeypatch.setattr(messages, "confirm", lambda *_args: True)
    window, _stand = open_stand()
    window.text.linkActivated.emit(QUrl("https://example.org/"))
    assert opened == []


@pytest.mark.parametrize("value", ["-5", "ninety", "1.5"])
def test_a_bad_idle_value_is_reported_and_the_default_used(open_stand, caplog, value):
    window, stand = open_stand(idle=value)
    assert stand.idle.seconds == DEFAULT_IDLE
    assert f"“{value}” is not a valid idle time" in caplog.text
    assert window.start_page.showing


def test_the_message_about_a_bad_idle_value_is_in_the_readers_language(open_stand, caplog):
    _window, stand = open_stand(idle="-1", lang="ru")
    assert stand.idle.seconds == DEFAULT_IDLE
    assert "не может быть отрицательным" in caplog.text


def test_a_damaged_stand_file_starts_with_defaults(open_stand, caplog, settings_path):
    settings_path.parent.mkdir(parents=True, exist_ok=True)
    settings_path.write_bytes(b"\x00\xff[[[garbage" * 50)
    window, stand = open_stand(stand_ini="[stand\nidle = soon\npin = abc\n")
    assert stand.idle.seconds == DEFAULT_IDLE and stand.config.pin == ""
    assert "cannot be read" in caplog.text
    assert window.start_page.showing and window.isFullScreen()


def test_the_stand_writes_no_settings_file(open_stand, qtbot, settings_path, user_folders):
    window, stand = open_stand(idle="1")
    qtbot.mouseClick(window.start_page.welcome.buttons["ru"], Qt.MouseButton.LeftButton)
    actions = window.reading_actions()
    for action in (actions.next, actions.larger, actions.side_by_side):
        qtbot.mouseClick(bar_button(stand, action), Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(stand.reset, timeout=5000):
        pass
    stand.leave()
    qtbot.wait(700)  # longer than any debounced write the reader has
    assert not settings_path.exists()
    assert not list(user_folders.rglob("*.ini"))


def test_large_targets(open_stand, qtbot):
    window, stand = open_stand()
    welcome = window.start_page.welcome
    assert all(button.height() >= 44 for button in welcome.buttons.values())
    qtbot.mouseClick(welcome.buttons["en"], Qt.MouseButton.LeftButton)
    buttons = [button for button in stand.bar.findChildren(QToolButton) if button.isVisible()]
    assert len(buttons) >= 9
    assert all(button.height() >= 44 and button.width() >= 44 for button in buttons)
    tree = window.tree
    assert tree.isVisible()
    assert tree.visualRect(tree.model().index(0, 0)).height() >= 44


def test_stand_size_is_the_default_after_reset_and_larger_than_normal(open_stand):
    window, stand = open_stand()
    assert stand.text_size >= textsize.DEFAULT_SIZE
    assert page_points(window) == stand.text_size


def test_a_mouse_drag_scrolls_the_text_and_selects_nothing(open_stand, qtbot):
    from PySide6.QtWidgets import QScroller

    from .test_touch import drag

    window, _stand = open_stand()
    qtbot.mouseClick(window.start_page.welcome.buttons["en"], Qt.MouseButton.LeftButton)
    window.show_section("united-nations")
    qtbot.waitUntil(lambda: window.comfort.touch.covers(window.text))
    viewport = window.text.viewport()
    bar = window.text.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 200)
    middle = viewport.width() // 2
    drag(qtbot, viewport, QPoint(middle, viewport.height() - 40), QPoint(middle, 40))
    qtbot.waitUntil(lambda: bar.value() > 100)
    assert not window.text.textCursor().hasSelection()
    QScroller.scroller(viewport).stop()


@pytest.mark.parametrize("idle", ["--idle=-5", "--idle=ninety"])
def test_the_real_command_line_with_a_bad_idle_starts_and_says_why(tmp_path, idle, settings_path):
    import os
    import subprocess
    import sys

    settings_path.parent.mkdir(parents=True, exist_ok=True)
    settings_path.write_bytes(b"\x00\xff[garbage" * 40)  # a damaged settings file, too
    stamp = tmp_path / "paint"
    result = subprocess.run(
        [sys.executable, "-m", "reader", "--kiosk", idle, "--lang", "ru", "--no-error-dialogs"],
        env=os.environ
        | {
            "QT_QPA_PLATFORM": "offscreen",
            "DBUS_SESSION_BUS_ADDRESS": "unix:path=/nonexistent/bus",
            "READER_FIRST_PAINT_FILE": str(stamp),
            "READER_EXIT_AFTER_PAINT": "1",
        },
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert stamp.exists()  # the welcome screen was painted
    assert "недопустимое время бездействия" in result.stderr
    assert "Traceback" not in result.stderr


def test_read_aloud_is_on_the_bar_and_the_idle_reset_silences_it(open_stand, qtbot):
    window, stand = open_stand(idle="1")
    window.read_aloud.use_engine("mock")
    qtbot.mouseClick(window.start_page.welcome.buttons["en"], Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(window.read_aloud.readingChanged, timeout=5000) as started:
        qtbot.mouseClick(
            bar_button(stand, window.reading_actions().read_aloud), Qt.MouseButton.LeftButton
        )
    assert started.args == [True]
    with qtbot.waitSignal(stand.reset, timeout=5000):
        pass
    assert not window.read_aloud.reading


def test_a_tap_on_a_section_shows_its_own_sections(open_stand, qtbot):
    """The branch arrow is too small for a finger: tapping the title opens the branch."""
    window, _stand = open_stand()
    qtbot.mouseClick(window.start_page.welcome.buttons["en"], Qt.MouseButton.LeftButton)
    tree = window.side_panel.tree
    model = tree.section_model()
    united = model.index_of("united-nations")
    assert not tree.isExpanded(united)
    row = tree.visualRect(united)
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=row.center())
    qtbot.waitUntil(lambda: window.section_id == "united-nations")
    assert tree.isExpanded(united)
    below = tree.visualRect(model.index_of("human-trafficking"))
    assert below.isValid() and below.top() >= row.bottom()


def test_the_stand_has_readers_icon_once_its_welcome_screen_is_up(open_stand, qapp, qtbot):
    from PySide6.QtGui import QIcon

    from reader.ui.icons import svg_icon

    qapp.setWindowIcon(QIcon())
    window, _stand = open_stand()
    qtbot.waitUntil(lambda: not window.windowIcon().isNull())
    expected = svg_icon("reader").pixmap(32).toImage()
    assert window.windowIcon().pixmap(32).toImage() == expected
