"""Typesetting at render time, on real sentences of the document."""

from __future__ import annotations

import re

import pytest

from reader import resources
from reader.content import load_document
from reader.hyphenation import hyphenate_word
from reader.printhtml import PrintJob
from reader.render import render_section
from reader.typography import NBSP, typeset, typeset_text

DOCUMENT = load_document(resources.content_dir())
SHY = "\u00ad"


def paragraph(language: str, section_id: str, index: int = 0) -> str:
    return DOCUMENT.section(language, section_id).blocks[index].plain()


def bound(text: str) -> str:
    """No-break spaces shown as ``~``, soft hyphens dropped: what binds what."""
    return text.replace(NBSP, "~").replace(SHY, "")


def test_russian_short_words_are_bound_to_the_next_word():
    text = bound(typeset_text(paragraph("ru", "united-nations", 1), "ru"))
    assert "Выступая в~сентябре" in text
    assert "в~Нью-Йорке на~пленарном" in text
    assert "по~активизации борьбы с~торговлей людьми и~признанию" in text
    assert "2005~года и~в~резолюции" in text  # two short words in a row
    # No line can end with a one-letter word: every one is bound.
    assert not re.search(r"(?<!\w)[а-яА-Я] ", text)


def test_russian_numbers_centuries_initials_and_dashes():
    un = bound(typeset_text(paragraph("ru", "united-nations", 1), "ru"))
    assert "сентябре 2005~года" in un
    assert "60\u2011й~сессии" in un  # a no-break hyphen: never «60-» / «й»
    assert "Президент Республики Беларусь А.~Г.~Лукашенко" in un
    assert "(ГА~ООН)" in un and "резолюции ГА~ООН." in un
    nam = bound(typeset_text(paragraph("ru", "non-aligned-movement"), "ru"))
    assert "Беларусь~— единственное" in nam
    assert "61~процент государств~— членов ООН" in nam
    world = bound(typeset_text(paragraph("ru", "world-order"), "ru"))
    assert "в~мире XXI~века" in world
    # An abbreviation of two letters is not a preposition: «в ДН открывает» stays open.
    assert "Членство в~ДН открывает" in nam


def test_english_rules():
    un = bound(typeset_text(paragraph("en", "united-nations", 1), "en"))
    assert "the 60th~session of the UN" in un
    trafficking = bound(typeset_text(paragraph("en", "human-trafficking"), "en"))
    assert "in the 21st~century" in trafficking
    assert "to create a~“Global Partnership" in trafficking
    # English keeps its short words free: only "a" and "I" are bound.
    assert "one of the most" in trafficking


def test_a_dash_never_starts_a_line_in_either_language():
    for language in ("en", "ru"):
        for section_id in DOCUMENT.manifest.ids():
            for block in DOCUMENT.section(language, section_id).blocks:
                assert " —" not in typeset_text(block.plain(), language)


@pytest.mark.parametrize(
    ("word", "language", "broken"),
    [
        ("международной", "ru", "меж-ду-на-род-ной"),
        ("Миролюбивая", "ru", "Ми-ро-лю-би-вая"),
        ("Организация", "ru", "Ор-га-ни-за-ция"),
        ("Peacefulness", "en", "Peace-ful-ness"),
        ("international", "en", "in-ter-na-tional"),  # three letters kept after a break
        ("ОБСЕ", "ru", "ОБСЕ"),  # abbreviations stay whole
        ("NATO", "en", "NATO"),
        ("мира", "ru", "мира"),  # too short to break
    ],
)
def test_words_break_at_the_dictionary_syllables(word, language, broken):
    assert hyphenate_word(word, language).replace(SHY, "-") == broken


def test_a_paragraphs_last_word_stays_whole():
    text = typeset_text(paragraph("ru", "nato"), "ru")
    assert text.endswith("с\xa0не\xadза\xadкон\xadной миграцией.")


def test_addresses_stay_whole():
    text = typeset_text("See https://example.com/information or someone@example.org today.", "en")
    assert "https://example.com/information" in text and "someone@example.org" in text
    assert "in\xadfor\xadma\xadtion" in typeset_text("information about it", "en")


def test_markup_is_left_alone_and_bound_across_links():
    html = 'возможностей <a href="section:osce">ОБСЕ</a> и <a href="section:nam">ДН</a> &amp; в'
    out = typeset(html, "ru")
    assert '<a href="section:osce">ОБСЕ</a> и\u00a0<a href="section:nam">ДН</a>' in out
    assert "&amp;" in out and "href" in out and SHY not in re.sub(r"<[^>]*>", "", out)[:3]
    assert out.replace(SHY, "").replace(NBSP, " ") == html


def test_pane_print_and_headings():
    section = DOCUMENT.section("ru", "human-trafficking")
    html = render_section(DOCUMENT, section, hyphenate=True)
    title = re.search(r"<h1>(.*?)</h1>", html).group(1)
    assert title == "Борьба с\u00a0торговлей людьми"  # bound, never hyphenated
    assert "со\xadвре\xadмен\xadно\xadсти" in html
    assert SHY not in render_section(DOCUMENT, section, hyphenate=False)
    printed = PrintJob(DOCUMENT, "ru", "human-trafficking").html()
    assert "со\xadвре\xadмен\xadно\xadсти" in printed
    heading = re.search(r'<h1 class="section">(.*?)</h1>', printed).group(1)
    assert SHY not in heading


def test_the_source_stays_plain():
    text = (DOCUMENT.root / "ru" / "united-nations.md").read_text(encoding="utf-8")
    assert SHY not in text and NBSP not in text


def test_a_damaged_hyphenation_table_is_logged_and_the_dictionaries_serve(
    tmp_path, monkeypatch, caplog
):
    from reader import hyphenation, resources

    damaged = tmp_path / "hyphenation.marshal"
    damaged.write_bytes(b"\x00not a table")
    monkeypatch.setattr(resources, "hyphenation_table", lambda: damaged)
    monkeypatch.setattr(hyphenation, "_table", None)
    broken = hyphenation.hyphenate_word("международной", "ru")
    assert broken.replace("\xad", "-") == "меж-ду-на-род-ной"
    assert "hyphenation table" in caplog.text
