"""Take the README's screenshots from the real app.

    make screenshots        (runs this under Xvfb when there is no display)

Writes docs/screenshot-en.png and docs/screenshot-ru.png: the same section and
place, before and after switching the language from the menu; then
docs/screenshot-parallel.png: View › Side by Side, scrolled to where the
second pair of paragraphs starts level, and that pair marked.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from PySide6.QtWidgets import QApplication

from reader.gui import create_window
from reader.settings import Settings
from reader.ui import messages
from reader.ui.application import ReaderApplication

DOCS = Path(__file__).resolve().parent
SECTION = "united-nations"


def settle(app: QApplication, rounds: int = 20) -> None:
    for _ in range(rounds):
        app.processEvents()


def shoot(window, app: QApplication, path: Path) -> None:
    settle(app)
    screen = window.screen()
    picture = screen.grabWindow(window.winId()) if app.platformName() == "xcb" else window.grab()
    if picture.isNull():
        picture = window.grab()
    picture.save(str(path))
    print(path)


def main() -> int:
    messages.set_dialogs_enabled(False)
    app = ReaderApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as scratch:
        args = argparse.Namespace(lang="en", section=SECTION, content=None)
        window = create_window(args, app, Settings(Path(scratch) / "shots.ini"))
        window.resize(1200, 760)
        window.move(0, 0)
        settle(app)
        window.show_section(SECTION)
        shoot(window, app, DOCS / "screenshot-en.png")
        window.language_actions["ru"].trigger()
        shoot(window, app, DOCS / "screenshot-ru.png")
        window.language_actions["en"].trigger()
        window.side_by_side.action.trigger()
        settle(app)
        view = window.side_by_side.view
        view.scroll_to_paragraph(0, 0.0)  # titles and the first pair, the second pair level
        view.mark_paragraphs(0, 0)
        shoot(window, app, DOCS / "screenshot-parallel.png")
        window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
