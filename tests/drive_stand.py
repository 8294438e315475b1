"""Run the stand until the screen saver is held off, then quit the application.

``python tests/drive_stand.py`` opens ``reader --kiosk`` in this process and,
once the stand has asked for the screen to stay on, calls
``QApplication.quit()``, as the handler of a shutdown's SIGTERM does. It
prints ``closed`` if the window went, and exits with the event loop's status.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> int:
    from PySide6.QtCore import QTimer

    from reader.gui import create_window
    from reader.ui import messages
    from reader.ui.application import ReaderApplication
    from reader.ui.stand import Stand

    logging.basicConfig(level=logging.INFO, stream=sys.stdout, format="%(name)s: %(message)s")
    messages.set_dialogs_enabled(False)
    app = ReaderApplication(sys.argv[:1])
    args = argparse.Namespace(lang="en", section=None, content=None, kiosk=True, idle=None)
    window = create_window(args, app)
    stand = window.findChild(Stand)
    QTimer.singleShot(1000, app.quit)
    QTimer.singleShot(20000, lambda: app.exit(3))  # never hang a test
    status = app.exec()
    print("closed" if not window.isVisible() else "still open", flush=True)
    print(f"inhibitor active: {stand.inhibitor.active}", flush=True)
    return status


if __name__ == "__main__":
    sys.exit(main())
