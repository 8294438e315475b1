"""Search without a window: folding words, queries, ranking, snippets, the cache, the CLI."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from reader import i18n, resources
from reader.check import check_content
from reader.content import load_document
from reader.search import (
    SearchError,
    SearchIndex,
    match_spans,
    normalize_word,
    parse_query,
)
from reader.searchstore import cache_path
from reader.suggest import answer, nearest_words
from reader.wordforms import Stemmer

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def index():
    """The bundled document's index, kept in memory for the whole module."""
    built = SearchIndex.open(load_document(resources.content_dir()), in_memory=True)
    yield built
    built.close()


def ids(index, query: str, language: str | None = None, **options) -> list[str]:
    languages = None if language is None else (language,)
    return [hit.section_id for hit in index.search(query, languages, **options).hits]


def write_content(root: Path, sections: dict[str, dict[str, str]]) -> Path:
    """A small content folder: {id: {language: "# Title\\n\\nText"}}."""
    manifest = """
        [document]
        version = "1"
        edition = 2026-01-01
        languages = ["en", "ru"]

        [document.title]
        en = "Test"
        ru = "Тест"
        """
    manifest = textwrap.dedent(manifest)
    for section_id, texts in sections.items():
        manifest += f'\n[[sections]]\nid = "{section_id}"\n'
        for language, text in texts.items():
            (root / language).mkdir(parents=True, exist_ok=True)
            (root / language / f"{section_id}.md").write_text(text, encoding="utf-8")
    (root / "manifest.toml").write_text(manifest, encoding="utf-8")
    return root


@pytest.fixture
def small_content(tmp_path: Path) -> Path:
    return write_content(
        tmp_path / "small",
        {
            "sanctions": {
                "en": "# Sanctions\n\nThe new initiative on sanctions was “welcomed”.\n",
                "ru": "# Санкции\n\nСанкции не помогли. Ёлочные игрушки ждут своего часа.\n",
            },
            "rights": {
                "en": "# Rights\n\nThe nation’s well-being and human rights come first.\n",
                "ru": "# Права\n\nУда\u0301рное слово и право человека на труд.\n",
            },
        },
    )


# -- folding words and reading queries --------------------------------------------


def test_words_are_folded_to_one_spelling():
    assert normalize_word("Ёлка") == "елка"
    assert normalize_word("уда\u0301рное") == "ударное"  # a stress mark
    assert normalize_word("nation’s") == normalize_word("nation's") == "nations"
    assert normalize_word("ﬁnal") == "final"  # a ligature


def test_empty_and_punctuation_only_queries_are_empty():
    for text in ("", "   ", "?!…", "— « » “ ” - ' ’", '""'):
        assert not parse_query(text), text


def test_query_terms_phrases_and_hyphens():
    query = parse_query('full-fledged "human  trafficking" «торговлей людьми» Belarus')
    key = Stemmer().key
    assert [term.words for term in query.terms] == [
        (key("full"), key("fledged")),
        (key("human"), key("trafficking")),
        (key("торговлей"), key("людьми")),
        (key("belarus"),),
    ]
    assert key("торговлей") == key("торговля") != key("людьми")
    assert parse_query("initiatives").open_end
    assert not parse_query("initiatives ").open_end
    assert not parse_query('"initiatives"').open_end


def test_queries_that_look_like_fts_syntax_are_only_words(index):
    # A query that reached FTS5 as typed would raise SearchError or find other sections.
    for text in ("NEAR(a b)", "title:osce", "a OR b", "* ^ + -", 'x"y', "AND", "((", "osce*"):
        index.search(text, complete=True)
    assert ids(index, "title:osce", "en") == ids(index, "title osce", "en") == []
    assert ids(index, "NEAR(osce europe)", "en") == ids(index, "near osce europe", "en") == []
    assert ids(index, "security OR xylophone", "en") == []
    assert ids(index, "^osce", "en") == ids(index, "osce", "en") != []


