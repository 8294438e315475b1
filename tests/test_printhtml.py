"""What goes on paper, checked without Qt: order, languages, links, the parallel table."""

from __future__ import annotations

import errno
import re
from pathlib import Path

import pytest

from conftest import seen
from manifests import write_manifest_file
from reader import export, i18n, resources
from reader.content import ContentError, load_document
from reader.export import ExportError, check_output_path, default_file_name
from reader.printhtml import PrintJob, tree_order

DOCUMENT = load_document(resources.content_dir())


def write_document(root: Path, sections: list[tuple[str, str | None]]) -> None:
    write_manifest_file(root, sections, ("Book", "Книга"))
    for language in ("en", "ru"):
        (root / language).mkdir(exist_ok=True)
        for section_id, _parent in sections:
            text = f"# {section_id} {language}\n\nFirst {language}.\n\nSecond {language}.\n"
            (root / language / f"{section_id}.md").write_text(text, encoding="utf-8")


def test_tree_order_is_depth_first_not_manifest_order(tmp_path):
    write_document(tmp_path, [("a", None), ("b", "a"), ("c", None), ("d", "a"), ("e", "d")])
    document = load_document(tmp_path)
    assert tree_order(document) == [("a", 0), ("b", 1), ("d", 1), ("e", 2), ("c", 0)]
    html = PrintJob(document, "en").html()
    titles = re.findall(r'class="section">(\w)[ \xa0]en<', html)
    assert titles == ["a", "b", "d", "e", "c"]


def test_whole_document_has_title_edition_and_every_section():
    html = PrintJob(DOCUMENT, "ru").html()
    assert html.index(DOCUMENT.title("ru")) < html.index("Редакция от")
    for section_id, _depth in tree_order(DOCUMENT):
        assert DOCUMENT.section("ru", section_id).title in seen(html)
    assert DOCUMENT.section("en", "osce").title not in html


def test_one_section_has_only_that_section():
    job = PrintJob(DOCUMENT, "en", "osce")
    html = job.html()
    assert DOCUMENT.section("en", "osce").title in html
    assert DOCUMENT.section("en", "nato").title not in html
    assert job.title() == f"The OSCE — {DOCUMENT.title('en')}"


def test_on_paper_section_links_are_text_and_web_links_stay(content_copy):
    path = content_copy / "en" / "osce.md"
    path.write_text(
        path.read_text(encoding="utf-8") + "\nSee [NATO](nato) and [the site](https://osce.org).\n",
        encoding="utf-8",
    )
    html = PrintJob(load_document(content_copy), "en", "osce").html()
    assert "section:" not in html
    assert "See NATO and" in html
    assert '<a href="https://osce.org">the site</a>' in html


def test_parallel_has_one_row_per_paragraph_pair():
    job = PrintJob(DOCUMENT, "en", parallel=True)
    assert job.languages == ("en", "ru")
    rows = re.findall(r"<tr>(.*?)</tr>", job.html(), flags=re.S)
    paragraphs = sum(len(DOCUMENT.section("en", sid).blocks) for sid in DOCUMENT.manifest.ids())
    assert len(rows) == 1 + paragraphs  # the title row, then one row per pair
    nato = DOCUMENT.section("ru", "nato").blocks[0].plain()[:30]
    row = next(row for row in rows if nato in seen(row))
    left, right = re.findall(r"<td[^>]*>(.*?)</td>", seen(row), flags=re.S)
    assert DOCUMENT.section("en", "nato").blocks[0].plain()[:30] in left
    assert nato in right
    assert DOCUMENT.section("en", "nato").title in left  # the heading shares the first row


def test_parallel_with_russian_on_the_left():
    job = PrintJob(DOCUMENT, "ru", "osce", parallel=True)
    assert job.languages == ("ru", "en")
    assert job.title().startswith("ОБСЕ — ")


def test_a_paragraph_missing_in_one_language_leaves_its_cell_empty(tmp_path):
    write_document(tmp_path, [("a", None)])
    (tmp_path / "ru" / "a.md").write_text("# a ru\n\nOnly one.\n", encoding="utf-8")
    html = PrintJob(load_document(tmp_path), "en", parallel=True).html()
    assert re.search(r"Second en\.</p></td><td[^>]*></td>", seen(html))


def test_bad_requests_are_content_errors(content_copy):
    with pytest.raises(ContentError, match="no section 'xyz'"):
        PrintJob(DOCUMENT, "en", "xyz")
    with pytest.raises(ContentError, match="no language 'de'"):
        PrintJob(DOCUMENT, "de")
    (content_copy / "ru" / "nato.md").unlink()
    with pytest.raises(ContentError, match=r"nato\.md"):
        PrintJob(load_document(content_copy), "ru").html()


def test_default_file_name_is_safe_everywhere():
    assert default_file_name("Foreign Multilateral Co-operation") == (
        "Foreign Multilateral Co-operation.pdf"
    )
    assert default_file_name('A/B: "C"?') == "A B C.pdf"
    assert default_file_name("...") == "document.pdf"
    assert default_file_name("Многостороннее сотрудничество") == "Многостороннее сотрудничество.pdf"


def test_output_path_checks(tmp_path, content_copy):
    i18n.set_language("en")
    assert check_output_path(tmp_path / "a.pdf") == tmp_path / "a.pdf"
    with pytest.raises(ExportError, match="is a folder"):
        check_output_path(tmp_path)
    with pytest.raises(ExportError, match="does not exist"):
        check_output_path(tmp_path / "none" / "a.pdf")
    with pytest.raises(ExportError, match="content folder"):
        check_output_path(content_copy / "a.pdf", load_document(content_copy))


def test_output_path_problems_are_told_in_the_readers_language(tmp_path, monkeypatch):
    def disk_full(*_args):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(export.os, "replace", disk_full)
    i18n.set_language("ru")
    try:
        with pytest.raises(ExportError, match="это папка, а не файл"):
            check_output_path(tmp_path)
        with pytest.raises(ExportError, match=r"папки .* не существует"):
            check_output_path(tmp_path / "none" / "a.pdf")
        with pytest.raises(ExportError, match=r"не удаётся записать .*: на диске нет места$"):
            export.save_bytes(b"%PDF-", tmp_path / "a.pdf")
    finally:
        i18n.set_language("en")
