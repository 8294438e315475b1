"""Find in page from the keyboard: Ctrl+F, typing, Enter/F3 and back, Esc."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from conftest import seen
from reader.ui.findbar import find_pattern
from reader.ui.highlights import CURRENT_MATCH, MATCH

from .keyboard import CTRL, SHIFT, press, type_text


def open_find(window, qtbot):
    press(window, qtbot, window.text, Qt.Key.Key_F, CTRL)
    bar = window.find_bar
    assert bar.isVisible() and bar.field.hasFocus()
    return bar


def colours(window) -> list[str]:
    return [s.format.background().color().name() for s in window.text.extraSelections()]


def current_text(window) -> str:
    selections = window.text.extraSelections()
    current = [s for s in selections if s.format.background().color().name() == CURRENT_MATCH[0]]
    assert len(current) == 1
    return seen(QTextCursor(current[0].cursor).selectedText())


def test_ctrl_f_counts_and_steps_through_matches(open_window, qtbot):
    window = open_window("en", section="united-nations")
    expected = len(re.findall("belarus", seen(window.text.toPlainText()), re.IGNORECASE))
    assert expected >= 4
    bar = open_find(window, qtbot)
    qtbot.keyClicks(bar.field, "belarus")
    assert bar.count.text() == f"1 of {expected}"
    assert len(window.text.extraSelections()) == expected
    assert colours(window).count(CURRENT_MATCH[0]) == 1
    assert colours(window).count(MATCH[0]) == expected - 1
    assert current_text(window) == "Belarus"
    qtbot.keyClick(bar.field, Qt.Key.Key_Return)
    assert bar.count.text() == f"2 of {expected}"
    qtbot.keyClick(bar.field, Qt.Key.Key_F3)
    assert bar.count.text() == f"3 of {expected}"
    qtbot.keyClick(bar.field, Qt.Key.Key_F3, SHIFT)
    assert bar.count.text() == f"2 of {expected}"
    qtbot.keyClick(bar.field, Qt.Key.Key_Return, SHIFT)
    qtbot.keyClick(bar.field, Qt.Key.Key_Return, SHIFT)
    assert bar.count.text() == f"{expected} of {expected}"  # round to the last
    qtbot.keyClick(bar.field, Qt.Key.Key_Return)
    assert bar.count.text() == f"1 of {expected}"


def test_f3_from_the_text_goes_on_and_keeps_the_current_match_in_view(open_window, qtbot):
    window = open_window("en", section="united-nations")
    window.resize(700, 330)
    bar = open_find(window, qtbot)
    qtbot.keyClicks(bar.field, "UN")
    total = len(bar.matches())
    press(window, qtbot, window.text, Qt.Key.Key_F3)
    for _ in range(total - 2):
        qtbot.keyClick(window.text, Qt.Key.Key_F3)
    assert bar.count.text() == f"{total} of {total}"
    start, _end = bar.matches()[-1]
    cursor = QTextCursor(window.text.document())
    cursor.setPosition(start)
    rect = window.text.cursorRect(cursor)
    assert window.text.verticalScrollBar().value() > 0
    assert rect.top() >= 0 and rect.bottom() <= window.text.viewport().height()


def test_yo_case_quotes_and_dashes_do_not_matter(open_window, qtbot):
    window = open_window("ru", section="united-nations")
    bar = open_find(window, qtbot)
    type_text(bar.field, "объединённых")  # the text is printed without ё
    assert bar.count.text() == "1 из 1"
    assert current_text(window) == "Объединенных"
    bar.field.setText("Нью–Йорке")  # an en dash for the hyphen
    assert bar.count.text() == "1 из 1"
    assert find_pattern("it's").match("it’s").hasMatch()
    assert find_pattern("«peace»").match('"Peace"').hasMatch()
    assert find_pattern("  ") is None


def test_no_matches_and_russian_count(open_window, qtbot):
    window = open_window("ru", section="united-nations")
    bar = open_find(window, qtbot)
    type_text(bar.field, "ксилофон")
    assert bar.count.text() == "Нет совпадений"
    assert window.text.extraSelections() == []
    window.text.verticalScrollBar().setValue(0)  # typing it looked further down the page
    bar.field.setText("ООН")
    total = len(bar.matches())
    assert total > 2 and bar.count.text() == f"1 из {total}"
    window.set_language("en")
    assert bar.count.text() == f"1 of {len(bar.matches())}"
    assert bar.field.placeholderText() == "Find in page"


def test_esc_closes_the_bar_and_clears_the_marks(open_window, qtbot):
    window = open_window("en", section="united-nations")
    bar = open_find(window, qtbot)
    qtbot.keyClicks(bar.field, "the")
    assert window.text.extraSelections()
    qtbot.keyClick(bar.field, Qt.Key.Key_Escape)
    assert not bar.isVisible()
    assert window.text.extraSelections() == []
    assert window.text.hasFocus()
    assert window.text.viewportMargins().bottom() == 0
    press(window, qtbot, window.text, Qt.Key.Key_F, CTRL)  # opens again with the same text
    assert bar.isVisible() and bar.field.selectedText() == "the"
    assert bar.count.text().startswith("1 of ")


def test_the_bar_follows_the_section_and_survives_a_resize(open_window, qtbot):
    window = open_window("en", section="united-nations")
    bar = open_find(window, qtbot)
    qtbot.keyClicks(bar.field, "Belarus")
    marks = len(window.text.extraSelections())
    window.resize(900, 500)
    qtbot.waitUntil(lambda: window.text.viewport().height() < 500)  # laid out again
    assert len(window.text.extraSelections()) == marks
    assert bar.geometry().bottom() <= window.text.height()
    window.show_section("osce")
    qtbot.waitUntil(lambda: bar.count.text() == "1 of 3")
    text = window.text.toPlainText()
    assert [seen(text[start:end]) for start, end in bar.matches()] == ["Belarus"] * 3
    assert len(window.text.extraSelections()) == 3


def test_the_bar_does_not_hide_the_last_line(open_window, qtbot):
    window = open_window("en", section="united-nations")
    bar = open_find(window, qtbot)
    assert window.text.viewportMargins().bottom() == bar.height()
    assert window.text.viewport().geometry().bottom() < bar.geometry().top()
