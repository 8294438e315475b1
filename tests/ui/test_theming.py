"""Themes colour the whole window and the page, follow the system, and are remembered."""

from __future__ import annotations

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from reader import settings
from reader.settings import Settings
from reader.themes import DARK, LIGHT, SEPIA
from reader.ui import theming

from .test_mainwindow import action_named


def theme_menu(window):
    return window.comfort.appearance.menu


def choose(window, name: str) -> None:
    """Pick a theme from View > Theme; widgets take the new palette as events are handled."""
    action_named(theme_menu(window), name).trigger()
    QApplication.processEvents()


def window_colour(widget, role=QPalette.ColorRole.Window) -> str:
    return widget.palette().color(role).name()


def page_text_colour(window) -> str:
    block = window.text.document().findBlockByNumber(2)  # a paragraph of the body
    return block.charFormat().foreground().color().name()


def test_the_theme_menu_offers_four_choices_system_first_checked(open_window):
    window = open_window("en")
    names = [a.text().replace("&", "") for a in theme_menu(window).actions() if a.isCheckable()]
    assert names == ["Light", "Dark", "Sepia", "Follow the System"]
    assert window.comfort.appearance.actions["system"].isChecked()


def test_dark_theme_colours_window_tree_menus_and_page(open_window):
    window = open_window("en", section="osce")
    choose(window, "Dark")
    assert window_colour(QApplication.instance()) == DARK.window
    assert window_colour(window) == DARK.window
    assert window_colour(window.tree, QPalette.ColorRole.Base) == DARK.base
    assert window_colour(window.view_menu, QPalette.ColorRole.WindowText) == DARK.window_text
    assert window_colour(window.text.verticalScrollBar(), QPalette.ColorRole.Button) == DARK.button
    assert window_colour(window.text.viewport(), QPalette.ColorRole.Base) == DARK.page
    assert page_text_colour(window) == DARK.text
    assert QApplication.style().name().lower() == "fusion"


def test_switching_theme_keeps_the_place(open_window, qtbot):
    from .keyboard import in_the_middle_of_a_paragraph

    window = open_window("en")
    in_the_middle_of_a_paragraph(window, qtbot)
    choose(window, "Sepia")
    assert window.position()[:2] == ("united-nations", 1)
    assert page_text_colour(window) == SEPIA.text


def test_theme_survives_a_restart(open_window, settings_path):
    window = open_window("en")
    choose(window, "Sepia")
    window.close()
    assert Settings(settings_path).get(settings.THEME) == "sepia"
    reopened = open_window("en")
    assert reopened.comfort.appearance.actions["sepia"].isChecked()
    assert window_colour(reopened) == SEPIA.window
    assert page_text_colour(reopened) == SEPIA.text


def test_follow_the_system_changes_with_the_desktop(open_window, monkeypatch):
    window = open_window("en")
    appearance = window.comfort.appearance
    choose(window, "Follow the System")
    assert window_colour(window) == LIGHT.window
    monkeypatch.setattr(theming, "system_is_dark", lambda: True)
    appearance._system_changed(None)  # what the desktop's colour-scheme signal calls
    QApplication.processEvents()
    assert window_colour(window) == DARK.window
    assert page_text_colour(window) == DARK.text
    choose(window, "Light")
    appearance._system_changed(None)  # a chosen theme ignores the desktop
    QApplication.processEvents()
    assert window_colour(window) == LIGHT.window


def test_theme_menu_is_translated(open_window):
    window = open_window("ru")
    names = [a.text().replace("&", "") for a in theme_menu(window).actions() if a.isCheckable()]
    assert names == ["Светлая", "Тёмная", "Сепия", "Как в системе"]
    assert theme_menu(window).title().replace("&", "") == "Тема"


def test_focus_is_framed_in_the_theme_focus_colour(open_window):
    window = open_window("en")
    choose(window, "Dark")
    focus_rule = window.splitter.styleSheet().splitlines()[1]
    assert focus_rule.startswith("#sectionTree:focus, #textPane:focus")
    assert DARK.focus in focus_rule
