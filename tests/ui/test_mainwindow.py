"""The main window driven as a person would: menus, shortcuts, tree, links."""

from __future__ import annotations

import argparse

import pytest
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, QUrl
from PySide6.QtWidgets import QMenu

from conftest import seen
from manifests import write_manifest_file
from reader.settings import Settings


def menu_titles(window) -> list[str]:
    return [action.text() for action in window.menuBar().actions()]


def action_named(menu: QMenu, text: str):
    matches = [action for action in menu.actions() if action.text().replace("&", "") == text]
    assert matches, f"no {text!r} in {[a.text() for a in menu.actions()]}"
    return matches[0]


def language_menu(window) -> QMenu:
    return window.language_menu


def scroll_second_paragraph_to_top(window, qtbot):
    window.resize(700, 330)
    qtbot.waitUntil(lambda: window.text.viewport().height() < 330)  # laid out again
    window.show_section("united-nations")
    window.text.scroll_to_paragraph(1, 0.25)
    assert window.position()[:2] == ("united-nations", 1)


def test_window_shows_document_tree_and_text(open_window):
    window = open_window("en")
    assert window.windowTitle() == "Foreign Multilateral Co-operation"
    model = window.tree.model()
    root = model.index(0, 0)
    assert root.data() == "Multilateral Diplomacy, its Goals and Trends"
    children = [model.index(row, 0, root).data() for row in range(model.rowCount(root))]
    assert children[0] == "The OSCE" and len(children) == 7
    assert "Multilateral diplomacy, promotion and protection" in seen(window.text.toPlainText())
    assert menu_titles(window) == ["&File", "&Edit", "&View", "&Go", "&Language", "&Help"]


def test_picking_a_section_in_the_tree_with_the_keyboard(open_window, qtbot):
    window = open_window("en")
    window.tree.setFocus()
    qtbot.keyClick(window.tree, Qt.Key.Key_Down)
    assert window.section_id == "osce"
    assert "OSCE in developing political dialogue with western powers" in seen(
        window.text.toPlainText()
    )
    assert window.tree.currentIndex().data() == "The OSCE"


def test_switching_language_from_the_menu_keeps_the_place(open_window, qtbot):
    window = open_window("en")
    scroll_second_paragraph_to_top(window, qtbot)
    action_named(language_menu(window), "Русский").trigger()
    assert window.windowTitle() == "Многостороннее сотрудничество"
    assert menu_titles(window) == ["&Файл", "&Правка", "&Вид", "П&ереход", "&Язык", "&Справка"]
    assert window.position()[:2] == ("united-nations", 1)
    assert "Генеральной Ассамблеи ООН" in seen(window.text.toPlainText())
    assert window.tree.currentIndex().data() == "Организация Объединенных Наций"
    assert window.language_actions["ru"].isChecked()
    assert not window.language_actions["en"].isChecked()


