"""Notice when nobody has touched the screen for a while (a stand's idle reset).

A visitor leaves without saying so; the stand knows only that no finger,
mouse or key has reached it for some time. This filter sees every input event
of the application, and stores the time of the last one: a float assignment,
cheap enough for every mouse move. One single-shot timer wakes at the
earliest moment the time can be up, and sleeps again if input came meanwhile.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, Signal

__all__ = ["INPUT_EVENTS", "IdleWatcher"]

_Type = QEvent.Type
INPUT_EVENTS = frozenset(
    {
        _Type.MouseButtonPress,
        _Type.MouseButtonRelease,
        _Type.MouseButtonDblClick,
        _Type.MouseMove,
        _Type.Wheel,
        _Type.KeyPress,
        _Type.KeyRelease,
        _Type.TouchBegin,
        _Type.TouchUpdate,
        _Type.TouchEnd,
        _Type.TabletPress,
        _Type.TabletMove,
        _Type.Gesture,
    }
)


class IdleWatcher(QObject):
    """``idle`` is emitted once after ``seconds`` without input; ``start`` arms it again.

    Input counts once ``watch`` has been called. The stand calls it after its
    first frame: a filter on the whole application is handed objects of Qt's
    private classes (the window's QWidgetWindow), and to name the first one
    PySide builds the Python type of every QObject subclass, ~30 ms that the
    first frame would otherwise wait for.
    """

    idle = Signal()

    def __init__(self, seconds: float, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.seconds = seconds
        self._last = time.monotonic()
        self._armed = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._check)
        self._watching = False

    def watch(self) -> None:
        """From now on every key, click and touch in the application counts (idempotent)."""
        app = QCoreApplication.instance()
        if app is not None and not self._watching:
            self._watching = True
            self._last = time.monotonic()
            app.installEventFilter(self)

    @property
    def armed(self) -> bool:
        return self._armed

    def start(self) -> None:
        """Count from now; 0 seconds means never."""
        self.watch()  # if the first frame has not yet (a welcome screen left unpainted)
        self._last = time.monotonic()
        self._armed = self.seconds > 0
        if self._armed:
            self._timer.start(round(self.seconds * 1000))

    def stop(self) -> None:
        self._armed = False
        self._timer.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in INPUT_EVENTS:
            self._last = time.monotonic()
        return False

    def _check(self) -> None:
        if not self._armed:
            return
        left = self.seconds - (time.monotonic() - self._last)
        if left > 0.001:
            self._timer.start(max(1, round(left * 1000)))
            return
        self._armed = False
        self.idle.emit()
