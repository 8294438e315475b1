"""Edit > Copy and Select All, and the text pane's own context menu.

The context menu is built from the window's actions, so it speaks the
reader's language (not Qt's) and shows the same keys as the menus.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QPoint, Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QMenu, QTextBrowser, QWidget

from reader.i18n import _

if TYPE_CHECKING:
    from reader.ui.application import ReaderApplication

__all__ = ["TextActions"]

EXTERNAL = ("http://", "https://", "mailto:")


class TextActions(QObject):
    """Copy, Select All and Copy Link Address for one text pane."""

    def __init__(self, app: ReaderApplication, text: QTextBrowser, parent: QWidget) -> None:
        super().__init__(parent)
        self._text = text
        self.copy_action = QAction(parent)
        self.copy_action.setShortcut(QKeySequence.StandardKey.Copy)
        self.copy_action.setEnabled(False)
        self.copy_action.triggered.connect(lambda: self._text.copy())
        text.copyAvailable.connect(self.copy_action.setEnabled)
        self.select_all_action = QAction(parent)
        self.select_all_action.setShortcut(QKeySequence.StandardKey.SelectAll)
        self.select_all_action.triggered.connect(self.select_all)
        self.copy_link_action = QAction(parent)
        self.copy_link_action.triggered.connect(self._copy_link)
        self._link = ""
        # Set by the window: more actions for the menu (back, forward ...), None for a line.
        self.extra_actions: list[QAction | None] = []

        text.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        text.customContextMenuRequested.connect(self.show_menu)
        app.languageChanged.connect(self.retranslate)
        self.retranslate()

    def retranslate(self) -> None:
        self.copy_action.setText(_("&Copy"))
        self.select_all_action.setText(_("Select &All"))
        self.copy_link_action.setText(_("Cop&y Link Address"))

    def set_text(self, text: QTextBrowser) -> None:
        """Act on another pane from now on (a column of the side-by-side view)."""
        if text is self._text:
            return
        self._text.copyAvailable.disconnect(self.copy_action.setEnabled)
        self._text = text
        text.copyAvailable.connect(self.copy_action.setEnabled)
        self.copy_action.setEnabled(text.textCursor().hasSelection())

    def select_all(self) -> None:
        self._text.selectAll()
        self.copy_action.setEnabled(self._text.textCursor().hasSelection())

    def build_menu(self, position: QPoint) -> QMenu:
        """The context menu for a click at ``position`` (viewport coordinates)."""
        menu = QMenu(self._text)
        menu.setObjectName("textContextMenu")
        menu.addAction(self.copy_action)
        self._link = self._text.anchorAt(position)
        if self._link.lower().startswith(EXTERNAL):
            menu.addAction(self.copy_link_action)
        menu.addAction(self.select_all_action)
        if self.extra_actions:
            menu.addSeparator()
        for action in self.extra_actions:
            if action is None:
                menu.addSeparator()
            else:
                menu.addAction(action)
        return menu

    def show_menu(self, position: QPoint) -> None:
        menu = self.build_menu(position)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(self._text.viewport().mapToGlobal(position))

    def _copy_link(self) -> None:
        if self._link:
            QGuiApplication.clipboard().setText(self._link)
