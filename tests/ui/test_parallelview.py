"""View › Side by Side, used as a person would: Ctrl+D, scrolling, clicking, finding, restarting."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QFontMetricsF, QPalette, QTextCursor, QWheelEvent
from PySide6.QtWidgets import QApplication, QFileDialog, QWidget

from conftest import seen
from reader import settings
from reader.content import load_document
from reader.settings import Settings
from reader.ui.findbar import find_pattern
from reader.ui.parallelview import MARK_PADDING

from .keyboard import CTRL, NO, press, type_text
from .settle import settle
from .test_mainwindow import action_named

TOLERANCE = 2.0  # px: "on the same line"


def side_by_side(window, qtbot):
    """Turn the view on with its key, as a person would, and let it settle."""
    press(window, qtbot, window.text, Qt.Key.Key_D, CTRL)
    assert window.side_by_side.active
    settle(qtbot)
    return window.side_by_side.view


def paragraph_lines(window, pane) -> list[float]:
    """Where each paragraph's first line stands in the window, from the pane's own layout."""
    offset = pane.viewport().mapTo(window, QPoint(0, 0)).y() - pane.verticalScrollBar().value()
    return [offset + pane.paragraph_top(i) for i in range(pane.paragraph_count())]


def assert_aligned(window, view) -> float:
    left, right = paragraph_lines(window, view.left), paragraph_lines(window, view.right)
    assert len(left) == len(right) > 0
    error = max(abs(a - b) for a, b in zip(left, right, strict=True))
    assert error <= TOLERANCE, (left, right)
    return error


def long_section(content: Path) -> None:
    """A section with headings, a list and paragraphs of very different lengths."""
    english = ["# A Long Section", "A short one."]
    russian = ["# Длинный раздел", "Короткий."]
    for n in range(1, 7):
        english += [f"## Part {n}", " ".join(["Word"] * (15 * n)), "- one\n- two\n- three"]
        russian += [
            f"## Часть {n} с заголовком подлиннее, который переносится на другую строку",
            " ".join(["Слово"] * (40 // n)),
            "- один\n- два",
        ]
    (content / "en" / "osce.md").write_text("\n\n".join(english) + "\n", encoding="utf-8")
    (content / "ru" / "osce.md").write_text("\n\n".join(russian) + "\n", encoding="utf-8")


# -- turning it on and off ---------------------------------------------------


def test_ctrl_d_splits_the_text_into_the_two_languages(open_window, qtbot):
    window = open_window("en", section="united-nations")
    assert not window.side_by_side.active
    view = side_by_side(window, qtbot)
    assert view.isVisible() and not window.text.isVisible()
    document = window.document
    assert document.section("en", "united-nations").title in view.left.toPlainText()
    assert document.section("ru", "united-nations").title in view.right.toPlainText()
    assert view.left.width() == pytest.approx(view.right.width(), abs=2)
    assert view.left.accessibleName() == "Text (English)"
    assert view.right.accessibleName() == "Text (Русский)"
    press(window, qtbot, view.left, Qt.Key.Key_D, CTRL)
    assert not window.side_by_side.active and window.text.isVisible()


def test_the_view_menu_has_it_with_its_key_in_both_languages(open_window, qtbot):
    window = open_window("en")
    action = action_named(window.view_menu, "Side by Side")
    assert action is window.side_by_side.action and action.isCheckable()
    assert action.shortcut().toString() == "Ctrl+D"
    window.set_language("ru")
    assert action_named(window.view_menu, "Параллельный текст") is action
    window.comfort.show_shortcuts()
    dialog = window.comfort.shortcuts_dialog
    rows = {}
    for group in range(dialog.list.topLevelItemCount()):
        heading = dialog.list.topLevelItem(group)
        for row in range(heading.childCount()):
            rows[heading.child(row).text(0)] = heading.child(row).text(1)
    assert rows["Параллельный текст"] == "Ctrl+D"
    dialog.close()


def test_ctrl_d_works_from_the_tree_too(open_window, qtbot):
    window = open_window("en")
    with qtbot.waitSignal(window.side_by_side.action.triggered, timeout=1000):
        press(window, qtbot, window.tree, Qt.Key.Key_D, CTRL)
    assert window.side_by_side.active


def characters_per_line(pane) -> float:
    """The average length of the full lines of the first long paragraph."""
    document = pane.document()
    block = document.findBlock(pane.paragraph_starts()[0])
    layout, text = block.layout(), block.text()
    lines = [
        len(seen(text[line.textStart() : line.textStart() + line.textLength()]))
        for line in map(layout.lineAt, range(layout.lineCount() - 1))
    ]
    return sum(lines) / len(lines)


@pytest.mark.parametrize("width", [1100, 1800])
def test_each_column_keeps_a_readable_measure(open_window, qtbot, width):
    window = open_window("en", section="united-nations")
    window.resize(width, 700)
    view = side_by_side(window, qtbot)
    assert 45 <= characters_per_line(view.left) <= 75  # hyphenated lines fill the measure
    assert 36 <= characters_per_line(view.right) <= 72  # Russian words are longer
    # On a wide screen the two texts stand together in the middle, not at the far edges.
    left_text_end = view.left.width() - view.left.document().rootFrame().frameFormat().rightMargin()
    right_text_start = view.right.document().rootFrame().frameFormat().leftMargin()
    assert (view.left.width() - left_text_end) + right_text_start < 60


def test_the_tree_makes_room_for_the_columns_and_gets_it_back(open_window, qtbot):
    window = open_window("en", section="united-nations")
    window.resize(1100, 700)
    settle(qtbot)
    before = window.splitter.sizes()
    side_by_side(window, qtbot)
    assert window.side_panel.isVisible()
    assert 200 <= window.splitter.sizes()[0] < before[0]
    press(window, qtbot, window.side_by_side.view.left, Qt.Key.Key_D, CTRL)
    assert window.splitter.sizes() == before
    window.resize(860, 700)
    settle(qtbot)
    view = side_by_side(window, qtbot)
    assert not window.side_panel.isVisible()  # too narrow for a tree and two columns
    assert characters_per_line(view.left) >= 45
    press(window, qtbot, view.left, Qt.Key.Key_D, CTRL)
    assert window.side_panel.isVisible()
    side_by_side(window, qtbot)
    press(window, qtbot, window.side_by_side.view.left, Qt.Key.Key_F9)  # the reader wants it
    assert window.side_panel.isVisible()
    press(window, qtbot, window.side_by_side.view.left, Qt.Key.Key_D, CTRL)
    assert window.side_panel.isVisible()


def test_the_columns_are_built_the_first_time_they_are_shown(open_window, qtbot):
    window = open_window("en", section="osce")
    assert window.findChild(QWidget, "parallelView") is None  # start-up does not pay for them
    view = side_by_side(window, qtbot)
    assert window.findChild(QWidget, "parallelView") is view and view.isVisible()


def test_a_document_in_one_language_has_no_side_by_side(open_window, content_copy):
    manifest = content_copy / "manifest.toml"
    text = manifest.read_text(encoding="utf-8")
    manifest.write_text(text.replace('languages = ["en", "ru"]', 'languages = ["en"]'), "utf-8")
    assert load_document(content_copy).languages == ("en",)
    window = open_window("en", content=content_copy)
    assert not window.side_by_side.action.isEnabled()
    window.side_by_side.action.trigger()
    assert not window.side_by_side.active


# -- alignment ---------------------------------------------------------------


@pytest.mark.parametrize("width", [760, 1100, 1600])
@pytest.mark.parametrize("size", [10, 13, 20])
def test_paragraphs_start_level_in_every_bundled_section(open_window, qtbot, width, size):
    window = open_window("en")
    window.resize(width, 720)
    view = side_by_side(window, qtbot)
    window.comfort.text_size.set_size(size)
    settle(qtbot)
    assert view.left.document().defaultFont().pointSizeF() == size
    for section_id in window.document.manifest.ids():
        window.show_section(section_id)
        assert view.aligned, section_id
        assert_aligned(window, view)
        assert view.alignment_error() <= TOLERANCE


@pytest.mark.parametrize("width", [800, 1300])
def test_headings_lists_and_uneven_paragraphs_line_up(open_window, qtbot, content_copy, width):
    long_section(content_copy)
    window = open_window("ru", section="osce", content=content_copy)
    window.resize(width, 600)
    view = side_by_side(window, qtbot)
    assert view.left.paragraph_count() == 19
    assert_aligned(window, view)
    for paragraph in (5, 12, 18):  # scrolled down, the lines stay level on screen too
        view.scroll_to_paragraph(paragraph)
        assert_aligned(window, view)
        assert view.left.verticalScrollBar().value() == view.right.verticalScrollBar().value()


def test_resizing_and_text_size_keep_the_columns_level_and_the_place(
    open_window, qtbot, content_copy
):
    long_section(content_copy)
    window = open_window("en", section="osce", content=content_copy)
    window.resize(1200, 600)
    view = side_by_side(window, qtbot)
    view.scroll_to_paragraph(9, 0.0)
    for width in (900, 1500, 1000):
        window.resize(width, 600)
        settle(qtbot)
        assert_aligned(window, view)
        assert window.position()[1] == 9
    press(window, qtbot, view.left, Qt.Key.Key_Equal, CTRL)
    settle(qtbot)
    assert view.right.document().defaultFont().pointSizeF() == 14
    assert_aligned(window, view)
    assert window.position()[1] == 9


def test_themes_colour_both_columns_and_keep_them_level(open_window, qtbot):
    window = open_window("en", section="united-nations")
    view = side_by_side(window, qtbot)
    window.comfort.appearance.set_choice("dark")
    settle(qtbot)
    dark = window.comfort.appearance.theme
    for pane in view.panes():
        assert f"color: {dark.text}" in pane.document().defaultStyleSheet()
    assert_aligned(window, view)
    window.comfort.appearance.set_choice("light")


# -- scrolling and marking ---------------------------------------------------


def test_scrolling_either_column_scrolls_both(open_window, qtbot):
    window = open_window("en", section="united-nations")
    window.resize(800, 420)
    view = side_by_side(window, qtbot)
    bar = view.right.verticalScrollBar()
    assert bar.isVisible() and bar.maximum() > 200
    assert not view.left.verticalScrollBar().isVisible()  # one scroll bar for both
    bar.setValue(150)
    assert view.left.verticalScrollBar().value() == 150
    wheel = QWheelEvent(
        QPointF(100, 100),
        QPointF(view.left.viewport().mapToGlobal(QPoint(100, 100))),
        QPoint(0, 0),
        QPoint(0, -120),
        Qt.MouseButton.NoButton,
        NO,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(view.left.viewport(), wheel)
    assert view.left.verticalScrollBar().value() > 150
    assert bar.value() == view.left.verticalScrollBar().value()
    press(window, qtbot, view.left, Qt.Key.Key_Home)
    assert bar.value() == 0
    press(window, qtbot, view.left, Qt.Key.Key_End)
    assert bar.value() == bar.maximum() == view.left.verticalScrollBar().value()
    assert_aligned(window, view)


def click_paragraph(qtbot, pane, index: int) -> None:
    pane.scroll_to_paragraph(index)
    y = round(pane.paragraph_top(index) - pane.verticalScrollBar().value()) + 10
    x = round(pane.document().rootFrame().frameFormat().leftMargin()) + 30
    qtbot.mouseClick(pane.viewport(), Qt.MouseButton.LeftButton, NO, QPoint(x, y))


def bar_colour_at(pane, index: int) -> str:
    """The colour just left of paragraph ``index``'s text, where the mark draws its bar."""
    pane.scroll_to_paragraph(index)
    x = round(pane.document().rootFrame().frameFormat().leftMargin()) - MARK_PADDING + 1
    y = round(pane.paragraph_top(index) - pane.verticalScrollBar().value()) + 8
    return pane.viewport().grab().toImage().pixelColor(x, y).name()