def test_hostile_queries_are_only_words(index):
    long = "безопасность security " * 500  # 11,000 characters
    assert ids(index, long) == ids(index, "безопасность security")
    assert len(parse_query("word " * 2000).terms) == 1
    assert len(parse_query(" ".join(f"w{n}" for n in range(2000))).terms) == 32
    assert ids(index, "OSCE\x00\x1b[1m\u202e\ufeff", "en") == ids(index, "OSCE 1m", "en")
    assert ids(index, "securityбезопасность") == []  # one word in two scripts
    assert ids(index, "ОБСЕ OSCE") == []  # each language has one of them
    assert set(ids(index, "ОБСЕ")) == {"osce", "peaceful-policy"}
    assert answer(index, "x" * 10_000, ["en"]).results.total == 0
    # A typo is looked for in words of 5 to 40 letters: the edits of longer ones cost too much.
    assert nearest_words("securty", {"security": 3}) == ["security"]
    assert nearest_words("a" * 41, {"a" * 40: 3}) == []
    assert nearest_words("secu", {"secur": 3}) == []


def test_a_failing_database_is_an_error_not_nothing_found(content_copy: Path):
    index = SearchIndex.open(load_document(content_copy))
    index._connection.close()
    with pytest.raises(SearchError):
        index.search("security")


# -- finding the right sections ------------------------------------------------------


def test_word_forms_find_each_other_in_both_languages(index):
    assert "united-nations" in ids(index, "инициативам", "ru")
    assert ids(index, "initiative", "en") == ids(index, "initiatives", "en")
    assert {"united-nations", "non-aligned-movement"} <= set(ids(index, "initiative", "en"))
    assert ids(index, "нераспространением", "ru")[:1] == ids(index, "нераспространения", "ru")[:1]


def test_the_examples_of_the_issue(small_content):
    index = SearchIndex.open(load_document(small_content), in_memory=True)
    assert ids(index, "санкциям", "ru") == ["sanctions"]
    assert ids(index, "initiatives", "en") == ["sanctions"]
    assert ids(index, "елочная", "ru") == ["sanctions"]  # ё written as е
    assert ids(index, "ударное", "ru") == ["rights"]  # the text has a stress mark
    assert ids(index, "nation's", "en") == ids(index, "nation’s", "en") == ["rights"]
    assert ids(index, "welcomed", "en") == ["sanctions"]  # in typographic quotes
    assert ids(index, "well-being", "en") == ["rights"]
    assert ids(index, "well being", "en") == ["rights"]
    assert ids(index, "wellbeing", "en") == []


def test_yo_and_ye_are_one_letter(index):
    assert set(ids(index, "партнерство", "ru")) == {"nato", "human-trafficking"}
    assert ids(index, "партнёрство", "ru") == ids(index, "партнерство", "ru")
    assert ids(index, "убежденный", "ru") == ["world-order"]  # the text says «убеждена»
    assert ids(index, "учётом", "ru") == ["osce"]  # typed with ё, printed without
    assert ids(index, "Объединенных", "ru") == ids(index, "объединённых", "ru")


def test_a_quoted_phrase_matches_the_words_side_by_side(index):
    assert set(ids(index, '"human trafficking"', "en")) == {"human-trafficking", "united-nations"}
    assert set(ids(index, "«торговлей людьми»", "ru")) == {"human-trafficking", "united-nations"}
    loose = set(ids(index, "international security", "en"))
    phrase = set(ids(index, "“international security”", "en"))
    assert phrase and phrase < loose
    assert ids(index, '"trafficking human"', "en") == []


def test_several_words_find_the_sections_that_have_them_all(index):
    assert ids(index, "nuclear disarmament", "en") == ["peaceful-policy"]
    assert ids(index, "NATO smuggling", "en") == ["nato"]
    assert ids(index, "ядерного разоружения", "ru") == ["peaceful-policy"]
    assert ids(index, "nuclear xylophone", "en") == []


def test_nonsense_and_empty_queries_find_nothing(index):
    for text in ("qwertyuiop", "ывапролдж", "", "?!", "«»"):
        results = index.search(text, complete=True)
        assert results.total == 0 and results.hits == [], text


