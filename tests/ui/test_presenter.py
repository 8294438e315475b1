"""The presenter at a projector: clicker keys, on-screen controls, the place, the tree."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QByteArray, QPoint, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication

from reader.history import reading_order
from reader.ui.controlbar import touch_target

from .keyboard import SHIFT, press
from .onscreen import on_screen
from .test_presentation import move_mouse

FORWARD = [(Qt.Key.Key_PageDown, None), (Qt.Key.Key_Space, None), (Qt.Key.Key_Right, None)]
BACKWARD = [(Qt.Key.Key_PageUp, None), (Qt.Key.Key_Space, SHIFT), (Qt.Key.Key_Left, None)]


def present(window, qtbot, section: str = "osce"):
    window.show_section(section)
    press(window, qtbot, window.text, Qt.Key.Key_F11)
    assert window.comfort.presentation.active
    return window.comfort.presenter


def enlarge_until_it_scrolls(window, qtbot) -> None:
    """The bundled sections are short: large enough type makes one span several screens."""
    bar = window.text.verticalScrollBar()
    for _step in range(5):
        window.comfort.text_size.larger_action.trigger()
    qtbot.waitUntil(lambda: bar.maximum() > bar.pageStep() // 2)


def click_key(window, qtbot, key, modifiers=None) -> None:
    if modifiers is None:
        press(window, qtbot, window.side_by_side.reading_pane(), key)
    else:
        press(window, qtbot, window.side_by_side.reading_pane(), key, modifiers)


@pytest.mark.parametrize(("forward", "backward"), list(zip(FORWARD, BACKWARD, strict=True)))
def test_clicker_keys_scroll_then_turn_the_section(open_window, qtbot, forward, backward):
    window = open_window("en")
    present(window, qtbot, "united-nations")
    enlarge_until_it_scrolls(window, qtbot)
    bar = window.text.verticalScrollBar()
    end = bar.maximum()
    seen = [bar.value()]
    while window.section_id == "united-nations":
        click_key(window, qtbot, *forward)
        seen.append(bar.value())
        assert len(seen) < 30
    # It scrolled down to the very end, and only a press later turned the page.
    assert seen[0] == 0 < seen[1]
    assert seen[-2] == end
    assert window.section_id == "human-trafficking" and bar.value() == 0

    # At the top of a section, the previous one opens at its end.
    click_key(window, qtbot, *backward)
    assert window.section_id == "united-nations"
    assert bar.value() == bar.maximum() == end
    click_key(window, qtbot, *backward)
    assert window.section_id == "united-nations" and bar.value() < end


def test_down_and_up_scroll_by_lines_and_turn_at_the_ends(open_window, qtbot):
    window = open_window("en")
    present(window, qtbot, "united-nations")
    enlarge_until_it_scrolls(window, qtbot)
    bar = window.text.verticalScrollBar()
    click_key(window, qtbot, Qt.Key.Key_Down)
    assert 0 < bar.value() < bar.pageStep() / 2
    click_key(window, qtbot, Qt.Key.Key_Up)
    assert bar.value() == 0
    click_key(window, qtbot, Qt.Key.Key_Up)
    assert window.section_id == "nato"
    for _press in range(30):
        click_key(window, qtbot, Qt.Key.Key_Down)
        if window.section_id != "nato":
            break
    assert window.section_id == "united-nations"


def test_clicker_keys_only_turn_pages_in_presentation(open_window, qtbot):
    window = open_window("en", section="osce")
    press(window, qtbot, window.text, Qt.Key.Key_PageDown)
    press(window, qtbot, window.text, Qt.Key.Key_PageDown)
    press(window, qtbot, window.text, Qt.Key.Key_PageDown)
    assert window.section_id == "osce"


def test_clicker_keys_in_side_by_side(open_window, qtbot):
    window = open_window("en")
    window.side_by_side.action.setChecked(True)
    present(window, qtbot, "osce")
    for _press in range(30):
        click_key(window, qtbot, Qt.Key.Key_PageDown)
        if window.section_id != "osce":
            break
    assert window.section_id == "nato"
    click_key(window, qtbot, Qt.Key.Key_PageUp)
    assert window.section_id == "osce"


def test_the_place_indicator_counts_sections(open_window, qtbot):
    window = open_window("en")
    total = len(reading_order(window.document.manifest))
    controls = present(window, qtbot, "osce")
    assert controls.indicator.isVisible()
    number = reading_order(window.document.manifest).index("osce") + 1
    assert controls.indicator.text() == f"{number} / {total}"
    window.comfort.navigation.next_action.trigger()
    assert controls.indicator.text() == f"{number + 1} / {total}"
    assert controls.indicator.accessibleName() == f"Section {number + 1} of {total}"
    window.set_language("ru")
    assert controls.indicator.accessibleName() == f"Раздел {number + 1} из {total}"
    press(window, qtbot, window.text, Qt.Key.Key_Escape)
    assert not controls.indicator.isVisible()


def test_the_controls_come_with_the_mouse_and_fade_without_it(open_window, qtbot):
    window = open_window("en")
    window.show_section("osce")
    window.comfort.presenter.hide_after = 150  # not the seconds a person gets
    with qtbot.waitSignal(window.comfort.presenter.shown):
        press(window, qtbot, window.text, Qt.Key.Key_F11)
    controls = window.comfort.presenter
    assert controls.visible
    with qtbot.waitSignal(controls.hidden, timeout=3000):
        pass
    assert not controls.band.isVisible()
    # The pointer goes with them: nothing sits on the projected text.
    assert QApplication.overrideCursor().shape() == Qt.CursorShape.BlankCursor

    with qtbot.waitSignal(controls.shown):
        move_mouse(window.text.viewport(), 300, 300)
    assert controls.band.isVisible()
    assert QApplication.overrideCursor() is None
    band = controls.band.geometry()
    assert window.rect().contains(band) and band.bottom() > window.height() * 0.7
    with qtbot.waitSignal(controls.hidden, timeout=3000):
        pass
    press(window, qtbot, window.text, Qt.Key.Key_Escape)
    assert QApplication.overrideCursor() is None  # back for the desk


def test_the_hint_says_how_to_leave_and_goes(open_window, qtbot):
    window = open_window("ru")
    window.comfort.presenter.hint_for = 150
    present(window, qtbot)
    hint = window.comfort.presenter.hint
    assert hint.isVisible() and "Esc" in hint.text() and "презентации" in hint.text()
    qtbot.waitUntil(lambda: not hint.isVisible(), timeout=3000)


def test_the_buttons_do_what_their_actions_do(open_window, qtbot):
    window = open_window("en")
    controls = present(window, qtbot, "osce")
    buttons = {button.defaultAction(): button for button in controls.bar.buttons()}
    navigation = window.comfort.navigation
    qtbot.mouseClick(buttons[navigation.next_action], Qt.MouseButton.LeftButton)
    assert window.section_id == "nato"
    qtbot.mouseClick(buttons[navigation.previous_action], Qt.MouseButton.LeftButton)
    assert window.section_id == "osce"
    size = window.comfort.text_size.size
    qtbot.mouseClick(buttons[window.comfort.text_size.larger_action], Qt.MouseButton.LeftButton)
    assert window.comfort.text_size.size > size
    qtbot.mouseClick(controls.language_toggle.buttons["ru"], Qt.MouseButton.LeftButton)
    assert window.app.language == "ru"
    qtbot.mouseClick(buttons[window.side_by_side.action], Qt.MouseButton.LeftButton)
    assert window.side_by_side.active
    qtbot.mouseClick(buttons[window.tree_action], Qt.MouseButton.LeftButton)
    assert window.side_panel.isVisible()
    qtbot.mouseClick(buttons[window.comfort.presentation.leave_action], Qt.MouseButton.LeftButton)
    assert not window.comfort.presentation.active and window.menuBar().isVisible()


def test_the_buttons_are_finger_sized(open_window, qtbot):
    window = open_window("en")
    controls = present(window, qtbot)
    least = touch_target(window.screen())
    assert least >= 44
    for button in controls.bar.buttons():
        assert button.height() >= least and button.width() >= least, button.text()


def test_a_feature_puts_its_action_on_the_controls(open_window, qtbot):
    window = open_window("en")
    read_aloud = QAction("Read Aloud", window)
    window.comfort.add_presenter_action(read_aloud, "presentation")  # before they are built
    controls = present(window, qtbot)
    [button] = [b for b in controls.bar.buttons() if b.defaultAction() is read_aloud]
    assert button.isVisible() and button.text() == "Read Aloud"
    with qtbot.waitSignal(read_aloud.triggered):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    later = QAction("Later", window)
    window.comfort.add_presenter_action(later)  # and after
    assert any(b.defaultAction() is later for b in controls.bar.buttons())


def test_the_tree_floats_over_the_text_without_rewrapping_it(open_window, qtbot):
    window = open_window("en")
    present(window, qtbot, "united-nations")
    qtbot.waitUntil(lambda: window.text.width() == window.width())
    width = window.text.viewport().width()
    press(window, qtbot, window.text, Qt.Key.Key_F9)
    panel = window.side_panel
    assert panel.isVisible()
    assert window.text.viewport().width() == width  # the text was not laid out anew
    assert panel.geometry().left() == 0 and panel.height() == window.height()
    tree = window.tree
    row = tree.visualRect(tree.section_model().index_of("osce"))
    assert row.height() >= touch_target(window.screen())
    press(window, qtbot, window.text, Qt.Key.Key_F9)
    assert window.text.hasFocus()

    press(window, qtbot, window.text, Qt.Key.Key_Escape)
    assert window.splitter.indexOf(panel) == 0 and panel.isVisible()
    assert window.text.viewport().width() < width
    assert tree.visualRect(tree.section_model().index_of("osce")).height() < 44


def test_quitting_in_presentation_keeps_the_normal_geometry(open_window, qtbot):
    window = open_window("en")
    window.resize(640, 480)
    qtbot.waitUntil(lambda: window.width() == 640)
    present(window, qtbot)
    qtbot.waitUntil(lambda: window.width() > 640)
    saved = window.comfort.presentation.window_geometry()
    assert isinstance(saved, QByteArray)
    other = open_window("en")
    other.restoreGeometry(saved)
    assert (other.width(), other.height()) == (640, 480)
    assert not other.isFullScreen()


def test_mouse_movement_outside_presentation_shows_nothing(open_window, qtbot):
    window = open_window("en")
    controls = window.comfort.presenter
    move_mouse(window.text.viewport(), 200, 200)
    assert not controls.band.isVisible() and not controls.indicator.isVisible()
    assert window.text.viewport().rect().contains(QPoint(200, 200))


MEASURE_TARGETS = """
import argparse, json
from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtTest import QTest
from reader.gui import create_window
from reader.settings import Settings
from reader.ui.application import ReaderApplication
app = ReaderApplication(["reader"])
args = argparse.Namespace(lang="ru", section="osce", content=None)
window = create_window(args, app, Settings())
QTest.qWaitForWindowExposed(window)
window.comfort.presentation.enter()
window.tree_action.setChecked(True)
for _tick in range(500):  # until full screen
    if window.width() == window.screen().geometry().width():
        break
    QTest.qWait(10)
loop = QEventLoop()
for _turn in range(4):  # what going full screen queued has run (see tests/ui/settle.py)
    QTimer.singleShot(0, loop.quit)
    loop.exec()
buttons = [(b.width(), b.height()) for b in window.comfort.presenter.bar.buttons()]
tree = window.tree
rows = [tree.visualRect(tree.section_model().index_of(s)).height() for s in ("osce", "nato")]
print(json.dumps({"buttons": buttons, "rows": rows, "filter": window.side_panel.filter.height()}))
"""


@pytest.mark.parametrize(("width", "height"), [(1920, 1080), (1366, 768)])
def test_presenter_targets_are_finger_sized_on_a_real_screen_size(tmp_path, width, height):
    found = on_screen(tmp_path, MEASURE_TARGETS, width, height)
    assert min(min(size) for size in found["buttons"]) >= 44
    assert min(found["rows"]) >= 44 and found["filter"] >= 44


def test_read_aloud_is_on_the_presenters_controls(open_window, qtbot):
    window = open_window("ru")
    controls = present(window, qtbot)
    read = window.read_aloud.read_action
    [button] = [b for b in controls.bar.buttons() if b.defaultAction() is read]
    assert button.isVisible() and button.text() == read.text().replace("&", "")
