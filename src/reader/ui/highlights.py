"""Marks on the text pane: what a search found, what the find bar finds.

Each feature owns a named layer of spans; the pane shows every layer as
ExtraSelections, which colour the text without changing the document. A
layer belongs to the text it was made for: when the pane shows other text
(another section or language), the layer is dropped and ``textReplaced`` lets
its owner make a new one. Re-laying out the same text (a resize) keeps it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QTextEdit

if TYPE_CHECKING:
    from reader.search import Query

__all__ = ["CURRENT_MATCH", "MATCH", "PaneHighlights", "mark_search_matches", "reveal"]

# Dark text on yellow and orange reads on every theme's page.
MATCH = ("#ffe066", "#1f2328")
CURRENT_MATCH = ("#ff9632", "#1f2328")

Span = tuple[int, int, tuple[str, str]]


def _format(colours: tuple[str, str]) -> QTextCharFormat:
    background, foreground = colours
    fmt = QTextCharFormat()
    fmt.setBackground(QColor(background))
    fmt.setForeground(QColor(foreground))
    return fmt


class PaneHighlights(QObject):
    """The layers of marks of one text pane; get it with ``PaneHighlights.of(pane)``."""

    textReplaced = Signal()

    def __init__(self, pane: QTextEdit) -> None:
        super().__init__(pane)
        self.setObjectName("paneHighlights")
        self._pane = pane
        self._seen = pane.toPlainText()
        self._layers: dict[str, tuple[str, list[Span]]] = {}
        # textChanged also fires when the page is only laid out again, and
        # several times while new text is set: look once, when it is done.
        self._check_timer = QTimer(self)
        self._check_timer.setSingleShot(True)
        self._check_timer.setInterval(0)
        self._check_timer.timeout.connect(self._check)
        pane.textChanged.connect(self._check_timer.start)

    @classmethod
    def of(cls, pane: QTextEdit) -> PaneHighlights:
        existing = pane.findChild(cls, "paneHighlights")
        return existing if isinstance(existing, cls) else cls(pane)

    def set_layer(self, name: str, spans: list[Span]) -> None:
        """Show ``spans`` (start, end, colours) for the pane's current text."""
        self._layers[name] = (self._pane.toPlainText(), spans)
        self._apply()

    def layer(self, name: str) -> list[Span]:
        return self._layers.get(name, ("", []))[1]

    def clear(self, name: str) -> None:
        if self._layers.pop(name, None) is not None:
            self._apply()

    def _check(self) -> None:
        text = self._pane.toPlainText()
        self._apply()
        if text != self._seen:
            self._seen = text
            self.textReplaced.emit()

    def _apply(self) -> None:
        text = self._pane.toPlainText()
        self._layers = {name: layer for name, layer in self._layers.items() if layer[0] == text}
        document = self._pane.document()
        formats: dict[tuple[str, str], QTextCharFormat] = {}
        selections = []
        for _text, spans in self._layers.values():
            for start, end, colours in spans:
                selection = QTextEdit.ExtraSelection()
                cursor = QTextCursor(document)
                cursor.setPosition(start)
                cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
                selection.cursor = cursor
                selection.format = formats.setdefault(colours, _format(colours))
                selections.append(selection)
        self._pane.setExtraSelections(selections)


def reveal(pane: QTextEdit, position: int) -> None:
    """Scroll just enough to show ``position``, a third of the way down if it must move."""
    cursor = QTextCursor(pane.document())
    cursor.setPosition(position)
    rect = pane.cursorRect(cursor)
    height = pane.viewport().height()
    if rect.top() >= 0 and rect.bottom() <= height:
        return
    bar = pane.verticalScrollBar()
    bar.setValue(bar.value() + rect.top() - height // 3)


def mark_search_matches(pane, query: Query, paragraph: int) -> int:
    """Mark every word of the page that ``query`` matches; show the first from ``paragraph``.

    ``pane`` is a TextPane already scrolled to ``paragraph``. Returns the
    number of places marked.
    """
    from reader.search import match_spans  # here: the find bar needs this module, not search

    document = pane.document()
    spans: list[Span] = []
    block = document.begin()
    while block.isValid():
        text = block.text()
        if text.strip():
            base = block.position()
            spans += [(base + start, base + end, MATCH) for start, end in match_spans(text, query)]
        block = block.next()
    highlights = PaneHighlights.of(pane)
    highlights.set_layer("search", spans)
    if spans:
        top = pane.paragraph_top(paragraph) - 1
        layout = document.documentLayout()
        target = next(
            (
                start
                for start, _end, _colours in spans
                if layout.blockBoundingRect(document.findBlock(start)).top() >= top
            ),
            spans[0][0],
        )
        reveal(pane, target)
    return len(spans)