def test_best_matches_come_first(index):
    assert ids(index, "security", "en")[0] == "european-security"  # in the title
    assert ids(index, "безопасность", "ru")[0] == "european-security"
    hits = index.search("security", ("en",)).hits
    assert [hit.score for hit in hits] == sorted(hit.score for hit in hits)


def test_languages_are_searched_apart_or_together(index):
    assert ids(index, "партнерство", "en") == []
    assert [hit.language for hit in index.search("OSCE", ("en", "ru")).hits] == ["en", "en"]
    both = index.search("Lukashenko").hits + index.search("Лукашенко").hits
    assert [(hit.section_id, hit.language) for hit in both] == [
        ("united-nations", "en"),
        ("united-nations", "ru"),
    ]
    assert index.search("Lukashenko Лукашенко").hits == []  # all words in one text


def test_a_word_being_typed_is_completed_only_when_nothing_matches(index):
    assert ids(index, "securi", "en") == []
    completed = index.search("securi", ("en",), complete=True)
    assert "european-security" in [hit.section_id for hit in completed.hits]
    assert ids(index, "нераспростр", "ru", complete=True)
    assert ids(index, "un", "en", complete=True) == ids(index, "un", "en")  # a whole word


def test_snippets_show_and_mark_the_words_found(index):
    results = index.search("Lukashenko initiatives", ("en",))
    hit = results.hits[0]
    assert hit.section_id == "united-nations"
    snippet = index.snippet(hit, results.query)
    assert snippet.paragraph == 1  # the second paragraph
    marked = [snippet.text[start:end] for start, end in snippet.highlights]
    assert "Lukashenko" in marked and "initiatives" in marked
    assert "\t" not in snippet.text and "\n" not in snippet.text
    assert len(snippet.text.split()) <= 30


def test_snippets_mark_russian_word_forms_and_phrases(index):
    results = index.search("«торговлей людьми»", ("ru",))
    hit = next(hit for hit in results.hits if hit.section_id == "human-trafficking")
    snippet = index.snippet(hit, results.query)
    marked = [snippet.text[start:end] for start, end in snippet.highlights]
    assert marked and all(text.casefold().startswith("торговл") for text in marked)
    assert all(text.endswith("людьми") for text in marked)


def test_match_spans_find_the_words_in_any_text():
    query = parse_query("партнерство initiatives")
    text = "Совет евро-атлантического Партнёрства; new Initiatives."
    assert [text[a:b] for a, b in match_spans(text, query)] == ["Партнёрства", "Initiatives"]


def test_the_tree_path_of_a_result(index):
    hit = index.search("trafficking slavery", ("en",)).hits[0]
    assert hit.section_id == "human-trafficking"
    assert index.tree_path(hit) == [
        "Multilateral Diplomacy, its Goals and Trends",
        "The United Nations",
    ]


# -- where the index lives ---------------------------------------------------------


def test_the_index_is_cached_in_the_user_cache_folder(content_copy: Path, user_folders: Path):
    document = load_document(content_copy)
    before = sorted(p.name for p in content_copy.rglob("*"))
    SearchIndex.open(document).close()
    path = cache_path(document)
    assert path.is_file() and path.is_relative_to(user_folders / "cache")
    assert sorted(p.name for p in content_copy.rglob("*")) == before  # nothing written there
    stamp = path.stat().st_mtime_ns
    SearchIndex.open(document).close()
    assert path.stat().st_mtime_ns == stamp  # reused, not rebuilt


def test_the_index_follows_a_changed_content_file(content_copy: Path):
    section = content_copy / "en" / "osce.md"
    index = SearchIndex.open(load_document(content_copy))
    assert ids(index, "zanzibar", "en") == []
    index.close()
    section.write_text(section.read_text(encoding="utf-8") + "\nZanzibar.\n", encoding="utf-8")
    index = SearchIndex.open(load_document(content_copy))
    assert ids(index, "zanzibar", "en") == ["osce"]
    index.close()


