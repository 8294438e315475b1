"""The Russian edition keeps to the glossary in docs/translation.md."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reader import resources
from reader.content import load_document

REPO = Path(__file__).resolve().parents[1]
GLOSSARY = REPO / "docs" / "translation.md"


def glossary() -> list[tuple[str, list[str], list[str]]]:
    """(English, Russian alternatives, forbidden forms) for every row of the table."""
    text = GLOSSARY.read_text(encoding="utf-8")
    table = text.split("<!-- glossary:", 1)[1]
    rows: list[tuple[str, list[str], list[str]]] = []
    for line in table.splitlines()[1:]:
        if not line.startswith("|"):
            if rows:
                break
            continue
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if cells[0] in ("English", "---"):
            continue

        def split(cell: str) -> list[str]:
            return [part.strip() for part in cell.split(";") if part.strip()]

        rows.append((cells[0], split(cells[1]), split(cells[2])))
    return rows


def section_text(document, language: str, section_id: str) -> str:
    section = document.section(language, section_id)
    return "\n".join([section.title, *(block.plain() for block in section.blocks)])


def russian_texts() -> dict[str, str]:
    document = load_document(resources.content_dir())
    texts = {sid: section_text(document, "ru", sid) for sid in document.manifest.ids()}
    texts["manifest"] = document.title("ru")
    return texts


def test_the_glossary_has_its_rows():
    rows = glossary()
    assert len(rows) >= 20
    assert ("OSCE", ["ОБСЕ"], []) in rows


@pytest.mark.parametrize("english, russian, _never", glossary())
def test_each_term_is_translated_by_the_glossary(english, russian, _never):
    document = load_document(resources.content_dir())
    pattern = re.compile(r"(?<!\w)" + re.escape(english))
    used = [
        sid for sid in document.manifest.ids() if pattern.search(section_text(document, "en", sid))
    ]
    assert used, f"{english!r} is in the glossary but not in the English text"
    for section_id in used:
        text = section_text(document, "ru", section_id)
        assert any(form in text for form in russian), (
            f"ru/{section_id}.md: {english!r} should be rendered as {' or '.join(russian)}"
        )


def test_no_forbidden_form_appears():
    texts = russian_texts()
    wrong = [
        (name, never)
        for _english, _russian, forbidden in glossary()
        for never in forbidden
        for name, text in texts.items()
        if never in text
    ]
    assert wrong == []


def test_russian_is_printed_without_yo():
    assert [name for name, text in russian_texts().items() if "ё" in text or "Ё" in text] == []


def test_russian_quotes_are_guillemets_and_dashes_are_spaced():
    for name, text in russian_texts().items():
        assert not re.search("[\"“”']", text), name
        assert not re.search(r"\w—|—\w", text), name  # a dash stands between spaces
        assert " - " not in text, name  # a hyphen is not a dash
