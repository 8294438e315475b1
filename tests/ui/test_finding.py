"""Find and search: their keys and menu items work from the first frame; the find
bar and the search panel are built the first time they are used, in the language
of that moment, and follow every later switch."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QFrame

from reader import i18n

from .keyboard import CTRL, press


def test_the_bar_and_the_panel_are_built_on_first_use(open_window, qtbot):
    window = open_window("en")
    assert window.findChild(QFrame, "findBar") is None
    assert window.findChild(QDockWidget, "searchPanel") is None
    texts = [action.text() for action in window.edit_menu.actions() if action.text()]
    assert "&Find in Page…" in texts and "&Search the Document…" in texts

    press(window, qtbot, window.text, Qt.Key.Key_F, CTRL)
    bar = window.findChild(QFrame, "findBar")
    assert bar is window.find_bar and bar.isVisible() and bar.field.hasFocus()

    press(window, qtbot, window.text, Qt.Key.Key_K, CTRL)
    panel = window.findChild(QDockWidget, "searchPanel")
    assert panel is window.search_panel and panel.isVisible() and panel.field.hasFocus()
    assert window.dockWidgetArea(panel) == Qt.DockWidgetArea.RightDockWidgetArea


def test_built_after_a_language_switch_they_speak_that_language(open_window):
    window = open_window("en")
    window.set_language("ru")
    find_placeholder, search_title = i18n._("Find in page"), i18n._("Search")
    assert find_placeholder != "Find in page" and search_title != "Search"
    assert window.finding.find_action.text() == i18n._("&Find in Page…")

    bar, panel = window.find_bar, window.search_panel
    assert bar.field.placeholderText() == find_placeholder
    assert panel.windowTitle() == search_title
    window.set_language("en")
    assert bar.field.placeholderText() == "Find in page"
    assert panel.windowTitle() == "Search"
