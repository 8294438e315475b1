"""The search panel driven from the keyboard: Ctrl+K, typing, choosing a result."""

from __future__ import annotations

from PySide6.QtCore import Qt

from conftest import seen
from reader.ui.highlights import MATCH

from .keyboard import CTRL, press, type_text


def open_search(window, qtbot):
    press(window, qtbot, window.text, Qt.Key.Key_K, CTRL)
    panel = window.search_panel
    assert panel.isVisible()
    assert panel.field.hasFocus()
    return panel


def wait_for_results(panel, qtbot, count: int | None = None):
    """Until the search for what is typed has run (the first one builds the index)."""
    qtbot.waitUntil(lambda: not panel.pending(), timeout=10_000)
    if count is not None:
        assert panel.model.rowCount() == count


def marked_words(window) -> list[str]:
    text = window.text.toPlainText()
    return [
        seen(text[selection.cursor.selectionStart() : selection.cursor.selectionEnd()])
        for selection in window.text.extraSelections()
    ]


def test_ctrl_k_searches_as_you_type_and_enter_opens_the_best_match(open_window, qtbot):
    window = open_window("en", section="osce")
    panel = open_search(window, qtbot)
    qtbot.keyClicks(panel.field, "initiatives")
    wait_for_results(panel, qtbot, 3)
    assert panel.status.text() == "3 results"
    first = panel.model.hit(0)
    assert first.section_id == "un-initiatives"  # the word is in its title
    _title, path, snippet = panel.model.index(1, 0).data(Qt.ItemDataRole.UserRole + 2)
    assert path == "Multilateral Diplomacy, its Goals and Trends"
    assert "initiatives</span>" in snippet
    qtbot.keyClick(panel.field, Qt.Key.Key_Down)
    assert panel.results.hasFocus()
    qtbot.keyClick(panel.results, Qt.Key.Key_Down)
    qtbot.keyClick(panel.results, Qt.Key.Key_Return)
    assert window.section_id == "united-nations"
    assert window.tree.currentIndex().data() == "The United Nations"
    assert marked_words(window) == ["initiatives", "initiatives"]
    assert window.text.extraSelections()[0].format.background().color().name() == MATCH[0]
    # It scrolled to the match: the second paragraph is in view.
    window.resize(700, 330)
    qtbot.keyClick(panel.results, Qt.Key.Key_Return)
    selections = window.text.extraSelections()
    rect = window.text.cursorRect(selections[0].cursor)
    assert window.text.verticalScrollBar().value() > 0
    assert rect.top() >= 0 and rect.bottom() <= window.text.viewport().height()


def test_russian_word_forms_and_plural_count(open_window, qtbot):
    window = open_window("ru", section="osce")
    panel = open_search(window, qtbot)
    type_text(panel.field, "инициативам")
    wait_for_results(panel, qtbot, 2)
    assert panel.status.text() == "2 результата"
    qtbot.keyClick(panel.field, Qt.Key.Key_Backspace)  # a word being typed still finds
    panel.field.setText("партнерство")  # ё typed as е
    wait_for_results(panel, qtbot)
    qtbot.waitUntil(lambda: panel.model.hit(0).section_id in ("nato", "human-trafficking"))
    panel.field.setText("Беларусь")
    qtbot.waitUntil(lambda: panel.status.text() == "9 результатов")
    panel.field.setText("Лукашенко")
    qtbot.waitUntil(lambda: panel.status.text() == "1 результат")
    qtbot.keyClick(panel.field, Qt.Key.Key_Return)
    assert window.section_id == "united-nations"
    assert marked_words(window) == ["Лукашенко"]


def test_results_show_the_tree_path_and_snippet(open_window, qtbot):
    window = open_window("en")
    panel = open_search(window, qtbot)
    qtbot.keyClicks(panel.field, "slavery")
    wait_for_results(panel, qtbot, 1)
    row = panel.model.index(0, 0)
    title, path, snippet = row.data(Qt.ItemDataRole.UserRole + 2)
    assert title == "Combating Human Trafficking"
    assert path == "Multilateral Diplomacy, its Goals and Trends › The United Nations"
    assert '">slavery</span>' in snippet
    spoken = row.data(Qt.ItemDataRole.AccessibleTextRole)
    assert spoken.startswith("Combating Human Trafficking.") and "slavery" in spoken


def test_both_languages_and_choosing_the_other_one(open_window, qtbot):
    window = open_window("en", section="osce")
    panel = open_search(window, qtbot)
    type_text(panel.field, "Лукашенко")
    wait_for_results(panel, qtbot, 0)
    assert panel.status.text() == "Nothing found"
    panel.both_languages.setChecked(True)
    wait_for_results(panel, qtbot, 1)
    hit = panel.model.hit(0)
    assert (hit.section_id, hit.language) == ("united-nations", "ru")
    panel.field.setFocus()
    qtbot.keyClick(panel.field, Qt.Key.Key_Return)
    assert window.app.language == "ru"
    assert window.section_id == "united-nations"
    assert marked_words(window) == ["Лукашенко"]
    assert panel.both_languages.text() == "Искать на обоих языках"


def test_empty_and_punctuation_queries_show_nothing(open_window, qtbot):
    window = open_window("en")
    panel = open_search(window, qtbot)
    type_text(panel.field, "?! — …")
    qtbot.wait(300)
    assert panel.model.rowCount() == 0
    assert panel.status.text() == "" and not panel.status.isVisible()
    qtbot.keyClick(panel.field, Qt.Key.Key_Return)  # nothing to open, nothing breaks
    assert window.section_id == "multilateral-diplomacy"


def test_nonsense_finds_nothing(open_window, qtbot):
    window = open_window("en")
    panel = open_search(window, qtbot)
    qtbot.keyClicks(panel.field, "qwertyuiop")
    wait_for_results(panel, qtbot, 0)
    assert panel.status.text() == "Nothing found"


def test_esc_closes_the_panel_and_returns_to_the_text(open_window, qtbot):
    window = open_window("en")
    panel = open_search(window, qtbot)
    qtbot.keyClick(panel.field, Qt.Key.Key_Escape)
    assert not panel.isVisible()
    assert window.text.hasFocus()


def test_the_panel_follows_the_language(open_window, qtbot):
    window = open_window("en")
    panel = open_search(window, qtbot)
    qtbot.keyClicks(panel.field, "OSCE")
    wait_for_results(panel, qtbot, 2)
    assert panel.windowTitle() == "Search"
    window.set_language("ru")
    assert panel.windowTitle() == "Поиск"
    assert panel.field.placeholderText() == "Слова или «точная фраза»"
    # The same words, now searched in Russian: "OSCE" is "ОБСЕ" there.
    assert panel.model.rowCount() == 0 and panel.status.text() == "Ничего не найдено"


def test_the_search_is_in_the_edit_menu(open_window):
    window = open_window("en")
    texts = {
        action.text().replace("&", ""): action.shortcut().toString()
        for action in window.edit_menu.actions()
    }
    assert texts["Search the Document…"] == "Ctrl+K"
    assert texts["Find in Page…"] == "Ctrl+F"
    assert texts["Find Next"] == "F3"
    assert texts["Find Previous"] == "Shift+F3"
    window.search_action.trigger()
    assert window.search_panel.isVisible()


def test_search_both_languages_choice_survives_a_restart(open_window):
    window = open_window("en")
    window.search_panel.both_languages.setChecked(True)
    window.close()
    reopened = open_window("en")
    assert reopened.search_panel.both_languages.isChecked()
