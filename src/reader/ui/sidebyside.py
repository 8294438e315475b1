"""View > Side by Side (Ctrl+D): the section in both languages, in two columns.

The action, its setting and the choice of view are here; the columns
themselves (``reader.ui.parallelview``) are built the first time they are
shown: when the reader turns the view on, or at start-up if it was on when
the reader last closed the window. Until then the window carries no trace
of them.

The rest of the reader follows the view: the place, find in page, copy, text
size, themes, presentation mode, and File's print and PDF (two columns then).
A tree too wide for two readable columns narrows, or hides, while it lasts;
a window too narrow for them even without the tree keeps one column, and
says so (the view is refused, or left when the window is made that narrow).
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QAction, QFontMetricsF, QKeySequence
from PySide6.QtWidgets import QStackedWidget, QWidget

from reader import i18n, settings
from reader.i18n import _

if TYPE_CHECKING:
    from reader.ui.comfort import ReadingComfort
    from reader.ui.fitting import Notice
    from reader.ui.mainwindow import MainWindow
    from reader.ui.parallelview import ColumnPane, ParallelView
    from reader.ui.textpane import TextPane

__all__ = ["SideBySide"]

# Columns narrower than this (in average characters) make the tree give them room.
MIN_COLUMN_CHARACTERS = 40  # about 47 characters of English text, 37 of Russian
# Narrower than this even without the tree, the view is refused: a newspaper's column.
READABLE_COLUMN_CHARACTERS = 30  # about 35 characters of English text, 28 of Russian
NARROW_TREE = 200  # px: the tree may narrow to this to make room for the columns


class SideBySide(QObject):
    """View > Side by Side for a main window: the action, its setting, which view shows.

    Built before the window's reading features (so ``reading_pane`` answers
    from the start); ``connect_features`` then gives the columns what the
    single pane has: text size, themes, copy, presentation, the mouse's back
    and forward buttons, and the menus' items. ``readingPaneChanged`` tells
    the rest (find in page) when the pane being read changes.
    """

    linkActivated = Signal(QUrl)
    readingPaneChanged = Signal(QObject)

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self._view: ParallelView | None = None
        self._comfort: ReadingComfort | None = None
        self._section: str | None = None
        self.stack = QStackedWidget(window)
        self.stack.setObjectName("readingStack")
        splitter = window.splitter
        index = splitter.indexOf(window.text)
        splitter.replaceWidget(index, self.stack)
        splitter.setStretchFactor(index, 1)
        self.stack.addWidget(window.text)
        self.available = len(window.document.languages) > 1  # a column for each of two

        self.action = QAction(window, checkable=True)
        self.action.setObjectName("sideBySideAction")
        self.action.setShortcut(QKeySequence("Ctrl+D"))
        self.action.setEnabled(self.available)
        self.action.setChecked(self.available and window.store.get(settings.VIEW_PARALLEL))
        if self.action.isChecked():
            self.stack.setCurrentWidget(self.view)  # the first screen shows the columns
        self.action.toggled.connect(self._toggled)
        self._notice: Notice | None = None  # "too narrow", made the first time it is said
        # How the tree was before it made room for the columns: sizes, or "hidden".
        self._tree_before: list[int] | str | None = None
        self._adjusting = False
        self._fit_pending = self.action.isChecked()  # started in this view: fit once shown
        window.tree_action.toggled.connect(self._tree_changed)
        splitter.splitterMoved.connect(self._tree_changed)
        splitter.installEventFilter(self)  # a narrower window: room for the columns?

    @property
    def view(self) -> ParallelView:
        """The two columns, built the first time they are asked for."""
        if self._view is None:
            self._view = self._build_view()
        return self._view

    @property
    def active(self) -> bool:
        return self._view is not None and self.stack.currentWidget() is self._view

    def built_panes(self) -> tuple[TextPane, ...]:
        """The columns, if they were ever shown (without building them)."""
        return self._view.panes() if self._view is not None else ()

    def reading_pane(self) -> TextPane:
        """The pane the reader's place is read from: the single one, or the left column."""
        return self.view.left if self.active else self._window.text

    def mark_paragraph(self, index: int | None) -> None:
        """Mark paragraph ``index`` in what is shown and keep it in view; None clears the mark.

        In columns the pair is marked (only the reader's column when they are
        not aligned: paragraph i there may not translate paragraph i).
        """
        from reader.ui.textpane import mark_colour

        pane = self.reading_pane()
        if self.active:
            view = self.view
            view.clear_mark()
            if index is not None and view.aligned:
                view.mark_paragraphs(index, index)
            elif index is not None:
                pane.set_paragraph_mark(index, index, mark_colour(view))
        elif index is None:
            pane.clear_paragraph_mark()
        else:
            pane.set_paragraph_mark(index, index, mark_colour(pane))
        if index is not None:
            pane.keep_paragraph_in_view(index)  # in columns the right one follows the left

    def _build_view(self) -> ParallelView:
        from reader.ui.parallelview import ParallelView

        window = self._window
        view = ParallelView(window)
        view.set_local_root(window.document.root.resolve().as_uri() + "/")
        view.linkActivated.connect(self.linkActivated)
        self.stack.addWidget(view)
        if self._comfort is not None:
            self._connect_view(view, self._comfort)
        return view

    def connect_features(self, comfort: ReadingComfort) -> None:
        window = self._window
        self._comfort = comfort
        comfort.presentation.toggled.connect(self._presentation_toggled)
        if self._view is not None:
            self._connect_view(self._view, comfort)
        window.view_menu.insertAction(comfort.presentation.action, self.action)
        self._retarget()
        window.app.languageChanged.connect(self.retranslate)
        self.retranslate()

    def _connect_view(self, view: ParallelView, comfort: ReadingComfort) -> None:
        """Give the columns what the single pane has (once both exist)."""
        viewports = [pane.viewport() for pane in view.panes()]
        comfort.navigation.watch_mouse(*viewports)
        for viewport in viewports:
            viewport.installEventFilter(comfort.text_size)  # Ctrl + wheel
            viewport.installEventFilter(comfort.presentation)  # the tree at the screen's edge
        for pane in view.panes():
            comfort.typesetting.watch(pane)  # opened side by side: hyphenation loads all the same
            comfort.touch.add(pane)  # kinetic scrolling, swipes and pinches
            comfort.page_turner.watch(pane)  # the clicker's keys
            pane.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
            pane.customContextMenuRequested.connect(partial(self._context_menu, pane))
            pane.focused.connect(partial(comfort.text_actions.set_text, pane))
        view.set_presenting(comfort.presentation.active)
        QWidget.setTabOrder(self._window.text, view.left)
        QWidget.setTabOrder(view.left, view.right)

    def retranslate(self, _language: str = "") -> None:
        self.action.setText(_("Si&de by Side"))
        self.action.setToolTip(_("Both languages in parallel, paragraph by paragraph"))
        self._name_columns()

    def _name_columns(self) -> None:
        """What a screen reader calls each column: its language."""
        if self._view is None:
            return
        for pane, language in zip(self._view.panes(), self._view.languages, strict=True):
            if language:
                pane.setAccessibleName(
                    _("Text ({language})").format(language=i18n.language_name(language))
                )
                pane.setAccessibleDescription(_("The text of the open section in one language"))

    def show_section(self, section_id: str, paragraph: int, fraction: float) -> None:
        """Both columns of ``section_id``, styled as the single pane is, at this place."""
        from reader.parallel import render_parallel

        window = self._window
        if self._fit_pending and window.isVisible():
            self._fit_pending = False
            self._make_room()
        view = self.view
        marked = view.marked() if section_id == self._section else None
        page = render_parallel(window.document, section_id, window.app.language)
        style = window.text.document()
        view.show_page(
            page,
            style.defaultStyleSheet(),
            style.defaultFont().pointSizeF(),
            paragraph,
            fraction,
        )
        self._section = section_id
        if marked is not None and view.aligned:
            view.mark_paragraphs(*marked)  # a new size or theme keeps the pair marked
        self._name_columns()

    def _toggled(self, on: bool) -> None:
        window = self._window
        if on and not self._room_for_columns():
            self._too_narrow()
            return
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
        self.readingPaneChanged.emit(pane)
        if self._comfort is not None:
            self._comfort.text_actions.set_text(pane)

    def _context_menu(self, pane: ColumnPane, position) -> None:
        assert self._comfort is not None
        actions = self._comfort.text_actions
        actions.set_text(pane)
        actions.show_menu(position)

    def least_width(self, characters: int = MIN_COLUMN_CHARACTERS) -> int:
        """How wide two columns of ``characters`` average characters are, together (px)."""
        from reader.ui.parallelview import COLUMN_PADDING

        font = self._window.text.document().defaultFont()  # what the columns are drawn in
        wanted = characters * QFontMetricsF(font).averageCharWidth()
        # Before the view is built, a scroll bar and a frame as the single pane has them.
        pane = self._view.right if self._view is not None else self._window.text
        scroll_bar = pane.verticalScrollBar().sizeHint().width()
        frames = pane.frameWidth() * 2
        column = wanted + 2 * COLUMN_PADDING + frames + scroll_bar  # the halves are equal
        return round(2 * column)

    def _room_for_columns(self) -> bool:
        """Whether the window, its tree put away if need be, holds two readable columns."""
        presenting = self._comfort is not None and self._comfort.presentation.active
        width = self._window.splitter.width()
        return presenting or width >= self.least_width(READABLE_COLUMN_CHARACTERS)

    def _too_narrow(self) -> None:
        """One column, and a word why: two would be too narrow to read."""
        from reader.ui.fitting import Notice

        if self.action.isChecked():
            self.action.setChecked(False)
        if self._notice is None:
            self._notice = Notice(self.stack)
        self._notice.say(
            _(
                "The window is too narrow for two readable columns, so the text is shown in "
                "one. Widen the window to read both languages side by side."
            )
        )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self._window.splitter
            and event.type() == QEvent.Type.Resize
            and self.active
            and not self._room_for_columns()
        ):
            QTimer.singleShot(0, self._too_narrow)  # not in the middle of a resize
        return super().eventFilter(watched, event)

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
        short = self.least_width() - self.stack.width()
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
        if self._view is not None:
            self._view.set_presenting(presenting)
        if self.active:
            self.view.left.setFocus(Qt.FocusReason.OtherFocusReason)
