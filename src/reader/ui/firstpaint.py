"""Tell a benchmark when the text first reaches the screen (``make bench``).

Two environment variables, read only by ``reader.gui``; when the first is
unset, which is always outside a benchmark, this module is not even imported:

``READER_FIRST_PAINT_FILE=path``
    Once the text pane has painted the document for the first time (and the
    window has been flushed to the screen), write one line to ``path``:
    ``<CLOCK_MONOTONIC seconds> <Unix time seconds>``.
``READER_EXIT_AFTER_PAINT=1``
    Then quit, so a benchmark can start the reader again and again.

``benchmarks/floor/floor.py`` honours the same two variables.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QTextEdit, QWidget

__all__ = ["EXIT_AFTER_PAINT", "FIRST_PAINT_FILE", "FirstPaintProbe", "watch_first_paint"]

FIRST_PAINT_FILE = "READER_FIRST_PAINT_FILE"
EXIT_AFTER_PAINT = "READER_EXIT_AFTER_PAINT"


class FirstPaintProbe(QObject):
    """A one-shot event filter on the pane's viewport (or on a screen without text)."""

    def __init__(self, pane: QWidget, path: Path, exit_after: bool) -> None:
        super().__init__(pane)
        self._pane = pane
        self._path = path
        self._exit_after = exit_after
        painted = pane.viewport() if isinstance(pane, QAbstractScrollArea) else pane
        painted.installEventFilter(self)

    def _ready(self) -> bool:
        return not isinstance(self._pane, QTextEdit) or not self._pane.document().isEmpty()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self._ready():
            watched.removeEventFilter(self)
            # The paint is under way; the frame is on screen once this event is done.
            QTimer.singleShot(0, self._report)
        return False

    def _report(self) -> None:
        self._path.write_text(f"{time.monotonic():.6f} {time.time():.6f}\n", encoding="utf-8")
        if self._exit_after:
            QApplication.quit()


def watch_first_paint(pane: QWidget) -> FirstPaintProbe | None:
    """Install the probe if READER_FIRST_PAINT_FILE asks for it."""
    path = os.environ.get(FIRST_PAINT_FILE)
    if not path:
        return None
    return FirstPaintProbe(pane, Path(path), os.environ.get(EXIT_AFTER_PAINT) == "1")
