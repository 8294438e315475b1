"""The filter box keeps matching sections and the way to them."""

from reader import resources
from reader.content import load_document
from reader.sectionfilter import matching_sections, normalize


def titles(language):
    document = load_document(resources.content_dir())
    return document.manifest, lambda section_id: document.section_title(language, section_id)


def test_a_blank_filter_filters_nothing():
    manifest, title_of = titles("en")
    assert matching_sections(manifest, title_of, "   ") is None


def test_matches_keep_their_parents():
    manifest, title_of = titles("en")
    matches, shown = matching_sections(manifest, title_of, "trafficking")
    assert matches == {"human-trafficking"}
    assert shown == {"multilateral-diplomacy", "united-nations", "human-trafficking"}


def test_every_word_must_match_in_any_case():
    manifest, title_of = titles("en")
    matches, _shown = matching_sections(manifest, title_of, "EUROPEAN security")
    assert matches == {"european-security"}
    assert matching_sections(manifest, title_of, "european osce")[0] == set()


def test_russian_titles_match_with_or_without_yo():
    manifest, title_of = titles("ru")
    with_yo, _ = matching_sections(manifest, title_of, "объединённых")
    without_yo, _ = matching_sections(manifest, title_of, "объединенных")
    assert with_yo == without_yo == {"united-nations"}
    assert normalize("  Ёлка  И ЕЛЬ ") == "елка и ель"
