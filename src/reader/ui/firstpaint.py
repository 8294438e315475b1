"""Tell a benchmark when the text first reaches the screen (``make bench``).

Two environment variables, read only by ``reader.gui``; when the first is
unset, which is always outside a benchmark, this module is not even imported:

``READER_FIRST_PAINT_FILE=path``
    Once the window has painted a frame with the document in its text pane
    (and that frame has been flushed to the screen), write one line to ``path``:
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
from PySide6.QtWidgets import QApplication, QTextEdit, QWidget

__all__ = ["EXIT_AFTER_PAINT", "FIRST_PAINT_FILE", "FirstPaintProbe", "watch_first_paint"]

FIRST_PAINT_FILE = "READER_FIRST_PAINT_FILE"
EXIT_AFTER_PAINT = "READER_EXIT_AFTER_PAINT"


class FirstPaintProbe(QObject):
    """A one-shot event filter on the window, which paints first in every frame.

    Not on the pane's viewport: asking Qt for it costs PySide ~10 ms the
    first time (see reader.ui.textpane.WatchedViewport), which the probe
    would add to the very start-up it measures. ``pane`` is the text pane, or
    a screen without text (the stand's welcome screen), which is watched
    itself: it covers the whole window, so the window paints nothing of its own.
    """

    def __init__(self, window: QWidget, pane: QWidget, path: Path, exit_after: bool) -> None:
        super().__init__(window)
        self._pane = pane
        self._path = path
        self._exit_after = exit_after
        (window if isinstance(pane, QTextEdit) else pane).installEventFilter(self)

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


def watch_first_paint(window: QWidget, pane: QWidget) -> FirstPaintProbe | None:
    """Install the probe if READER_FIRST_PAINT_FILE asks for it."""
    path = os.environ.get(FIRST_PAINT_FILE)
    if not path:
        return None
    return FirstPaintProbe(window, pane, Path(path), os.environ.get(EXIT_AFTER_PAINT) == "1")
