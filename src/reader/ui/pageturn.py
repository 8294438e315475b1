"""What a presentation clicker's keys do: scroll on, and past a section's end, turn to the next.

A clicker sends Page Down / Page Up (some send Right / Left); a presenter at
the keyboard presses Space or the arrows. In presentation mode each of them
scrolls the text, and pressed once more at the end of a section it opens the
next one (at its top); at the start of a section, the previous one (at its
end, so going back reads on backwards). The audience first sees the end of
a section, then the page turns.

``PageTurner`` watches the reading panes it is given (the single pane and
the side-by-side columns) while ``active`` is true and calls ``step(+1)`` or
``step(-1)`` when a section should change; the window decides what that
means (``Navigation.step``).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QFontMetricsF, QKeyEvent
from PySide6.QtWidgets import QAbstractScrollArea, QTextEdit

__all__ = ["PageTurner"]

LINES_PER_ARROW = 3  # Down / Up: as far as a notch of the mouse wheel
OVERLAP_LINES = 1  # a page forward keeps the last line in view, to read on from

NO = Qt.KeyboardModifier.NoModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
# key, modifiers → (direction, a whole page?); a keypad's keys count as the same keys
KEYS: dict[tuple[Qt.Key, Qt.KeyboardModifier], tuple[int, bool]] = {
    (Qt.Key.Key_PageDown, NO): (1, True),
    (Qt.Key.Key_Space, NO): (1, True),
    (Qt.Key.Key_Right, NO): (1, True),
    (Qt.Key.Key_Down, NO): (1, False),
    (Qt.Key.Key_PageUp, NO): (-1, True),
    (Qt.Key.Key_Space, SHIFT): (-1, True),
    (Qt.Key.Key_Left, NO): (-1, True),
    (Qt.Key.Key_Up, NO): (-1, False),
}
_MODIFIERS = SHIFT | Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier


class PageTurner(QObject):
    """Clicker keys on the watched panes: scroll, and turn the section at either end."""

    def __init__(self, step: Callable[[int], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._step = step
        self.active = False

    def watch(self, *panes: QAbstractScrollArea) -> None:
        for pane in panes:
            pane.installEventFilter(self)

    def turn(self, pane: QAbstractScrollArea, direction: int, page: bool = True) -> None:
        """Scroll ``pane`` a page (or a few lines) on; at the end already, change section."""
        bar = pane.verticalScrollBar()
        at_end = bar.value() >= bar.maximum() if direction > 0 else bar.value() <= bar.minimum()
        if at_end:
            self._step(direction)
            return
        line = self._line_height(pane)
        if page:
            distance = max(bar.pageStep() - OVERLAP_LINES * line, line)
        else:
            distance = LINES_PER_ARROW * line
        bar.setValue(bar.value() + direction * round(distance))

    @staticmethod
    def _line_height(pane: QAbstractScrollArea) -> float:
        if isinstance(pane, QTextEdit):
            return QFontMetricsF(pane.document().defaultFont()).lineSpacing()
        return float(pane.verticalScrollBar().singleStep())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            self.active
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and isinstance(watched, QAbstractScrollArea)
        ):
            key = KEYS.get((Qt.Key(event.key()), event.modifiers() & _MODIFIERS))
            if key is not None:
                self.turn(watched, *key)
                return True
        return super().eventFilter(watched, event)
