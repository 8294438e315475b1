"""Touch: a finger scrolls without selecting, swipes, pinches and taps; a mouse may drag."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QInputDevice
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QScroller, QTextBrowser

from reader.ui.touch import PINCH_STEP, TouchInput

LINES = "<br>".join(f"Line {n} of a long text that needs scrolling." for n in range(400))


@pytest.fixture(scope="module")
def finger():
    return QTest.createTouchDevice(QInputDevice.DeviceType.TouchScreen)


@pytest.fixture
def pane(qtbot):
    browser = QTextBrowser()
    browser.setHtml(f'<p><a href="#far">a link</a></p><p>{LINES}</p><a name="far">far</a>')
    browser.resize(480, 320)
    browser.show()
    qtbot.waitExposed(browser)
    qtbot.addWidget(browser)
    return browser


@pytest.fixture
def touch_input(pane):
    touch_input = TouchInput(pane)
    touch_input.add(pane)
    return touch_input


def touch(widget, device):
    """A touch sequence on ``widget``'s window: QTest delivers it right only to a window."""
    return QTest.touchEvent(widget.window(), device)


def tap(widget, device, point: QPoint) -> None:
    touch(widget, device).press(0, point, widget).commit()
    touch(widget, device).release(0, point, widget).commit()


def stroke(qtbot, widget, device, start: QPoint, end: QPoint, steps: int = 10) -> None:
    """One finger from ``start`` to ``end`` in ``steps`` moves, a few ms apart."""
    touch(widget, device).press(0, start, widget).commit()
    for step in range(1, steps + 1):
        qtbot.wait(8)
        touch(widget, device).move(0, start + (end - start) * step / steps, widget).commit()
    touch(widget, device).release(0, end, widget).commit()


