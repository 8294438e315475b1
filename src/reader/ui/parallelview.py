"""The side-by-side view: the section in both languages, paragraph beside paragraph.

Two text panes stand side by side, the reader's language on the left. Each is
laid out as usual; then the tops of paragraph i are measured in both and the
shorter one's column gets room above paragraph i + 1 (``reader.parallel``
works out how much), so aligned paragraphs start on the same line. That is
done again whenever the columns are laid out anew: a resize, another text
size or theme. The columns scroll together, and clicking or selecting in one
marks the same paragraphs in both. A section whose languages have different
paragraph counts is shown unaligned, with a notice at the top of each column.

View > Side by Side (``reader.ui.sidebyside``) builds this view the first
time it is shown and makes the rest of the reader follow it.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QFocusEvent, QFontMetricsF, QResizeEvent, QTextCursor
from PySide6.QtWidgets import QHBoxLayout, QTextBrowser, QWidget

from reader.parallel import ParallelPage, alignment_space, paragraph_at
from reader.ui.textpane import MARK_PADDING, TextPane, mark_colour

__all__ = ["MARK_PADDING", "ColumnPane", "ParallelView"]

ALIGN_ROUNDS = 3  # one is enough when margins collapse as Qt's do; the rest check it
TOLERANCE = 0.1  # px
COLUMN_PADDING = 16  # px left and right of each column's text, at the least
COLUMN_MEASURE = 58  # average characters: about 70 of running text, English or Russian
GUTTER_CHARACTERS = 3  # average characters between the two texts, at the least


class ColumnPane(TextPane):
    """One column: a text pane whose place and spacing its view looks after."""

    relaid = Signal()  # the column's width changed: its lines wrap anew
    focused = Signal()
    side_padding = COLUMN_PADDING
    outer_side = "left"  # where the room a wide window leaves goes
    measure_characters = COLUMN_MEASURE

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("textPane")  # framed like the single pane, focus included
        self.document().setUndoRedoEnabled(False)  # the view's spacing is not an edit
        self.place_before_resize: tuple[int, float] | None = None

    def paragraph_starts(self) -> list[int]:
        """Where each paragraph's first block starts, in document positions."""
        return list(self._paragraph_blocks)

    def _apply_measure(self) -> None:
        """The column's measure, with the spare room on its outer side.

        So the two columns read as one spread: their texts stand close to the
        line between them, and the pair is centred in the window.
        """
        document = self.document()
        character = QFontMetricsF(document.defaultFont()).averageCharWidth()
        measure = self.measure_characters * character
        # The gutter grows with the type: at a projector's size 16 px is a hairline,
        # and the eye slips from one column's line into the other's.
        inner = max(self.side_padding, GUTTER_CHARACTERS / 2 * character)
        spare = max(0.0, self.viewport().width() - measure - inner - self.side_padding)
        outer = self.side_padding + spare
        left, right = (outer, inner) if self.outer_side == "left" else (inner, outer)
        self._set_side_margins(left, right)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.focused.emit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        if self.place_before_resize is None and self._paragraph_blocks:
            self.place_before_resize = self.top_paragraph()
        QTextBrowser.resizeEvent(self, event)  # the view keeps the place, for both columns
        self._apply_measure()
        self.relaid.emit()

    def text_mended(self) -> None:
        self.relaid.emit()


