"""The reading pane: a QTextBrowser that knows its paragraphs.

It keeps a readable measure (about 70 characters a line) by centring the
text column, and it can say which paragraph is at the top of the view and
bring one back there: that is how the reader keeps its place.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QFont, QFontMetricsF, QResizeEvent, QTextDocument
from PySide6.QtWidgets import QTextBrowser, QWidget

from reader.render import STYLE_SHEET

__all__ = ["TextPane"]

log = logging.getLogger(__name__)

MEASURE_CHARACTERS = 70
SIDE_PADDING = 24


class TextPane(QTextBrowser):
    """Shows one rendered section at a time."""

    linkActivated = Signal(QUrl)
    measure_characters = MEASURE_CHARACTERS  # the longest line, in average characters
    side_padding = SIDE_PADDING  # the least room left and right of the text

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.anchorClicked.connect(self.linkActivated)
        self.document().setDefaultStyleSheet(STYLE_SHEET)
        self.document().setDefaultFont(QFont("PT Serif", 13))
        self._paragraph_index: list[int] | None = []  # None: not worked out for this text yet
        self._local_root: str | None = None

    def set_page_style(self, style_sheet: str, point_size: float) -> None:
        """Colours and text size for what is shown next (``show_html`` applies them)."""
        self.document().setDefaultStyleSheet(style_sheet)
        font = self.document().defaultFont()
        font.setPointSizeF(point_size)
        self.document().setDefaultFont(font)

    def set_local_root(self, root_uri: str | None) -> None:
        """Only ``file:`` resources below this URI may be loaded."""
        self._local_root = root_uri

    def show_html(self, html: str) -> None:
        self.setHtml(html)
        self._apply_measure()
        self._paragraph_index = None

    @property
    def _paragraph_blocks(self) -> list[int]:
        """Where each paragraph's first block starts, worked out the first time it is needed.

        Not before: a section opened at its top is shown, and its place kept,
        without reading every fragment of its text.
        """
        if self._paragraph_index is None:
            self._paragraph_index = self._index_paragraphs()
        return self._paragraph_index

    def loadResource(self, kind: int, url: QUrl | str) -> object:
        """Nothing from the network, nothing from outside the content folder."""
        url = QUrl(url) if isinstance(url, str) else url
        if url.isLocalFile() and self._local_root and self._inside_local_root(url):
            return super().loadResource(kind, url)
        log.info("Resource not loaded: %s", url.toString()[:200])
        return None

    def _inside_local_root(self, url: QUrl) -> bool:
        """The file itself, ``..`` and links resolved, lies in the content folder."""
        root = Path(QUrl(self._local_root or "").toLocalFile())
        try:
            target = Path(url.toLocalFile()).resolve()
            return target.is_relative_to(root) and target.is_file()
        except (OSError, RuntimeError, ValueError):
            return False

    def paragraph_count(self) -> int:
        return len(self._paragraph_blocks)

    def top_paragraph(self) -> tuple[int, float]:
        """(index, fraction): the paragraph at the top and how far into it."""
        y = self.verticalScrollBar().value()
        if y <= 0 or not self._paragraph_blocks:
            return 0, 0.0
        layout = self.document().documentLayout()
        found, fraction = 0, 0.0
        for index, position in enumerate(self._paragraph_blocks):
            rect = layout.blockBoundingRect(self.document().findBlock(position))
            if rect.top() > y + 1:
                break
            found = index
            height = rect.height() or 1.0
            fraction = min(max((y - rect.top()) / height, 0.0), 1.0)
        return found, fraction

    def paragraph_top(self, index: int) -> float:
        """The y of paragraph ``index`` in document coordinates."""
        if not self._paragraph_blocks:
            return 0.0
        index = min(max(index, 0), len(self._paragraph_blocks) - 1)
        block = self.document().findBlock(self._paragraph_blocks[index])
        return self.document().documentLayout().blockBoundingRect(block).top()

    def scroll_to_paragraph(self, index: int, fraction: float = 0.0) -> None:
        if (index <= 0 and fraction == 0.0) or not self._paragraph_blocks:
            self.verticalScrollBar().setValue(0)
            return
        index = min(max(index, 0), len(self._paragraph_blocks) - 1)
        block = self.document().findBlock(self._paragraph_blocks[index])
        rect = self.document().documentLayout().blockBoundingRect(block)
        if index == 0 and fraction == 0.0:
            self.verticalScrollBar().setValue(0)
            return
        self.verticalScrollBar().setValue(round(rect.top() + fraction * rect.height()))

    def _index_paragraphs(self) -> list[int]:
        """The block that starts each ``p-N`` anchor."""
        blocks: dict[int, int] = {}
        block = self.document().begin()
        while block.isValid():
            iterator = block.begin()
            while not iterator.atEnd():
                for name in iterator.fragment().charFormat().anchorNames():
                    if name.startswith("p-") and name[2:].isdigit():
                        blocks.setdefault(int(name[2:]) - 1, block.position())
                iterator += 1
            block = block.next()
        return [blocks[n] for n in sorted(blocks)]

    def _apply_measure(self) -> None:
        document: QTextDocument = self.document()
        metrics = QFontMetricsF(document.defaultFont())
        measure = self.measure_characters * metrics.averageCharWidth()
        width = self.viewport().width()
        side = max(self.side_padding, (width - measure) / 2)
        self._set_side_margins(side, side)

    def _set_side_margins(self, left: float, right: float) -> None:
        """Place the text column; a no-op when it is already there (no re-layout)."""
        frame = self.document().rootFrame()
        fmt = frame.frameFormat()
        if abs(fmt.leftMargin() - left) < 0.5 and abs(fmt.rightMargin() - right) < 0.5:
            return
        fmt.setLeftMargin(left)
        fmt.setRightMargin(right)
        fmt.setTopMargin(SIDE_PADDING)
        fmt.setBottomMargin(SIDE_PADDING * 2)
        frame.setFrameFormat(fmt)

    def resizeEvent(self, event: QResizeEvent) -> None:
        place = self.top_paragraph()
        super().resizeEvent(event)
        self._apply_measure()
        self.scroll_to_paragraph(*place)
