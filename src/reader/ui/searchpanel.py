"""Search the document: a field and its results, in a panel at the side (Ctrl+K).

Results come as the reader types, best first: each shows the section's
title, its place in the tree and a few words around the match with the
matched words marked. Choosing one opens the section at the match. The
index is built the first time something is searched for, in a thread, so
the window never waits for it (see reader.search). The panel itself is
built the first time Ctrl+K is pressed (see reader.ui.finding).
"""

from __future__ import annotations

import contextlib
import html
import logging
import threading
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRectF,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QAction,
    QFont,
    QFontMetricsF,
    QKeyEvent,
    QPainter,
    QPalette,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QDockWidget,
    QLabel,
    QLineEdit,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from reader import i18n
from reader.content import Document
from reader.i18n import _, ngettext
from reader.search import (
    Hit,
    Query,
    Results,
    SearchError,
    SearchIndex,
    Snippet,
    match_spans,
    parse_query,
)
from reader.suggest import Answer, answer
from reader.ui.highlights import MATCH

__all__ = ["ResultsModel", "SearchPanel"]

log = logging.getLogger(__name__)

HIT_ROLE = Qt.ItemDataRole.UserRole + 1
HTML_ROLE = Qt.ItemDataRole.UserRole + 2
# Typing pauses this long before the search runs; a search takes a few ms.
TYPING_PAUSE_MS = 120
MAX_SHOWN = 500
SNIPPET_LINES = 3
SMALL = 0.85  # the tree path's size, relative to the list's font
Index = QModelIndex | QPersistentModelIndex


def _marked(text: str, spans: list[tuple[int, int]] | tuple[tuple[int, int], ...]) -> str:
    """``text`` as HTML with ``spans`` marked as the pane marks matches."""
    background, foreground = MATCH
    pieces, position = [], 0
    for start, end in spans:
        pieces.append(html.escape(text[position:start]))
        pieces.append(
            f'<span style="background-color:{background}; color:{foreground}">'
            f"{html.escape(text[start:end])}</span>"
        )
        position = end
    pieces.append(html.escape(text[position:]))
    return "".join(pieces)