def test_clicking_a_paragraph_marks_its_counterpart(open_window, qtbot):
    window = open_window("en", section="united-nations")
    window.resize(1200, 760)
    view = side_by_side(window, qtbot)
    highlight = (
        view.palette().color(QPalette.ColorGroup.Active, QPalette.ColorRole.Highlight).name()
    )
    page = view.right.palette().color(QPalette.ColorRole.Base).name()
    assert bar_colour_at(view.right, 1) == page
    with qtbot.waitSignal(view.paragraphsMarked) as marked:
        click_paragraph(qtbot, view.left, 1)
    assert marked.args == [1, 1]
    assert bar_colour_at(view.right, 1) == highlight
    assert bar_colour_at(view.left, 1) == highlight
    assert bar_colour_at(view.right, 0) == page
    click_paragraph(qtbot, view.right, 0)
    assert view.marked() == (0, 0)
    assert bar_colour_at(view.left, 0) == highlight
    assert bar_colour_at(view.left, 1) == page


def test_selecting_across_paragraphs_marks_them_all_in_both(open_window, qtbot):
    window = open_window("en", section="united-nations")
    view = side_by_side(window, qtbot)
    starts = view.right.paragraph_starts()
    cursor = view.right.textCursor()
    cursor.setPosition(starts[0] + 10)
    cursor.setPosition(starts[1] + 10, QTextCursor.MoveMode.KeepAnchor)
    view.right.setTextCursor(cursor)
    assert view.marked() == (0, 1)
    window.comfort.text_size.larger()  # the page is drawn anew: the pair stays marked
    assert view.marked() == (0, 1)
    window.show_section("osce")  # another section: nothing marked
    assert view.marked() is None


