"""Keep the screen on while a stand runs, through the desktop's own interface.

A stand is read by people who walk up to it, not by someone who touches it
every few minutes: without this the screen saver blanks it, or the desktop
locks it, between visitors. Each platform has a way to say "a presentation
is running"; each is asked here, and released when the stand ends:

- Linux desktops: ``org.freedesktop.ScreenSaver.Inhibit`` on the session bus
  (QtDBus), which returns a cookie for ``UnInhibit``. The desktop also drops
  the inhibition if the process dies, so even a power cut leaves nothing behind.
- Windows: ``SetThreadExecutionState`` (display and system required), via ctypes.
- macOS: ``caffeinate -d -i -w <pid>``, which ends by itself with the reader.

Where none answers (a bare X server, no session bus) a log line says so and
the stand runs on: docs/events.md says how to turn blanking off by hand.
"""

from __future__ import annotations

import logging
import os
import sys
from typing import Any

__all__ = ["SCREENSAVER_SERVICE", "ScreenSaverInhibitor"]

log = logging.getLogger(__name__)

SCREENSAVER_SERVICE = "org.freedesktop.ScreenSaver"
SCREENSAVER_INTERFACE = "org.freedesktop.ScreenSaver"
# GNOME, Xfce and others answer on the first path; KDE Plasma on both.
SCREENSAVER_PATHS = ("/org/freedesktop/ScreenSaver", "/ScreenSaver")
DBUS_TIMEOUT_MS = 2000

# Windows: SetThreadExecutionState flags.
ES_CONTINUOUS = 0x80000000
ES_SYSTEM_REQUIRED = 0x00000001
ES_DISPLAY_REQUIRED = 0x00000002


class ScreenSaverInhibitor:
    """``inhibit()`` once when the stand starts, ``release()`` when it ends (both idempotent)."""

    def __init__(self, application: str = "Reader") -> None:
        self.application = application
        self.active = False
        self._cookie: int | None = None
        self._path = ""
        self._caffeinate: Any = None  # the caffeinate process (macOS)

    def inhibit(self, reason: str) -> bool:
        """Ask the platform to keep the screen on; False (and a log line) if nothing could."""
        if self.active:
            return True
        try:
            if sys.platform == "win32":
                self.active = self._windows(
                    ES_CONTINUOUS | ES_SYSTEM_REQUIRED | ES_DISPLAY_REQUIRED
                )
            elif sys.platform == "darwin":
                self.active = self._start_caffeinate()
            else:
                self.active = self._dbus_inhibit(reason)
        except Exception as error:  # noqa: BLE001 (a stand without this still works)
            log.warning("The screen saver could not be held off: %s", error)
            self.active = False
        if self.active:
            log.info("Screen saver and screen blanking held off while the stand runs")
        return self.active

    def release(self) -> None:
        if not self.active:
            return
        self.active = False
        try:
            if sys.platform == "win32":
                self._windows(ES_CONTINUOUS)
            elif sys.platform == "darwin":
                if self._caffeinate is not None:
                    self._caffeinate.terminate()
                    self._caffeinate.wait(timeout=5)
                    self._caffeinate = None
            else:
                self._dbus_release()
        except Exception as error:  # noqa: BLE001
            log.warning("The screen saver could not be given back: %s", error)
            return
        log.info("Screen saver allowed again")

    # -- Linux: the freedesktop screen saver interface ----------------------------

    def _dbus_inhibit(self, reason: str) -> bool:
        from PySide6.QtDBus import QDBusConnection, QDBusMessage

        if not _session_bus_known():
            log.warning("No D-Bus session bus: the screen saver cannot be held off")
            return False
        bus = QDBusConnection.sessionBus()
        if not bus.isConnected():
            log.warning(
                "No D-Bus session bus: the screen saver cannot be held off (%s)",
                bus.lastError().message() or "not connected",
            )
            return False
        errors = []
        for path in SCREENSAVER_PATHS:
            message = QDBusMessage.createMethodCall(
                SCREENSAVER_SERVICE, path, SCREENSAVER_INTERFACE, "Inhibit"
            )
            message.setArguments([self.application, reason])
            reply = bus.call(message, timeout=DBUS_TIMEOUT_MS)
            if reply.type() == QDBusMessage.MessageType.ReplyMessage and reply.arguments():
                self._cookie = int(reply.arguments()[0])
                self._path = path
                return True
            errors.append(f"{path}: {reply.errorName()} {reply.errorMessage()}".strip())
        log.warning(
            "No screen saver service answered on the session bus; the screen may blank (%s)",
            "; ".join(errors),
        )
        return False

    def _dbus_release(self) -> None:
        """``UnInhibit(cookie)``: through an interface object, so the cookie goes as ``u``.

        (A plain message would carry a Python int as ``i``, which the service refuses.)
        """
        from PySide6.QtCore import Q_ARG, QMetaObject, Qt
        from PySide6.QtDBus import QDBusConnection, QDBusInterface

        cookie, self._cookie = self._cookie, None
        if cookie is None:
            return
        bus = QDBusConnection.sessionBus()
        interface = QDBusInterface(SCREENSAVER_SERVICE, self._path, SCREENSAVER_INTERFACE, bus)
        interface.setTimeout(DBUS_TIMEOUT_MS)
        if not interface.isValid() or not QMetaObject.invokeMethod(
            interface, "UnInhibit", Qt.ConnectionType.DirectConnection, Q_ARG("uint", cookie)
        ):
            raise OSError(interface.lastError().message() or "UnInhibit not called")
        error = interface.lastError()
        if error.isValid():
            raise OSError(f"{error.name()} {error.message()}")

    # -- Windows and macOS ------------------------------------------------------

    @staticmethod
    def _windows(flags: int) -> bool:
        import ctypes

        kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
        kernel32.SetThreadExecutionState.restype = ctypes.c_uint
        return bool(kernel32.SetThreadExecutionState(ctypes.c_uint(flags)))

    def _start_caffeinate(self) -> bool:
        import subprocess  # macOS only: not loaded on other systems

        try:
            self._caffeinate = subprocess.Popen(
                ["caffeinate", "-d", "-i", "-w", str(os.getpid())],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        except OSError as error:
            log.warning("caffeinate could not be started: %s", error)
            return False
        return True


def _session_bus_known() -> bool:
    """Whether the session has a bus to ask; else Qt would start one (dbus-launch) for nothing.

    A bus started for this request would have no screen saver on it, and would
    outlive the reader.
    """
    if os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
        return True
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    return runtime is not None and os.path.exists(os.path.join(runtime, "bus"))
