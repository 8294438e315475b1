"""Take the presenter's screenshots from the real app, on a projector-sized screen.

    xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python docs/presenter_screenshots.py

(or on any X display: the pictures are of the whole screen, so run it on one
whose size you want shown). Writes docs/presenter-en.png and
docs/presenter-ru.png: presentation mode (F11) on the United Nations section,
the pointer just moved, so the presenter's controls are in view, with the
"Esc to leave" hint and the place in the corner.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QPoint
from PySide6.QtGui import QCursor
from PySide6.QtWidgets import QApplication

from reader.gui import create_window
from reader.settings import Settings
from reader.ui import messages
from reader.ui.application import ReaderApplication

DOCS = Path(__file__).resolve().parent
SECTION = "united-nations"


def settle(app: QApplication, seconds: float) -> None:
    """Let the window manager and the fade-ins have their time."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)


def main() -> int:
    messages.set_dialogs_enabled(False)
    app = ReaderApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as scratch:
        args = argparse.Namespace(lang="en", section=SECTION, content=None)
        window = create_window(args, app, Settings(Path(scratch) / "shots.ini"))
        settle(app, 0.5)
        for language in ("en", "ru"):
            window.set_language(language)
            window.comfort.presentation.enter()
            settle(app, 1.0)
            middle = window.geometry().center()
            for step in range(3):  # the pointer moves: the controls come
                QCursor.setPos(middle + QPoint(10 * step, 40 + 5 * step))
                settle(app, 0.1)
            settle(app, 0.5)
            picture = window.screen().grabWindow(0)
            path = DOCS / f"presenter-{language}.png"
            picture.save(str(path))
            print(path, picture.width(), "x", picture.height())
            window.comfort.presentation.leave()
            settle(app, 0.5)
        window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
