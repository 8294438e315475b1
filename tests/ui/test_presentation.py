"""Presentation mode: F11 in, Esc out; chrome hidden and restored; larger type."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication

from reader import textsize

from .keyboard import CTRL, press
from .test_mainwindow import action_named


def chrome(window) -> dict[str, bool]:
    return {
        "menu bar": window.menuBar().isVisible(),
        "toolbar": window.comfort.toolbar.isVisible(),
        "tree": window.side_panel.isVisible(),
        "scroll bar": window.text.verticalScrollBarPolicy()
        != Qt.ScrollBarPolicy.ScrollBarAlwaysOff,
    }


def page_points(window) -> float:
    return window.text.document().defaultFont().pointSizeF()


def paragraph_in_view(pane, index: int) -> bool:
    top = pane.paragraph_top(index) - pane.verticalScrollBar().value()
    return 0 <= top < pane.viewport().height()


def move_mouse(widget, x: int, y: int = 100) -> None:
    local = QPointF(x, y)
    event = QMouseEvent(
        QEvent.Type.MouseMove,
        local,
        QPointF(widget.mapToGlobal(QPoint(x, y))),
        Qt.MouseButton.NoButton,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(widget, event)


def test_f11_presents_and_esc_restores_the_chrome(open_window, qtbot):
    window = open_window("en", section="osce")
    before = chrome(window)
    assert all(before.values())
    press(window, qtbot, window.text, Qt.Key.Key_F11)
    assert window.isFullScreen()
    assert not any(chrome(window).values())
    assert page_points(window) > textsize.DEFAULT_SIZE  # sized from the screen: see below
    press(window, qtbot, window.text, Qt.Key.Key_Escape)
    assert not window.isFullScreen()
    assert chrome(window) == before
    assert page_points(window) == textsize.DEFAULT_SIZE


def test_f11_again_also_leaves(open_window, qtbot):
    window = open_window("en")
    press(window, qtbot, window.text, Qt.Key.Key_F11)
    press(window, qtbot, window.text, Qt.Key.Key_F11)
    assert not window.isFullScreen() and window.menuBar().isVisible()


def test_the_view_menu_enters_presentation_and_keeps_the_place(open_window, qtbot):
    from .keyboard import in_the_middle_of_a_paragraph

    window = open_window("en")
    in_the_middle_of_a_paragraph(window, qtbot)
    action_named(window.view_menu, "Presentation Mode").trigger()
    assert window.isFullScreen()
    # The whole of this short section may fit the screen now: the paragraph is in view.
    assert window.section_id == "united-nations"
    assert paragraph_in_view(window.text, 1)
    window.comfort.presentation.leave()
    assert window.section_id == "united-nations"
    assert paragraph_in_view(window.text, 1)


def test_a_hidden_tree_stays_hidden_afterwards(open_window, qtbot):
    window = open_window("en")
    press(window, qtbot, window.text, Qt.Key.Key_F9)
    assert not window.side_panel.isVisible()
    press(window, qtbot, window.text, Qt.Key.Key_F11)
    press(window, qtbot, window.text, Qt.Key.Key_Escape)
    assert not window.side_panel.isVisible()
    assert window.menuBar().isVisible()


def test_keys_still_work_while_the_menu_bar_is_hidden(open_window, qtbot):
    window = open_window("en", section="osce")
    press(window, qtbot, window.text, Qt.Key.Key_F11)
    presenting = page_points(window)
    press(window, qtbot, window.text, Qt.Key.Key_PageDown, CTRL)
    assert window.section_id == "nato"
    press(window, qtbot, window.text, Qt.Key.Key_Equal, CTRL)
    assert page_points(window) > presenting
    press(window, qtbot, window.text, Qt.Key.Key_L, CTRL)
    assert window.app.language == "ru"
    press(window, qtbot, window.text, Qt.Key.Key_Escape)
    # Enlarging for the projector leaves the reading size as it was.
    assert page_points(window) == textsize.DEFAULT_SIZE


def test_f9_or_the_mouse_at_the_edge_brings_the_tree_back(open_window, qtbot):
    window = open_window("en", section="osce")
    press(window, qtbot, window.text, Qt.Key.Key_F11)
    press(window, qtbot, window.text, Qt.Key.Key_F9)
    assert window.side_panel.isVisible()
    press(window, qtbot, window.text, Qt.Key.Key_F9)
    assert not window.side_panel.isVisible()

    move_mouse(window.text, 0)
    assert window.side_panel.isVisible()
    move_mouse(window.text, window.text.width() - 10)
    assert not window.side_panel.isVisible()
    press(window, qtbot, window.text, Qt.Key.Key_Escape)
    assert window.side_panel.isVisible()


def test_esc_does_nothing_outside_presentation(open_window, qtbot):
    window = open_window("en")
    assert not window.comfort.presentation.leave_action.isEnabled()
    press(window, qtbot, window.text, Qt.Key.Key_Escape)
    assert window.menuBar().isVisible()


def test_closing_while_presenting_remembers_the_normal_window(open_window, qtbot):
    window = open_window("en")
    press(window, qtbot, window.text, Qt.Key.Key_F11)
    window.close()
    reopened = open_window("en")
    assert not reopened.isFullScreen()
    assert reopened.menuBar().isVisible() and reopened.side_panel.isVisible()
