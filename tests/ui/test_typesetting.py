"""The typeset page as a person meets it: narrow columns, big text, find, copy, justify."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from reader import hyphenation, settings
from reader.settings import Settings
from reader.textsize import MAX_SIZE

from .keyboard import CTRL, press, type_text
from .test_findbar import open_find
from .test_mainwindow import action_named
from .test_parallelview import side_by_side

SHY, NBSP = "\u00ad", "\u00a0"


def body_blocks(pane):
    """The paragraphs of the page: the blocks the renderer hyphenated (never a heading)."""
    block = pane.document().begin()
    while block.isValid():
        if SHY in block.text():
            yield block
        block = block.next()


def line_breaks(pane) -> list[tuple[str, str]]:
    """(end of a line, start of the next) for every line break inside a block.

    Headings included: they are not hyphenated, but a heading word wider than
    the column must still break at a syllable.
    """
    breaks = []
    block = pane.document().begin()
    while block.isValid():
        layout, text = block.layout(), block.text()
        for line in map(layout.lineAt, range(layout.lineCount() - 1)):
            end = line.textStart() + line.textLength()
            breaks.append((text[line.textStart() : end], text[end : end + 20]))
        block = block.next()
    return breaks


def assert_well_broken(pane) -> int:
    """No word cut without a hyphen, no one-letter word at a line end, no dash at a start.

    Returns how many lines end in a soft hyphen.
    """
    breaks = line_breaks(pane)
    assert len(breaks) >= 10, "the column is not narrow enough to test anything"
    for before, after in breaks:
        shown = before.replace(NBSP, " ")
        if before.endswith(SHY):
            continue
        assert not (shown[-1:].isalpha() and after[:1].isalpha()), (
            f"a word cut without a hyphen: {before[-15:]!r} / {after!r}"
        )
        last = shown.split()[-1] if shown.split() else ""
        assert not re.fullmatch(r"\w", last.strip('«(„"“')), f"a line ends in {last!r}"
        assert not after.lstrip().startswith(("—", "–")), f"a line starts with a dash: {after!r}"
    return sum(before.endswith(SHY) for before, _after in breaks)


@pytest.mark.parametrize("reader_language", ["ru", "en"])
def test_narrow_side_by_side_breaks_words_only_at_syllables(open_window, qtbot, reader_language):
    window = open_window(reader_language, section="non-aligned-movement")
    window.resize(700, 700)
    view = side_by_side(window, qtbot)
    qtbot.waitUntil(lambda: view.left.width() <= 350)
    hyphenated = [assert_well_broken(pane) for pane in (view.left, view.right)]
    assert all(count > 0 for count in hyphenated), hyphenated


@pytest.mark.parametrize("reader_language", ["ru", "en"])
def test_the_largest_text_size_breaks_words_only_at_syllables(open_window, qtbot, reader_language):
    window = open_window(reader_language, section="united-nations")
    window.resize(2300, 1300)  # a screen just wide enough for two columns at the largest size
    window.comfort.text_size.set_size(MAX_SIZE)
    assert assert_well_broken(window.text) > 0
    view = side_by_side(window, qtbot)
    hyphenated = [assert_well_broken(pane) for pane in (view.left, view.right)]
    assert all(count > 0 for count in hyphenated), hyphenated


def a_new_process(monkeypatch) -> None:
    """Nothing loaded yet, as in a reader just started."""
    monkeypatch.setattr(hyphenation, "_loaded", {})
    monkeypatch.setattr(hyphenation, "_missed", False)


def test_the_bundled_text_is_hyphenated_from_its_first_frame_with_no_dictionary(
    open_window, qtbot, monkeypatch
):
    a_new_process(monkeypatch)
    window = open_window("ru", section="osce", settled=False)
    assert "Бе\xadла\xadрусь" in window.text.toPlainText()  # in the first frame
    open_window("en", section="osce")  # another window, painted and settled
    assert not hyphenation.ready()  # no dictionary was loaded: the table had every word


def test_words_the_table_lacks_are_hyphenated_once_the_dictionaries_load(
    open_window, qtbot, monkeypatch, content_copy
):
    path = content_copy / "ru" / "osce.md"
    path.write_text(
        path.read_text(encoding="utf-8") + "\nЗлоупотребления недопустимы.\n", encoding="utf-8"
    )
    path = content_copy / "en" / "osce.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nNo abuses.\n", encoding="utf-8")
    a_new_process(monkeypatch)
    window = open_window("ru", section="osce", content=content_copy, settled=False)
    assert "Злоупотребления" in window.text.toPlainText()  # not in the table: whole at first
    assert "Бе\xadла\xadрусь" in window.text.toPlainText()  # the table's words
    qtbot.waitUntil(lambda: "Зло\xadупо\xadтреб\xadле\xadния" in window.text.toPlainText())
    assert hyphenation.ready()
    assert window.section_id == "osce"


def test_find_in_page_reads_across_soft_hyphens_and_no_break_spaces(open_window, qtbot):
    window = open_window("ru", section="united-nations")
    assert "меж\xadду\xadна\xadрод\xadно\xadго мира" in window.text.document().toRawText()
    bar = open_find(window, qtbot)
    type_text(bar.field, "международного мира")
    assert bar.count.text() == "1 из 1"
    bar.field.setText("2005 года")  # typed with an ordinary space, set with a no-break one
    assert bar.count.text() == "1 из 2"
    bar.field.setText("А. Г. Лукашенко")
    assert bar.count.text() == "1 из 1"


def test_copy_gives_plain_words_and_spaces(open_window, qtbot):
    window = open_window("ru", section="united-nations")
    QApplication.clipboard().clear()
    window.text.setFocus()
    press(window, qtbot, window.text, Qt.Key.Key_A, CTRL)
    press(window, qtbot, window.text, Qt.Key.Key_C, CTRL)
    copied = QApplication.clipboard().text()
    assert "в области поддержания международного мира и безопасности" in copied
    assert "А. Г. Лукашенко" in copied and "60-й сессии" in copied
    assert SHY not in copied and NBSP not in copied and "\u2011" not in copied
    html = QApplication.clipboard().mimeData().html()
    assert SHY not in html and "&shy;" not in html


def alignment(pane) -> Qt.AlignmentFlag:
    return next(body_blocks(pane)).blockFormat().alignment()


def test_justify_is_off_by_default_toggled_in_the_view_menu_and_remembered(
    open_window, qtbot, settings_path
):
    window = open_window("en", section="united-nations")
    action = action_named(window.view_menu, "Justify Text")
    assert not action.isChecked()
    assert not alignment(window.text) & Qt.AlignmentFlag.AlignJustify
    action.trigger()
    assert alignment(window.text) & Qt.AlignmentFlag.AlignJustify
    assert Settings(settings_path).get(settings.JUSTIFY) is True
    window.close()
    again = open_window("ru", section="osce")
    assert action_named(again.view_menu, "Выравнивание по ширине").isChecked()
    assert alignment(again.text) & Qt.AlignmentFlag.AlignJustify
    view = side_by_side(again, qtbot)
    assert alignment(view.left) & Qt.AlignmentFlag.AlignJustify


def test_a_window_that_opens_side_by_side_hyphenates_its_columns(
    open_window, qtbot, monkeypatch, settings_path
):
    first = open_window("ru", section="osce")
    side_by_side(first, qtbot)
    first.close()
    assert Settings(settings_path).get(settings.VIEW_PARALLEL) is True
    a_new_process(monkeypatch)
    window = open_window("ru")
    view = window.side_by_side.view
    assert window.side_by_side.active and not window.text.isVisible()
    qtbot.waitUntil(lambda: SHY in view.left.toPlainText() and SHY in view.right.toPlainText())
    assert window.section_id == "osce"


def test_a_heading_word_wider_than_the_column_breaks_at_a_syllable(
    open_window, qtbot, content_copy
):
    """Headings are not hyphenated; one whose word cannot fit is given its breaks once laid out."""
    page = content_copy / "en" / "osce.md"
    page.write_text(
        "# Counterrevolutionaries\n" + page.read_text(encoding="utf-8").split("\n", 1)[1],
        encoding="utf-8",
    )
    window = open_window("en", section="osce", content=content_copy)
    window.resize(480, 700)
    window.comfort.text_size.set_size(MAX_SIZE)

    def heading():
        block = window.text.document().begin()
        while "Counter" not in block.text().replace(SHY, ""):
            block = block.next()
        return block

    def cut_inside_a_syllable() -> str:
        block = heading()
        window.text.document().documentLayout().blockBoundingRect(block)  # as painted
        layout, text = block.layout(), block.text()
        for line in map(layout.lineAt, range(layout.lineCount() - 1)):
            end = line.textStart() + line.textLength()
            if text[end - 1] != SHY and text[end - 1].isalpha() and text[end].isalpha():
                return f"{text[:end]!r} / {text[end:]!r}"
        return ""

    qtbot.waitUntil(lambda: heading().layout().lineCount() > 1)  # too wide for one line
    qtbot.waitUntil(lambda: SHY in heading().text() and not cut_inside_a_syllable())
