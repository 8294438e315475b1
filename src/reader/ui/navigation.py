"""Go menu: back and forward through visited sections, next and previous section.

The window calls ``before_show`` each time it is about to show a section;
leaving one section for another is a visit, which ``reader.history`` keeps.
The mouse's back and forward buttons do what Alt+Left and Alt+Right do.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import SIGNAL, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QMouseEvent
from PySide6.QtWidgets import QWidget

from reader.content import Manifest
from reader.history import History, Position, neighbour, reading_order
from reader.i18n import _

if TYPE_CHECKING:
    from reader.ui.application import ReaderApplication

__all__ = ["Navigation"]

ShowSection = Callable[[str, int, float], None]
CurrentPosition = Callable[[], tuple[str, int, float]]


def _history_keys(standard: QKeySequence.StandardKey, fallback: str) -> list[QKeySequence]:
    """The platform's keys for back or forward, less those with Backspace (it edits text)."""
    keys = [QKeySequence(fallback)]
    for key in QKeySequence.keyBindings(standard):
        # PySide6's stubs lack QKeySequence.__getitem__ (the first key combination).
        if key not in keys and key[0].key() != Qt.Key.Key_Backspace:  # type: ignore[index]
            keys.append(key)
    return keys


class Navigation(QObject):
    """History and reading order, as actions for menus, toolbar and keys."""

    # The section about to be shown: its number in reading order (from 1), of how many.
    placeChanged = Signal(int, int)

    def __init__(
        self,
        app: ReaderApplication,
        manifest: Manifest,
        show: ShowSection,
        position: CurrentPosition,
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self.history = History()
        self._show = show
        self._position = position
        self._manifest = manifest
        self._reading_order: list[str] | None = None  # worked out when first needed
        self._current: str | None = None
        self._replaying = False
        # Away from the text (the start page), Back first returns to it: set by the window.
        self.return_to_text: Callable[[], bool] = lambda: False

        self.back_action = QAction(parent)
        self.back_action.setShortcuts(_history_keys(QKeySequence.StandardKey.Back, "Alt+Left"))
        self.back_action.triggered.connect(self.go_back)
        self.forward_action = QAction(parent)
        self.forward_action.setShortcuts(
            _history_keys(QKeySequence.StandardKey.Forward, "Alt+Right")
        )
        self.forward_action.triggered.connect(self.go_forward)
        self.next_action = QAction(parent)
        self.next_action.setShortcut(QKeySequence("Ctrl+PgDown"))
        self.next_action.triggered.connect(lambda: self.step(1))
        self.previous_action = QAction(parent)
        self.previous_action.setShortcut(QKeySequence("Ctrl+PgUp"))
        self.previous_action.triggered.connect(lambda: self.step(-1))

        app.languageChanged.connect(self.retranslate)
        self.retranslate()
        self._update_actions()

    def retranslate(self) -> None:
        self.back_action.setText(_("&Back"))
        self.forward_action.setText(_("&Forward"))
        self.next_action.setText(_("&Next Section"))
        self.previous_action.setText(_("&Previous Section"))

    def watch_mouse(self, *widgets: QWidget) -> None:
        """Let the mouse's back and forward buttons work over these widgets."""
        for widget in widgets:
            widget.installEventFilter(self)

    def before_show(self, section_id: str) -> None:
        """The window is about to show ``section_id``: leaving another section is a visit."""
        if self._current is not None and section_id != self._current and not self._replaying:
            self.history.visit(Position(*self._position()))
        self._current = section_id
        self._update_actions()
        if self.receivers(SIGNAL("placeChanged(int,int)")):  # the order is walked on demand
            self.placeChanged.emit(*self.place())

    def place(self) -> tuple[int, int]:
        """(number, total): where the current section stands in the reading order; 0 if not."""
        current = self._current
        order = self._order()
        number = order.index(current) + 1 if current in order else 0
        return number, len(order)

    def forget(self) -> None:
        """No way back or forward: a new reader starts here."""
        self.history = History()
        self._update_actions()

    def go_back(self) -> None:
        if self.return_to_text():
            return
        self._replay(self.history.back(Position(*self._position())))

    def go_forward(self) -> None:
        self._replay(self.history.forward(Position(*self._position())))

    def step(self, offset: int) -> None:
        """Open the section ``offset`` places along the tree's reading order."""
        current = self._position()[0]
        target = neighbour(self._order(), current, offset)
        if target is not None and target != current:
            self._show(target, 0, 0.0)

    def _replay(self, position: Position | None) -> None:
        if position is None:
            return
        self._replaying = True
        try:
            self._show(position.section, position.paragraph, position.fraction)
        finally:
            self._replaying = False
        self._update_actions()

    def _update_actions(self) -> None:
        self.back_action.setEnabled(self.history.can_go_back)
        self.forward_action.setEnabled(self.history.can_go_forward)
        first, last = self._ends()
        self.previous_action.setEnabled(self._current != first)
        self.next_action.setEnabled(self._current != last)

    def _ends(self) -> tuple[str | None, str | None]:
        """The first and the last section of the reading order, without walking it all."""
        roots = self._manifest.children(None)
        if not roots:
            return None, None
        last = roots[-1]
        while children := self._manifest.children(last):
            last = children[-1]
        return roots[0], last

    def _order(self) -> list[str]:
        """Sections top to bottom, as the tree shows them (a walk of the whole manifest)."""
        if self._reading_order is None:
            self._reading_order = reading_order(self._manifest)
        return self._reading_order

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.MouseButtonPress and isinstance(event, QMouseEvent):
            if event.button() == Qt.MouseButton.BackButton:
                self.go_back()
                return True
            if event.button() == Qt.MouseButton.ForwardButton:
                self.go_forward()
                return True
        return super().eventFilter(watched, event)