def test_only_the_changed_files_are_indexed_again(content_copy: Path):
    document = load_document(content_copy)
    SearchIndex.open(document).close()
    cached = cache_path(document)
    inode = cached.stat().st_ino
    osce, nato = content_copy / "en" / "osce.md", content_copy / "ru" / "nato.md"
    text = osce.read_text(encoding="utf-8").replace("dialogue", "zanzibar")
    osce.write_text(text, encoding="utf-8")
    nato.write_text("# НАТО\n\nСаммит в Занзибаре.\n", encoding="utf-8")
    index = SearchIndex.open(load_document(content_copy))
    assert cached.stat().st_ino == inode  # updated in place, not built anew
    assert ids(index, "zanzibar", "en") == ["osce"]
    assert "osce" not in ids(index, "dialogue", "en")  # the old words are forgotten
    assert ids(index, "Занзибар", "ru") == ["nato"]
    assert "nato" not in ids(index, "партнёрство", "ru")
    assert ids(index, "OSCE", "en")[0] == "osce"  # the rest is as it was
    assert index.vocabulary()["zanzibar"] == 1
    index.close()
    osce.write_text("no title\n", encoding="utf-8")  # a file that cannot be read
    index = SearchIndex.open(load_document(content_copy))
    assert "osce" not in ids(index, "zanzibar OSCE", "en") + ids(index, "OSCE", "en")
    index.close()


