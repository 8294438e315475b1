"""What Read Aloud says, in what order, from a section's source (no Qt)."""

from __future__ import annotations

from reader.content import load_document
from reader.readaloud import (
    DEFAULT_SPEED,
    SPEEDS,
    TITLE,
    Utterance,
    next_section,
    section_utterances,
    speed_named,
)
from speechfixtures import write_document


def test_from_the_top_the_title_then_each_block_and_each_list_item(tmp_path):
    document = load_document(write_document(tmp_path / "doc"))
    assert section_utterances(document.section("ru", "first")) == [
        Utterance("first", TITLE, "Первый раздел"),
        Utterance("first", 0, "Один два три."),
        Utterance("first", 1, "Четыре пять шесть."),
        Utterance("first", 2, "Семь восемь."),
        Utterance("first", 2, "Девять десять."),
    ]


def test_from_a_paragraph_on_without_the_title(tmp_path):
    document = load_document(write_document(tmp_path / "doc"))
    said = section_utterances(document.section("en", "first"), 1)
    assert [u.paragraph for u in said] == [1, 2, 2]
    assert section_utterances(document.section("en", "first"), 99) == []


def test_markup_is_not_read_out(tmp_path):
    root = write_document(tmp_path / "doc")
    (root / "en" / "third.md").write_text(
        "# Third\n\nA **bold** [link](first) and `code`\nover two lines.\n", encoding="utf-8"
    )
    said = section_utterances(load_document(root).section("en", "third"), 0)
    assert said[1].text == "A bold link and code over two lines."


def test_the_whole_document_follows_the_tree(tmp_path):
    manifest = load_document(write_document(tmp_path / "doc")).manifest
    assert next_section(manifest, "first") == "second"  # the child, before the next top one
    assert next_section(manifest, "second") == "third"
    assert next_section(manifest, "third") is None
    assert next_section(manifest, "no-such-section") is None


def test_four_speeds_slowest_first_and_a_bad_name_is_normal():
    rates = [speed.rate for speed in SPEEDS]
    assert len(SPEEDS) == 4 and rates == sorted(rates)
    assert all(-1.0 <= rate <= 1.0 for rate in rates)
    assert speed_named("faster").name == "faster"
    assert speed_named("warp").name == DEFAULT_SPEED
