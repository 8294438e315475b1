"""Edit > Find in Page (Ctrl+F, F3, Shift+F3) and Search the Document (Ctrl+K).

The actions are made with the window, so their keys, menu items and toolbar
button work, in the reader's language, from the first frame. The find bar
and the search panel behind them (and ``reader.search``, which the panel
needs) are built the first time one of the actions is used: start-up does
not pay for them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from reader import settings
from reader.i18n import _

if TYPE_CHECKING:
    from reader.ui.findbar import FindBar
    from reader.ui.mainwindow import MainWindow
    from reader.ui.searchpanel import SearchPanel

__all__ = ["Finding"]


def _keys(sequence: str, standard: QKeySequence.StandardKey) -> list[QKeySequence]:
    keys = [QKeySequence(sequence)]
    keys += [key for key in QKeySequence.keyBindings(standard) if key not in keys]
    return keys


class Finding(QObject):
    """The find and search actions of a main window, and what they open."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self._find_bar: FindBar | None = None
        self._search_panel: SearchPanel | None = None

        self.find_action = QAction(window)
        self.find_action.setShortcuts(_keys("Ctrl+F", QKeySequence.StandardKey.Find))
        self.find_action.triggered.connect(lambda: self.find_bar.open_bar())
        self.next_action = QAction(window)
        self.next_action.setShortcuts(_keys("F3", QKeySequence.StandardKey.FindNext))
        self.next_action.triggered.connect(lambda: self.find_bar.find_next())
        self.previous_action = QAction(window)
        self.previous_action.setShortcuts(_keys("Shift+F3", QKeySequence.StandardKey.FindPrevious))
        self.previous_action.triggered.connect(lambda: self.find_bar.find_previous())
        self.search_action = QAction(window)
        self.search_action.setShortcut(QKeySequence("Ctrl+K"))
        self.search_action.triggered.connect(lambda: self.search_panel.open_panel())

        actions = [self.find_action, self.next_action, self.previous_action, self.search_action]
        window.addActions(actions)  # the keys work with the menu bar hidden too
        menu = getattr(window, "edit_menu", None)
        if not isinstance(menu, QMenu):
            menu = window.edit_menu = QMenu(window)
            window.menuBar().insertMenu(window.view_menu.menuAction(), menu)
            window.app.languageChanged.connect(lambda _lang: menu.setTitle(_("&Edit")))
            menu.setTitle(_("&Edit"))
        if menu.actions():
            menu.addSeparator()
        menu.addActions(actions[:3])
        menu.addSeparator()
        menu.addAction(self.search_action)

        window.side_by_side.readingPaneChanged.connect(self._pane_changed)
        window.app.languageChanged.connect(self.retranslate)
        self.retranslate()

    def retranslate(self, _language: str = "") -> None:
        self.find_action.setText(_("&Find in Page…"))
        self.next_action.setText(_("Find &Next"))
        self.previous_action.setText(_("Find &Previous"))
        self.search_action.setText(_("&Search the Document…"))
        self.search_action.setToolTip(_("Search the document (Ctrl+K)"))

    @property
    def has_find_bar(self) -> bool:
        return self._find_bar is not None

    @property
    def has_search_panel(self) -> bool:
        return self._search_panel is not None

    @property
    def find_bar(self) -> FindBar:
        """The find bar on the pane being read, built the first time it is asked for."""
        if self._find_bar is None:
            from reader.ui.findbar import FindBar

            window = self._window
            self._find_bar = FindBar(window.side_by_side.reading_pane(), window.app)
        return self._find_bar

    @property
    def search_panel(self) -> SearchPanel:
        """The search panel, docked at the right, built the first time it is asked for."""
        if self._search_panel is None:
            from reader.ui.searchpanel import SearchPanel

            window = self._window
            panel = SearchPanel(window.app, window.document, window, self.search_action)
            window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, panel)
            panel.hide()
            both = panel.both_languages
            both.setChecked(window.store.get(settings.SEARCH_BOTH))
            both.toggled.connect(lambda checked: window.store.set(settings.SEARCH_BOTH, checked))
            window.comfort.touch.add(panel.results, gestures=False)  # scrolled by finger
            panel.resultChosen.connect(window.open_search_result)
            panel.dismissed.connect(lambda: window.side_by_side.reading_pane().setFocus())
            panel.visibilityChanged.connect(self._panel_shown)
            self._search_panel = panel
        return self._search_panel

    def _panel_shown(self, visible: bool) -> None:
        """The words a search marked on the page go when its panel closes."""
        if visible:
            return
        from reader.ui.highlights import PaneHighlights

        for highlights in self._window.findChildren(PaneHighlights):
            highlights.clear("search")

    def _pane_changed(self, pane: QObject) -> None:
        """Find in page searches the pane in view (a column of the side-by-side view)."""
        if self._find_bar is not None:
            self._find_bar.set_pane(pane)
