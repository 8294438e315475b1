"""The left panel: a filter box above the section tree.

Typing narrows the tree to the sections whose titles (in the current
language) contain the words typed, with their parents; Down or Enter goes
to the first match, Esc clears the box.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QModelIndex, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

from reader.content import Document
from reader.i18n import _, ngettext
from reader.sectionfilter import matching_sections
from reader.ui.sectiontree import SectionTree

if TYPE_CHECKING:
    from reader.ui.application import ReaderApplication

__all__ = ["FilterBox", "SidePanel"]


class FilterBox(QLineEdit):
    """A line edit that hands Down and Enter to the tree and clears on Esc."""

    def __init__(self, panel: SidePanel) -> None:
        super().__init__(panel)
        self._panel = panel
        # The clear button shows only over text: it is made with the first text,
        # not at start-up (its icon means loading the style's images).
        self.textChanged.connect(self._offer_clear_button)

    def _offer_clear_button(self, text: str) -> None:
        if text and not self.isClearButtonEnabled():
            self.setClearButtonEnabled(True)

    def event(self, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Escape
            and self.text()
        ):
            event.accept()  # Esc clears the box first, before any window shortcut
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key == Qt.Key.Key_Escape and self.text():
            self.clear()
            return
        if key in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._panel.go_to_first_match()
            return
        super().keyPressEvent(event)


class SidePanel(QWidget):
    """Filter box and tree, shown and hidden together (View > Section Tree)."""

    def __init__(
        self, app: ReaderApplication, document: Document, tree: SectionTree, parent: QWidget
    ) -> None:
        super().__init__(parent)
        self.setObjectName("sidePanel")
        self._app = app
        self._document = document
        self.tree = tree
        self.filter = FilterBox(self)
        self.filter.setObjectName("sectionFilter")
        self.filter.textChanged.connect(self.apply_filter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.filter)
        layout.addWidget(tree)
        QWidget.setTabOrder(self.filter, tree)
        self._matches: list[str] = []
        self._hidden: set[str] = set()

        self.filter_action = QAction(parent)
        self.filter_action.setShortcut(QKeySequence("Ctrl+T"))
        self.filter_action.triggered.connect(self.focus_filter)

        app.languageChanged.connect(self._language_changed)
        self.retranslate()

    def retranslate(self) -> None:
        self.filter.setPlaceholderText(_("Filter sections"))
        self.filter.setAccessibleName(_("Filter sections"))
        self._describe()
        self.filter.setToolTip(
            _("Filter sections ({shortcut})").format(
                shortcut=self.filter_action.shortcut().toString(
                    QKeySequence.SequenceFormat.NativeText
                )
            )
        )
        self.filter_action.setText(_("Filter &Sections"))

    def focus_filter(self) -> None:
        """Show the panel if hidden, then put the cursor in the filter box."""
        window = self.window()
        tree_action = getattr(window, "tree_action", None)
        if not self.isVisible() and tree_action is not None:
            tree_action.setChecked(True)
        self.show()
        self.filter.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter.selectAll()

    def matches(self) -> list[str]:
        """Section ids that match the filter, in tree order; empty when unfiltered."""
        return list(self._matches)

    def apply_filter(self, text: str | None = None) -> None:
        query = self.filter.text() if text is None else text
        language = self._app.language
        found = matching_sections(
            self._document.manifest,
            lambda section_id: self._document.section_title(language, section_id),
            query,
        )
        model = self.tree.section_model()
        ids = self._document.manifest.ids()
        hidden: set[str] = set()
        self._matches = []
        if found is not None:
            matches, shown = found
            self._matches = [section_id for section_id in ids if section_id in matches]
            hidden = {section_id for section_id in ids if section_id not in shown}
            for section_id in shown - matches:
                self.tree.expand(model.index_of(section_id))
        # Only the rows that change: hiding every row of a large tree, at every
        # keystroke, took longer than a frame.
        for section_id in hidden ^ self._hidden:
            index = model.index_of(section_id)
            self.tree.setRowHidden(index.row(), index.parent(), section_id in hidden)
        self._hidden = hidden
        self._describe()

    def _describe(self) -> None:
        """What a screen reader says about the box: how to use it, or what it found."""
        if not self.filter.text().strip():
            text = _(
                "Type words from a section title to narrow the tree to the sections that match"
            )
        elif self._matches:
            count = len(self._matches)
            text = ngettext("{count} section matches", "{count} sections match", count).format(
                count=count
            )
        else:
            text = _("No section matches")
        self.filter.setAccessibleDescription(text)

    def go_to_first_match(self) -> None:
        """Open the first match (choosing a row in the tree opens it) and move to the tree."""
        index = self._first_match_index()
        if index.isValid():
            self.tree.setCurrentIndex(index)
        self.tree.setFocus(Qt.FocusReason.OtherFocusReason)

    def _first_match_index(self) -> QModelIndex:
        model = self.tree.section_model()
        if self._matches:
            return model.index_of(self._matches[0])
        return model.index(0, 0)

    def _language_changed(self, _language: str) -> None:
        self.retranslate()
        if self.filter.text():
            self.apply_filter()
