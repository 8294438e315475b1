"""Keep the reader's place on disk as it changes, not only on a clean quit.

At an event the machine is switched off at the wall, or the session is ended
with ``kill``: the next start must open the same paragraph in the same
language. A change (language, section, scrolling, view, text size, window
state) starts a short timer; when it runs out the window writes its state.
The settings file is replaced atomically by QSettings (a temporary file
renamed over the old one), so a cut in the middle of a write leaves the
previous file, never half of one.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QAbstractScrollArea, QWidget

__all__ = ["PlaceKeeper"]

# Long enough that scrolling writes once, not on every frame; short enough that
# a power cut a few seconds after the last change loses nothing.
DELAY_MS = 750

_WINDOW_CHANGES = frozenset({QEvent.Type.Resize, QEvent.Type.Move, QEvent.Type.WindowStateChange})


class PlaceKeeper(QObject):
    """Calls ``save`` a moment after the last change it is told of."""

    def __init__(self, save: Callable[[], None], parent: QObject) -> None:
        super().__init__(parent)
        self._save = save
        self._timer = QTimer(self, singleShot=True, interval=DELAY_MS)
        self._timer.timeout.connect(self._save)
        self._panes: list[QAbstractScrollArea] = []
        self._windows: list[QWidget] = []

    @property
    def pending(self) -> bool:
        """Whether a change waits to be written."""
        return self._timer.isActive()

    def changed(self, *_args: object) -> None:
        """Something the next start should restore has changed."""
        self._timer.start()

    def watch_scrolling(self, pane: QAbstractScrollArea) -> None:
        """Scrolling ``pane`` moves the place (each pane is watched once)."""
        if pane in self._panes:
            return
        self._panes.append(pane)
        pane.verticalScrollBar().valueChanged.connect(self.changed)

    def watch_window(self, window: QWidget) -> None:
        """Moving, resizing, maximising or full screen change the window state."""
        if window not in self._windows:
            self._windows.append(window)
            window.installEventFilter(self)

    def flush(self) -> None:
        """Write now what is waiting (before a quit)."""
        if self._timer.isActive():
            self._timer.stop()
            self._save()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _WINDOW_CHANGES and watched in self._windows:
            self.changed()
        return super().eventFilter(watched, event)
