"""The slim toolbar: home, back, forward, search, text size, side by side, presentation, EN | RU.

It holds the window's own actions (so a button, its menu item and its key
always agree) and draws their icons from SVG in the theme's colours. View >
Toolbar hides it; that choice is remembered.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QToolBar,
    QToolButton,
    QWidget,
)

from reader import i18n, settings
from reader.i18n import N_, _
from reader.themes import Theme
from reader.ui.icons import themed_icon

if TYPE_CHECKING:
    from reader.ui.application import ReaderApplication
    from reader.ui.mainwindow import MainWindow

__all__ = ["LanguageToggle", "ReaderToolBar"]

ICON_SIZE = QSize(20, 20)


def _shortcut_text(action: QAction) -> str:
    return action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)


class LanguageToggle(QWidget):
    """ "EN | RU": one click switches the language, as the Language menu does."""

    def __init__(
        self, app: ReaderApplication, set_language: Callable[[str], None], parent: QWidget
    ) -> None:
        super().__init__(parent)
        self.setObjectName("languageToggle")
        self._app = app
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 0, 4, 0)
        layout.setSpacing(0)
        self.buttons: dict[str, QToolButton] = {}
        for number, language in enumerate(i18n.LANGUAGES):
            if number:
                separator = QLabel("|", self)
                separator.setAccessibleName("")
                separator.setEnabled(False)
                layout.addWidget(separator)
            button = QToolButton(self)
            button.setObjectName(f"language-{language}")
            button.setText(language.upper())
            button.setCheckable(True)
            button.setAutoExclusive(True)
            button.setAutoRaise(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setAccessibleName(i18n.language_name(language))
            button.clicked.connect(lambda _checked=False, lang=language: set_language(lang))
            layout.addWidget(button)
            self.buttons[language] = button
        app.languageChanged.connect(self.sync)
        self.sync()

    def sync(self, _language: str = "") -> None:
        """Show the current language as pressed, in bold."""
        for language, button in self.buttons.items():
            current = language == self._app.language
            button.setChecked(current)
            font = button.font()
            font.setBold(current)
            button.setFont(font)

    def retranslate(self, tooltip: str) -> None:
        self.setAccessibleName(_("Language"))
        for button in self.buttons.values():
            button.setToolTip(tooltip)


class ReaderToolBar(QToolBar):
    """One row of the most used actions; icons only, each with a tooltip naming its key."""

    def __init__(
        self,
        app: ReaderApplication,
        window: MainWindow,
        store: settings.Settings,
        *,
        home: QAction,
        back: QAction,
        forward: QAction,
        smaller: QAction,
        larger: QAction,
        side_by_side: QAction,
        presentation: QAction,
        language: QAction,
    ) -> None:
        super().__init__(window)
        self.setObjectName("mainToolBar")
        self.setMovable(False)
        self.setFloatable(False)
        self.setIconSize(ICON_SIZE)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.PreventContextMenu)
        self.toggleViewAction().setVisible(False)
        self._store = store
        self._language_action = language
        self._theme: Theme | None = None
        self._search_icon_set = False
        # (action, icon in resources/icons/, tooltip)
        self._buttons = [
            (home, "home", N_("Start page")),
            (back, "go-back", N_("Back")),
            (forward, "go-forward", N_("Forward")),
            (smaller, "text-smaller", N_("Smaller text")),
            (larger, "text-larger", N_("Larger text")),
            (side_by_side, "side-by-side", N_("Side by side")),
            (presentation, "presentation", N_("Presentation mode")),
        ]

        self.addAction(home)
        self.addSeparator()
        self.addActions([back, forward])
        # SEARCH: the search feature's action (window.search_action) is put
        # before this separator, behind one of its own; see adopt_search_action().
        self._search_slot = self.addSeparator()
        self.addActions([smaller, larger])
        self.addSeparator()
        self.addActions([side_by_side, presentation])
        spacer = QWidget(self)
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self._spacer = self.addWidget(spacer)
        self.language_toggle = LanguageToggle(app, window.set_language, self)
        self.addWidget(self.language_toggle)
        for action, _icon, _tooltip in self._buttons:
            button = self.widgetForAction(action)
            if button is not None:
                button.setFocusPolicy(Qt.FocusPolicy.NoFocus)

        self.toggle_action = QAction(window, checkable=True)
        self.toggle_action.setChecked(store.get(settings.TOOLBAR))
        self.toggle_action.toggled.connect(self._toggled)
        self.setVisible(self.toggle_action.isChecked())
        self.adopt_search_action()
        app.languageChanged.connect(self.retranslate)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Toolbar"))
        self.setAccessibleName(_("Toolbar"))
        # Qt's own ">>" button for what does not fit: a screen reader would meet
        # it as a check box with no name.
        more = self.findChild(QToolButton, "qt_toolbar_ext_button")
        if more is not None:
            more.setAccessibleName(_("More toolbar buttons"))
        self.toggle_action.setText(_("Tool&bar"))
        for action, _icon, tooltip in self._buttons:
            shortcut = _shortcut_text(action)
            text = _(tooltip)
            action.setToolTip(f"{text} ({shortcut})" if shortcut else text)
        self.language_toggle.retranslate(
            _("Switch language ({shortcut})").format(shortcut=_shortcut_text(self._language_action))
        )

    def add_button(self, action: QAction, icon: str, tooltip: str) -> None:
        """A feature's action after the others: ``icon`` from resources/icons, ``tooltip`` N_."""
        self._buttons.append((action, icon, tooltip))
        self.insertSeparator(self._spacer)
        self.insertAction(self._spacer, action)
        button = self.widgetForAction(action)
        if button is not None:
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        if self._theme is not None:
            action.setIcon(themed_icon(icon, self._theme.window_text, self._theme.disabled_text))
        self.retranslate()

    def set_theme(self, theme: Theme) -> None:
        """Draw every icon again in the theme's colours."""
        self._theme = theme
        for action, icon, _tooltip in self._buttons:
            action.setIcon(themed_icon(icon, theme.window_text, theme.disabled_text))
        search = self._search_action()
        if search is not None and self._search_icon_set:
            search.setIcon(themed_icon("search", theme.window_text, theme.disabled_text))

    def _search_action(self) -> QAction | None:
        action = getattr(self.parentWidget(), "search_action", None)
        return action if isinstance(action, QAction) else None

    def adopt_search_action(self) -> bool:
        """SEARCH: put the window's ``search_action`` in its place, once it exists."""
        action = self._search_action()
        if action is None:
            return False
        if action not in self.actions():
            if action.icon().isNull():
                self._search_icon_set = True
                if self._theme is not None:
                    self.set_theme(self._theme)
            self.insertAction(self._search_slot, action)
            self.insertSeparator(action)
            button = self.widgetForAction(action)
            if button is not None:
                button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        return True

    def showEvent(self, event: QShowEvent) -> None:
        self.adopt_search_action()
        super().showEvent(event)

    def _toggled(self, visible: bool) -> None:
        self.setVisible(visible)
        self._store.set(settings.TOOLBAR, visible)
        self._store.sync()
