"""The search panel driven from the keyboard: Ctrl+K, typing, choosing a result."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextDocument

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
    type_text(panel.field, "инициативам")  # the text has «инициативы» and «инициатив»
    wait_for_results(panel, qtbot, 3)
    assert panel.status.text() == "3 результата"
    qtbot.keyClick(panel.field, Qt.Key.Key_Backspace)  # a word being typed still finds
    panel.field.setText("партнерство")  # ё typed as е
    wait_for_results(panel, qtbot)
    qtbot.waitUntil(lambda: panel.model.hit(0).section_id in ("nato", "human-trafficking"))
    panel.field.setText("Беларусь")
    qtbot.waitUntil(lambda: panel.status.text() == "10 результатов")  # «Беларуси» too
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
    assert panel.status.text() == "Nothing found in this language"
    assert panel.hint.isVisible() and "Show 1 result in Русский" in panel.hint.text()
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
    with qtbot.waitSignal(panel.searched, timeout=5_000):
        type_text(panel.field, "?! — …")
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
    assert panel.model.rowCount() == 0
    assert panel.status.text() == "На этом языке ничего не найдено"
    assert "Показать 2 результата (English)" in panel.hint.text()


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


# -- when the words typed find nothing ------------------------------------------------


def test_a_query_typed_in_the_wrong_layout_shows_what_it_means(open_window, qtbot):
    window = open_window("ru", section="osce")
    panel = open_search(window, qtbot)
    qtbot.keyClicks(panel.field, "lbfkju")  # «диалог» typed with the English layout
    wait_for_results(panel, qtbot)
    assert panel.model.rowCount() > 0
    assert panel.status.text().startswith("Показаны результаты по запросу «диалог»")
    rows = range(panel.model.rowCount())
    assert all("диалог" in panel.model.snippet(row).text.lower() for row in rows)
    panel.field.clear()
    type_text(panel.field, "ыусгкшен")  # "security" typed with the Russian layout
    wait_for_results(panel, qtbot)
    assert panel.status.text().startswith("Показаны результаты по запросу «security»")
    assert {panel.model.hit(row).language for row in range(panel.model.rowCount())} == {"en"}


def test_a_typo_offers_the_nearest_word_one_enter_away(open_window, qtbot):
    window = open_window("ru", section="osce")
    panel = open_search(window, qtbot)
    type_text(panel.field, "безопаснсти")
    wait_for_results(panel, qtbot, 0)
    assert panel.status.text() == "Ничего не найдено"
    document = QTextDocument()
    document.setHtml(panel.hint.text())
    assert document.toPlainText() == "Возможно, вы имели в виду «безопасности»?"
    with qtbot.waitSignal(panel.searched):
        qtbot.keyClick(panel.field, Qt.Key.Key_Return)
    assert panel.field.text() == "безопасности"
    assert panel.model.rowCount() > 3 and not panel.hint.isVisible()


def test_the_other_language_is_one_click_away(open_window, qtbot):
    window = open_window("ru", section="osce")
    panel = open_search(window, qtbot)
    qtbot.keyClicks(panel.field, "security")
    wait_for_results(panel, qtbot, 0)
    assert panel.status.text() == "На этом языке ничего не найдено"
    qtbot.mouseClick(panel.hint, Qt.MouseButton.LeftButton, pos=QPoint(4, panel.hint.height() // 2))
    assert panel.model.rowCount() > 3
    assert {panel.model.hit(row).language for row in range(panel.model.rowCount())} == {"en"}
    qtbot.keyClick(panel.field, Qt.Key.Key_Return)
    assert window.app.language == "en"
    assert "security" in [word.lower() for word in marked_words(window)]


def test_enter_after_editing_opens_the_best_match_of_the_new_query(open_window, qtbot):
    window = open_window("en", section="osce")
    panel = open_search(window, qtbot)
    qtbot.keyClicks(panel.field, "Belarus")
    wait_for_results(panel, qtbot)
    qtbot.keyClick(panel.field, Qt.Key.Key_Down)
    qtbot.keyClick(panel.results, Qt.Key.Key_Down)
    qtbot.keyClick(panel.results, Qt.Key.Key_Down)
    chosen = panel.model.hit(panel.results.currentIndex().row())
    for _row in range(3):
        qtbot.keyClick(panel.results, Qt.Key.Key_Up)
    assert panel.field.hasFocus()
    qtbot.keyClicks(panel.field, " security")
    qtbot.keyClick(panel.field, Qt.Key.Key_Return)  # before the typing pause is over
    best = panel.model.hit(0)
    assert best.section_id != chosen.section_id
    assert chosen.section_id in {hit.section_id for hit in panel.model.results().hits}
    assert window.section_id == best.section_id


def test_marks_go_when_the_panel_closes(open_window, qtbot):
    window = open_window("en", section="osce")
    panel = open_search(window, qtbot)
    qtbot.keyClicks(panel.field, "initiatives")
    wait_for_results(panel, qtbot, 3)
    qtbot.keyClick(panel.field, Qt.Key.Key_Return)
    assert marked_words(window) == ["Initiatives"]
    qtbot.keyClick(panel.field, Qt.Key.Key_Escape)
    assert marked_words(window) == []


def test_a_failing_search_database_says_so_in_the_readers_language(open_window, qtbot):
    window = open_window("ru", section="osce")
    panel = open_search(window, qtbot)
    type_text(panel.field, "ОБСЕ")
    wait_for_results(panel, qtbot, 2)
    panel._index._connection.close()  # the database stops answering
    panel.results.viewport().repaint()  # the results on screen ask for their snippets
    panel.field.setText("безопасность")
    wait_for_results(panel, qtbot, 0)
    assert panel.status.text().startswith("Поиск недоступен: ")


def test_a_result_tooltip_is_plain_text(open_window, qtbot, tmp_path):
    content = tmp_path / "tags"
    for language, text in (
        ("en", "# A <b>bold</b> claim\n\nWords.\n"),
        ("ru", "# Тег\n\nСлова.\n"),
    ):
        (content / language).mkdir(parents=True)
        (content / language / "tags.md").write_text(text, encoding="utf-8")
    (content / "manifest.toml").write_text(
        '[document]\nversion = "1"\nedition = 2026-01-01\nlanguages = ["en", "ru"]\n'
        '[document.title]\nen = "Test"\nru = "Тест"\n[[sections]]\nid = "tags"\n',
        encoding="utf-8",
    )
    window = open_window("en", content=content)
    panel = open_search(window, qtbot)
    qtbot.keyClicks(panel.field, "claim")
    wait_for_results(panel, qtbot, 1)
    tooltip = panel.model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    shown = QTextDocument()
    shown.setHtml(tooltip)  # what QToolTip does with text that looks like HTML
    assert shown.toPlainText() == "Test › A <b>bold</b> claim"


def test_titles_are_searched_while_the_text_is_being_indexed(
    open_window, qtbot, content_copy, monkeypatch
):
    import threading

    from reader import searchrows

    whole_text = threading.Event()
    index_files = searchrows.index_files

    def slow_index_files(*args, **kwargs):  # the titles are indexed first, then the text
        whole_text.wait(timeout=30)
        return index_files(*args, **kwargs)

    monkeypatch.setattr(searchrows, "index_files", slow_index_files)
    window = open_window("en", content=content_copy)
    panel = open_search(window, qtbot)
    qtbot.keyClicks(panel.field, "OSCE")
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1, timeout=10_000)
    assert panel.model.hit(0).section_id == "osce"  # the one with OSCE in its title
    assert panel.status.text() == "1 result (titles only: the text is still being indexed)"
    assert panel.pending()
    with qtbot.waitSignal(panel.searched, timeout=30_000):
        whole_text.set()
    wait_for_results(panel, qtbot, 2)  # the text of another section has it too
    assert panel.status.text() == "2 results"
