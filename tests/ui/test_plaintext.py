"""Content shown outside the text pane reads as written: never markup, never a disguised host."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtGui import QTextDocumentFragment

from reader.ui import messages

TITLE = "<b>Bold?</b> & <i>x</i>"


def on_screen(rich_or_plain: str) -> str:
    """What Qt shows for a tool tip: rich text when it looks like markup."""
    if GuiQt.mightBeRichText(rich_or_plain):
        return QTextDocumentFragment.fromHtml(rich_or_plain).toPlainText()
    return rich_or_plain


def test_a_section_title_with_markup_reads_as_typed_in_the_tree_tooltip(open_window, content_copy):
    path = content_copy / "en" / "osce.md"
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[0] = f"# {TITLE}"
    path.write_text("\n".join(lines), encoding="utf-8")
    window = open_window("en", content=content_copy)
    model = window.tree.section_model()
    window.show_section("osce")  # read, so the title comes from the file
    tooltip = model.data(model.index_of("osce"), Qt.ItemDataRole.ToolTipRole)
    assert on_screen(tooltip) == TITLE


def test_a_damaged_sections_tooltip_keeps_its_line_breaks(open_window, content_copy):
    (content_copy / "ru" / "osce.md").unlink()
    window = open_window("ru", content=content_copy)
    window.show_section("osce")
    model = window.tree.section_model()
    shown = on_screen(model.data(model.index_of("osce"), Qt.ItemDataRole.ToolTipRole))
    assert shown.split("\n")[1] == "Недоступен на этом языке; показан вариант: English."


@pytest.mark.parametrize(
    ("link", "shown"),
    [
        ("https://xn--pple-43d.com/", "https://xn--pple-43d.com/"),
        ("https://аpple.com/путь", "https://xn--pple-43d.com/путь"),
        ("mailto:press@аpple.com", "mailto:press@xn--pple-43d.com"),
        ("https://example.org/page?q=1", "https://example.org/page?q=1"),
    ],
)
def test_an_outside_link_is_confirmed_with_its_real_host(open_window, monkeypatch, link, shown):
    asked: list[str] = []
    monkeypatch.setattr(messages, "confirm", lambda title, text: asked.append(text) or False)
    window = open_window("en", section="osce")
    window.text.anchorClicked.emit(QUrl(link))
    assert len(asked) == 1
    assert asked[0].split("\n")[-1] == shown
    assert "аpple" not in asked[0]  # the Cyrillic look-alike never reaches the person


def test_error_boxes_show_file_text_as_written(qapp):
    messages.set_dialogs_enabled(True)
    try:
        messages.show_error("Title", f"cannot read {TITLE}")
        (box,) = messages.open_dialogs()
        assert box.textFormat() == Qt.TextFormat.PlainText
        assert box.text() == f"cannot read {TITLE}"
        box.close()
    finally:
        messages.set_dialogs_enabled(False)