def test_a_changed_manifest_builds_the_index_anew(content_copy: Path):
    document = load_document(content_copy)
    SearchIndex.open(document).close()
    inode = cache_path(document).stat().st_ino
    manifest = content_copy / "manifest.toml"
    manifest.write_text(manifest.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    index = SearchIndex.open(load_document(content_copy))
    assert cache_path(document).stat().st_ino != inode
    assert ids(index, "OSCE", "en")[0] == "osce"
    index.close()


def test_an_unwritable_cache_folder_keeps_the_index_in_memory(tmp_path: Path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    index = SearchIndex.open(load_document(resources.content_dir()), blocker / "cache")
    assert ids(index, "OSCE", "en")[0] == "osce"
    index.close()


def test_a_damaged_cache_file_is_rebuilt(content_copy: Path):
    document = load_document(content_copy)
    SearchIndex.open(document).close()
    cache_path(document).write_bytes(b"not a database")
    index = SearchIndex.open(document)
    assert ids(index, "OSCE", "en")[0] == "osce"
    index.close()


def test_russian_plurals_of_the_result_count():
    try:
        i18n.set_language("ru")
        forms = {
            count: i18n.ngettext("{count} result", "{count} results", count).format(count=count)
            for count in (1, 3, 5, 21, 22, 11)
        }
        assert forms == {
            1: "1 результат",
            3: "3 результата",
            5: "5 результатов",
            21: "21 результат",
            22: "22 результата",
            11: "11 результатов",
        }
    finally:
        i18n.set_language("en")


# -- the command line -------------------------------------------------------------


def reader(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "reader", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=os.environ.copy(),
        timeout=60,
        check=False,
    )


def test_cli_prints_id_title_and_snippet_best_first():
    run = reader("search", "инициативам", "--lang", "ru")
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    fields = [line.split("\t") for line in lines]
    assert all(len(parts) == 3 for parts in fields)
    assert "united-nations" in [parts[0] for parts in fields]
    row = next(parts for parts in fields if parts[0] == "united-nations")
    assert row[1] == "Организация Объединенных Наций"
    assert "инициативы" in row[2]


def test_cli_searches_every_language_by_default_and_one_when_asked():
    everything = reader("search", "Lukashenko Лукашенко")
    assert everything.returncode == 1 and everything.stdout == ""
    english = reader("search", "Lukashenko")
    assert english.stdout.split("\t")[0] == "united-nations"
    assert reader("search", "Lukashenko", "--lang", "ru").returncode == 1
    assert reader("--lang", "ru", "search", "Лукашенко").returncode == 0


def test_cli_reads_a_query_typed_in_the_wrong_layout():
    for typed, meant, section in (
        ("jjy", "ООН", "united-nations"),  # as the text writes it
        ("lbfkju", "диалог", "osce"),
        ("ыусгкшен", "security", "european-security"),
        (",tkfhecm? jjy", "Беларусь? ООН", "united-nations"),  # «,» is «б» before a letter
    ):
        run = reader("search", typed)
        assert run.returncode == 0, typed
        assert run.stderr == f"Showing results for «{meant}»\n"
        assert section in [line.split("\t")[0] for line in run.stdout.splitlines()]


def test_cli_suggests_the_nearest_word_of_a_typo_and_exits_1():
    for typed, meant in (
        ("безопаснсти", "безопасности"),  # a letter left out
        ("бзеопасности", "безопасности"),  # two letters swapped
        ("securitty", "security"),  # one too many
        ("sekurity", "security"),  # one wrong
    ):
        run = reader("search", typed)
        assert (run.returncode, run.stdout) == (1, ""), typed
        assert run.stderr == f"Did you mean «{meant}»?\n"
    assert reader("search", "secur").returncode == 0  # a beginning is completed, not corrected
    assert reader("search", "sekur").stderr == ""  # too far from any word


def test_cli_points_to_the_other_language():
    run = reader("search", "Лукашенко", "--lang", "en")
    assert (run.returncode, run.stdout) == (1, "")
    assert run.stderr == "Nothing found here; 1 result in Русский (--lang ru)\n"


def test_the_dictionary_forms_of_the_issue_find_their_sections(index):
    for query, section in (
        ("Генеральная Ассамблея", "united-nations"),  # the text: «Генеральной Ассамблеи»
        ("ассамблея", "united-nations"),
        ("саммит", "united-nations"),  # «саммита»
        ("арсенал", "united-nations"),  # «арсеналов»
        ("уровень", "united-nations"),  # «уровня»
        ("использовать", "osce"),  # «использует»
    ):
        assert section in ids(index, query, "ru"), query
    assert set(ids(index, "Беларуси", "ru")) == set(ids(index, "Беларусь", "ru"))
    assert "non-aligned-movement" in ids(index, "became", "en")  # "become"


def test_cli_exits_1_when_nothing_matches():
    for query in ("qwertyuiop", "", "?!"):
        run = reader("search", query)
        assert run.returncode == 1 and run.stdout == "", query


def test_cli_reads_another_content_folder(small_content: Path):
    run = reader("search", "санкциям", "--content", str(small_content))
    assert run.returncode == 0
    assert run.stdout.splitlines() == [
        "sanctions\tСанкции\tСанкции не помогли. Ёлочные игрушки ждут своего часа."
    ]
    missing = reader("search", "x", "--content", str(small_content / "nowhere"))
    assert missing.returncode == 2 and "not found" in missing.stderr


def test_cli_search_does_not_load_qt():
    code = (
        "import sys; from reader.cli import main; rc = main(['search', 'OSCE']); "
        "print(rc, any(name.startswith('PySide6') for name in sys.modules))"
    )
    run = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, encoding="utf-8", check=False
    )
    assert run.stdout.splitlines()[-1] == "0 False", run.stderr


# -- the synthetic corpus --------------------------------------------------------------


def test_generated_corpus_passes_check_and_is_searchable(tmp_path: Path):
    script = REPO / "benchmarks" / "make_corpus.py"
    first, second = tmp_path / "one", tmp_path / "two"
    for target in (first, second):
        run = subprocess.run(
            [sys.executable, str(script), str(target), "--sections", "120", "--megabytes", "0.5"],
            capture_output=True,
            text=True,
            check=False,
        )
        assert run.returncode == 0, run.stderr
    assert check_content(first) == []
    document = load_document(first)
    assert len(document.manifest.ids()) == 120
    assert len(document.manifest.children(None)) == 2  # a chapter per 100 sections
    size = sum(path.stat().st_size for path in (first / "en").iterdir())
    assert 400_000 < size < 700_000
    for path in first.rglob("*.md"):  # the same bytes every time
        assert path.read_bytes() == (second / path.relative_to(first)).read_bytes()
    index = SearchIndex.open(document, in_memory=True)
    assert index.search("Belarus", ("en",)).total > 50
    assert index.search("«торговлей людьми»", ("ru",)).total > 0
    index.close()
