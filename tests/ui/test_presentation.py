"""Presentation mode: F11 in, Esc out; chrome hidden and restored; larger type."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication

from reader import textsize

from .keyboard import CTRL, press
from .onscreen import on_screen
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


MEASURE_PRESENTATION = """
import argparse, json, statistics
from PySide6.QtTest import QTest
from reader.gui import create_window
from reader.settings import Settings
from reader.ui.application import ReaderApplication
app = ReaderApplication(["reader"])
args = argparse.Namespace(lang="en", section="united-nations", content=None)
window = create_window(args, app, Settings())
QTest.qWaitForWindowExposed(window)
window.comfort.presentation.enter()
for _tick in range(500):  # until the window is full screen (qtbot's waitUntil, by hand)
    if window.text.width() == window.screen().geometry().width():
        break
    QTest.qWait(10)

def measure():
    lengths = []
    block = window.text.document().begin()
    while block.isValid():
        layout = block.layout()
        if layout.lineCount() >= 3:  # a paragraph's lines, less its last
            for i in range(layout.lineCount() - 1):  # characters seen: no soft hyphens
                line = layout.lineAt(i)
                shown = block.text()[line.textStart() : line.textStart() + line.textLength()]
                lengths.append(len(shown.replace("\\xad", "")))
        block = block.next()
    points = window.text.document().defaultFont().pointSizeF()
    return statistics.median(lengths), points * window.screen().logicalDotsPerInch() / 72

english = measure()
window.set_language("ru")
russian = measure()
print(json.dumps({"en": english, "ru": russian, "height": window.screen().geometry().height()}))
"""


@pytest.mark.parametrize(
    ("width", "height", "dpr"),
    [(1366, 768, 1.0), (1920, 1080, 1.0), (3840, 2160, 1.0), (1920, 1080, 2.0)],
)
def test_presentation_type_is_sized_from_the_screen(tmp_path, width, height, dpr):
    found = on_screen(tmp_path, MEASURE_PRESENTATION, width, height, dpr)
    for language in ("en", "ru"):
        characters, em = found[language]
        assert 60 <= characters <= 75, (language, characters)  # a comfortable measure
        # Readable from the back of the room: a line of type is 1/22 of the picture
        # or more, whatever its resolution and pixel ratio.
        assert em / found["height"] >= 1 / 22, (language, em)
    # A language switch in front of the room keeps the size.
    assert found["en"][1] == found["ru"][1]
