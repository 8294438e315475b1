from pathlib import Path

import pytest

from conftest import SEED
from reader import resources
from reader.content import ContentError, load_document, read_manifest


def seed_paragraphs() -> list[str]:
    lines = SEED.read_text(encoding="utf-8").split("\n")
    # Lines "en", "ru", "main…" are the web page's navigation; then two titles.
    body = [line for line in lines[3:] if line.strip()]
    return body[2:]


def test_english_text_is_the_seed_word_for_word():
    document = load_document(resources.content_dir())
    paragraphs = [
        block.plain()
        for section_id in document.manifest.ids()
        for block in document.section("en", section_id).blocks
    ]
    assert paragraphs == seed_paragraphs()
    assert len(paragraphs) == 12


def test_titles_come_from_the_seed():
    lines = SEED.read_text(encoding="utf-8").split("\n")
    document = load_document(resources.content_dir())
    assert document.title("en") == lines[4]
    first = document.manifest.ids()[0]
    assert document.section("en", first).title == lines[6]


def test_russian_mirrors_english_section_by_section():
    document = load_document(resources.content_dir())
    for section_id in document.manifest.ids():
        english = document.section("en", section_id)
        russian = document.section("ru", section_id)
        assert len(russian.blocks) == len(english.blocks), section_id
        assert [link.target for link in russian.links] == [link.target for link in english.links]
        text = " ".join(block.plain() for block in russian.blocks) + russian.title
        latin = [word for word in text.split() if any("a" <= ch.lower() <= "z" for ch in word)]
        assert set(latin) <= {"XXI"}, (section_id, latin)  # Roman numerals are Russian usage


def test_russian_title_is_written_in_russian():
    document = load_document(resources.content_dir())
    assert document.title("ru") != document.title("en")
    assert all(not ("a" <= ch.lower() <= "z") for ch in document.title("ru"))


def test_tree_order_and_nesting_come_from_the_manifest():
    manifest, problems = read_manifest(resources.content_dir())
    assert problems == []
    assert manifest.children(None) == ["multilateral-diplomacy"]
    assert manifest.path_to("human-trafficking") == [
        "multilateral-diplomacy",
        "united-nations",
        "human-trafficking",
    ]


def test_missing_manifest_names_the_file(tmp_path: Path):
    with pytest.raises(ContentError) as caught:
        load_document(tmp_path)
    assert caught.value.problem.path == tmp_path / "manifest.toml"


def test_bad_toml_reports_its_line(content_copy: Path):
    manifest = content_copy / "manifest.toml"
    lines = manifest.read_text(encoding="utf-8").splitlines()
    lines[8] = "languages = [en, ru"
    manifest.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_document(content_copy)
    assert caught.value.problem.line == 9
    assert "bad TOML" in str(caught.value)


def test_section_with_invalid_utf8_reports_the_line(content_copy: Path):
    path = content_copy / "ru" / "osce.md"
    path.write_bytes(b"# T\n\nok\n\n\xff\xfe broken\n")
    document = load_document(content_copy)
    with pytest.raises(ContentError) as caught:
        document.section("ru", "osce")
    assert caught.value.problem.line == 5
    assert str(caught.value).startswith(f"{path}:5:")


def test_a_fault_found_on_opening_a_section_is_known_from_then_on(content_copy: Path):
    """The tree marks a section whose file looked fine until it was read (see refresh)."""
    (content_copy / "ru" / "osce.md").write_bytes(b"# T\n\nok\n\n\xff\xfe broken\n")
    document = load_document(content_copy)
    assert document.known_problem("ru", "osce") is None  # its metadata is fine
    with pytest.raises(ContentError):
        document.section("ru", "osce")
    problem = document.known_problem("ru", "osce")
    assert problem is not None and problem.line == 5


def test_tree_titles_come_from_the_first_line_without_parsing_the_sections():
    document = load_document(resources.content_dir())
    titles = {
        (language, section_id): document.section_title(language, section_id)
        for language in document.languages
        for section_id in document.manifest.ids()
    }
    assert not document._cache, "a title alone must not read and parse the whole section"
    for (language, section_id), title in titles.items():
        assert title == document.section(language, section_id).title


def test_a_title_after_blank_lines_and_a_byte_order_mark_is_found(content_copy: Path):
    (content_copy / "en" / "osce.md").write_bytes(
        "\ufeff\n\n# OSCE  #\n\nText.\n".encode() + b"\n\n\xff broken later\n"
    )
    document = load_document(content_copy)
    assert document.section_title("en", "osce") == "OSCE"
