"""Text size by keys and by Ctrl + wheel, keeping the place, remembered."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication

from reader import settings, textsize
from reader.settings import Settings

from .keyboard import CTRL, in_the_middle_of_a_paragraph, press


def page_points(window) -> float:
    return window.text.document().defaultFont().pointSizeF()


def heading_points(window) -> float:
    block = window.text.document().findBlockByNumber(1)  # breadcrumb, then the h1
    return (
        block.charFormat().fontPointSize() or block.begin().fragment().charFormat().fontPointSize()
    )


def test_ctrl_plus_minus_and_zero_change_the_text_size(open_window, qtbot):
    window = open_window("en", section="osce")
    assert page_points(window) == textsize.DEFAULT_SIZE
    press(window, qtbot, window.text, Qt.Key.Key_Equal, CTRL)
    assert page_points(window) == 14
    press(window, qtbot, window.text, Qt.Key.Key_Plus, CTRL)
    assert page_points(window) == 16
    press(window, qtbot, window.tree, Qt.Key.Key_Minus, CTRL)
    press(window, qtbot, window.tree, Qt.Key.Key_Minus, CTRL)
    press(window, qtbot, window.tree, Qt.Key.Key_Minus, CTRL)
    assert page_points(window) == 12
    press(window, qtbot, window.text, Qt.Key.Key_0, CTRL)
    assert page_points(window) == textsize.DEFAULT_SIZE


def test_headings_grow_with_the_text(open_window, qtbot):
    window = open_window("en", section="osce")
    before = heading_points(window)
    press(window, qtbot, window.text, Qt.Key.Key_Equal, CTRL)
    press(window, qtbot, window.text, Qt.Key.Key_Equal, CTRL)
    assert heading_points(window) > before


def test_the_same_paragraph_stays_in_view(open_window, qtbot):
    window = open_window("en")
    in_the_middle_of_a_paragraph(window, qtbot)
    for _ in range(3):
        press(window, qtbot, window.text, Qt.Key.Key_Equal, CTRL)
        assert window.position()[:2] == ("united-nations", 1)
    press(window, qtbot, window.text, Qt.Key.Key_Minus, CTRL)
    assert window.position()[:2] == ("united-nations", 1)


def test_size_stops_at_its_bounds(open_window, qtbot):
    window = open_window("en", section="osce")
    larger = window.comfort.text_size.larger_action
    for _ in range(len(textsize.STEPS) + 2):
        press(window, qtbot, window.text, Qt.Key.Key_Equal, CTRL)
    assert page_points(window) == textsize.MAX_SIZE
    assert not larger.isEnabled()
    for _ in range(len(textsize.STEPS) + 2):
        press(window, qtbot, window.text, Qt.Key.Key_Minus, CTRL)
    assert page_points(window) == textsize.MIN_SIZE


def wheel(widget, delta: int, modifiers=CTRL) -> None:
    event = QWheelEvent(
        QPointF(20, 20),
        QPointF(widget.mapToGlobal(QPoint(20, 20))),
        QPoint(0, 0),
        QPoint(0, delta),
        Qt.MouseButton.NoButton,
        modifiers,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, event)


def test_ctrl_and_the_wheel_change_the_size_a_notch_at_a_time(open_window):
    window = open_window("en", section="osce")
    viewport = window.text.viewport()
    wheel(viewport, 120)
    assert page_points(window) == 14
    wheel(viewport, 60)  # half a notch on a touchpad: not yet
    assert page_points(window) == 14
    wheel(viewport, 60)
    assert page_points(window) == 16
    wheel(viewport, -240)
    assert page_points(window) == textsize.DEFAULT_SIZE


def test_the_wheel_without_ctrl_scrolls_and_leaves_the_size(open_window):
    window = open_window("en", section="united-nations")
    wheel(window.text.viewport(), -120, Qt.KeyboardModifier.NoModifier)
    assert page_points(window) == textsize.DEFAULT_SIZE


def test_text_size_survives_a_restart(open_window, qtbot, settings_path):
    window = open_window("en", section="osce")
    press(window, qtbot, window.text, Qt.Key.Key_Equal, CTRL)
    press(window, qtbot, window.text, Qt.Key.Key_Equal, CTRL)
    window.close()
    assert Settings(settings_path).get(settings.TEXT_SIZE) == 16
    reopened = open_window("en")
    assert page_points(reopened) == 16


def test_a_damaged_stored_size_opens_at_the_default(open_window, settings_path):
    settings_path.parent.mkdir(parents=True, exist_ok=True)
    settings_path.write_text("[view]\ntext_size=1000\n")
    window = open_window("en")
    assert page_points(window) == textsize.DEFAULT_SIZE