def test_a_link_in_a_column_opens_its_section_in_both(open_window, qtbot, content_copy):
    for language, text in (
        ("en", "See [the NATO page](nato)."),
        ("ru", "См. [страницу НАТО](nato)."),
    ):
        path = content_copy / language / "osce.md"
        path.write_text(path.read_text(encoding="utf-8") + f"\n{text}\n", encoding="utf-8")
    window = open_window("en", section="osce", content=content_copy)
    view = side_by_side(window, qtbot)
    link = view.right.document().find(find_pattern("страницу НАТО"))  # as Find in Page does
    view.right.verticalScrollBar().setValue(view.right.verticalScrollBar().maximum())
    where = view.right.cursorRect(link).center()
    assert view.right.anchorAt(where) == "section:nato"
    qtbot.mouseClick(view.right.viewport(), Qt.MouseButton.LeftButton, NO, where)
    qtbot.waitUntil(lambda: window.section_id == "nato")
    assert window.document.section("ru", "nato").title in view.right.toPlainText()
    assert window.document.section("en", "nato").title in view.left.toPlainText()


# -- keeping the place -------------------------------------------------------


def test_switching_views_sections_and_language_keeps_the_place(open_window, qtbot, content_copy):
    long_section(content_copy)
    window = open_window("en", section="osce", content=content_copy)
    window.resize(1100, 600)
    window.text.scroll_to_paragraph(7, 0.5)
    place = window.position()
    view = side_by_side(window, qtbot)
    assert window.position()[:2] == place[:2] == ("osce", 7)
    assert view.top_paragraph()[0] == 7
    window.set_language("ru")  # the reader's language moves to the left
    assert view.languages == ("ru", "en")
    assert "Длинный раздел" in view.left.toPlainText()
    assert window.position()[:2] == ("osce", 7)
    assert_aligned(window, view)
    window.show_section("nato")
    window.comfort.navigation.go_back()
    assert window.position()[:2] == ("osce", 7)
    press(window, qtbot, view.left, Qt.Key.Key_D, CTRL)
    assert not window.side_by_side.active
    assert window.position()[:2] == ("osce", 7)
    assert "Длинный раздел" in window.text.toPlainText()


