"""``reader export`` run as a person runs it: a process, a PDF, its text read back."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

import pytest

from reader import resources
from reader.content import load_document
from reader.printhtml import tree_order


@pytest.fixture(autouse=True)
def poppler() -> None:
    """The PDFs are read back with poppler-utils (.ci/run installs it)."""
    assert shutil.which("pdftotext") and shutil.which("pdfinfo"), "apt-get install poppler-utils"


DOCUMENT = load_document(resources.content_dir())
XHTML = "{http://www.w3.org/1999/xhtml}"


def reader(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """``reader ARGS`` with no display, as on a build server."""
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.pop("QT_QPA_PLATFORM", None)
    return subprocess.run(
        [sys.executable, "-m", "reader", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=120,
    )


def pdf_text(path: Path, *options: str) -> str:
    result = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", *options, str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


def words(text: str) -> str:
    return " ".join(text.split())


def body_text(path: Path) -> str:
    """The words of the pages without their heads and page numbers.

    Hyphens go too: pdftotext joins a word broken after a hyphen at a line end,
    and here a word hyphenated at the foot of a page is joined as well.
    """
    furniture = re.compile(r"(Page \d+ of \d+|Страница \d+ из \d+)")
    heads = {DOCUMENT.title(lang) for lang in DOCUMENT.languages}
    lines = [
        line
        for line in pdf_text(path).splitlines()
        if not furniture.fullmatch(line.strip()) and line.strip() not in heads
    ]
    joined = re.sub(r"(?<=\w)-\s+(?=\w)", "", "\n".join(lines))
    return words(joined).replace("-", "").replace("\u2011", "")  # and no-break hyphens


def paragraph(language: str, section_id: str, index: int = 0) -> str:
    return words(DOCUMENT.section(language, section_id).blocks[index].plain())


def pdf_info(path: Path, *options: str) -> str:
    result = subprocess.run(
        ["pdfinfo", *options, str(path)], capture_output=True, text=True, check=True
    )
    return result.stdout


@pytest.mark.parametrize(("language", "other"), [("en", "ru"), ("ru", "en")])
def test_export_of_one_section_has_its_text_in_that_language(tmp_path, language, other):
    out = tmp_path / f"osce-{language}.pdf"
    result = reader("export", "--lang", language, "--section", "osce", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert out.read_bytes().startswith(b"%PDF-")
    text = words(pdf_text(out))
    assert DOCUMENT.section(language, "osce").title in text
    assert paragraph(language, "osce") in text
    assert paragraph(other, "osce")[:40] not in text
    assert DOCUMENT.section(language, "nato").title not in text
    info = pdf_info(out)
    assert DOCUMENT.title(language) in info
    assert f"<rdf:li>{language}</rdf:li>" in pdf_info(out, "-meta")


@pytest.mark.parametrize(
    ("language", "page_word"), [("en", r"Page \d+ of"), ("ru", r"Страница \d+ из")]
)
def test_export_of_the_document_has_every_section_in_tree_order(tmp_path, language, page_word):
    out = tmp_path / "whole.pdf"
    result = reader("export", "--lang", language, "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert words(pdf_text(out)).startswith(words(DOCUMENT.title(language)))
    text = body_text(out)
    order = tree_order(DOCUMENT)
    titles = [DOCUMENT.section(language, sid).title.replace("-", "") for sid, _ in order]
    positions = [text.find(title) for title in titles]
    assert -1 not in positions and positions == sorted(positions)
    for section_id, _depth in order:
        for index in range(len(DOCUMENT.section(language, section_id).blocks)):
            found = text.count(paragraph(language, section_id, index).replace("-", ""))
            assert found == 1, f"{section_id} p-{index + 1} is there {found} times"
    pages = int(re.search(r"Pages:\s+(\d+)", pdf_info(out)).group(1))
    assert pages >= 2
    assert re.findall(rf"{page_word} (\d+)", pdf_text(out)) == [str(pages)] * pages


def test_pdf_embeds_the_bundled_fonts(tmp_path):
    out = tmp_path / "fonts.pdf"
    assert reader("export", "--lang", "ru", "--section", "nato", "--out", str(out)).returncode == 0
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True).stdout
    rows = [line.split() for line in fonts.splitlines()[2:]]
    assert any(row[0].endswith("PTSerif-Regular") for row in rows), fonts
    assert all(row[-5] == "yes" for row in rows), fonts  # the "emb" column


def test_bad_section_is_refused_with_a_message(tmp_path):
    out = tmp_path / "x.pdf"
    result = reader("export", "--lang", "en", "--section", "xyz", "--out", str(out))
    assert result.returncode == 2
    assert "reader export: no section 'xyz'" in result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists()


def test_missing_language_is_a_usage_error(tmp_path):
    result = reader("export", "--out", str(tmp_path / "x.pdf"))
    assert result.returncode == 2
    assert "--lang" in result.stderr


def test_unwritable_path_fails_with_a_message(tmp_path):
    out = tmp_path / "no such folder" / "x.pdf"
    result = reader("export", "--lang", "en", "--out", str(out))
    assert result.returncode == 1
    assert "reader export: cannot write" in result.stderr
    assert "does not exist" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_folder_is_not_a_file(tmp_path):
    result = reader("export", "--lang", "en", "--out", str(tmp_path))
    assert result.returncode == 1
    assert "is a folder" in result.stderr


def test_bad_content_fails_with_the_file_to_fix(tmp_path, content_copy):
    (content_copy / "ru" / "nato.md").unlink()
    out = tmp_path / "x.pdf"
    args = ("export", "--lang", "ru", "--content", str(content_copy), "--out", str(out))
    result = reader(*args)
    assert result.returncode == 1
    assert "nato.md" in result.stderr and "file is missing" in result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists()
    # The English text is whole, so English still exports.
    assert (
        reader(
            "export", "--lang", "en", "--content", str(content_copy), "--out", str(out)
        ).returncode
        == 0
    )


def test_broken_manifest_fails_with_a_message(tmp_path, content_copy):
    (content_copy / "manifest.toml").write_text("[document\n", encoding="utf-8")
    result = reader(
        "export", "--lang", "en", "--content", str(content_copy), "--out", str(tmp_path / "x.pdf")
    )
    assert result.returncode == 1
    assert "manifest.toml:1: bad TOML" in result.stderr


def test_will_not_write_into_the_content_folder(content_copy):
    out = content_copy / "en" / "export.pdf"
    result = reader("export", "--lang", "en", "--content", str(content_copy), "--out", str(out))
    assert result.returncode == 1
    assert "content folder" in result.stderr
    assert not out.exists()


def test_an_existing_file_is_replaced(tmp_path):
    folder = tmp_path / "handouts"
    folder.mkdir()
    out = folder / "old.pdf"
    out.write_text("old", encoding="utf-8")
    assert reader("export", "--lang", "en", "--section", "osce", "--out", str(out)).returncode == 0
    assert out.read_bytes().startswith(b"%PDF-")
    assert [p.name for p in folder.iterdir()] == ["old.pdf"]  # no temporary left behind


def test_a_relative_path_is_written_where_the_command_runs(tmp_path):
    result = reader(
        "export", "--lang", "ru", "--section", "osce", "--out", "osce.pdf", cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "osce.pdf").read_bytes().startswith(b"%PDF-")
    assert "osce.pdf: 1 page" in result.stdout


def text_lines(path: Path) -> list[tuple[int, float, float, str]]:
    """(page, x, y, text) of every line pdftotext finds."""
    root = ElementTree.fromstring(pdf_text(path, "-bbox-layout"))
    lines = []
    for number, page in enumerate(root.iter(f"{XHTML}page"), start=1):
        for line in page.iter(f"{XHTML}line"):
            text = " ".join(word.text or "" for word in line.iter(f"{XHTML}word"))
            lines.append((number, float(line.get("xMin")), float(line.get("yMin")), text))
    return lines


def line_starting(lines, text: str) -> tuple[int, float, float, str]:
    """The first line of ``text`` as drawn (a title may be one short line).

    A line may end in the first part of a hyphenated word.
    """
    text = words(text)
    found = [
        line
        for line in lines
        if line[3]
        and text.startswith(line[3].removesuffix("-"))
        and (line[3] == text or len(line[3].split()) >= 2)
    ]
    assert found, f"no line starts {text[:40]!r}"
    return found[0]


def test_parallel_export_puts_each_paragraph_beside_its_translation(tmp_path):
    out = tmp_path / "handout.pdf"
    result = reader("export", "--parallel", "--out", str(out))
    assert result.returncode == 0, result.stderr
    lines = text_lines(out)
    pairs = 0
    for section_id, _depth in tree_order(DOCUMENT):
        english = DOCUMENT.section("en", section_id)
        russian = DOCUMENT.section("ru", section_id)
        left = line_starting(lines, english.title)
        right = line_starting(lines, russian.title)
        assert left[0] == right[0] and left[1] < right[1]
        assert abs(left[2] - right[2]) < 1, (english.title, russian.title)
        for index in range(len(english.blocks)):
            left = line_starting(lines, paragraph("en", section_id, index))
            right = line_starting(lines, paragraph("ru", section_id, index))
            where = f"{section_id} p-{index + 1}"
            assert left[0] == right[0], f"{where} on different pages"
            assert left[1] < right[1], f"{where}: English is not on the left"
            if index:  # the first shares its row with the titles, which may wrap differently
                assert abs(left[2] - right[2]) < 1, f"{where} is not beside its translation"
            pairs += 1
    assert pairs == sum(len(DOCUMENT.section("en", s).blocks) for s in DOCUMENT.manifest.ids())
    assert "<rdf:li>en</rdf:li><rdf:li>ru</rdf:li>" in pdf_info(out, "-meta")
    text = pdf_text(out)
    assert f"{DOCUMENT.title('en')} / {DOCUMENT.title('ru')}" in pdf_info(out)
    assert "Page 1 of" in text


def test_parallel_export_of_one_section_with_russian_on_the_left(tmp_path):
    out = tmp_path / "nato.pdf"
    args = ("export", "--parallel", "--lang", "ru", "--section", "nato", "--out", str(out))
    result = reader(*args)
    assert result.returncode == 0, result.stderr
    lines = text_lines(out)
    left = line_starting(lines, DOCUMENT.section("ru", "nato").title)
    right = line_starting(lines, DOCUMENT.section("en", "nato").title)
    assert left[1] < right[1] and abs(left[2] - right[2]) < 1
    assert line_starting(lines, paragraph("ru", "nato"))[1] < right[1]
    assert "Страница 1 из 1" in pdf_text(out)


@pytest.mark.parametrize("args", [("--lang", "ru"), ("--parallel", "--lang", "ru")])
def test_the_pdf_is_typeset(tmp_path, args):
    """No line ends in a one-letter word or a bare number, none starts with a dash;
    words break at syllables, with a hyphen."""
    out = tmp_path / "typeset.pdf"
    result = reader("export", *args, "--out", str(out))
    assert result.returncode == 0, result.stderr
    furniture = re.compile(r"(Page \d+ of \d+|Страница \d+ из \d+)")
    # pdftotext's layout gives each column its own lines.
    lines = [text for _page, _x, _y, text in text_lines(out) if not furniture.fullmatch(text)]
    hyphenated = 0
    for text in lines:
        words_ = text.split()
        last = words_[-1].strip(".,;:()«»“”")
        assert not re.fullmatch(r"[^\W\d_]", last), f"a line ends in {last!r}: {text!r}"
        assert not re.fullmatch(r"\d+", last), f"a line ends in a number: {text!r}"
        assert not words_[0].startswith(("—", "–")), f"a line starts with a dash: {text!r}"
        hyphenated += bool(re.search(r"[а-яa-z]-$", text))
    assert hyphenated >= 10