class ParallelView(QWidget):
    """Two columns, aligned paragraph by paragraph, scrolling as one."""

    linkActivated = Signal(QUrl)
    paragraphsMarked = Signal(int, int)  # first, last; -1, -1 when nothing is marked

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("parallelView")
        self.left = ColumnPane(self)
        self.right = ColumnPane(self)
        self.right.outer_side = "right"
        # One scroll bar, at the right edge, moves both columns.
        self.left.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.left, 1)
        layout.addWidget(self.right, 1)
        self.languages: tuple[str, str] = ("", "")
        self.aligned = False
        self._base: dict[ColumnPane, tuple[list[float], float]] = {}
        self._marked: tuple[int, int] | None = None
        self._loading = False
        self._syncing = False
        self._align_timer = QTimer(self, singleShot=True, interval=0)
        self._align_timer.timeout.connect(self.align)
        for pane, other in ((self.left, self.right), (self.right, self.left)):
            pane.verticalScrollBar().valueChanged.connect(partial(self._scrolled, other))
            pane.relaid.connect(self._align_timer.start)
            pane.cursorPositionChanged.connect(partial(self._cursor_moved, pane))
            pane.linkActivated.connect(self.linkActivated)
        self.left.viewport().installEventFilter(self)
        self.right.installEventFilter(self)  # resized first: see eventFilter

    def panes(self) -> tuple[ColumnPane, ColumnPane]:
        return self.left, self.right

    def set_local_root(self, root_uri: str | None) -> None:
        for pane in self.panes():
            pane.set_local_root(root_uri)

    def set_presenting(self, presenting: bool) -> None:
        """No scroll bar in presentation mode, as in the single view."""
        policy = Qt.ScrollBarPolicy.ScrollBarAsNeeded
        if presenting:
            policy = Qt.ScrollBarPolicy.ScrollBarAlwaysOff
        self.right.setVerticalScrollBarPolicy(policy)

    # -- showing -----------------------------------------------------------

    def show_page(
        self,
        page: ParallelPage,
        style_sheet: str,
        point_size: float,
        paragraph: int = 0,
        fraction: float = 0.0,
    ) -> None:
        """Show both columns in this style and bring paragraph ``paragraph`` to the top."""
        self._loading = True
        try:
            self.languages = page.languages
            self._marked = None
            for pane, html in zip(self.panes(), page.html, strict=True):
                pane.clear_paragraph_mark()
                pane.set_page_style(style_sheet, point_size)
                pane.show_html(html)
                pane.place_before_resize = None
                self._base[pane] = self._margins(pane)
            counts = {pane.paragraph_count() for pane in self.panes()}
            self.aligned = page.aligned and len(counts) == 1
        finally:
            self._loading = False
        self.align((paragraph, fraction))

    def top_paragraph(self) -> tuple[int, float]:
        return self.left.top_paragraph()

    def scroll_to_paragraph(self, index: int, fraction: float = 0.0) -> None:
        self.left.scroll_to_paragraph(index, fraction)
        self._scrolled(self.right, self.left.verticalScrollBar().value())

    def _scrolled(self, other: ColumnPane, value: int) -> None:
        if self._syncing:
            return
        self._syncing = True
        try:
            other.verticalScrollBar().setValue(value)
        finally:
            self._syncing = False

    # -- alignment ---------------------------------------------------------

    def align(self, place: tuple[int, float] | None = None) -> None:
        """Give the shorter of each pair of paragraphs the room to keep the next pair level."""
        self._align_timer.stop()
        if place is None:
            place = self.left.place_before_resize or self.left.top_paragraph()
        for pane in self.panes():
            pane.place_before_resize = None
            self._restore_margins(pane)
        if self.aligned:
            for _round in range(ALIGN_ROUNDS):
                room = alignment_space(self._marks(self.left), self._marks(self.right))
                if max(room[0][:-1] + room[1][:-1], default=0.0) < TOLERANCE:
                    break
                for pane, extra in zip(self.panes(), room, strict=True):
                    self._add_room(pane, extra)
            self._level_ends()
        self.scroll_to_paragraph(*place)

    def _level_ends(self) -> None:
        """Both texts end at the same height, so both scroll exactly as far.

        The scroll range is in whole pixels, so it is the rounded heights that must agree.
        """
        for _round in range(ALIGN_ROUNDS):
            heights = [round(self._marks(pane, paragraphs=False)[0]) for pane in self.panes()]
            if heights[0] == heights[1]:
                return
            shorter = self.panes()[heights.index(min(heights))]
            frame = shorter.document().rootFrame()
            frame_format = frame.frameFormat()
            frame_format.setBottomMargin(frame_format.bottomMargin() + max(heights) - min(heights))
            frame.setFrameFormat(frame_format)

    def alignment_error(self) -> float:
        """How far apart, at most, the paragraph tops of the two columns are (px)."""
        if not self.aligned:
            return float("inf")
        pairs = zip(self._marks(self.left)[:-1], self._marks(self.right)[:-1], strict=True)
        return max((abs(left - right) for left, right in pairs), default=0.0)

    @staticmethod
    def _marks(pane: ColumnPane, paragraphs: bool = True) -> list[float]:
        """The top of each paragraph, and the end of the text."""
        document = pane.document()
        layout = document.documentLayout()
        tops = [
            layout.blockBoundingRect(document.findBlock(position)).top()
            for position in (pane.paragraph_starts() if paragraphs else [])
        ]
        return [*tops, layout.documentSize().height()]

    @staticmethod
    def _margins(pane: ColumnPane) -> tuple[list[float], float]:
        """The column's own spacing: each paragraph's top margin, the page's bottom margin."""
        document = pane.document()
        tops = [
            document.findBlock(position).blockFormat().topMargin()
            for position in pane.paragraph_starts()
        ]
        return tops, document.rootFrame().frameFormat().bottomMargin()

    def _restore_margins(self, pane: ColumnPane) -> None:
        tops, bottom = self._base.get(pane, ([], 0.0))
        document = pane.document()
        edit = QTextCursor(document)
        edit.beginEditBlock()
        for position, margin in zip(pane.paragraph_starts(), tops, strict=False):
            block = document.findBlock(position)
            block_format = block.blockFormat()
            if block_format.topMargin() != margin:
                block_format.setTopMargin(margin)
                QTextCursor(block).setBlockFormat(block_format)
        frame = document.rootFrame()
        frame_format = frame.frameFormat()
        if frame_format.bottomMargin() != bottom:
            frame_format.setBottomMargin(bottom)
            frame.setFrameFormat(frame_format)
        edit.endEditBlock()

    @staticmethod
    def _add_room(pane: ColumnPane, room: list[float]) -> None:
        """Widen the gap above each paragraph by ``room`` (its last entry, the end, is for later).

        The gap between two blocks is the larger of the upper one's bottom
        margin and the lower one's top margin, so the top margin becomes that
        gap plus the room.
        """
        document = pane.document()
        edit = QTextCursor(document)
        edit.beginEditBlock()
        for position, extra in zip(pane.paragraph_starts(), room[:-1], strict=False):
            if extra < TOLERANCE / 8:
                continue
            block = document.findBlock(position)
            block_format = block.blockFormat()
            previous = block.previous()
            gap = block_format.topMargin()
            if previous.isValid():
                gap = max(gap, previous.blockFormat().bottomMargin())
            block_format.setTopMargin(gap + extra)
            QTextCursor(block).setBlockFormat(block_format)
        edit.endEditBlock()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.Resize
            and watched is self.right
            and self.left.place_before_resize is None
            and self.left.paragraph_count()
        ):
            # The right column is resized before the left: its scroll bar, clamped to
            # its new length, would move the left one before the left could note the
            # reader's place (read from the left), so it is noted now.
            self.left.place_before_resize = self.left.top_paragraph()
        if event.type() == QEvent.Type.Resize and watched is self.left.viewport():
            # The find bar takes room below the left column; the right one leaves the
            # same, so both scroll exactly as far.
            bottom = self.left.viewportMargins().bottom()
            if self.right.viewportMargins().bottom() != bottom:
                self.right.setViewportMargins(0, 0, 0, bottom)
        return super().eventFilter(watched, event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._base:
            self.align()  # the columns are resized by now: no frame shows them uneven

    # -- the paragraph mark ------------------------------------------------

    def marked(self) -> tuple[int, int] | None:
        """The paragraphs marked in both columns, (first, last), if any."""
        return self._marked

    def mark_paragraphs(self, first: int, last: int) -> None:
        """Mark paragraphs ``first`` to ``last`` in both columns."""
        colour = mark_colour(self)
        for pane in self.panes():
            pane.set_paragraph_mark(first, last, colour)
        self._marked = (first, last)
        self.paragraphsMarked.emit(first, last)

    def clear_mark(self) -> None:
        for pane in self.panes():
            pane.clear_paragraph_mark()
        if self._marked is not None:
            self._marked = None
            self.paragraphsMarked.emit(-1, -1)

    def _cursor_moved(self, pane: ColumnPane) -> None:
        """A click or a selection in one column marks the same paragraphs in both."""
        if self._loading:
            return
        if not self.aligned:  # paragraph i may not translate paragraph i here
            self.clear_mark()
            return
        cursor = pane.textCursor()
        end = cursor.selectionEnd() - (1 if cursor.hasSelection() else 0)
        starts = pane.paragraph_starts()
        first = max(paragraph_at(cursor.selectionStart(), starts), 0)
        last = paragraph_at(end, starts)
        if last < 0:
            self.clear_mark()
        elif (first, last) != self._marked:
            self.mark_paragraphs(first, last)
