"""Copy, Select All, and the text pane's context menu in the reader's language."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from .keyboard import CTRL, press
from .settle import settle


def menu_texts(window, position: QPoint | None = None) -> list[str]:
    menu = window.comfort.text_actions.build_menu(position or QPoint(10, 10))
    return [a.text().replace("&", "") for a in menu.actions() if not a.isSeparator()]


def test_select_all_and_copy_from_the_keyboard(open_window, qtbot):
    window = open_window("en", section="osce")
    QApplication.clipboard().clear()
    press(window, qtbot, window.tree, Qt.Key.Key_A, CTRL)  # from the tree: selects the text
    assert window.text.textCursor().hasSelection()
    press(window, qtbot, window.text, Qt.Key.Key_C, CTRL)
    copied = QApplication.clipboard().text()
    assert "OSCE in developing political dialogue with western powers" in copied


def test_edit_menu_copies_the_selection(open_window):
    window = open_window("en", section="osce")
    comfort = window.comfort.text_actions
    assert not comfort.copy_action.isEnabled()
    comfort.select_all_action.trigger()
    assert comfort.copy_action.isEnabled()
    QApplication.clipboard().clear()
    comfort.copy_action.trigger()
    assert "The OSCE" in QApplication.clipboard().text()


def test_the_context_menu_speaks_the_reader_language(open_window):
    window = open_window("ru")
    texts = menu_texts(window)
    assert texts[:2] == ["Копировать", "Выделить всё"]
    assert "Назад" in texts and "Режим презентации" in texts
    window.set_language("en")
    texts = menu_texts(window)
    assert texts[:2] == ["Copy", "Select All"]
    assert "Larger" in texts


def test_a_web_link_can_be_copied_from_the_context_menu(open_window, qtbot):
    window = open_window("en", section="osce")
    window.text.setHtml('<p><a href="https://example.org/">a link</a></p>')
    settle(qtbot)
    cursor = window.text.document().find("link")
    cursor.setPosition(cursor.selectionStart() + 2)
    over_the_link = window.text.cursorRect(cursor).center()
    texts = menu_texts(window, over_the_link)
    assert "Copy Link Address" in texts
    window.comfort.text_actions.copy_link_action.trigger()
    assert QApplication.clipboard().text() == "https://example.org/"
    assert "Copy Link Address" not in menu_texts(window, QPoint(5, 300))