def test_the_view_and_the_place_survive_a_restart(open_window, qtbot, settings_path):
    window = open_window("en", section="united-nations")
    window.resize(800, 420)
    view = side_by_side(window, qtbot)
    view.scroll_to_paragraph(1, 0.25)
    window.close()
    assert Settings(settings_path).get(settings.VIEW_PARALLEL) is True
    again = open_window("en")
    assert again.side_by_side.active and again.side_by_side.action.isChecked()
    assert again.position()[:2] == ("united-nations", 1)
    assert again.side_by_side.view.aligned
    press(again, qtbot, again.side_by_side.view.left, Qt.Key.Key_D, CTRL)
    again.close()
    assert Settings(settings_path).get(settings.VIEW_PARALLEL) is False
    assert not open_window("en").side_by_side.active


# -- the other features in this view -------------------------------------------


def test_find_in_page_searches_the_readers_column(open_window, qtbot):
    window = open_window("ru", section="united-nations")
    window.resize(800, 420)
    view = side_by_side(window, qtbot)
    press(window, qtbot, view.left, Qt.Key.Key_F, CTRL)
    bar = window.find_bar
    assert bar.isVisible() and bar.parent() is view.left
    type_text(bar.field, "ООН")
    expected = view.left.toPlainText().count("ООН")
    assert expected >= 3
    assert bar.count.text() == f"1 из {expected}"
    for _ in range(expected - 1):
        qtbot.keyClick(bar.field, Qt.Key.Key_Return)
    # The last match is near the end: both columns scrolled there together.
    assert view.right.verticalScrollBar().value() == view.left.verticalScrollBar().value() > 0
    qtbot.keyClick(bar.field, Qt.Key.Key_Escape)
    assert not bar.isVisible()
    press(window, qtbot, view.left, Qt.Key.Key_D, CTRL)  # back to one pane: the bar follows
    press(window, qtbot, window.text, Qt.Key.Key_F, CTRL)
    assert bar.isVisible() and bar.parent() is window.text


