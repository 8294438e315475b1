"""The window fits the screen and the text fits the window."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QWidget

from reader.ui.fitting import FRAME_ALLOWANCE, fit_to_screen

from .keyboard import CTRL, press
from .onscreen import on_screen
from .settle import settle

FIRST_WINDOW = """
import argparse, json
from PySide6.QtTest import QTest
from reader.gui import create_window
from reader.settings import Settings
from reader.ui.application import ReaderApplication
app = ReaderApplication(["reader"])
window = create_window(argparse.Namespace(lang="en", section=None, content=None), app, Settings())
QTest.qWaitForWindowExposed(window)
frame, area = window.frameGeometry(), window.screen().availableGeometry()
print(json.dumps([frame.getRect(), area.getRect()]))
"""


@pytest.mark.parametrize("height", [768, 720])  # 720: what a 48 px taskbar leaves
def test_the_first_window_fits_a_1366_by_768_laptop(tmp_path, height):
    frame, area = on_screen(tmp_path, FIRST_WINDOW, 1366, height, frames=True)
    assert QRect(*area).contains(QRect(*frame)), (frame, area)
    # Room for a real title bar too, which this test screen's frame does not have.
    assert frame[3] + FRAME_ALLOWANCE.top() <= area[3]


def test_a_panel_and_a_title_bar_are_left_room(qtbot):
    window = QWidget()
    qtbot.addWidget(window)
    window.resize(1100, 760)
    laptop = QRect(0, 30, 1366, 738)  # 1366×768 less a 30 px panel at the top
    assert fit_to_screen(window, laptop)
    outer = window.geometry().marginsAdded(FRAME_ALLOWANCE)
    outer.moveTopLeft(window.pos())
    assert laptop.contains(outer)
    assert window.width() == 1100  # only what had to give, gave


def test_a_window_that_fits_is_left_alone(qtbot):
    window = QWidget()
    qtbot.addWidget(window)
    window.resize(900, 600)
    window.move(100, 100)
    assert not fit_to_screen(window, QRect(0, 0, 1920, 1040))
    assert (window.width(), window.height(), window.x(), window.y()) == (900, 600, 100, 100)


def test_a_narrow_window_puts_the_tree_away_and_brings_it_back(open_window, qtbot):
    window = open_window("en", section="united-nations")
    assert window.side_panel.isVisible()
    least = window.comfort.narrow_window.least_text_width()
    window.resize(least + 200, 600)  # the tree's 320 px would leave the text too little
    qtbot.waitUntil(lambda: not window.side_panel.isVisible())
    assert window.text.width() >= least
    window.resize(least + 600, 600)
    qtbot.waitUntil(window.side_panel.isVisible)
    assert window.text.width() >= least


def test_a_tree_the_reader_put_away_stays_away(open_window, qtbot):
    window = open_window("en")
    least = window.comfort.narrow_window.least_text_width()
    window.resize(least + 200, 600)
    qtbot.waitUntil(lambda: not window.side_panel.isVisible())
    press(window, qtbot, window.text, Qt.Key.Key_F9)  # shown again, on purpose
    press(window, qtbot, window.text, Qt.Key.Key_F9)  # and put away, on purpose
    window.resize(least + 600, 600)
    settle(qtbot)  # what the resize queued has run: the tree stays put away
    assert not window.side_panel.isVisible()


def test_side_by_side_is_refused_in_a_window_too_narrow_for_two_columns(open_window, qtbot):
    window = open_window("en", section="united-nations")
    window.resize(520, 600)
    qtbot.waitUntil(lambda: window.splitter.width() <= 520)
    press(window, qtbot, window.text, Qt.Key.Key_D, CTRL)
    assert not window.side_by_side.active
    assert not window.side_by_side.action.isChecked()
    notice = window.side_by_side.stack.findChild(QWidget, "notice")
    assert notice is not None and notice.isVisible()
    assert "too narrow for two readable columns" in notice.text()
    assert window.text.isVisible()  # the single column, as before


def test_narrowing_the_window_leaves_side_by_side_for_one_column(open_window, qtbot):
    window = open_window("ru", section="united-nations")
    window.resize(1100, 700)
    press(window, qtbot, window.text, Qt.Key.Key_D, CTRL)
    assert window.side_by_side.active
    window.resize(520, 700)
    qtbot.waitUntil(lambda: not window.side_by_side.active)
    notice = window.side_by_side.stack.findChild(QWidget, "notice")
    assert notice.isVisible() and "слишком узкое" in notice.text()