def test_language_shortcut_toggles_and_keeps_the_place(open_window, qtbot):
    window = open_window("ru")
    scroll_second_paragraph_to_top(window, qtbot)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)  # window shortcuts reach an active window only
    window.text.setFocus()
    qtbot.keyClick(window.text, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.windowTitle() == "Foreign Multilateral Co-operation"
    assert window.position()[:2] == ("united-nations", 1)
    qtbot.keyClick(window.text, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert menu_titles(window)[0] == "&Файл"
    assert window.position()[:2] == ("united-nations", 1)


def test_language_menu_names_each_language_in_itself(open_window):
    window = open_window("ru")
    names = [a.text() for a in language_menu(window).actions() if a.isCheckable()]
    assert names == ["English", "Русский"]


def test_qt_own_strings_follow_the_language(open_window):
    window = open_window("ru")
    menu = window.text.createStandardContextMenu()
    texts = " ".join(action.text() for action in menu.actions())
    assert "Копировать" in texts or "&Копировать" in texts, texts
    window.set_language("en")
    menu = window.text.createStandardContextMenu()
    assert "Copy" in " ".join(action.text() for action in menu.actions())


def test_internal_link_opens_the_section(open_window):
    window = open_window("en", section="peaceful-policy")
    window.text.anchorClicked.emit(QUrl("section:osce"))
    assert window.section_id == "osce"
    assert window.tree.currentIndex().data() == "The OSCE"


def test_web_links_are_not_followed_without_asking(open_window, caplog):
    window = open_window("en", section="osce")
    window.text.anchorClicked.emit(QUrl("javascript:alert(1)"))
    assert window.section_id == "osce"
    assert "does not open links of this kind" in caplog.text


def test_settings_survive_a_restart(open_window, qtbot, settings_path):
    window = open_window("en")
    scroll_second_paragraph_to_top(window, qtbot)
    window.set_language("ru")
    window.close()
    stored = Settings(settings_path)
    from reader import settings

    assert stored.get(settings.LANGUAGE) == "ru"
    reopened = open_window(lang=None)
    reopened.resize(700, 330)
    assert reopened.app.language == "ru"
    assert reopened.position()[:2] == ("united-nations", 1)


def test_first_run_under_a_russian_locale_opens_in_russian(open_window, monkeypatch):
    from PySide6.QtCore import QLocale

    QLocale.setDefault(QLocale("ru_RU"))
    monkeypatch.setattr(QLocale, "system", lambda: QLocale("ru_RU"))
    window = open_window(lang=None)
    assert window.app.language == "ru"
    assert window.windowTitle() == "Многостороннее сотрудничество"


def test_command_line_section_overrides_the_stored_one(open_window):
    window = open_window("en", section="world-order")
    assert window.section_id == "world-order"
    assert seen(window.text.toPlainText()).count("21st century") == 1


def write_long_document(folder, chapters: int, per_chapter: int):
    """A content folder of ``chapters`` chapters of ``per_chapter`` sections; text for the first."""
    sections = []
    for chapter in range(chapters):
        sections.append((f"c-{chapter}", None))
        sections += [(f"c-{chapter}-{number}", f"c-{chapter}") for number in range(per_chapter)]
    write_manifest_file(folder, sections, ("Long", "Длинный"))
    for language in ("en", "ru"):
        (folder / language).mkdir()
        (folder / language / "c-0.md").write_text("# Chapter\n\nText.\n", encoding="utf-8")
    return folder


def test_the_tree_opens_with_the_top_level_sections_open(open_window):
    window = open_window("en")
    top = window.tree.model().index(0, 0)
    assert window.tree.isExpanded(top)


def test_a_long_document_opens_with_its_chapters_listed_closed(open_window, tmp_path):
    window = open_window("en", content=write_long_document(tmp_path / "long", 60, 20))
    model = window.tree.model()
    assert model.rowCount() == 60
    assert not any(window.tree.isExpanded(model.index(row, 0)) for row in range(60))
    assert window.section_id == "c-0"


def write_long_section(folder, paragraphs: int, words=lambda n: "Words to read on a page. " * 12):
    """A document whose first section has ``paragraphs`` numbered paragraphs: many screens.

    ``words(n)``: what paragraph ``n`` (from 1) says after its number.
    """
    write_manifest_file(folder, [("long", None), ("next", None)], ("Long", "Длинный"))
    for language in ("en", "ru"):
        (folder / language).mkdir()
        body = "\n\n".join(f"Paragraph {n}. " + words(n) for n in range(1, paragraphs + 1))
        (folder / language / "long.md").write_text(f"# Long\n\n{body}\n", encoding="utf-8")
        (folder / language / "next.md").write_text("# Next\n\nText.\n", encoding="utf-8")
    return folder


def test_a_long_first_section_opens_at_its_top_with_all_its_text(open_window, tmp_path):
    window = open_window("en", content=write_long_section(tmp_path / "doc", 80))
    text = seen(window.text.toPlainText())
    assert "Paragraph 1." in text
    assert "Paragraph 80." in text
    assert window.position() == ("long", 0, 0.0)


def test_a_long_section_reopens_at_the_paragraph_left_with_all_its_text(
    open_window, tmp_path, settings_path
):
    left_at_paragraph_41(settings_path)
    window = open_window("en", content=write_long_section(tmp_path / "doc", 80))
    assert window.position()[:2] == ("long", 40)
    text = seen(window.text.toPlainText())
    assert "Paragraph 1." in text
    assert "Paragraph 80." in text


def left_at_paragraph_41(settings_path, fraction: float = 0.0) -> None:
    """Settings as a reader who left the long section ``fraction`` into its 41st paragraph."""
    from reader import settings

    stored = Settings(settings_path)
    stored.set(settings.SECTION, "long")
    stored.set(settings.PARAGRAPH, 40)
    stored.set(settings.OFFSET, fraction)
    stored.sync()


def opening_window(qapp, qtbot, settings_path, content):
    """The window as ``reader --content`` makes it, before any event: its first frame is to come."""
    from reader.gui import create_window

    args = argparse.Namespace(lang="en", section=None, content=content)
    window = create_window(args, qapp, Settings(settings_path))
    qtbot.addWidget(window)
    return window


class PlaceAtFirstPaint(QObject):
    """Where a window's text pane was when it first painted: what its first frame showed."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.place: tuple[str, int, float] | None = None
        window.text.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self.place is None:
            self.place = self.window.position()
        return False


@pytest.mark.parametrize(
    ("words", "fraction"),
    [
        # Far into a paragraph of many screens: what is below the top of the pane counts.
        (lambda n: "Words to read on a page. " * (300 if n == 41 else 12), 0.95),
        # A small picture in the next paragraph: the page goes on below it.
        (lambda n: ("A small ![icon](icon.png) here. " if n == 42 else "") + "Words. " * 60, 0.0),
    ],
)
def test_a_long_section_reopens_exactly_where_it_was_left(
    qapp, qtbot, tmp_path, settings_path, words, fraction
):
    left_at_paragraph_41(settings_path, fraction)
    content = write_long_section(tmp_path / "doc", 80, words)
    window = opening_window(qapp, qtbot, settings_path, content)
    first_frame = PlaceAtFirstPaint(window)
    qtbot.waitUntil(lambda: "Paragraph 80." in seen(window.text.toPlainText()))
    for section, paragraph, offset in (first_frame.place, window.position()):
        assert (section, paragraph) == ("long", 40)
        assert offset == pytest.approx(fraction, abs=0.01)


def test_a_long_section_reopens_where_it_was_left_in_a_window_made_taller_as_it_opens(
    qapp, qtbot, tmp_path, settings_path
):
    left_at_paragraph_41(settings_path)
    window = opening_window(qapp, qtbot, settings_path, write_long_section(tmp_path / "doc", 80))
    window.resize(window.width(), 3 * window.height())  # as a window manager's maximising
    qtbot.waitUntil(lambda: "Paragraph 80." in seen(window.text.toPlainText()))
    assert window.position() == ("long", 40, 0.0)


def test_the_tree_lists_each_section_under_its_parent_in_manifest_order(qapp, qtlog, tmp_path):
    """Children listed apart from each other in the manifest, three levels deep."""
    from PySide6.QtTest import QAbstractItemModelTester

    from reader.content import load_document
    from reader.ui.sectiontree import SectionModel

    sections = [
        ("a", None),
        ("b", None),
        ("a-1", "a"),
        ("b-1", "b"),
        ("a-1-x", "a-1"),
        ("a-2", "a"),
        ("c", None),
        ("a-1-y", "a-1"),
        ("b-2", "b"),
    ]
    folder = write_manifest_file(tmp_path / "doc", sections, ("Tree", "Дерево"))
    for language in ("en", "ru"):
        (folder / language).mkdir()
        for section_id, _parent in sections:
            (folder / language / f"{section_id}.md").write_text(f"# {section_id}\n")
    document = load_document(folder)
    model = SectionModel(document, "en")
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Warning)
    assert [record.message for record in qtlog.records] == []

    def listed(parent) -> list[str]:
        rows = range(model.rowCount(parent))
        return [model.section_id(model.index(row, 0, parent)) for row in rows]

    top = model.index(0, 0).parent()
    assert listed(top) == ["a", "b", "c"]
    assert listed(model.index_of("a")) == ["a-1", "a-2"]
    assert listed(model.index_of("a-1")) == ["a-1-x", "a-1-y"]
    assert listed(model.index_of("b")) == ["b-1", "b-2"]
    for section_id, _parent in sections:  # a fresh model for each: nothing asked before
        fresh = SectionModel(document, "en")
        chain, index = [], fresh.index_of(section_id)
        while index.isValid():
            assert fresh.index(index.row(), 0, index.parent()) == index
            chain.append(fresh.section_id(index))
            index = index.parent()
        assert chain[::-1] == document.manifest.path_to(section_id)


def test_a_long_sections_first_page_fills_the_pane_before_the_rest_is_drawn(
    qapp, qtbot, tmp_path, settings_path
):
    window = opening_window(qapp, qtbot, settings_path, write_long_section(tmp_path / "doc", 80))
    pane = window.text
    assert "Paragraph 80." not in seen(pane.toPlainText())  # only the first screen so far
    assert pane.document().size().height() > pane.viewport().height()  # but all of it


def same_icon(first, second) -> bool:
    return first.pixmap(32).toImage() == second.pixmap(32).toImage()


def test_the_window_has_readers_icon_once_its_first_frame_is_up(open_window, qapp, qtbot):
    from PySide6.QtGui import QIcon

    from reader.ui.icons import svg_icon

    qapp.setWindowIcon(QIcon())
    window = open_window("en")
    qtbot.waitUntil(lambda: not window.windowIcon().isNull())
    assert same_icon(window.windowIcon(), svg_icon("reader"))


def test_what_waits_for_a_first_frame_runs_once_even_if_it_never_comes(qapp, qtbot, monkeypatch):
    """A window started minimised may not paint: the SIGTERM handling that keeps the
    place waits for its first frame, but not for ever."""
    from PySide6.QtWidgets import QWidget

    from reader.ui.application import _AfterFirstPaint

    monkeypatch.setattr(_AfterFirstPaint, "LATEST_MS", 50)
    never_shown, shown = QWidget(), QWidget()
    qtbot.addWidget(never_shown)
    qtbot.addWidget(shown)
    calls: list[str] = []
    qapp.after_first_frame(never_shown, lambda: calls.append("never shown"))
    qapp.after_first_frame(shown, lambda: calls.append("shown"))
    shown.show()
    qtbot.waitUntil(lambda: "shown" in calls)
    later: list[bool] = []
    QTimer.singleShot(100, lambda: later.append(True))  # after both latest times are past
    qtbot.waitUntil(lambda: bool(later))
    assert sorted(calls) == ["never shown", "shown"]  # the one that painted is not called again


def test_a_document_that_cannot_be_opened_is_reported_under_readers_icon(
    qapp, tmp_path, settings_path
):
    from PySide6.QtGui import QIcon

    from reader.gui import create_window
    from reader.ui import messages
    from reader.ui.icons import svg_icon

    qapp.setWindowIcon(QIcon())
    args = argparse.Namespace(lang="en", section=None, content=tmp_path / "nothing here")
    messages.set_dialogs_enabled(False)
    try:
        assert create_window(args, qapp, Settings(settings_path)) is None
    finally:
        messages.set_dialogs_enabled(True)
    assert same_icon(qapp.windowIcon(), svg_icon("reader"))