class ResultsModel(QAbstractListModel):
    """The sections found; snippets are made only for the rows on screen."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._index: SearchIndex | None = None
        self._results: Results | None = None
        self._document_title = ""
        self._show_language = False
        self._snippets: dict[int, Snippet] = {}

    def set_results(
        self,
        index: SearchIndex | None,
        results: Results | None,
        document_title: str = "",
        show_language: bool = False,
    ) -> None:
        self.beginResetModel()
        self._index, self._results = index, results
        self._document_title, self._show_language = document_title, show_language
        self._snippets = {}
        self.endResetModel()

    def results(self) -> Results | None:
        return self._results

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        if parent.isValid() or self._results is None:
            return 0
        return len(self._results.hits)

    def hit(self, row: int) -> Hit:
        assert self._results is not None
        return self._results.hits[row]

    def snippet(self, row: int) -> Snippet:
        cached = self._snippets.get(row)
        if cached is None:
            assert self._index is not None and self._results is not None
            try:
                cached = self._index.snippet(self.hit(row), self._results.query)
            except SearchError:  # logged; the next search says that search is not available
                cached = Snippet("", (), 0)
            self._snippets[row] = cached
        return cached

    def tree_path(self, hit: Hit) -> str:
        """The sections above ``hit``; the document itself above a top one."""
        assert self._index is not None
        return " › ".join(self._index.tree_path(hit)) or self._document_title

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self._results is None:
            return None
        row = index.row()
        hit = self.hit(row)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return f"{hit.title}. {self.tree_path(hit)}. {self.snippet(row).text}"
        if role == Qt.ItemDataRole.ToolTipRole:
            above = self._index.tree_path(hit) if self._index is not None else []
            # Escaped inside <qt>: a title such as "<b>x</b>" is shown as written.
            return "<qt>" + html.escape(" › ".join([self._document_title, *above, hit.title]))
        if role == HIT_ROLE:
            return hit
        if role == HTML_ROLE:
            query = self._results.query
            title = _marked(hit.title, match_spans(hit.title, query))
            if self._show_language:
                title += f" <small>· {html.escape(i18n.language_name(hit.language))}</small>"
            snippet = self.snippet(row)
            return title, self.tree_path(hit), _marked(snippet.text, snippet.highlights)
        return None


class ResultDelegate(QStyledItemDelegate):
    """Title, tree path and snippet, as a few lines of rich text."""

    LINES = 2 + SNIPPET_LINES
    PADDING = 6

    def _document(self, option: QStyleOptionViewItem, index: Index) -> QTextDocument:
        title, path, snippet = index.data(HTML_ROLE)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        palette = option.palette
        group = (
            QPalette.ColorGroup.Active
            if option.state & QStyle.StateFlag.State_Active
            else QPalette.ColorGroup.Inactive
        )
        text = palette.color(
            group, QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        )
        muted = text if selected else palette.color(group, QPalette.ColorRole.PlaceholderText)
        width = max(40.0, option.rect.width() - 2.0 * self.PADDING)
        small = QFont(option.font)
        small.setPointSizeF(option.font.pointSizeF() * SMALL)
        # One line of path, cut on the left: the nearest sections matter most.
        mode = Qt.TextElideMode.ElideLeft if " › " in path else Qt.TextElideMode.ElideRight
        path = QFontMetricsF(small).elidedText(path, mode, width - 4)
        document = QTextDocument()
        document.setDocumentMargin(0)
        document.setDefaultFont(option.font)
        document.setDefaultStyleSheet(
            f"body {{ color: {text.name()}; }}"
            f" .path {{ color: {muted.name()}; font-size: {small.pointSizeF():.1f}pt; }}"
        )
        document.setHtml(
            f"<body><div><b>{title}</b></div>"
            f'<div class="path">{html.escape(path)}</div>'
            f"<div>{snippet}</div></body>"
        )
        document.setTextWidth(width)
        return document

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        item = QStyleOptionViewItem(option)
        self.initStyleOption(item, index)
        item.text = ""
        widget = option.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, item, painter, widget)
        document = self._document(option, index)
        height = option.rect.height() - 2.0 * self.PADDING
        painter.save()
        painter.translate(option.rect.left() + self.PADDING, option.rect.top() + self.PADDING)
        context = QAbstractTextDocumentLayout.PaintContext()
        context.clip = QRectF(0, 0, document.textWidth(), self._whole_lines(document, height))
        painter.setClipRect(context.clip)
        document.documentLayout().draw(painter, context)
        painter.restore()

    @staticmethod
    def _whole_lines(document: QTextDocument, height: float) -> float:
        """The height of the lines that fit whole in ``height``."""
        layout = document.documentLayout()
        bottom = 0.0
        block = document.begin()
        while block.isValid():
            top = layout.blockBoundingRect(block).top()
            lines = block.layout()
            for number in range(lines.lineCount()):
                line_bottom = top + lines.lineAt(number).rect().bottom()
                if line_bottom > height:
                    return bottom
                bottom = line_bottom
            block = block.next()
        return bottom

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        spacing = option.fontMetrics.lineSpacing()
        return QSize(200, self.LINES * spacing + 2 * self.PADDING + 2)


@dataclass(frozen=True)
class TitlesOnly:
    """The index of the titles alone, sent while the whole one is still being built."""

    index: SearchIndex


class SearchPanel(QDockWidget):
    """The search field, a "both languages" switch and the results."""

    # section id, language, paragraph (0-based block), the query as understood
    resultChosen = Signal(str, str, int, object)
    dismissed = Signal()
    searched = Signal()  # a search has run and its results (or their absence) are shown
    _indexReady = Signal(object)

    def __init__(
        self,
        app,
        document: Document,
        parent: QWidget | None = None,
        toggle_action: QAction | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("searchPanel")
        self.setAllowedAreas(
            Qt.DockWidgetArea.LeftDockWidgetArea | Qt.DockWidgetArea.RightDockWidgetArea
        )
        self.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetClosable
            | QDockWidget.DockWidgetFeature.DockWidgetMovable
        )
        self.app = app
        self.document = document
        self._index: SearchIndex | None = None
        self._building = False
        self._failed: str | None = None
        self._answer: Answer | None = None
        self._titles_only = False  # the index of the titles, while the text is indexed
        self._searched = ""  # the text of the last search, to keep its chosen result

        body = QWidget(self)
        self.field = QLineEdit(body)
        self.field.setObjectName("searchField")
        self.field.setClearButtonEnabled(True)
        self.both_languages = QCheckBox(body)
        self.both_languages.setObjectName("searchBothLanguages")
        self.status = QLabel(body)
        self.status.setObjectName("searchStatus")
        self.status.setWordWrap(True)
        # "Did you mean …?", "Show the results in …": one click (or Enter) away.
        self.hint = QLabel(body)
        self.hint.setObjectName("searchHint")
        self.hint.setWordWrap(True)
        self.hint.setTextFormat(Qt.TextFormat.RichText)
        self.hint.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse)
        self.hint.linkActivated.connect(lambda _link: self.take_hint())
        self.hint.hide()
        self.model = ResultsModel(self)
        self.results = QListView(body)
        self.results.setObjectName("searchResults")
        self.results.setModel(self.model)
        self.results.setItemDelegate(ResultDelegate(self.results))
        self.results.setUniformItemSizes(True)
        self.results.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.results.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.results.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.results.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.field)
        layout.addWidget(self.both_languages)
        layout.addWidget(self.status)
        layout.addWidget(self.hint)
        layout.addWidget(self.results, 1)
        self.setWidget(body)
        self.setMinimumWidth(260)

        self.toggle_action = toggle_action  # the window's Ctrl+K, which opens the panel

        self._typing = QTimer(self)
        self._typing.setSingleShot(True)
        self._typing.setInterval(TYPING_PAUSE_MS)
        self._typing.timeout.connect(self.run_search)
        self.field.textChanged.connect(self._typing.start)
        self.both_languages.toggled.connect(self.run_search)
        self.field.installEventFilter(self)
        self.results.installEventFilter(self)
        self.results.activated.connect(self._choose)
        if not self.style().styleHint(QStyle.StyleHint.SH_ItemView_ActivateItemOnSingleClick):
            self.results.clicked.connect(self._choose)
        self._indexReady.connect(self._index_ready)
        app.languageChanged.connect(self._language_changed)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Search"))
        self.field.setPlaceholderText(_("Words or “an exact phrase”"))
        self.field.setAccessibleName(_("Search the document"))
        self.both_languages.setText(_("Search both languages"))
        self.results.setAccessibleName(_("Search results"))
        self.status.setAccessibleName(_("Search status"))
        self.hint.setAccessibleName(_("Search suggestion"))
        self._show_status()

    # -- opening and closing ---------------------------------------------------

    def open_panel(self) -> None:
        self.show()
        self.raise_()
        self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.field.selectAll()

    def dismiss(self) -> None:
        self.hide()
        self.dismissed.emit()

    def reset(self) -> None:
        """Empty and closed, as before the first search (a stand's next visitor)."""
        self.field.clear()
        self.run_search()
        self.hide()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not isinstance(event, QKeyEvent):
            return super().eventFilter(watched, event)
        key = event.key()
        if event.type() == QEvent.Type.ShortcutOverride and key == Qt.Key.Key_Escape:
            event.accept()  # Esc closes the panel, whatever else it may do in the window
            return False
        if event.type() != QEvent.Type.KeyPress:
            return False
        if key == Qt.Key.Key_Escape:
            self.dismiss()
            return True
        if watched is self.field:
            if key in (Qt.Key.Key_Down, Qt.Key.Key_PageDown) and self.model.rowCount():
                self.results.setFocus(Qt.FocusReason.OtherFocusReason)
                if not self.results.currentIndex().isValid():
                    self.results.setCurrentIndex(self.model.index(0))
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if self._typing.isActive() or self.field.text() != self._searched:
                    self.run_search()
                current = self.results.currentIndex()
                if current.isValid():
                    self._choose(current)
                else:
                    self.take_hint()
                return True
        elif (
            watched is self.results
            and key == Qt.Key.Key_Up
            and self.results.currentIndex().row() <= 0
        ):
            self.field.setFocus(Qt.FocusReason.OtherFocusReason)
            return True
        return False

    # -- searching ------------------------------------------------------------

    def languages(self) -> tuple[str, ...]:
        if self.both_languages.isChecked() or self.app.language not in self.document.languages:
            return self.document.languages
        return (self.app.language,)

    def run_search(self) -> None:
        """Search for what the field holds now."""
        self._typing.stop()
        text = self.field.text()
        query = parse_query(text)
        same_text, self._searched = text == self._searched, text
        if not query:
            self._answer = None
            self.model.set_results(None, None)
            self._show_status()
            self.searched.emit()
            return
        if self._index is None:
            self._start_building()
            self._show_status()
            return
        current = self.results.currentIndex()
        chosen = self.model.hit(current.row()) if current.isValid() and same_text else None
        try:
            self._answer = answer(self._index, text, self.languages(), limit=MAX_SHOWN)
        except SearchError as error:
            self._failed = str(error)
            self._answer = None
            self.model.set_results(None, None)
            self._show_status()
            self.searched.emit()
            return
        self._show(self._answer.results, chosen)
        self.searched.emit()

    def _show(self, results: Results, chosen: Hit | None = None) -> None:
        """List ``results``; stay on ``chosen`` if it is among them (the language changed)."""
        languages = {hit.language for hit in results.hits}
        self.model.set_results(
            self._index,
            results,
            self.document.title(self.app.language),
            show_language=self.both_languages.isChecked() or languages != {self.app.language},
        )
        if results.hits:
            row = next(
                (
                    number
                    for number, hit in enumerate(results.hits)
                    if chosen is not None
                    and (hit.section_id, hit.language) == (chosen.section_id, chosen.language)
                ),
                0,
            )
            self.results.setCurrentIndex(self.model.index(row))
            self.results.scrollTo(self.model.index(row))
        self._show_status()

    def take_hint(self) -> None:
        """Do what the hint offers: search the suggested words, or list the other language."""
        found = self._answer
        if found is None:
            return
        if found.suggestion is not None:
            self.field.setText(found.suggestion)
            self.run_search()
        elif found.elsewhere is not None:
            self._answer = Answer(found.elsewhere, languages=found.languages)
            self._show(found.elsewhere)

    def _start_building(self) -> None:
        if self._building or self._failed:
            return
        self._building = True
        document, ready = self.document, self._indexReady

        def titles(index: SearchIndex) -> None:  # the whole text takes a while
            with contextlib.suppress(RuntimeError):  # the panel was closed meanwhile
                ready.emit(TitlesOnly(index))

        def build() -> None:
            try:
                result: object = SearchIndex.open(document, on_titles=titles)
            except Exception as error:  # shown in the panel, logged
                log.exception("The search index could not be built")
                result = error
            with contextlib.suppress(RuntimeError):  # the panel was closed meanwhile
                ready.emit(result)

        threading.Thread(target=build, name="search-index", daemon=True).start()

    def _index_ready(self, result: object) -> None:
        if isinstance(result, TitlesOnly):
            self._index, self._titles_only = result.index, True
            self.run_search()
            return
        self._building = False
        if self._titles_only and self._index is not None:
            self.model.set_results(None, None)
            self._index.close()
            self._index, self._titles_only = None, False
        if isinstance(result, SearchIndex):
            self._index = result
            self.run_search()
        else:
            self._failed = str(result)
            self._show_status()
            self.searched.emit()

    def pending(self) -> bool:
        """Whether a search is still to come: typing goes on, or the index is being built."""
        return self._typing.isActive() or self._building

    def _show_status(self) -> None:
        results = self.model.results()
        found = self._answer
        hint = ""
        if self._failed:
            text = _("Search is not available: {error}").format(error=self._failed)
        elif not parse_query(self.field.text()):
            text = ""
        elif self._index is None:
            text = _("Preparing the search…")
        elif results is None or not results.total:
            text = _("Nothing found")
            if found is not None and found.suggestion is not None:
                words = html.escape(found.suggestion)
                hint = _("Did you mean «{query}»?").format(query=f'<a href="#">{words}</a>')
            elif found is not None and found.elsewhere is not None:
                text = _("Nothing found in this language")
                count = found.elsewhere.total
                names = sorted({i18n.language_name(hit.language) for hit in found.elsewhere.hits})
                link = ngettext(
                    "Show {count} result in {language}", "Show {count} results in {language}", count
                ).format(count=self._number(count), language=", ".join(names))
                hint = f'<a href="#">{html.escape(link)}</a>'
        else:
            shown = self._number(results.total)
            text = ngettext("{count} result", "{count} results", results.total).format(count=shown)
            if results.total > len(results.hits):
                text += " " + _("(the best {shown} are listed)").format(shown=len(results.hits))
            if found is not None and found.shown_for is not None:
                shown = _("Showing results for «{query}»").format(query=found.shown_for)
                text = f"{shown}. {text}"
        if text and self._titles_only:
            text += " " + _("(titles only: the text is still being indexed)")
        self.status.setText(text)
        self.status.setVisible(bool(text))
        self.hint.setText(hint)
        self.hint.setVisible(bool(hint))

    def _number(self, count: int) -> str:
        from babel.numbers import format_decimal

        return format_decimal(count, locale=self.app.language or "en")

    def _language_changed(self, _language: str) -> None:
        self.retranslate()
        if self.field.text():
            self.run_search()

    def _choose(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        hit = self.model.hit(index.row())
        snippet = self.model.snippet(index.row())
        results = self.model.results()
        query = results.query if results is not None else Query("", ())
        self.resultChosen.emit(hit.section_id, hit.language, snippet.paragraph, query)

    def close_index(self) -> None:
        if self._index is not None:
            self._index.close()
            self._index = None
