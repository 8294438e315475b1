"""The tree of sections on the left, built lazily from the manifest."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QAbstractItemView, QApplication, QTreeView, QWidget

from reader import i18n
from reader.content import Document, Problem
from reader.i18n import _
from reader.markdown import plain_as_rich_text
from reader.ui.textpane import WatchedViewport

__all__ = ["SectionModel", "SectionTree"]

SECTION_ID_ROLE = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex
NO_CHILDREN: tuple[int, ...] = ()
# The roles data() answers, as plain numbers.
_ANSWERED = frozenset(
    int(role)
    for role in (
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.AccessibleTextRole,
        Qt.ItemDataRole.FontRole,
        Qt.ItemDataRole.DecorationRole,
        SECTION_ID_ROLE,
    )
)
MOST_OPEN_ROWS = 1000  # rows the tree may list at start-up with every chapter open


class SectionModel(QAbstractItemModel):
    """Sections as Qt items; titles are read only for rows a view shows.

    Each section is numbered from 1 in manifest order; the number is the
    index's internal id, and 0, the id of an invalid index, stands for the
    top of the tree. A view asks for every row's index and children as it
    lays the tree out, so a section's children are listed, as numbers, the
    first time they are asked for, and their rows noted then: at start-up a
    view asks only for the chapters and the open one's sections (listing
    all 20,000 of a large document took 4 ms).
    """

    def __init__(self, document: Document, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._document = document
        self._language = language
        manifest = document.manifest
        self._manifest = manifest
        self._ids: list[str | None] = [None, *manifest.ids()]
        self._places = manifest.places()  # a section's number is its place + 1
        self._above = manifest.sections.parents  # by place: the parent's id, or None
        parents = manifest.parents()  # the ids of the sections with children, and None
        self._groups = {0, *(self._places[group] + 1 for group in parents if group is not None)}
        self._children: dict[int, list[int]] = {}  # number -> its children's, once asked for
        self._row: dict[int, int] = {}  # number -> its row under its parent, likewise

    def _children_of(self, number: int) -> Sequence[int]:
        children = self._children.get(number)
        if children is None:
            if number not in self._groups:
                return NO_CHILDREN
            places = self._places
            group = self._manifest.children(self._ids[number])
            children = self._children[number] = [places[child] + 1 for child in group]
            self._row.update(zip(children, range(len(children)), strict=True))
        return children

    def _parent_of(self, number: int) -> int:
        above = self._above[number - 1] if number else None
        return 0 if above is None else self._places[above] + 1

    def _row_of(self, number: int) -> int:
        row = self._row.get(number)
        if row is None:
            self._children_of(self._parent_of(number))
            row = self._row[number]
        return row

    def set_language(self, language: str) -> None:
        self.layoutAboutToBeChanged.emit()
        self._language = language
        self.layoutChanged.emit()
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 0)

    def index_of(self, section_id: str) -> QModelIndex:
        number = self._places.get(section_id, -1) + 1
        if not number:
            return QModelIndex()
        return self.createIndex(self._row_of(number), 0, number)

    def section_id(self, index: Index) -> str | None:
        return self._ids[index.internalId()] if index.isValid() else None

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:
        children = self._children_of(parent.internalId())
        if column != 0 or not 0 <= row < len(children):
            return QModelIndex()
        return self.createIndex(row, 0, children[row])

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        above = self._parent_of(index.internalId())
        return self.createIndex(self._row_of(above), 0, above) if above else QModelIndex()

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        number = parent.internalId()
        if parent.column() > 0 or number not in self._groups:
            return 0
        return len(self._manifest.children(self._ids[number]))  # not yet listed as numbers

    def hasChildren(self, parent: Index = QModelIndex()) -> bool:
        return parent.column() <= 0 and parent.internalId() in self._groups

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 1

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in _ANSWERED:  # a view asks each row it paints for seven roles
            return None
        section_id = self.section_id(index)
        if section_id is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._document.section_title(self._language, section_id)
        if role == SECTION_ID_ROLE:
            return section_id
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_as_rich_text(self._marked(section_id, role))
        if role in (
            Qt.ItemDataRole.AccessibleTextRole,
            Qt.ItemDataRole.FontRole,
            Qt.ItemDataRole.DecorationRole,
        ):
            return self._marked(section_id, role)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """The hidden header's name, which screen readers still announce."""
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _("Sections")
        return None

    def availability(self, section_id: str) -> tuple[str, Problem | None, str | None]:
        """``("ok"|"other"|"broken", problem, language shown instead)`` in this language.

        A section that cannot be read here but can in another language is
        shown in that one ("other"); one readable in no language is "broken".
        Files nobody opened are judged by their metadata only, so scrolling
        a large tree parses nothing; ``refresh`` after opening a section.
        """
        problem = self._document.known_problem(self._language, section_id)
        if problem is None:
            return "ok", None, None
        for other in self._document.languages:
            if other != self._language and not self._document.known_problem(other, section_id):
                return "other", problem, other
        return "broken", problem, None

    def refresh(self, section_id: str) -> None:
        """Redraw one row: opening a section can reveal that it is damaged."""
        index = self.index_of(section_id)
        if index.isValid():
            self.dataChanged.emit(index, index)

    def _marked(self, section_id: str, role: int) -> Any:
        """Italics, a warning sign and the reason for sections that cannot be read."""
        state, problem, other = self.availability(section_id)
        if role == Qt.ItemDataRole.FontRole:
            if state == "ok":
                return None
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.DecorationRole:
            if state != "broken":
                return None
            from PySide6.QtWidgets import QStyle  # a large type: made only when it is needed

            return QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        title = self._document.section_title(self._language, section_id)
        if state == "ok":
            return title
        if state == "other":
            note = _("Not available in this language; shown in {language}.").format(
                language=i18n.language_name(other or "")
            )
        else:
            note = _("This section cannot be shown.")
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{title}. {note}"
        return f"{title}\n{note}\n{problem}"


