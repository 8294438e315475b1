"""Take the README's screenshots from the real app.

    make screenshots        (runs this under Xvfb when there is no display)

Writes docs/screenshot-en.png and docs/screenshot-ru.png: the same section and
place, before and after switching the language from the menu; then
docs/screenshot-parallel.png: View › Side by Side, scrolled to where the
second pair of paragraphs starts level, and that pair marked; then
docs/screenshot-narrow.png: a 700-pixel window side by side, both columns
hyphenated; and docs/screenshot-filedialog-ru.png: File › Export as PDF in
Russian, Qt's own file dialog.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QFileDialog

from reader import hyphenation
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


def shoot_file_dialog(window, app: QApplication, path: Path) -> None:
    """Open File › Export as PDF, photograph the dialog, cancel it."""

    def when_open() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QFileDialog):
            QTimer.singleShot(50, when_open)
            return
        dialog.resize(760, 460)
        for _ in range(10):  # let the window manager place and draw it
            settle(app)
            time.sleep(0.05)
        if app.platformName() == "xcb":  # with the window manager's frame and title
            frame = dialog.frameGeometry()
            picture = dialog.screen().grabWindow(
                0, frame.x(), frame.y(), frame.width(), frame.height()
            )
            picture.save(str(path))
            print(path)
        else:
            shoot(dialog, app, path)
        dialog.reject()

    QTimer.singleShot(0, when_open)
    window.printing.export_pdf_action.trigger()


def main() -> int:
    messages.set_dialogs_enabled(False)
    hyphenation.warm_up()  # every page as it is once the first frame is shown
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
        window.language_actions["ru"].trigger()
        window.resize(700, 640)
        window.show_section("non-aligned-movement")
        settle(app, 40)
        shoot(window, app, DOCS / "screenshot-narrow.png")
        window.side_by_side.action.trigger()
        window.resize(1000, 640)
        shoot_file_dialog(window, app, DOCS / "screenshot-filedialog-ru.png")
        window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
