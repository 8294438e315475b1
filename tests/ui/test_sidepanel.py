"""The filter box narrows the tree as one types, in the current language."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QToolButton

from .keyboard import CTRL, press, type_text


def visible_titles(window) -> list[str]:
    tree, model = window.tree, window.tree.section_model()
    titles = []
    for section_id in window.document.manifest.ids():
        index = model.index_of(section_id)
        if not tree.isRowHidden(index.row(), index.parent()):
            parent, shown = index.parent(), True
            while parent.isValid():
                shown = shown and not tree.isRowHidden(parent.row(), parent.parent())
                parent = parent.parent()
            if shown:
                titles.append(index.data())
    return titles


def test_typing_narrows_the_tree_to_matches_and_their_parents(open_window, qtbot):
    window = open_window("en")
    everything = visible_titles(window)
    qtbot.keyClicks(window.side_panel.filter, "traff")
    assert visible_titles(window) == [
        "Multilateral Diplomacy, its Goals and Trends",
        "The United Nations",
        "Combating Human Trafficking",
    ]
    window.side_panel.filter.clear()
    assert visible_titles(window) == everything


def test_the_filter_reads_russian_titles_in_russian(open_window, qtbot):
    window = open_window("ru")
    type_text(window.side_panel.filter, "безопасн")
    assert visible_titles(window)[-1] == "Европейская безопасность"
    assert "Европейская безопасность" in visible_titles(window)
    assert "ОБСЕ" not in visible_titles(window)
    window.set_language("en")  # the same words no longer match English titles
    assert visible_titles(window) == []
    window.side_panel.filter.setText("secur")
    assert "European Security" in visible_titles(window)


def test_enter_opens_the_first_match_and_esc_clears(open_window, qtbot):
    window = open_window("en", section="osce")
    box = window.side_panel.filter
    press(window, qtbot, box, Qt.Key.Key_E)  # focus the box
    box.clear()
    qtbot.keyClicks(box, "world")
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert window.section_id == "world-order"
    assert QApplication.focusWidget() is window.tree
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Escape)
    assert box.text() == ""


def test_ctrl_t_goes_to_the_filter_even_with_the_tree_hidden(open_window, qtbot):
    window = open_window("en")
    press(window, qtbot, window.text, Qt.Key.Key_F9)
    assert not window.side_panel.isVisible()
    press(window, qtbot, window.text, Qt.Key.Key_T, CTRL)
    assert window.side_panel.isVisible()
    assert QApplication.focusWidget() is window.side_panel.filter


def test_the_filter_box_speaks_the_language(open_window, qtbot):
    window = open_window("ru")
    box = window.side_panel.filter
    assert box.placeholderText() == "Фильтр разделов"
    assert box.accessibleName() == "Фильтр разделов"
    type_text(box, "о")
    assert box.accessibleDescription().startswith("Найден")
    window.set_language("en")
    assert box.placeholderText() == "Filter sections"
    assert "match" in box.accessibleDescription()


def test_while_presenting_esc_clears_the_filter_before_leaving(open_window, qtbot):
    window = open_window("en")
    press(window, qtbot, window.text, Qt.Key.Key_F11)
    press(window, qtbot, window.text, Qt.Key.Key_T, CTRL)
    qtbot.keyClicks(window.side_panel.filter, "nato")
    qtbot.keyClick(window.side_panel.filter, Qt.Key.Key_Escape)
    assert window.side_panel.filter.text() == ""
    assert window.isFullScreen()
    qtbot.keyClick(window.side_panel.filter, Qt.Key.Key_Escape)
    assert not window.isFullScreen()


def test_the_clear_button_comes_with_text_and_clears_it(open_window, qtbot):
    window = open_window("en")
    box = window.side_panel.filter
    qtbot.keyClicks(box, "nato")
    assert box.isClearButtonEnabled()
    button = box.findChild(QToolButton)
    assert button is not None and button.isVisible()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert box.text() == ""
