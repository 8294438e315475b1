"""The control bar: buttons from actions, large enough for a finger on any screen."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QToolButton, QWidget

from reader.ui.controlbar import MIN_TARGET, ControlBar, touch_target

from .onscreen import on_screen

MEASURE_BUTTONS = """
import json
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QToolButton
from reader.ui.controlbar import ControlBar
app = QApplication([])
bar = ControlBar()
bar.add_action(QAction("Next section", bar))
toggle = QToolButton()
toggle.setText("EN")
bar.add_widget(toggle)
bar.show()
app.processEvents()
print(json.dumps([[b.width(), b.height()] for b in bar.buttons()]))
"""


@pytest.mark.parametrize(
    ("width", "height", "dpr", "dpi", "least"),
    [
        (1366, 768, 1.0, 96, 44),  # a laptop: never below a fingertip
        (1920, 1080, 1.0, 96, 44),
        (3840, 2160, 1.0, 96, 88),  # 4K at 1:1: pixels half the size, buttons twice as many
        (1920, 1080, 2.0, 96, 44),  # 4K at 200 %: 44 logical px are 88 device px
        (1920, 1080, 1.0, 144, 44),  # 150 % text: Qt makes it a pixel ratio of 1.5
    ],
)
def test_buttons_are_finger_sized_on_every_screen(tmp_path, width, height, dpr, dpi, least):
    sizes = on_screen(tmp_path, MEASURE_BUTTONS, width, height, dpr, dpi)
    assert len(sizes) == 2
    for button_width, button_height in sizes:
        assert button_height >= least and button_width >= least
        assert button_height < least * 1.2  # large, not huge


def test_a_button_triggers_its_action_and_shows_its_state(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    bar = ControlBar(parent)
    action = QAction("Side by side", parent, checkable=True)
    button = bar.add_action(action)
    parent.show()
    qtbot.waitExposed(parent)
    assert button.text() == "Side by side"
    assert button.height() >= touch_target(bar.screen()) >= MIN_TARGET
    assert button.focusPolicy() == Qt.FocusPolicy.NoFocus  # keys stay with the text
    with qtbot.waitSignal(action.toggled):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert action.isChecked() and button.isChecked()
    action.setText("Side by Side (changed)")
    assert button.text() == "Side by Side (changed)"


def test_a_feature_adds_its_action_later(qtbot):
    bar = ControlBar()
    qtbot.addWidget(bar)
    bar.show()
    qtbot.waitExposed(bar)
    read_aloud = QAction("Read aloud", bar)
    button = bar.add_action(read_aloud)
    assert button in bar.buttons()
    assert isinstance(button, QToolButton) and button.height() >= MIN_TARGET


def test_a_button_keeps_its_own_icon_when_the_action_changes(qtbot):
    from PySide6.QtGui import QColor, QIcon, QPixmap

    def icon(colour: str) -> QIcon:
        pixmap = QPixmap(8, 8)
        pixmap.fill(QColor(colour))
        return QIcon(pixmap)

    bar = ControlBar()
    qtbot.addWidget(bar)
    action = QAction(icon("black"), "Next", bar)
    white = icon("white")
    button = bar.add_action(action, white)
    action.setText("Next section")  # a new language
    assert button.icon().cacheKey() == white.cacheKey()
    red = icon("red")
    bar.set_icon(button, red)
    action.setEnabled(False)
    assert button.icon().cacheKey() == red.cacheKey()