def test_copy_copies_from_the_column_with_the_keyboard(open_window, qtbot):
    window = open_window("en", section="nato")
    view = side_by_side(window, qtbot)
    view.right.setFocus()
    cursor = view.right.textCursor()
    cursor.select(QTextCursor.SelectionType.Document)
    view.right.setTextCursor(cursor)
    QApplication.clipboard().clear()
    copy = window.comfort.text_actions.copy_action
    assert copy.isEnabled()
    copy.trigger()
    assert window.document.section("ru", "nato").title in QApplication.clipboard().text()


def test_presentation_mode_shows_both_columns_without_a_scroll_bar(open_window, qtbot):
    window = open_window("en", section="united-nations")
    view = side_by_side(window, qtbot)
    press(window, qtbot, view.left, Qt.Key.Key_F11)
    settle(qtbot)
    assert view.isVisible() and not window.menuBar().isVisible()
    assert view.right.verticalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff
    # Presentation type, fitted to two columns across the screen: on this 800 px test
    # screen no larger than reading type (test_presentation measures real screens).
    assert view.left.document().defaultFont().pointSizeF() >= 13
    assert_aligned(window, view)
    press(window, qtbot, view.left, Qt.Key.Key_Escape)
    assert view.right.verticalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAsNeeded
    assert view.left.document().defaultFont().pointSizeF() == 13


# -- content that breaks the rule ------------------------------------------------


