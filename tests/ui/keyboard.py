"""Pressing keys as a person would: in the active window, on the focused widget."""

from __future__ import annotations

from PySide6.QtCore import Qt

NO = Qt.KeyboardModifier.NoModifier
CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def press(window, qtbot, widget, key: Qt.Key, modifiers=NO) -> None:
    """Deliver a real key event; the shortcut map sees it before the widget does."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    widget.setFocus()
    qtbot.keyClick(widget, key, modifiers)


def in_the_middle_of_a_paragraph(window, qtbot) -> None:
    """A small window scrolled a quarter into the second paragraph of a section."""
    window.resize(700, 330)
    qtbot.waitUntil(lambda: window.text.viewport().height() < 330)  # laid out again
    window.show_section("united-nations")
    window.text.scroll_to_paragraph(1, 0.25)
    assert window.position()[:2] == ("united-nations", 1)


def type_text(widget, text: str) -> None:
    """Type any text, Cyrillic too (QTest's keyClicks takes Latin-1 only)."""
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    for character in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, NO, character))
