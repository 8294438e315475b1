"""Reading comfort and keyboard access, wired into the main window in one place.

Each job lives in its own module (text size, themes, presentation, history,
toolbar, copy, shortcuts page); this one builds them for a window, puts their
actions in the menus, and redraws the page when the theme or the text size
changes, keeping the reader's paragraph in view.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from reader.i18n import _
from reader.render import style_sheet
from reader.themes import Theme
from reader.ui.navigation import Navigation
from reader.ui.presentation import Presentation
from reader.ui.textmenu import TextActions
from reader.ui.theming import Appearance, focus_style_sheet
from reader.ui.toolbar import ReaderToolBar
from reader.ui.zoom import TextSizeControl

if TYPE_CHECKING:
    from reader.ui.mainwindow import MainWindow
    from reader.ui.shortcuts import ShortcutsDialog

__all__ = ["ReadingComfort"]


class ReadingComfort(QObject):
    """Text size, themes, presentation mode, history, toolbar and their menus."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        app, store, text = window.app, window.store, window.text

        self.appearance = Appearance(app, store, window)
        self.text_size = TextSizeControl(app, store, text.viewport(), window)
        self.navigation = Navigation(
            app, window.document.manifest, window.show_section, window.position, window
        )
        self.navigation.watch_mouse(window, text.viewport(), window.tree.viewport())
        self.presentation = Presentation(app, window, text, window.side_panel, window.tree_action)
        self.text_actions = TextActions(app, text, window)
        self.toolbar = ReaderToolBar(
            app,
            window,
            store,
            back=self.navigation.back_action,
            forward=self.navigation.forward_action,
            smaller=self.text_size.smaller_action,
            larger=self.text_size.larger_action,
            presentation=self.presentation.action,
            language=window.toggle_language_action,
        )
        window.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.toolbar)
        self.presentation.chrome.append(self.toolbar)
        self.text_actions.extra_actions = [
            self.navigation.back_action,
            self.navigation.forward_action,
            None,
            self.text_size.larger_action,
            self.text_size.smaller_action,
            None,
            self.presentation.action,
        ]
        self.shortcuts_action = QAction(window)
        self.shortcuts_action.setShortcuts(QKeySequence.StandardKey.HelpContents)
        self.shortcuts_action.triggered.connect(self.show_shortcuts)
        self.shortcuts_dialog: ShortcutsDialog | None = None
        self._chrome: tuple[Theme, bool] | None = None  # what the panes and icons are styled for

        self._add_to_menus()
        QWidget.setTabOrder(window.tree, text)
        text.setFocus(Qt.FocusReason.OtherFocusReason)

        self._style_page(redraw=False)
        self.appearance.themeChanged.connect(self._theme_changed)
        self.text_size.sizeChanged.connect(lambda _size: self._style_page())
        self.presentation.toggled.connect(self.text_size.set_presenting)
        app.languageChanged.connect(self.retranslate)
        self.retranslate()

    def _add_to_menus(self) -> None:
        window = self._window
        bar = window.menuBar()
        edit_menu = getattr(window, "edit_menu", None)
        if not isinstance(edit_menu, QMenu):
            edit_menu = QMenu(window)
            bar.insertMenu(window.view_menu.menuAction(), edit_menu)
            window.edit_menu = edit_menu
        self.edit_menu = edit_menu
        edit_menu.addActions([self.text_actions.copy_action, self.text_actions.select_all_action])

        view = window.view_menu
        view.addSeparator()
        view.addAction(self.toolbar.toggle_action)
        view.addSeparator()
        view.addMenu(self.text_size.menu)
        view.addMenu(self.appearance.menu)
        view.addSeparator()
        view.addAction(self.presentation.action)

        self.go_menu = QMenu(window)
        bar.insertMenu(window.language_menu.menuAction(), self.go_menu)
        self.go_menu.addActions([self.navigation.back_action, self.navigation.forward_action])
        self.go_menu.addSeparator()
        self.go_menu.addActions([self.navigation.next_action, self.navigation.previous_action])
        self.go_menu.addSeparator()
        self.go_menu.addAction(window.side_panel.filter_action)

        help_menu = window.help_menu
        first = help_menu.actions()[0] if help_menu.actions() else None
        if first is None:
            help_menu.addAction(self.shortcuts_action)
        else:
            help_menu.insertAction(first, self.shortcuts_action)
            help_menu.insertSeparator(first)

    def retranslate(self) -> None:
        window = self._window
        self.edit_menu.setTitle(_("&Edit"))
        self.go_menu.setTitle(_("&Go"))
        self.shortcuts_action.setText(_("&Keyboard Shortcuts"))
        window.tree.setAccessibleDescription(
            _("The sections of the document; choosing one opens it")
        )
        window.text.setAccessibleDescription(_("The text of the open section"))

    def show_shortcuts(self) -> None:
        if self.shortcuts_dialog is None:
            from reader.ui.shortcuts import ShortcutsDialog  # not needed at start-up

            self.shortcuts_dialog = ShortcutsDialog(self._window.app, self._window)
        else:
            self.shortcuts_dialog.retranslate()
        self.shortcuts_dialog.show()
        self.shortcuts_dialog.raise_()
        self.shortcuts_dialog.activateWindow()

    def _theme_changed(self, theme: Theme) -> None:
        self._style_page()

    def _style_page(self, redraw: bool = True) -> None:
        """Give the page the theme's colours and the text size, keeping the place."""
        window = self._window
        theme = self.appearance.theme
        size = self.text_size.size
        place = window.position()
        window.text.set_page_style(style_sheet(theme, size), size)
        chrome = (theme, self.presentation.active)
        if chrome != self._chrome:  # restyling every pane and icon takes a frame: only on change
            self._chrome = chrome
            window.splitter.setStyleSheet(focus_style_sheet(*chrome))
            self.toolbar.set_theme(theme)
        if redraw:
            window.show_section(*place)