def test_unequal_paragraph_counts_open_unaligned_with_a_notice(open_window, qtbot, content_copy):
    path = content_copy / "ru" / "united-nations.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nЛишний абзац.\n", encoding="utf-8")
    window = open_window("en", section="united-nations", content=content_copy)
    view = side_by_side(window, qtbot)
    assert not view.aligned
    assert "different number of paragraphs in each language (English: 2, Русский: 3)" in (
        view.left.toPlainText()
    )
    assert "не выровнены" in view.right.toPlainText()
    assert "Лишний абзац." in seen(view.right.toPlainText())  # nothing is hidden
    click_paragraph(qtbot, view.left, 1)
    assert view.marked() is None  # no counterpart is claimed
    window.show_section("osce")  # a sound section in the same folder is aligned again
    assert view.aligned and "different number" not in view.left.toPlainText()


# -- paper -------------------------------------------------------------------


def test_export_as_pdf_in_this_view_writes_the_parallel_handout(
    open_window, qtbot, tmp_path, monkeypatch
):
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *args: (str(tmp_path / "handout.pdf"), "")
    )
    window = open_window("ru", section="nato")
    side_by_side(window, qtbot)
    action = action_named(window.file_menu, "Экспорт параллельного текста в PDF…")
    assert action is window.printing.export_pdf_action
    assert window.printing.job(whole_document=True).languages == ("ru", "en")
    action.trigger()
    assert shutil.which("pdftotext"), "reading the PDF back needs poppler-utils"
    text = subprocess.run(
        ["pdftotext", "-layout", "-enc", "UTF-8", str(tmp_path / "handout.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    # The first words of each title: a long title wraps in its column.
    russian, english = (
        " ".join(window.document.section(lang, "nato").title.split()[:2]) for lang in ("ru", "en")
    )
    line = next(line for line in text.splitlines() if russian in line)
    assert english in line and line.index(russian) < line.index(english)
    press(window, qtbot, window.side_by_side.view.left, Qt.Key.Key_D, CTRL)
    assert window.printing.export_pdf_action.text() == "&Экспорт в PDF…"
    assert window.printing.job(whole_document=True).languages == ("ru",)


def test_printing_in_this_view_previews_both_columns(open_window, qtbot):
    from .test_printing import close_preview, preview_pages

    window = open_window("en", section="nato")
    view = side_by_side(window, qtbot)
    press(window, qtbot, view.left, Qt.Key.Key_P, CTRL)
    assert preview_pages(window, qtbot) >= 1
    job = window.printing.job(whole_document=False)
    assert job.parallel and job.languages == ("en", "ru") and job.section_id == "nato"
    assert window.document.section("ru", "nato").title in seen(job.html())
    close_preview(window, qtbot)


def test_tab_goes_from_the_tree_to_one_column_and_the_other(open_window, qtbot):
    window = open_window("en")
    view = side_by_side(window, qtbot)
    press(window, qtbot, window.tree, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is view.left
    qtbot.keyClick(view.left, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is view.right
    qtbot.keyClick(view.right, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert QApplication.focusWidget() is view.left


def text_edges(window, pane) -> tuple[float, float]:
    """Where the pane's text begins and ends, across the window (px)."""
    frame = pane.document().rootFrame().frameFormat()
    start = pane.viewport().mapTo(window, QPoint(0, 0)).x()
    return start + frame.leftMargin(), start + pane.viewport().width() - frame.rightMargin()


@pytest.mark.parametrize("size", [13, 36])
def test_the_gutter_between_the_columns_grows_with_the_type(open_window, qtbot, size):
    window = open_window("en", section="united-nations")
    window.resize(3000, 900)  # a projector's worth of large type, two full columns
    view = side_by_side(window, qtbot)
    window.comfort.text_size.set_size(size)
    settle(qtbot)
    character = QFontMetricsF(view.left.document().defaultFont()).averageCharWidth()
    gutter = text_edges(window, view.right)[0] - text_edges(window, view.left)[1]
    assert gutter >= 3 * character, (gutter, character)
    assert characters_per_line(view.left) >= 55  # the measure is kept
    assert_aligned(window, view)
