"""SIGTERM and SIGINT end the reader through its event loop.

A shutdown or ``kill`` sends SIGTERM; Ctrl+C in a terminal sends SIGINT.
Python runs its signal handlers only between bytecodes, and while Qt waits
for events no bytecode runs: the signal would be noticed only at the next
mouse move, or (SIGINT) raise KeyboardInterrupt inside some slot. So the C
handler writes the signal's number to a pipe Qt watches; the wake-up lets
Python run the handler, which saves the place and leaves the event loop.
(A pipe, not a socket pair: loading the socket module cost 3 ms of every
start-up. Windows' wake-up takes only a socket, so it gets one.)

``QApplication.exit`` is used rather than ``quit``: since Qt 6 ``quit`` asks
every window to close, and a window may refuse (the stand refuses visitors'
close requests), while a shutdown must not be refused.
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
from collections.abc import Callable

from PySide6.QtCore import QObject, QSocketNotifier
from PySide6.QtWidgets import QApplication

__all__ = ["END_SIGNALS", "end_on_signals"]

log = logging.getLogger(__name__)

END_SIGNALS = tuple(
    getattr(signal, name) for name in ("SIGTERM", "SIGINT", "SIGHUP") if hasattr(signal, name)
)


class _Wakeup:
    """A non-blocking pair of ends: the C handler writes to one, Qt watches the other."""

    def __init__(self) -> None:
        if os.name == "nt":  # set_wakeup_fd takes a socket there
            import socket

            self._sockets = socket.socketpair()
            for end in self._sockets:
                end.setblocking(False)
            self.read_end, self.write_end = (end.fileno() for end in self._sockets)
        else:
            self.read_end, self.write_end = os.pipe()
            os.set_blocking(self.read_end, False)
            os.set_blocking(self.write_end, False)

    def drain(self) -> None:
        with contextlib.suppress(OSError):
            if os.name == "nt":
                self._sockets[0].recv(64)
            else:
                os.read(self.read_end, 64)

    def close(self) -> None:
        if os.name == "nt":
            for end in self._sockets:
                end.close()
        else:
            os.close(self.read_end)
            os.close(self.write_end)


class _SignalWatch(QObject):
    """Owns the wake-up pair; lives as long as the application."""

    def __init__(self, app: QApplication, before_exit: Callable[[], None]) -> None:
        super().__init__(app)
        self._app = app
        self._before_exit = before_exit
        self._wakeup = _Wakeup()
        self._notifier = QSocketNotifier(self._wakeup.read_end, QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._drain)
        self._previous_fd = signal.set_wakeup_fd(self._wakeup.write_end)
        for number in END_SIGNALS:
            signal.signal(number, self._handle)
        app.aboutToQuit.connect(self.release)

    def _drain(self) -> None:
        # Reading is all there is to do: the Python handler has run by the time
        # this slot returns to Qt.
        self._wakeup.drain()

    def _handle(self, number: int, _frame: object) -> None:
        log.info("Ending on signal %s", signal.Signals(number).name)
        try:
            self._before_exit()
        finally:
            self._app.exit(0)

    def release(self) -> None:
        for number in END_SIGNALS:
            signal.signal(number, signal.SIG_DFL)
        signal.set_wakeup_fd(self._previous_fd)
        self._notifier.setEnabled(False)
        self._wakeup.close()


def end_on_signals(app: QApplication, before_exit: Callable[[], None]) -> None:
    """From now on SIGTERM, SIGINT and SIGHUP call ``before_exit``, then end the loop."""
    _SignalWatch(app, before_exit)