def drag(qtbot, widget, start: QPoint, end: QPoint, steps: int = 10) -> None:
    QTest.mousePress(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    for step in range(1, steps + 1):
        qtbot.wait(8)
        QTest.mouseMove(widget, start + (end - start) * step / steps)
    QTest.mouseRelease(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, end)


def test_a_finger_flick_scrolls_on_and_selects_nothing(qtbot, pane, touch_input, finger):
    viewport = pane.viewport()
    bar = pane.verticalScrollBar()
    stroke(qtbot, viewport, finger, QPoint(240, 280), QPoint(240, 60))
    released_at = bar.value()
    assert released_at > 0
    # Kinetic: the text goes on moving after the finger has left the glass.
    qtbot.waitUntil(lambda: bar.value() > released_at + 100)
    assert not pane.textCursor().hasSelection()


def test_a_finger_swipe_leftwards_is_next_and_rightwards_previous(qtbot, pane, touch_input, finger):
    viewport = pane.viewport()
    with qtbot.waitSignal(touch_input.swiped) as swipe:
        stroke(qtbot, viewport, finger, QPoint(420, 160), QPoint(60, 170))
    assert swipe.args == [1]
    with qtbot.waitSignal(touch_input.swiped) as swipe:
        stroke(qtbot, viewport, finger, QPoint(60, 160), QPoint(420, 150))
    assert swipe.args == [-1]
    assert pane.verticalScrollBar().value() < 40  # a swipe is not a scroll
    assert not pane.textCursor().hasSelection()


def test_a_short_or_mostly_vertical_stroke_is_no_swipe(qtbot, pane, touch_input, finger):
    with qtbot.assertNotEmitted(touch_input.swiped):
        stroke(qtbot, pane.viewport(), finger, QPoint(240, 160), QPoint(200, 160))
        stroke(qtbot, pane.viewport(), finger, QPoint(300, 300), QPoint(100, 20))


def fingers(widget, device, action: str, first: QPoint, second: QPoint) -> None:
    """Two fingers pressed, moved or released together."""
    sequence = touch(widget, device)
    getattr(getattr(sequence, action)(0, first, widget), action)(1, second, widget).commit()


def test_spreading_two_fingers_enlarges_and_closing_them_shrinks(qtbot, pane, touch_input, finger):
    viewport = pane.viewport()
    steps: list[int] = []
    touch_input.pinched.connect(steps.append)
    fingers(viewport, finger, "press", QPoint(200, 150), QPoint(280, 150))
    for spread in range(1, 11):
        qtbot.wait(8)
        apart = QPoint(8 * spread, 0)
        fingers(viewport, finger, "move", QPoint(200, 150) - apart, QPoint(280, 150) + apart)
    fingers(viewport, finger, "release", QPoint(120, 150), QPoint(360, 150))
    # 80 px apart to 240: three times as far, so as many steps as PINCH_STEP fits into 3.
    expected = 0
    while PINCH_STEP ** (expected + 1) <= 3:
        expected += 1
    assert steps == [1] * expected

    steps.clear()
    fingers(viewport, finger, "press", QPoint(100, 150), QPoint(380, 150))
    qtbot.wait(8)
    fingers(viewport, finger, "move", QPoint(200, 150), QPoint(280, 150))
    fingers(viewport, finger, "release", QPoint(200, 150), QPoint(280, 150))
    assert steps and set(steps) == {-1}


def test_a_tap_clicks_a_link(qtbot, pane, touch_input, finger):
    link = pane.cursorRect(pane.document().find("a link")).center()
    with qtbot.waitSignals([touch_input.tapped, pane.anchorClicked]):
        tap(pane.viewport(), finger, link)


def test_mouse_drag_scrolls_only_when_turned_on(qtbot, pane, touch_input):
    viewport = pane.viewport()
    bar = pane.verticalScrollBar()
    drag(qtbot, viewport, QPoint(240, 280), QPoint(240, 60))
    assert pane.textCursor().hasSelection()  # an ordinary window: dragging selects
    assert bar.value() == 0

    pane.textCursor().clearSelection()
    pane.setTextCursor(pane.cursorForPosition(QPoint(0, 0)))
    touch_input.set_mouse_drag(True)
    drag(qtbot, viewport, QPoint(240, 280), QPoint(240, 60))
    qtbot.waitUntil(lambda: bar.value() > 150)
    assert not pane.textCursor().hasSelection()
    QScroller.scroller(viewport).stop()


# -- in the reader's window ------------------------------------------------------


def test_swiping_the_text_turns_the_section(open_window, qtbot, finger):
    window = open_window("en", section="osce")
    viewport = window.text.viewport()
    middle = viewport.rect().center()
    stroke(qtbot, viewport, finger, middle + QPoint(150, 0), middle - QPoint(150, 0))
    assert window.section_id == "nato"
    stroke(qtbot, viewport, finger, middle - QPoint(150, 0), middle + QPoint(150, 0))
    assert window.section_id == "osce"


def test_pinching_the_text_enlarges_it(open_window, qtbot, finger):
    window = open_window("en", section="osce")
    viewport = window.text.viewport()
    before = window.text.document().defaultFont().pointSizeF()
    middle = viewport.rect().center()
    fingers(viewport, finger, "press", middle - QPoint(40, 0), middle + QPoint(40, 0))
    for spread in range(1, 8):
        qtbot.wait(8)
        apart = QPoint(40 + 10 * spread, 0)
        fingers(viewport, finger, "move", middle - apart, middle + apart)
    fingers(viewport, finger, "release", middle - apart, middle + apart)
    assert window.text.document().defaultFont().pointSizeF() > before


def test_a_finger_scrolls_the_text_and_the_columns(open_window, qtbot, finger):
    window = open_window("en", section="united-nations")
    window.resize(700, 330)
    for pane in (window.text, None):
        if pane is None:
            window.side_by_side.action.setChecked(True)
            pane = window.side_by_side.view.right
        bar = pane.verticalScrollBar()
        qtbot.waitUntil(lambda bar=bar: bar.maximum() > 200)
        bar.setValue(0)
        viewport = pane.viewport()
        bottom = viewport.rect().bottom()
        stroke(qtbot, viewport, finger, QPoint(100, bottom - 20), QPoint(100, bottom - 160))
        qtbot.waitUntil(lambda bar=bar: bar.value() > 140)
        QScroller.scroller(viewport).stop()


def test_presenting_a_tap_shows_controls_and_the_mouse_drags(open_window, qtbot, finger):
    window = open_window("en", section="united-nations")
    controls = window.comfort.presenter
    controls.hide_after = 100
    window.comfort.presentation.enter()
    qtbot.waitSignal(controls.hidden, timeout=3000).wait()
    viewport = window.text.viewport()
    with qtbot.waitSignal(controls.shown):
        tap(viewport, finger, QPoint(200, 200))

    for _step in range(4):
        window.comfort.text_size.larger_action.trigger()
    bar = window.text.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 200)
    drag(qtbot, viewport, QPoint(300, 600), QPoint(300, 300))
    qtbot.waitUntil(lambda: bar.value() > 200)
    assert not window.text.textCursor().hasSelection()
    QScroller.scroller(viewport).stop()


def test_a_tap_on_a_tree_row_opens_it_and_a_swipe_there_does_not(open_window, qtbot, finger):
    window = open_window("en", section="osce")
    tree = window.tree
    row = tree.visualRect(tree.section_model().index_of("european-security")).center()
    tap(tree.viewport(), finger, row)
    assert window.section_id == "european-security"
    middle = tree.viewport().rect().center()
    stroke(qtbot, tree.viewport(), finger, middle + QPoint(120, 0), middle - QPoint(120, 0))
    assert window.section_id == "european-security"
