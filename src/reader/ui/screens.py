"""Keep a restored window where a person can see it.

A settings file written on another computer, or before a projector was
unplugged, can hold a window position off every screen. Qt usually pulls such
a window back itself; this is the check that does not depend on it.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QRect
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

__all__ = ["ensure_on_screen", "visible_on_a_screen"]

log = logging.getLogger(__name__)

# Enough of the window to see it and grab it by its title bar.
MIN_VISIBLE_WIDTH = 100
MIN_VISIBLE_HEIGHT = 40


def visible_on_a_screen(frame: QRect) -> bool:
    """Whether enough of ``frame`` lies on some screen's usable area."""
    wanted_width = min(MIN_VISIBLE_WIDTH, frame.width())
    wanted_height = min(MIN_VISIBLE_HEIGHT, frame.height())
    for screen in QGuiApplication.screens():
        seen = screen.availableGeometry().intersected(frame)
        if seen.width() >= wanted_width and seen.height() >= wanted_height:
            return True
    return False


def ensure_on_screen(window: QWidget) -> bool:
    """Move ``window`` onto the primary screen if it is off every screen.

    Returns whether it was moved (and logs it).
    """
    primary = QGuiApplication.primaryScreen()
    if primary is None or visible_on_a_screen(window.frameGeometry()):
        return False
    before = window.frameGeometry()
    area = primary.availableGeometry()
    size = window.size().boundedTo(area.size())
    window.resize(size)
    target = QRect(area.topLeft(), size)
    target.moveCenter(area.center())
    window.move(target.topLeft())
    log.warning(
        "Stored window position (%d, %d, %d×%d) is off every screen; moved to the primary screen",
        before.x(),
        before.y(),
        before.width(),
        before.height(),
    )
    return True