class SectionTree(WatchedViewport, QTreeView):
    """Keyboard and mouse navigation of the sections."""

    sectionActivated = Signal(str)

    def __init__(self, model: SectionModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # Styled and set up before it has rows: a style sheet makes a view lay its
        # rows out again (2 ms for the 200 chapters of a 20,000-section document).
        self.setStyleSheet("QTreeView::item { padding: 3px 2px; }")
        self.setHeaderHidden(True)
        self.setUniformRowHeights(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setModel(model)
        self.selectionModel().currentChanged.connect(self._current_changed)
        self._quiet = False

    def open_top_level(self, most_rows: int = MOST_OPEN_ROWS) -> None:
        """Open the top-level sections, unless that would list more than ``most_rows`` rows.

        A large document then starts with its chapters listed and only the
        open section's branch open (``select_section``): laying out the rows
        of every open chapter, 3,800 for 20,000 sections, took ~20 ms of
        start-up, and a reader finds a chapter faster in a short list.
        """
        model = self.section_model()
        top = [model.index(row, 0) for row in range(model.rowCount())]
        if len(top) + sum(model.rowCount(index) for index in top) <= most_rows:
            self.expandToDepth(0)

    def section_model(self) -> SectionModel:
        return self.model()  # type: ignore[return-value]

    def select_section(self, section_id: str) -> None:
        """Show ``section_id`` as current without announcing it again."""
        index = self.section_model().index_of(section_id)
        if not index.isValid():
            return
        self.section_model().refresh(section_id)
        parent = index.parent()
        while parent.isValid():
            self.expand(parent)
            parent = parent.parent()
        self._quiet = True
        try:
            self.setCurrentIndex(index)
        finally:
            self._quiet = False
        self.scrollTo(index)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        section_id = self.section_model().section_id(current)
        if section_id and not self._quiet:
            self.sectionActivated.emit(section_id)
