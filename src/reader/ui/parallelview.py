"""View > Side by Side (Ctrl+D): the section in both languages, paragraph beside paragraph.

Two text panes stand side by side, the reader's language on the left. Each is
laid out as usual; then the tops of paragraph i are measured in both and the
shorter one's column gets room above paragraph i + 1 (``reader.parallel``
works out how much), so aligned paragraphs start on the same line. That is
done again whenever the columns are laid out anew: a resize, another text
size or theme. The columns scroll together, and clicking or selecting in one
marks the same paragraphs in both. A section whose languages have different
paragraph counts is shown unaligned, with a notice at the top of each column.

The rest of the reader follows the view: the place, find in page, copy, text
size, themes, presentation mode, and File's print and PDF (two columns then).
A tree too wide for two readable columns narrows, or hides, while it lasts.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QRectF, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import (
    QAction,
    QColor,
    QFocusEvent,
    QFontMetricsF,
    QKeySequence,
    QPainter,
    QPaintEvent,
    QPalette,
    QResizeEvent,
    QTextCursor,
)
from PySide6.QtWidgets import QHBoxLayout, QStackedWidget, QTextBrowser, QWidget

from reader import i18n, settings
from reader.i18n import _
from reader.parallel import (
    ParallelPage,
    alignment_space,
    column_languages,
    paragraph_at,
    render_parallel,
)
from reader.ui.textpane import SIDE_PADDING, TextPane

if TYPE_CHECKING:
    from reader.ui.comfort import ReadingComfort
    from reader.ui.findbar import FindBar
    from reader.ui.mainwindow import MainWindow

__all__ = ["ColumnPane", "ParallelView", "SideBySide"]

ALIGN_ROUNDS = 3  # one is enough when margins collapse as Qt's do; the rest check it
TOLERANCE = 0.1  # px
MARK_ALPHA = 40  # the paragraph mark: the theme's selection colour, mostly transparent
MARK_PADDING = 10  # px around the marked paragraphs
MARK_BAR = 3  # px, the bar at their left
COLUMN_PADDING = 16  # px left and right of each column's text, at the least
COLUMN_MEASURE = 58  # average characters: about 70 of running text, English or Russian
# Columns narrower than this (in average characters) make the tree give them room.
MIN_COLUMN_CHARACTERS = 40  # about 47 characters of English text, 37 of Russian
NARROW_TREE = 200  # px: the tree may narrow to this to make room for the columns


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
        self._mark: tuple[int, int, QColor] | None = None

    def paragraph_starts(self) -> list[int]:
        """Where each paragraph's first block starts, in document positions."""
        return list(self._paragraph_blocks)

    def set_paragraph_mark(self, first: int, last: int, colour: QColor) -> None:
        """Tint paragraphs ``first`` to ``last``, under the text, with a bar at their left."""
        self._mark = (first, last, colour) if 0 <= first < len(self._paragraph_blocks) else None
        self.viewport().update()

    def clear_paragraph_mark(self) -> None:
        if self._mark is not None:
            self._mark = None
            self.viewport().update()

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
            painter = QPainter(self.viewport())
            painter.fillRect(rect, colour)
            bar = QColor(colour)
            bar.setAlpha(255)
            painter.fillRect(QRectF(rect.left(), rect.top(), MARK_BAR, rect.height()), bar)
            painter.end()
        super().paintEvent(event)

    def _apply_measure(self) -> None:
        """The column's measure, with the spare room on its outer side.

        So the two columns read as one spread: their texts stand close to the
        line between them, and the pair is centred in the window.
        """
        document = self.document()
        measure = self.measure_characters * QFontMetricsF(document.defaultFont()).averageCharWidth()
        spare = max(0.0, self.viewport().width() - measure - 2 * self.side_padding)
        inner, outer = self.side_padding, self.side_padding + spare
        left, right = (outer, inner) if self.outer_side == "left" else (inner, outer)
        frame = document.rootFrame()
        fmt = frame.frameFormat()
        if abs(fmt.leftMargin() - left) < 0.5 and abs(fmt.rightMargin() - right) < 0.5:
            return
        fmt.setLeftMargin(left)
        fmt.setRightMargin(right)
        fmt.setTopMargin(SIDE_PADDING)
        fmt.setBottomMargin(SIDE_PADDING * 2)
        frame.setFrameFormat(fmt)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.focused.emit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        if self.place_before_resize is None and self._paragraph_blocks:
            self.place_before_resize = self.top_paragraph()
        QTextBrowser.resizeEvent(self, event)  # the view keeps the place, for both columns
        self._apply_measure()
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
        # The active colour even in an inactive window: the mark is not a selection.
        colour = self.palette().color(QPalette.ColorGroup.Active, QPalette.ColorRole.Highlight)
        colour.setAlpha(MARK_ALPHA)
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


