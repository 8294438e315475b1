"""The side-by-side layout without a window: which language where, how much room, the notice."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from conftest import seen
from reader import resources
from reader.content import load_document
from reader.parallel import alignment_space, column_languages, paragraph_at, render_parallel

DOCUMENT = load_document(resources.content_dir())


def test_the_readers_language_stands_on_the_left():
    assert column_languages(("en", "ru"), "en") == ("en", "ru")
    assert column_languages(("en", "ru"), "ru") == ("ru", "en")
    assert column_languages(("en", "ru"), "de") == ("en", "ru")
    assert column_languages(("en",), "en") is None


def test_the_shorter_paragraph_gets_the_room_and_the_next_pair_lines_up():
    #          p1   p2   p3   end
    left = [100, 150, 300, 340]  # p1 50 tall, p2 150, p3 40
    right = [100, 180, 260, 330]  # p1 80 tall, p2 80, p3 70
    room_left, room_right = alignment_space(left, right)
    assert room_left == [0, 30, 0, 30]
    assert room_right == [0, 0, 70, 0]
    moved_left = [top + sum(room_left[: k + 1]) for k, top in enumerate(left)]
    moved_right = [top + sum(room_right[: k + 1]) for k, top in enumerate(right)]
    assert moved_left == moved_right == [100, 180, 330, 400]


def test_a_taller_heading_on_one_side_moves_the_first_paragraph_on_the_other():
    assert alignment_space([120, 200], [170, 250]) == ([50, 0], [0, 0])


def test_room_is_never_negative_and_always_lines_up():
    generator = random.Random(7)
    for _ in range(200):
        count = generator.randint(1, 12)
        left = sorted(generator.uniform(0, 3000) for _ in range(count))
        right = sorted(generator.uniform(0, 3000) for _ in range(count))
        room = alignment_space(left, right)
        assert min(room[0] + room[1]) >= 0
        tops = []
        for column, extra in zip((left, right), room, strict=True):
            tops.append([top + sum(extra[: k + 1]) for k, top in enumerate(column)])
        assert tops[0] == pytest.approx(tops[1])


def test_columns_with_different_paragraph_counts_cannot_be_aligned():
    with pytest.raises(ValueError):
        alignment_space([0, 10], [0])
    assert alignment_space([], []) == ([], [])


def test_paragraph_at_a_text_position():
    starts = [40, 300, 700]
    assert [paragraph_at(p, starts) for p in (0, 39, 40, 299, 300, 701)] == [-1, -1, 0, 0, 1, 2]


@pytest.mark.parametrize("section_id", DOCUMENT.manifest.ids())
def test_every_bundled_section_is_aligned(section_id):
    page = render_parallel(DOCUMENT, section_id, "ru")
    assert page.languages == ("ru", "en")
    assert page.aligned
    assert page.counts[0] == page.counts[1] == len(DOCUMENT.section("en", section_id).blocks)
    assert DOCUMENT.section("ru", section_id).title in seen(page.html[0])
    assert DOCUMENT.section("en", section_id).title in seen(page.html[1])
    assert 'class="notice"' not in page.html[0] + page.html[1]


def add_paragraph(content: Path, language: str, section_id: str) -> None:
    path = content / language / f"{section_id}.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nOne more paragraph.\n", encoding="utf-8")


def test_unequal_counts_are_shown_unaligned_with_a_notice_in_each_columns_language(
    content_copy,
):
    add_paragraph(content_copy, "ru", "nato")
    page = render_parallel(load_document(content_copy), "nato", "en")
    assert not page.aligned
    english, russian = page.html
    assert page.counts == (1, 2)
    assert "different number of paragraphs in each language (English: 1, Русский: 2)" in english
    assert "(English: 1, Русский: 2)" in russian and "не выровнены" in russian


def test_a_column_that_cannot_be_read_says_so(content_copy):
    (content_copy / "ru" / "osce.md").write_bytes(b"\xff\xfe not text")
    page = render_parallel(load_document(content_copy), "osce", "en")
    assert not page.aligned
    assert page.counts[1] is None
    assert "Этот раздел не удаётся показать." in page.html[1]
    assert "not valid UTF-8" in page.html[1]
    assert DOCUMENT.section("en", "osce").title in page.html[0]
