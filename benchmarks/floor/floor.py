"""The floor: the smallest PySide6 app that shows a tree and a QTextBrowser.

``make bench`` freezes it with Reader's PyInstaller options and trimming
(``floor.spec``) and measures Reader against it. It honours Reader's
benchmark hooks: READER_FIRST_PAINT_FILE and READER_EXIT_AFTER_PAINT (see
``reader.ui.firstpaint``).
"""

import os
import sys
import time

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QMainWindow,
    QSplitter,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
)

TEXT = (
    "<h1>Floor</h1><p>The quick brown fox jumps over the lazy dog. Съешь же ещё этих мягких "
    "французских булок, да выпей чаю. This paragraph stands for a document: the floor shows "
    "one, the way Reader shows a section, so the two first frames paint the same kind of "
    "thing.</p>"
)


class FirstPaint(QObject):
    """Write the time of the first frame, then maybe quit: Reader's hook, inline.

    It watches the window, not the browser's viewport: asking Qt for the
    viewport would cost PySide ~10 ms that a bare app does not spend.
    """

    def __init__(self, window: QMainWindow, path: str) -> None:
        super().__init__(window)
        self._path = path
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self._report)
        return False

    def _report(self) -> None:
        with open(self._path, "w", encoding="utf-8") as stamp:
            stamp.write(f"{time.monotonic():.6f} {time.time():.6f}\n")
        if os.environ.get("READER_EXIT_AFTER_PAINT") == "1":
            QApplication.quit()


def main() -> int:
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.setWindowTitle("Floor")
    tree = QTreeWidget()
    tree.setHeaderHidden(True)
    for number in range(1, 4):
        item = QTreeWidgetItem(tree, [f"Section {number}"])
        QTreeWidgetItem(item, [f"Section {number}.1"])
    tree.expandAll()
    browser = QTextBrowser()
    browser.setHtml(TEXT)
    splitter = QSplitter(Qt.Orientation.Horizontal)
    splitter.addWidget(tree)
    splitter.addWidget(browser)
    splitter.setSizes([320, 780])
    window.setCentralWidget(splitter)
    window.resize(1100, 760)
    if os.environ.get("READER_FIRST_PAINT_FILE"):
        FirstPaint(window, os.environ["READER_FIRST_PAINT_FILE"])
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
