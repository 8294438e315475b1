"""Every key reaches its action; menus show keys; Help lists them; Tab and screen readers."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMenu

from .keyboard import ALT, CTRL, NO, press
from .test_mainwindow import action_named

# (what the action is called in the code, key, modifiers)
SHORTCUTS = [
    ("text_size.larger_action", Qt.Key.Key_Equal, CTRL),
    ("text_size.larger_action", Qt.Key.Key_Plus, CTRL),
    ("text_size.smaller_action", Qt.Key.Key_Minus, CTRL),
    ("text_size.normal_action", Qt.Key.Key_0, CTRL),
    ("presentation.action", Qt.Key.Key_F11, NO),
    ("navigation.back_action", Qt.Key.Key_Left, ALT),
    ("navigation.next_action", Qt.Key.Key_PageDown, CTRL),
    ("navigation.previous_action", Qt.Key.Key_PageUp, CTRL),
    ("text_actions.select_all_action", Qt.Key.Key_A, CTRL),
    ("text_actions.copy_action", Qt.Key.Key_C, CTRL),
    ("shortcuts_action", Qt.Key.Key_F1, NO),
]


def comfort_action(window, name: str):
    target = window.comfort
    for part in name.split("."):
        target = getattr(target, part)
    return target


@pytest.mark.parametrize(("name", "key", "modifiers"), SHORTCUTS)
@pytest.mark.parametrize("focus", ["tree", "text"])
def test_each_key_triggers_its_action(open_window, qtbot, name, key, modifiers, focus):
    window = open_window("en", section="united-nations")
    window.show_section("nato")  # something to go back to
    window.comfort.text_actions.select_all_action.trigger()  # something to copy
    action = comfort_action(window, name)
    assert action.isEnabled()
    widget = getattr(window, focus)
    if focus == "text" and name == "text_actions.select_all_action":
        # The text pane selects by itself: what matters is what it did.
        cursor = window.text.textCursor()
        cursor.clearSelection()
        window.text.setTextCursor(cursor)
        assert not window.text.textCursor().hasSelection()
        press(window, qtbot, widget, key, modifiers)
        selected = window.text.textCursor().selection().toPlainText()
        assert selected == window.text.toPlainText()
        return
    if focus == "text" and name == "text_actions.copy_action":
        cursor = window.text.textCursor()
        cursor.setPosition(0)
        cursor.setPosition(40, cursor.MoveMode.KeepAnchor)
        window.text.setTextCursor(cursor)
        QApplication.clipboard().clear()
        press(window, qtbot, widget, key, modifiers)
        assert QApplication.clipboard().text() == window.text.toPlainText()[:40].replace(
            "\u2029", "\n"
        )
        return
    with qtbot.waitSignal(action.triggered, timeout=1000):
        press(window, qtbot, widget, key, modifiers)
    if name == "presentation.action":
        window.comfort.presentation.leave()


def test_forward_key_after_going_back(open_window, qtbot):
    window = open_window("en", section="osce")
    window.show_section("nato")
    press(window, qtbot, window.text, Qt.Key.Key_Left, ALT)
    with qtbot.waitSignal(window.comfort.navigation.forward_action.triggered, timeout=1000):
        press(window, qtbot, window.text, Qt.Key.Key_Right, ALT)
    assert window.section_id == "nato"


def all_menus(window) -> list[QMenu]:
    found, pending = [], [a.menu() for a in window.menuBar().actions()]
    while pending:
        menu = pending.pop(0)
        found.append(menu)
        pending.extend(a.menu() for a in menu.actions() if isinstance(a.menu(), QMenu))
    return found


def test_menus_show_every_key_of_these_features(open_window):
    window = open_window("en")
    for name, _key, _modifiers in SHORTCUTS:
        action = comfort_action(window, name)
        assert any(action in menu.actions() for menu in all_menus(window)), name
        assert not action.shortcut().isEmpty(), name


@pytest.mark.parametrize("language", ["en", "ru"])
def test_menu_letters_do_not_clash(open_window, language):
    """Alt + a letter must lead to one item only, in each language."""
    window = open_window(language)
    comfort = window.comfort
    menus = [
        window.view_menu,
        comfort.go_menu,
        window.help_menu,
        comfort.text_size.menu,
        comfort.appearance.menu,
    ]
    bar = [a.text() for a in window.menuBar().actions()]
    for texts in [bar] + [[a.text() for a in m.actions() if not a.isSeparator()] for m in menus]:
        letters = [re.search(r"&(\w)", text).group(1).lower() for text in texts]
        assert len(letters) == len(set(letters)), texts


def test_help_lists_the_keyboard_shortcuts_in_the_language(open_window, qtbot):
    window = open_window("en")
    press(window, qtbot, window.text, Qt.Key.Key_F1)
    dialog = window.comfort.shortcuts_dialog
    assert dialog.isVisible()
    assert dialog.windowTitle() == "Keyboard Shortcuts"
    rows = {}
    for group in range(dialog.list.topLevelItemCount()):
        heading = dialog.list.topLevelItem(group)
        for row in range(heading.childCount()):
            rows[heading.child(row).text(0)] = heading.child(row).text(1)
    assert rows["Next Section"] == "Ctrl+PgDown"
    assert rows["Text Size › Larger"].startswith("Ctrl+=")
    assert rows["Presentation Mode"] == "F11, F5, Shift+F5"
    assert rows["Leave presentation mode"] == "Esc"
    window.set_language("ru")
    assert dialog.windowTitle() == "Сочетания клавиш"
    headings = [dialog.list.topLevelItem(n).text(0) for n in range(dialog.list.topLevelItemCount())]
    assert "Переход" in headings and "Другие клавиши" in headings
    assert action_named(window.help_menu, "Сочетания клавиш") is window.comfort.shortcuts_action


def test_tab_moves_between_filter_tree_and_text(open_window, qtbot):
    window = open_window("en")
    press(window, qtbot, window.side_panel.filter, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is window.tree
    qtbot.keyClick(window.tree, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is window.text
    qtbot.keyClick(window.text, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert QApplication.focusWidget() is window.tree


def test_the_focused_pane_is_framed(open_window, qtbot):
    window = open_window("en")
    press(window, qtbot, window.tree, Qt.Key.Key_Down)
    image = window.grab().toImage()
    frame_colour = window.comfort.appearance.theme.focus
    top_left = window.tree.mapTo(window, window.tree.rect().topLeft())
    assert image.pixelColor(top_left.x(), top_left.y() + 20).name() == frame_colour
    text_left = window.text.mapTo(window, window.text.rect().topLeft())
    assert image.pixelColor(text_left.x(), text_left.y() + 20).name() != frame_colour


@pytest.mark.parametrize(
    ("language", "names"),
    [("en", ("Sections", "Text", "Toolbar")), ("ru", ("Разделы", "Текст", "Панель инструментов"))],
)
def test_screen_readers_hear_names_in_the_language(open_window, language, names):
    window = open_window(language)
    assert (
        window.tree.accessibleName(),
        window.text.accessibleName(),
        window.comfort.toolbar.accessibleName(),
    ) == names
    assert window.tree.accessibleDescription() and window.text.accessibleDescription()
    index = window.tree.section_model().index_of("osce")
    title = window.document.section_title(language, "osce")
    assert index.data(Qt.ItemDataRole.AccessibleTextRole) == title


@pytest.mark.parametrize("language", ["en", "ru"])
def test_no_keys_are_cut_off_in_the_shortcuts_list(open_window, qtbot, language):
    window = open_window(language)
    press(window, qtbot, window.text, Qt.Key.Key_F1)
    dialog = window.comfort.shortcuts_dialog
    qtbot.waitExposed(dialog)
    shown = dialog.list
    metrics = shown.fontMetrics()
    visible = shown.viewport().width()
    assert shown.columnViewportPosition(1) + shown.columnWidth(1) <= visible
    for group in range(shown.topLevelItemCount()):
        heading = shown.topLevelItem(group)
        for row in range(heading.childCount()):
            keys = heading.child(row).text(1)
            assert metrics.horizontalAdvance(keys) < shown.columnWidth(1), keys
