"""Go › Start (Alt+Home) and the toolbar's Home and Side by Side, in the normal window."""

from __future__ import annotations

from PySide6.QtCore import Qt

from .keyboard import ALT, in_the_middle_of_a_paragraph, press
from .test_mainwindow import action_named


def test_alt_home_shows_the_welcome_and_a_language_choice_keeps_the_place(open_window, qtbot):
    window = open_window("en")
    in_the_middle_of_a_paragraph(window, qtbot)
    press(window, qtbot, window.text, Qt.Key.Key_Home, ALT)
    start = window.start_page
    assert start.showing and start.welcome.isVisible()
    assert not window.text.isVisible()
    assert window.menuBar().isVisible()  # the normal window keeps its menus

    qtbot.mouseClick(start.welcome.buttons["ru"], Qt.MouseButton.LeftButton)
    assert not start.showing and window.text.isVisible()
    assert window.app.language == "ru"
    assert window.position()[:2] == ("united-nations", 1)


def test_esc_goes_back_to_the_text_and_the_go_menu_has_start(open_window, qtbot):
    window = open_window("en", section="osce")
    action_named(window.comfort.go_menu, "Start").trigger()
    assert window.start_page.showing
    press(window, qtbot, window.start_page.welcome, Qt.Key.Key_Escape)
    assert not window.start_page.showing
    assert window.section_id == "osce" and window.app.language == "en"


def test_back_on_the_start_page_returns_to_the_text_that_was_left(open_window, qtbot):
    window = open_window("en", section="nato")
    action_named(window.comfort.go_menu, "Next Section").trigger()
    assert window.section_id == "united-nations"
    press(window, qtbot, window.text, Qt.Key.Key_Home, ALT)
    assert window.start_page.showing
    press(window, qtbot, window.start_page.welcome, Qt.Key.Key_Left, ALT)
    assert not window.start_page.showing
    assert window.section_id == "united-nations"  # not the section visited before it


def test_opening_a_section_leaves_the_start_page(open_window, qtbot):
    window = open_window("en", section="osce")
    window.start_page.show_start()
    window.comfort.navigation.next_action.trigger()
    assert not window.start_page.showing and window.section_id == "nato"


def test_the_toolbar_has_home_and_side_by_side(open_window, qtbot):
    window = open_window("en", section="osce")
    toolbar = window.comfort.toolbar
    home = toolbar.widgetForAction(window.start_page.action)
    both = toolbar.widgetForAction(window.side_by_side.action)
    assert home.isVisible() and both.isVisible()
    assert not home.icon().isNull() and not both.icon().isNull()
    qtbot.mouseClick(both, Qt.MouseButton.LeftButton)
    assert window.side_by_side.active
    qtbot.mouseClick(home, Qt.MouseButton.LeftButton)
    assert window.start_page.showing


def test_the_welcome_speaks_both_languages_whatever_the_current_one(open_window, qtbot):
    window = open_window("ru")
    window.start_page.show_start()
    welcome = window.start_page.welcome
    assert "Choose your language" in welcome.prompt.text()
    assert "Выберите язык" in welcome.prompt.text()
    assert [button.text() for button in welcome.buttons.values()] == ["English", "Русский"]
