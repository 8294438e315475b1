"""A stand-in for the desktop's screen saver on a private session bus (tests/ui/test_inhibit.py).

``python tests/fake_screensaver.py`` registers ``org.freedesktop.ScreenSaver``
with the two methods a stand uses, typed as the real services type them
(``Inhibit(s, s) -> u``, ``UnInhibit(u)``: a cookie sent as another type is
refused, as GNOME and KDE refuse it), prints ``ready``, then one line per call.
"""

from __future__ import annotations

import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import ClassInfo, QCoreApplication, QObject, Slot
from PySide6.QtDBus import QDBusConnection

COOKIE = 4242


@ClassInfo({"D-Bus Interface": "org.freedesktop.ScreenSaver"})
class ScreenSaver(QObject):
    @Slot(str, str, result="uint")
    def Inhibit(self, application: str, reason: str) -> int:
        print(f"Inhibit {application!r} {reason!r} -> {COOKIE}", flush=True)
        return COOKIE

    @Slot("uint")
    def UnInhibit(self, cookie: int) -> None:
        print(f"UnInhibit {cookie}", flush=True)


def main() -> int:
    app = QCoreApplication(sys.argv[:1])
    bus = QDBusConnection.sessionBus()
    service = ScreenSaver()
    exported = bus.registerObject(
        "/org/freedesktop/ScreenSaver", service, QDBusConnection.RegisterOption.ExportAllSlots
    )
    if not (exported and bus.registerService("org.freedesktop.ScreenSaver")):
        print(f"not registered: {bus.lastError().message()}", flush=True)
        return 1
    print("ready", flush=True)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
