"""File › Print and Export as PDF, used as a person would: menu, keys, dialogs."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrintPreviewDialog, QPrintPreviewWidget
from PySide6.QtWidgets import QFileDialog

from .keyboard import CTRL, SHIFT, press
from .test_mainwindow import action_named


def file_items(window) -> list[str]:
    return [a.text() for a in window.file_menu.actions() if not a.isSeparator()]


def preview_pages(window, qtbot) -> int:
    qtbot.waitUntil(lambda: window.printing.preview is not None)
    dialog = window.printing.preview
    assert isinstance(dialog, QPrintPreviewDialog) and dialog.isVisible()
    widget = dialog.findChild(QPrintPreviewWidget)
    qtbot.waitUntil(lambda: widget.pageCount() > 0)
    return widget.pageCount()


def close_preview(window, qtbot) -> None:
    window.printing.preview.reject()
    qtbot.waitUntil(lambda: window.printing.preview is None)


@pytest.mark.parametrize(
    ("language", "items"),
    [
        ("en", ["&Print Section…", "Print &Document…", "&Export as PDF…", "&Quit"]),
        ("ru", ["&Печать раздела…", "Печать &документа…", "&Экспорт в PDF…", "В&ыход"]),
    ],
)
def test_file_menu_has_print_and_export_above_quit(open_window, language, items):
    window = open_window(language)
    assert file_items(window)[-4:] == items


def test_menu_follows_a_language_switch(open_window):
    window = open_window("en")
    window.set_language("ru")
    assert "&Экспорт в PDF…" in file_items(window)


def test_ctrl_p_previews_the_current_section(open_window, qtbot):
    window = open_window("en", section="osce")
    press(window, qtbot, window.text, Qt.Key.Key_P, CTRL)
    assert preview_pages(window, qtbot) == 1
    assert window.printing.preview.printer().docName().startswith("The OSCE — ")
    close_preview(window, qtbot)


def test_ctrl_shift_p_previews_the_whole_document(open_window, qtbot):
    window = open_window("ru", section="osce")
    press(window, qtbot, window.tree, Qt.Key.Key_P, CTRL | SHIFT)
    assert preview_pages(window, qtbot) >= 2
    assert window.printing.preview.printer().docName() == window.document.title("ru")
    close_preview(window, qtbot)


def test_printing_a_section_that_cannot_be_read_says_so(open_window, content_copy, caplog):
    window = open_window("en", section="nato", content=content_copy)
    (content_copy / "en" / "osce.md").unlink()
    action_named(window.file_menu, "Print Document…").trigger()
    assert window.printing.preview is None
    assert "Cannot print" in caplog.text and "osce.md" in caplog.text


def pdf_text(path: Path) -> str:
    assert shutil.which("pdftotext"), "reading the PDF back needs pdftotext (poppler-utils)"
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_export_as_pdf_writes_the_document_in_the_reading_language(
    open_window, tmp_path, monkeypatch
):
    asked = {}

    def choose(parent, caption, suggested, filters):
        asked.update(caption=caption, suggested=suggested, filters=filters)
        return str(tmp_path / "handout"), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", choose)
    window = open_window("ru", section="nato")
    action_named(window.file_menu, "Экспорт в PDF…").trigger()
    assert asked["caption"] == "Экспорт в PDF"
    assert Path(asked["suggested"]).name == "Многостороннее сотрудничество.pdf"
    out = tmp_path / "handout.pdf"
    text = " ".join(pdf_text(out).split())
    document = window.document
    # The whole document, in Russian, section after section in the tree's order.
    titles = [document.section_title("ru", sid) for sid in document.manifest.ids()]
    places = [text.find(title) for title in titles]
    assert -1 not in places, titles
    assert places == sorted(places)
    for block in document.section("ru", "osce").blocks:
        assert " ".join(block.plain().split()) in text
    assert document.section_title("en", "osce") not in text
    assert "Страница 1 из" in text
    assert "handout.pdf" in window.statusBar().currentMessage()


def test_export_as_pdf_cancelled_writes_nothing(open_window, tmp_path, monkeypatch):
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: ("", ""))
    window = open_window("en")
    window.printing.export_pdf_action.trigger()
    assert not list(tmp_path.glob("*.pdf"))


def test_export_to_a_missing_folder_tells_the_person(open_window, tmp_path, monkeypatch, caplog):
    target = tmp_path / "gone" / "x.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: (str(target), ""))
    window = open_window("en")
    window.printing.export_pdf_action.trigger()
    assert "The PDF was not saved" in caplog.text and "does not exist" in caplog.text
    assert not target.exists()


def test_the_printer_gets_only_the_pages_asked_for(open_window, tmp_path):
    from PySide6.QtGui import QPageRanges
    from PySide6.QtPrintSupport import QPrinter

    from reader.pdf import page_layout

    out = tmp_path / "printed.pdf"
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out))
    printer.setPageLayout(page_layout())  # as the preview sets it up
    printer.setPageRanges(QPageRanges.fromString("2-3"))
    window = open_window("en")
    window.printing.print_job(window.printing.job(whole_document=True), printer)
    assert shutil.which("pdfinfo"), "counting the pages needs pdfinfo (poppler-utils)"
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True).stdout
    assert re.search(r"Pages:\s+2\n", info), info
    text = pdf_text(out)
    assert "Page 2 of 3" in text and "Page 3 of 3" in text and "Page 1 of" not in text
