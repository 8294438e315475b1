"""Help > Keyboard Shortcuts: every key the reader answers to, in its language.

The list is read from the menus themselves, so it cannot fall out of step
with them; a few keys that belong to no menu item are added by hand.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QMainWindow,
    QMenu,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reader.i18n import N_, _

__all__ = ["ShortcutsDialog", "menu_shortcuts"]

# Keys that no menu item shows: (what it does, the keys). A tuple of keys is
# named by Qt in the reader's language (Вверх, Вниз, Пробел); keys are written
# as their caps are printed (Enter, Esc, Tab, Home), as Qt's Russian does.
_OTHER_KEYS: tuple[tuple[str, tuple[str, ...] | str], ...] = (
    (N_("Move between the filter box, the tree and the text"), ("Tab",)),
    (N_("Move back"), ("Shift+Tab",)),
    (N_("Leave presentation mode"), ("Esc",)),
    (N_("Clear the filter box"), ("Esc",)),
    (N_("Open a section chosen in the tree"), ("Up", "Down", "Enter")),
    (N_("Scroll the text"), ("PgUp", "PgDown", "Space", "Home", "End")),
    (N_("Text size"), N_("Ctrl + mouse wheel")),
    (N_("Back / forward"), N_("Mouse back and forward buttons")),
)
# Qt's Help key is on no PC keyboard; F1 stands beside it in the same shortcut.
_ABSENT_KEYS = (QKeySequence(Qt.Key.Key_Help),)

if TYPE_CHECKING:
    from reader.ui.application import ReaderApplication


def _plain(text: str) -> str:
    """A menu text without its ``&`` mnemonic marks."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def _keys(action: QAction) -> str:
    return _names(key for key in action.shortcuts() if key not in _ABSENT_KEYS)


def _names(keys) -> str:
    """Key sequences as Qt names them in the current language."""
    native = QKeySequence.SequenceFormat.NativeText
    return ", ".join(QKeySequence(key).toString(native) for key in keys)


def _other_keys() -> list[tuple[str, str]]:
    return [
        (_(what), _(keys) if isinstance(keys, str) else _names(keys)) for what, keys in _OTHER_KEYS
    ]


def menu_shortcuts(window: QMainWindow) -> list[tuple[str, list[tuple[str, str]]]]:
    """(menu title, [(item, keys)]) for every menu item that has a key."""
    groups: list[tuple[str, list[tuple[str, str]]]] = []

    def walk(menu: QMenu, prefix: str, rows: list[tuple[str, str]]) -> None:
        for action in menu.actions():
            submenu = action.menu()
            if isinstance(submenu, QMenu):
                walk(submenu, f"{prefix}{_plain(submenu.title())} › ", rows)
            elif not action.isSeparator() and action.shortcuts():
                rows.append((prefix + _plain(action.text()), _keys(action)))

    for top in window.menuBar().actions():
        menu = top.menu()
        if isinstance(menu, QMenu):
            rows: list[tuple[str, str]] = []
            walk(menu, "", rows)
            if rows:
                groups.append((_plain(menu.title()), rows))
    return groups


class ShortcutsDialog(QDialog):
    """A two-column list, grouped by menu; keyboard-navigable and read by screen readers."""

    def __init__(self, app: ReaderApplication, window: QMainWindow, parent: QWidget | None = None):
        super().__init__(parent or window)
        self.setObjectName("shortcutsDialog")
        self._window = window
        self.list = QTreeWidget(self)
        self.list.setObjectName("shortcutList")
        self.list.setColumnCount(2)
        self.list.setRootIsDecorated(False)
        self.list.setUniformRowHeights(True)
        self.list.setAlternatingRowColors(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list)
        layout.addWidget(buttons)
        self.resize(560, 560)
        app.languageChanged.connect(self.retranslate)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Keyboard Shortcuts"))
        self.list.setHeaderLabels([_("Action"), _("Keys")])
        self.list.setAccessibleName(_("Keyboard shortcuts"))
        self.list.clear()
        groups = menu_shortcuts(self._window)
        groups.append((_("Other keys"), _other_keys()))
        for title, rows in groups:
            heading = QTreeWidgetItem(self.list, [title, ""])
            font = heading.font(0)
            font.setBold(True)
            heading.setFont(0, font)
            heading.setFirstColumnSpanned(True)
            heading.setFlags(Qt.ItemFlag.ItemIsEnabled)
            for what, keys in rows:
                QTreeWidgetItem(heading, [what, keys])
        self.list.expandAll()
        self.list.resizeColumnToContents(0)
        first = self.list.topLevelItem(0)
        if first is not None:
            self.list.setCurrentItem(first)
