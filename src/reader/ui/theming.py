"""Themes applied to the whole application: palette, the View > Theme menu.

The colours are data in ``reader.themes``; this module turns a theme into a
QPalette for every widget (the application runs in Qt's Fusion style, which
draws the same way on every platform, so the tree, menus and scroll bars
follow the palette: see ``reader.ui.application``), and remembers the
reader's choice. "Follow the system" picks light or dark from the desktop
and changes with it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QMenu, QToolTip, QWidget

from reader import settings
from reader.i18n import N_, _
from reader.themes import SYSTEM, THEME_CHOICES, Theme, resolve

if TYPE_CHECKING:
    from reader.ui.application import ReaderApplication

__all__ = ["Appearance", "apply_theme", "focus_style_sheet", "palette_for", "system_is_dark"]

_CHOICE_LABELS = {
    "light": N_("&Light"),
    "dark": N_("&Dark"),
    "sepia": N_("&Sepia"),
    SYSTEM: N_("&Follow the System"),
}


def system_is_dark() -> bool:
    return QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark


def palette_for(theme: Theme) -> QPalette:
    """Every palette role the widgets draw with, in the theme's colours."""
    role = QPalette.ColorRole
    group = QPalette.ColorGroup
    palette = QPalette()
    colours = {
        role.Window: theme.window,
        role.WindowText: theme.window_text,
        role.Base: theme.base,
        role.AlternateBase: theme.alternate_base,
        role.Text: theme.text,
        role.Button: theme.button,
        role.ButtonText: theme.button_text,
        role.BrightText: theme.highlighted_text,
        role.Highlight: theme.highlight,
        role.HighlightedText: theme.highlighted_text,
        role.ToolTipBase: theme.tooltip_base,
        role.ToolTipText: theme.tooltip_text,
        role.PlaceholderText: theme.placeholder,
        role.Link: theme.link,
        role.LinkVisited: theme.link,
        role.Light: QColor(theme.button).lighter(125).name(),
        role.Midlight: QColor(theme.button).lighter(110).name(),
        role.Mid: theme.border,
        role.Dark: QColor(theme.border).darker(130).name(),
        role.Shadow: QColor(theme.border).darker(200).name(),
    }
    for colour_role, colour in colours.items():
        palette.setColor(colour_role, QColor(colour))
    palette.setColor(group.Inactive, role.Highlight, QColor(theme.inactive_highlight))
    palette.setColor(group.Inactive, role.HighlightedText, QColor(theme.text))
    for dimmed in (role.WindowText, role.Text, role.ButtonText, role.HighlightedText):
        palette.setColor(group.Disabled, dimmed, QColor(theme.disabled_text))
    palette.setColor(group.Disabled, role.Highlight, QColor(theme.inactive_highlight))
    return palette


def focus_style_sheet(theme: Theme, presenting: bool = False) -> str:
    """A frame in the focus colour around whichever pane has the keyboard.

    Presenting, the text fills the screen and needs no frame.
    """
    if presenting:
        return "#textPane, #textPane:focus { border: none; }\n"
    return (
        f"#sectionTree, #textPane {{ border: 2px solid {theme.border}; }}\n"
        f"#sectionTree:focus, #textPane:focus {{ border: 2px solid {theme.focus}; }}\n"
    )


def apply_theme(app: QApplication, theme: Theme) -> None:
    palette = palette_for(theme)
    app.setPalette(palette)
    QToolTip.setPalette(palette)


class Appearance(QObject):
    """The reader's theme choice: its menu, its setting, and applying it."""

    themeChanged = Signal(object)

    def __init__(self, app: ReaderApplication, store: settings.Settings, parent: QWidget) -> None:
        super().__init__(parent)
        self._app = app
        self._store = store
        self.choice = store.get(settings.THEME)
        self.theme = resolve(self.choice, system_is_dark())
        self.menu = QMenu(parent)
        self.menu.setObjectName("themeMenu")
        self._group = QActionGroup(self)
        self._group.setExclusive(True)
        self.actions: dict[str, QAction] = {}
        for choice in THEME_CHOICES:
            action = QAction(self, checkable=True)
            action.setData(choice)
            action.triggered.connect(lambda _checked=False, c=choice: self.set_choice(c))
            self._group.addAction(action)
            self.menu.addAction(action)
            self.actions[choice] = action
            if choice == "sepia":
                self.menu.addSeparator()
        self.actions[self.choice].setChecked(True)
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._system_changed)
        app.languageChanged.connect(self.retranslate)
        self.retranslate()
        apply_theme(app, self.theme)

    def retranslate(self) -> None:
        self.menu.setTitle(_("T&heme"))
        for choice, action in self.actions.items():
            action.setText(_(_CHOICE_LABELS[choice]))

    def set_choice(self, choice: str) -> None:
        if choice not in THEME_CHOICES:
            return
        self.choice = choice
        self.actions[choice].setChecked(True)
        self._store.set(settings.THEME, choice)
        self._store.sync()
        self._apply()

    def _system_changed(self, _scheme: Qt.ColorScheme) -> None:
        if self.choice == SYSTEM:
            self._apply()

    def _apply(self) -> None:
        theme = resolve(self.choice, system_is_dark())
        self.theme = theme
        apply_theme(self._app, theme)
        self.themeChanged.emit(theme)