class SideBySide(QObject):
    """View > Side by Side for a main window: the action, its setting, which view shows.

    Built before the window's reading features (so ``reading_pane`` answers
    from the start); ``connect_features`` then gives the columns what the
    single pane has: text size, themes, find, copy, presentation, the mouse's
    back and forward buttons, and the menus' items.
    """

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self.view = ParallelView(window)
        self.view.set_local_root(window.document.root.resolve().as_uri() + "/")
        self.stack = QStackedWidget(window)
        self.stack.setObjectName("readingStack")
        splitter = window.splitter
        index = splitter.indexOf(window.text)
        splitter.replaceWidget(index, self.stack)
        splitter.setStretchFactor(index, 1)
        self.stack.addWidget(window.text)
        self.stack.addWidget(self.view)
        languages = column_languages(window.document.languages, window.app.language)
        self.available = languages is not None

        self.action = QAction(window, checkable=True)
        self.action.setObjectName("sideBySideAction")
        self.action.setShortcut(QKeySequence("Ctrl+D"))
        self.action.setEnabled(self.available)
        self.action.setChecked(self.available and window.store.get(settings.VIEW_PARALLEL))
        self.stack.setCurrentWidget(self.view if self.action.isChecked() else window.text)
        self.action.toggled.connect(self._toggled)
        self._find_bar: FindBar | None = None
        self._comfort: ReadingComfort | None = None
        self._section: str | None = None
        # How the tree was before it made room for the columns: sizes, or "hidden".
        self._tree_before: list[int] | str | None = None
        self._adjusting = False
        self._fit_pending = self.action.isChecked()  # started in this view: fit once shown
        window.tree_action.toggled.connect(self._tree_changed)
        splitter.splitterMoved.connect(self._tree_changed)

    @property
    def active(self) -> bool:
        return self.stack.currentWidget() is self.view

    def reading_pane(self) -> TextPane:
        """The pane the reader's place is read from: the single one, or the left column."""
        return self.view.left if self.active else self._window.text

    def connect_features(self, comfort: ReadingComfort, find_bar: FindBar) -> None:
        window = self._window
        self._comfort, self._find_bar = comfort, find_bar
        viewports = [pane.viewport() for pane in self.view.panes()]
        comfort.navigation.watch_mouse(*viewports)
        for viewport in viewports:
            viewport.installEventFilter(comfort.text_size)  # Ctrl + wheel
            viewport.installEventFilter(comfort.presentation)  # the tree at the screen's edge
        comfort.presentation.toggled.connect(self._presentation_toggled)
        for pane in self.view.panes():
            pane.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
            pane.customContextMenuRequested.connect(partial(self._context_menu, pane))
            pane.focused.connect(partial(comfort.text_actions.set_text, pane))
        QWidget.setTabOrder(window.text, self.view.left)
        QWidget.setTabOrder(self.view.left, self.view.right)

        window.view_menu.insertAction(comfort.presentation.action, self.action)
        self._retarget()
        window.app.languageChanged.connect(self.retranslate)
        self.retranslate()

    def retranslate(self, _language: str = "") -> None:
        self.action.setText(_("Si&de by Side"))
        self.action.setToolTip(_("Both languages in parallel, paragraph by paragraph"))
        self._name_columns()

    def _name_columns(self) -> None:
        """What a screen reader calls each column: its language."""
        for pane, language in zip(self.view.panes(), self.view.languages, strict=True):
            if language:
                pane.setAccessibleName(
                    _("Text ({language})").format(language=i18n.language_name(language))
                )
                pane.setAccessibleDescription(_("The text of the open section in one language"))

    def show_section(self, section_id: str, paragraph: int, fraction: float) -> None:
        """Both columns of ``section_id``, styled as the single pane is, at this place."""
        window = self._window
        if self._fit_pending and window.isVisible():
            self._fit_pending = False
            self._make_room()
        marked = self.view.marked() if section_id == self._section else None
        page = render_parallel(window.document, section_id, window.app.language)
        style = window.text.document()
        self.view.show_page(
            page,
            style.defaultStyleSheet(),
            style.defaultFont().pointSizeF(),
            paragraph,
            fraction,
        )
        self._section = section_id
        if marked is not None and self.view.aligned:
            self.view.mark_paragraphs(*marked)  # a new size or theme keeps the pair marked
        self._name_columns()

    def _toggled(self, on: bool) -> None:
        window = self._window
        place = window.position()  # read from the view that is still showing
        self.stack.setCurrentWidget(self.view if on else window.text)
        window.store.set(settings.VIEW_PARALLEL, on)
        window.store.sync()
        if on:
            self._make_room()
        else:
            self._give_room_back()
        self._retarget()
        window.show_section(*place)
        self.reading_pane().setFocus(Qt.FocusReason.OtherFocusReason)

    def _retarget(self) -> None:
        """Find, Copy, print and export work on what is in view.

        In columns, Find searches the reader's language, Copy follows the
        column that has the keyboard, and paper gets both columns.
        """
        self._window.printing.set_parallel(self.active)
        pane = self.reading_pane()
        if self._find_bar is not None:
            self._find_bar.set_pane(pane)
        if self._comfort is not None:
            self._comfort.text_actions.set_text(pane)

    def _context_menu(self, pane: ColumnPane, position) -> None:
        assert self._comfort is not None
        actions = self._comfort.text_actions
        actions.set_text(pane)
        actions.show_menu(position)

    def _make_room(self) -> None:
        """Narrow the tree, or else hide it, if the columns beside it would be too narrow to read.

        Leaving the view puts the tree back as it was, unless the reader has
        moved or toggled it meanwhile (F9 shows it at any time).
        """
        window = self._window
        presenting = self._comfort is not None and self._comfort.presentation.active
        if not window.tree_action.isChecked() or presenting:
            return
        window.splitter.refresh()  # a tree shown a moment ago may not have its width yet
        font = window.text.document().defaultFont()  # what the columns are drawn in next
        wanted = MIN_COLUMN_CHARACTERS * QFontMetricsF(font).averageCharWidth()
        scroll_bar = self.view.right.verticalScrollBar().sizeHint().width()
        frames = self.view.left.frameWidth() * 2
        column = wanted + 2 * COLUMN_PADDING + frames + scroll_bar  # the halves are equal
        short = round(2 * column) - self.stack.width()
        if short <= 0:
            return
        splitter = window.splitter
        sizes = splitter.sizes()
        panel, reading = splitter.indexOf(window.side_panel), splitter.indexOf(self.stack)
        narrowest = max(NARROW_TREE, window.side_panel.minimumSizeHint().width())
        self._adjusting = True
        try:
            if sizes[panel] - short >= narrowest:
                self._tree_before = list(sizes)
                sizes[panel] -= short
                sizes[reading] += short
                splitter.setSizes(sizes)
            else:
                self._tree_before = "hidden"
                window.tree_action.setChecked(False)
        finally:
            self._adjusting = False

    def _give_room_back(self) -> None:
        before, self._tree_before = self._tree_before, None
        self._adjusting = True
        try:
            if before == "hidden":
                self._window.tree_action.setChecked(True)
            elif isinstance(before, list):
                self._window.splitter.setSizes(before)
        finally:
            self._adjusting = False

    def _tree_changed(self, *_args: object) -> None:
        if not self._adjusting:
            self._tree_before = None  # the reader has placed the tree: leave it so

    def _presentation_toggled(self, presenting: bool) -> None:
        self.view.set_presenting(presenting)
        if self.active:
            self.view.left.setFocus(Qt.FocusReason.OtherFocusReason)
