"""The reading pane: a QTextBrowser that knows its paragraphs.

It keeps a readable measure (about 70 characters a line) by centring the
text column, and it can say which paragraph is at the top of the view and
bring one back there: that is how the reader keeps its place.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import cast

from PySide6.QtCore import QEvent, QMimeData, QObject, QRectF, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPaintEvent,
    QPalette,
    QResizeEvent,
    QTextDocument,
)
from PySide6.QtWidgets import QTextBrowser, QTextEdit, QWidget

from reader import hyphenation
from reader.render import LINE_HEIGHT, STYLE_SHEET
from reader.typography import hyphenate_text

__all__ = ["MARK_PADDING", "TextPane", "WatchedViewport", "hyphenated_at", "mark_colour"]

log = logging.getLogger(__name__)

# What reader.typography put in, back to what was typed.
_AS_TYPED = str.maketrans({"\xad": None, "\xa0": " ", "\u2011": "-"})
MEASURE_CHARACTERS = 70
SIDE_PADDING = 24
MARK_ALPHA = 40  # the paragraph mark: the theme's selection colour, mostly transparent
MARK_PADDING = 10  # px around the marked paragraphs
MARK_BAR = 3  # px, the bar at their left
KEEP_IN_VIEW_MARGIN = 24  # px left above a paragraph brought into view


def mark_colour(widget: QWidget) -> QColor:
    """The paragraph mark's colour: the active selection colour, even in an inactive window
    (the mark is not a selection), mostly transparent."""
    colour = widget.palette().color(QPalette.ColorGroup.Active, QPalette.ColorRole.Highlight)
    colour.setAlpha(MARK_ALPHA)
    return colour


class WatchedViewport:
    """A scroll area whose viewport's events others can see first, as an event filter would.

    Mixed into the text pane and the tree so that start-up never asks Qt for
    a viewport: the first time Python is handed a widget it did not make,
    typed only as a QWidget, PySide looks for its class by building the
    Python type of every QWidget subclass there is (dialogs, wizards, tab
    widgets…), about 10 ms before the first frame.
    """

    _viewport_watchers: tuple[QObject, ...] = ()

    def watch_viewport(self, watcher: QObject) -> None:
        """``watcher.eventFilter(self, event)`` sees each viewport event; True eats it."""
        self._viewport_watchers = (*self._viewport_watchers, watcher)

    def unwatch_viewport(self, watcher: QObject) -> None:
        self._viewport_watchers = tuple(w for w in self._viewport_watchers if w is not watcher)

    def viewportEvent(self, event: QEvent) -> bool:
        for watcher in self._viewport_watchers:
            if watcher.eventFilter(cast(QObject, self), event):
                return True
        return super().viewportEvent(event)  # type: ignore[misc]


class _FirstPage(QObject):
    """Runs ``then`` once, after the first of ``panes`` has painted a page of text."""

    def __init__(self, panes: Sequence[TextPane], then: Callable[[], None]) -> None:
        super().__init__(panes[0])
        self._panes = list(panes)
        self._then = then
        for pane in self._panes:
            pane.watch_viewport(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.Paint
            and isinstance(watched, QTextEdit)
            and not watched.document().isEmpty()
        ):
            for pane in self._panes:
                pane.unwatch_viewport(self)
            QTimer.singleShot(0, self._then)  # once this frame is on the screen
        return False


def after_first_page(panes: Sequence[TextPane], then: Callable[[], None]) -> None:
    """Do what the first frame does not need once it is shown (see ``WatchedViewport``)."""
    _FirstPage(panes, then)


class TextPane(WatchedViewport, QTextBrowser):
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
        self._justify = False
        self._mark: tuple[int, int, QColor] | None = None
        # Lines change width without a resize of the pane too (a scroll bar comes or goes).
        self._mend_timer = QTimer(self)
        self._mend_timer.setSingleShot(True)
        self._mend_timer.setInterval(0)
        self._mend_timer.timeout.connect(self._mend_cut_words)

    def createMimeDataFromSelection(self) -> QMimeData:
        """Copy and drag give the words as typed: no soft hyphens, plain spaces and hyphens.

        (The page's soft hyphens and no-break spaces come from reader.typography.)
        """
        mime = super().createMimeDataFromSelection()
        text, html = mime.text(), mime.html()  # Qt fills both in on first asking
        mime.setText(text.translate(_AS_TYPED))
        if html:
            mime.setHtml(html.translate(_AS_TYPED).replace("&shy;", ""))
        return mime

    def set_page_style(self, style_sheet: str, point_size: float) -> None:
        """Colours, text size and alignment for what is shown next (``show_html`` applies them).

        QTextDocument reads no CSS ``text-align``: the pane justifies the
        paragraphs itself when the style sheet asks for it (View › Justify Text).
        """
        self._justify = "text-align: justify" in style_sheet
        self.document().setDefaultStyleSheet(style_sheet)
        font = self.document().defaultFont()
        font.setPointSizeF(point_size)
        self.document().setDefaultFont(font)

    def set_local_root(self, root_uri: str | None) -> None:
        """Only ``file:`` resources below this URI may be loaded."""
        self._local_root = root_uri

    def show_html(self, html: str) -> None:
        self._mark = None
        self.setHtml(html)
        if self._justify:
            self._justify_paragraphs()
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

    def characters_on_screen(self) -> int:
        """About how many characters of text the pane shows at once, a little more.

        Its height in the page's lines (two more) times the measure: no
        room is taken off for headings and the space between paragraphs.
        The pane's own height: asking for the viewport before the first
        frame costs it (see ``WatchedViewport``).
        """
        line = QFontMetricsF(self.document().defaultFont()).lineSpacing() * LINE_HEIGHT / 100
        return (int(self.height() / line) + 2) * self.measure_characters

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

    def _justify_paragraphs(self) -> None:
        """Every block but the headings, aligned to both margins (a last line stays ragged)."""
        document = self.document()
        from PySide6.QtGui import QTextBlockFormat, QTextCursor  # here: justifying is a choice

        justified = QTextBlockFormat()
        justified.setAlignment(Qt.AlignmentFlag.AlignJustify)
        cursor = QTextCursor(document)
        block = document.begin()
        while block.isValid():
            if block.blockFormat().headingLevel() == 0:
                cursor.setPosition(block.position())
                cursor.mergeBlockFormat(justified)
            block = block.next()

    # -- the paragraph mark ------------------------------------------------

    def set_paragraph_mark(self, first: int, last: int, colour: QColor) -> None:
        """Tint paragraphs ``first`` to ``last``, under the text, with a bar at their left."""
        self._mark = (first, last, colour) if 0 <= first < len(self._paragraph_blocks) else None
        self.viewport().update()

    def clear_paragraph_mark(self) -> None:
        if self._mark is not None:
            self._mark = None
            self.viewport().update()

    def paragraph_mark(self) -> tuple[int, int] | None:
        """The paragraphs marked, (first, last), if any."""
        return self._mark[:2] if self._mark is not None else None

    def paragraph_rect(self, first: int, last: int) -> QRectF:
        """Paragraphs ``first`` to ``last`` in document coordinates, text only."""
        starts = self._paragraph_blocks
        document = self.document()
        layout = document.documentLayout()
        last = min(last, len(starts) - 1)
        end = starts[last + 1] if last + 1 < len(starts) else document.characterCount()
        rect = QRectF()
        block = document.findBlock(starts[first])
        while block.isValid() and block.position() < end:
            rect = rect.united(layout.blockBoundingRect(block))
            block = block.next()
        return rect

    def paragraph_in_view(self, index: int) -> bool:
        """Whether paragraph ``index`` is wholly on screen, or starts near the top if taller."""
        if not 0 <= index < len(self._paragraph_blocks):
            return True
        rect = self.paragraph_rect(index, index)
        top, height = self.verticalScrollBar().value(), self.viewport().height()
        if rect.top() < top:
            return False
        if rect.bottom() <= top + height:
            return True
        return rect.height() > height and rect.top() <= top + height / 4

    def keep_paragraph_in_view(self, index: int) -> None:
        """Scroll, only if need be, so that paragraph ``index`` is seen from its top."""
        if self.paragraph_in_view(index):
            return
        top = self.paragraph_rect(index, index).top() - KEEP_IN_VIEW_MARGIN
        self.verticalScrollBar().setValue(max(0, round(top)))

    def paintEvent(self, event: QPaintEvent) -> None:
        if self._mark is not None:
            first, last, colour = self._mark
            frame = self.document().rootFrame().frameFormat()
            rect = self.paragraph_rect(first, last)
            pad = MARK_PADDING
            rect.setLeft(frame.leftMargin() - pad)
            rect.setRight(self.document().textWidth() - frame.rightMargin() + pad)
            rect.adjust(0, -pad / 2, 0, pad / 2)
            rect.translate(-self.horizontalScrollBar().value(), -self.verticalScrollBar().value())
            from PySide6.QtGui import QPainter  # here: a first frame has no mark to draw

            painter = QPainter(self.viewport())
            painter.fillRect(rect, colour)
            bar = QColor(colour)
            bar.setAlpha(255)
            painter.fillRect(QRectF(rect.left(), rect.top(), MARK_BAR, rect.height()), bar)
            painter.end()
        super().paintEvent(event)

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
        # The document is as wide as the viewport once the pane has a size.
        width = document.textWidth() if document.textWidth() > 0 else self.viewport().width()
        side = max(self.side_padding, (width - measure) / 2)
        self._set_side_margins(side, side)
        self._mend_cut_words()

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self._mend_timer.start()
        return super().viewportEvent(event)

    def text_mended(self) -> None:
        """Called after soft hyphens went into a cut heading (the columns realign)."""

    def _mend_cut_words(self) -> None:
        """A heading word wider than the column breaks at a syllable, not anywhere.

        Headings are not hyphenated (reader.typography), so a long word in a
        narrow column would be cut wherever it overflows; such a block is given
        its soft hyphens here, once it is laid out that way.
        """
        if hyphenation.waits() and not hyphenation.ready():
            return
        document = self.document()
        layout = document.documentLayout()
        block = document.begin()
        mended = False
        while block.isValid():
            text = block.text()
            laid_out = "\xad" not in text and layout.blockBoundingRect(block).isValid()
            if laid_out and _cut_inside_a_word(block):
                self._hyphenate_block(block.position(), text)
                self._paragraph_index = None
                mended = True
            block = block.next()
        if mended:
            self.text_mended()

    def _hyphenate_block(self, start: int, text: str) -> None:
        from PySide6.QtGui import QTextCursor  # here: few pages have a heading to mend

        cursor = QTextCursor(self.document())
        inserted = [n - i for i, n in enumerate(hyphenated_at(text))]
        for at in reversed(inserted):
            cursor.setPosition(start + at)
            cursor.insertText("\xad")

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


def hyphenated_at(text: str) -> list[int]:
    """Where soft hyphens stand in ``text`` once hyphenated (indices in that result)."""
    return [n for n, char in enumerate(hyphenate_text(text)) if char == "\xad"]


def _cut_inside_a_word(block) -> bool:
    """Whether a line of the laid-out ``block`` ends in the middle of a word."""
    layout, text = block.layout(), block.text()
    for number in range(layout.lineCount() - 1):
        line = layout.lineAt(number)
        end = line.textStart() + line.textLength()
        if 0 < end < len(text) and text[end - 1].isalpha() and text[end].isalpha():
            return True
    return False
