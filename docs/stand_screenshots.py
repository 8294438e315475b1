"""Take docs/events.md's screenshots of stand mode from the real app.

    make screenshots        (runs this under Xvfb at 1366×768)
    python docs/stand_screenshots.py [OUTDIR]   (on any display; docs/ by default)

Starts the reader as ``reader --kiosk`` does (full screen, private settings),
and writes stand-welcome.png (the welcome screen), then stand-en.png and
stand-ru.png (a section after choosing each language, with the stand's bar
and the section list) and stand-parallel-ru.png (the same in both languages
side by side).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from PySide6.QtWidgets import QApplication

from reader.gui import create_window
from reader.ui import messages
from reader.ui.application import ReaderApplication
from reader.ui.stand import Stand

DOCS = Path(__file__).resolve().parent
SECTION = "united-nations"


def settle(app: QApplication, rounds: int = 30) -> None:
    for _ in range(rounds):
        app.processEvents()


def shoot(window, app: QApplication, path: Path) -> None:
    settle(app)
    picture = window.screen().grabWindow(0) if app.platformName() == "xcb" else window.grab()
    if picture.isNull():
        picture = window.grab()
    picture.save(str(path))
    print(path)


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else DOCS
    out.mkdir(parents=True, exist_ok=True)
    messages.set_dialogs_enabled(False)
    with tempfile.TemporaryDirectory() as scratch:
        os.environ["XDG_CONFIG_HOME"] = scratch  # no stand.ini: the defaults
        app = ReaderApplication(sys.argv[:1])
        args = argparse.Namespace(lang="en", section=None, content=None, kiosk=True, idle="0")
        window = create_window(args, app)
        stand = window.findChild(Stand)
        settle(app, 60)
        shoot(window, app, out / "stand-welcome.png")
        welcome = window.start_page.welcome
        for language in ("en", "ru"):
            welcome.buttons[language].click()
            window.show_section(SECTION)
            shoot(window, app, out / f"stand-{language}.png")
            window.reading_actions().home.trigger()
        welcome.buttons["ru"].click()
        window.reading_actions().side_by_side.trigger()
        window.show_section(SECTION)
        shoot(window, app, out / "stand-parallel-ru.png")
        stand.leave()
    return 0


if __name__ == "__main__":
    sys.exit(main())
