"""The fast indexing of a large --content folder finds exactly the words the slow one did."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from reader import searchrows, searchstore
from reader.content import ContentError, load_document, read_section_file
from reader.search import SearchIndex
from reader.searchwords import _stems
from reader.wordforms import Stemmer

REPO = Path(__file__).resolve().parents[1]

# Pieces of section files: plain words, every kind of inline markup, list markers
# (numbered in ASCII and Arabic-Indic digits), Unicode spaces, apostrophes, soft
# hyphens, combining stress marks, underscores, every line ending.
PIECES = [
    "word", "Слово", "ёлка", "don’t", "Nation's", "co\u00adoperation", "вы\u0301шел",
    "snake_case", "_emphasis_", "*star*", "**strong**", "**bold**text", "`code`", "x`y`z",
    "[link](target.md)", "![image](pic.png)", "\\*", "\\_", "[", "]", "(", ")", "1.", "2)",
    "١.", "- ", "+ ", "* ", "# ", "## ", "\u00a0", "\u2028", "«", "»", " — ", "2020.",
    " ", " ", "\t", "\n", "\n\n", "\r\n", "\r", "\x00", "\x1f",
    "\n\n1. ", "\r\r١) ", "\n\n\u00a02. ", "\n\n\u20033) ", "\n\n- ",
]  # fmt: skip


def reference(path: Path) -> tuple[str, list[str], list[str]] | None:
    """Title, keys of the title and keys of the text, the way the index read files before."""
    stemmer = Stemmer()
    try:
        section = read_section_file(path, "s", "en")
    except ContentError:
        return None
    body = [key for block in section.blocks for key in _stems(block.plain(), stemmer)]
    return section.title, _stems(section.title, stemmer), body


def quick(path: Path) -> tuple[str, list[str], list[str]] | None:
    rows, _ = searchrows.index_files([(1, str(path), "s", "en")], searchrows.Words())
    if not rows:
        return None
    _key, title, title_keys, body = rows[0]
    return title, title_keys.split(), body.decode("utf-8").split()


@settings(
    max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    head=st.sampled_from(
        ["# Title\n", "\ufeff# Title ##\n", "\n \n# Заголовок\r\n", "Title\n", ""]
    ),
    body=st.lists(st.sampled_from(PIECES), max_size=40),
)
@example(head="# Title\n", body=["\n\n1. ", "word"])  # numbered lists, in any digits
@example(head="# Title\n", body=["\r\r١) ", "word"])
@example(head="# Title\n", body=["\n\n\u00a02. ", "word"])
@example(head="# Title\n", body=["\n\n\u20033) ", "word"])
@example(head="# Title\n", body=["**bold**text", "x`y`z"])  # markup that joins words
@example(head="# Title\n", body=["[link](target.md)", "word"])  # a target is not text
def test_the_quick_reading_finds_the_words_the_parser_finds(tmp_path: Path, head, body):
    path = tmp_path / "s.md"
    path.write_bytes((head + "".join(body)).encode("utf-8"))
    assert quick(path) == reference(path)


def test_a_file_without_markup_is_not_parsed_and_one_with_markup_is(tmp_path: Path):
    plain, marked = tmp_path / "plain.md", tmp_path / "marked.md"
    plain.write_text("# Title\n\nSome words.\n\n- an item\n", encoding="utf-8")
    marked.write_text("# Title\n\nSome **words**.\n", encoding="utf-8")
    assert searchrows._plain_text(plain) == ("Title", b"\nSome words.\n\n- an item\n")
    assert searchrows._plain_text(marked) is None
    assert quick(marked) == reference(marked)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("corpus") / "c"
    script = REPO / "benchmarks" / "make_corpus.py"
    run = subprocess.run(
        [sys.executable, str(script), str(target), "--sections", "400", "--megabytes", "2"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    return target


def dump(index: SearchIndex) -> tuple:
    """What the index answers: sections, vocabulary, and every word's ranked hits."""
    connection = index._connection
    sections = sorted(connection.execute("SELECT * FROM sections"))
    vocabulary = sorted(connection.execute("SELECT * FROM vocabulary"))
    found = {
        word: [(hit.key, round(hit.score, 9)) for hit in index.search(word).hits]
        for word in sorted(index.vocabulary())[::7]
    }
    return sections, vocabulary, found


def test_worker_processes_index_a_large_folder_as_one_process_does(
    corpus: Path, tmp_path: Path, monkeypatch
):
    document = load_document(corpus)
    monkeypatch.setattr(searchstore, "_processes", lambda files: 1)
    alone = SearchIndex.open(document, tmp_path / "alone")
    monkeypatch.setattr(searchstore, "_processes", lambda files: 2)
    by_workers = SearchIndex.open(document, tmp_path / "workers")
    assert dump(by_workers) == dump(alone)
    assert by_workers.search("Belarus", ("en",)).total > 100
    alone.close()
    by_workers.close()


def test_titles_are_searchable_before_the_text_is_indexed(corpus: Path, tmp_path: Path):
    document = load_document(corpus)
    titles: list[SearchIndex] = []

    def on_titles(index: SearchIndex) -> None:
        titles.append(index)
        title = document.section_title("en", document.manifest.ids()[7])
        assert index.search(f'"{title}"', ("en",)).total >= 1
        assert not searchstore.cache_path(document, tmp_path).exists()  # the text: not yet

    index = SearchIndex.open(document, tmp_path, on_titles=on_titles)
    assert len(titles) == 1
    assert index.search("Belarus", ("en",)).total > titles[0].search("Belarus", ("en",)).total
    index.close()
    SearchIndex.open(document, tmp_path, on_titles=on_titles).close()  # built: no titles pass
    assert len(titles) == 1


def test_a_build_killed_halfway_leaves_no_index_and_the_next_one_is_whole(
    corpus: Path, tmp_path: Path
):
    document = load_document(corpus)
    cache = tmp_path / "cache"
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from reader.content import load_document\n"
        "from reader.search import SearchIndex\n"
        "if __name__ == '__main__':\n"
        "    SearchIndex.open(load_document(Path(sys.argv[1])), Path(sys.argv[2]))\n"
    )
    script = tmp_path / "build.py"
    script.write_text(code, encoding="utf-8")
    building = subprocess.Popen(
        [sys.executable, str(script), str(corpus), str(cache)], start_new_session=True
    )
    deadline = time.monotonic() + 60
    while not list(cache.glob("*.tmp")) and building.poll() is None:  # the build has begun
        assert time.monotonic() < deadline
        time.sleep(0.01)
    os.killpg(building.pid, signal.SIGKILL)  # the reader and its workers, as a crash would
    building.wait()
    assert not searchstore.cache_path(document, cache).exists()
    index = SearchIndex.open(document, cache)
    assert index.search("Belarus", ("en",)).total > 100
    assert list(cache.glob("*.tmp")) == []  # what the killed build left is cleared away
    index.close()


def test_a_changed_file_is_indexed_again_until_too_many_rows_are_stale(
    corpus: Path, tmp_path: Path
):
    folder = tmp_path / "copy"
    shutil.copytree(corpus, folder)
    document = load_document(folder)
    SearchIndex.open(document, tmp_path).close()
    cached = searchstore.cache_path(document, tmp_path)
    inode = cached.stat().st_ino
    ids = document.manifest.ids()
    first = folder / "en" / f"{ids[0]}.md"
    for number in range(3):  # the same file changed again and again
        first.write_text(f"# First\n\nZanzibar{number}.\n", encoding="utf-8")
        index = SearchIndex.open(load_document(folder), tmp_path)
        assert cached.stat().st_ino == inode  # updated in place
        assert [hit.section_id for hit in index.search(f"zanzibar{number}").hits] == [ids[0]]
        assert index.search(f"zanzibar{number - 1}").total == 0
        index.close()
    stale = int(searchstore.MAX_STALE_SHARE * len(ids) * 2)
    for section_id in ids[1 : stale + 1]:
        (folder / "ru" / f"{section_id}.md").write_text("# Раздел\n\nЗанзибар.\n", "utf-8")
    index = SearchIndex.open(load_document(folder), tmp_path)
    assert cached.stat().st_ino != inode  # too many stale rows: built anew
    assert index.search("Занзибар", ("ru",)).total == stale
    connection = sqlite3.connect(cached)
    assert connection.execute("SELECT value FROM meta WHERE key = 'stale'").fetchone() == ("0",)
    connection.close()
    index.close()


def test_what_a_worker_cannot_read_is_logged_by_the_reader(
    corpus: Path, tmp_path: Path, caplog, monkeypatch
):
    monkeypatch.setattr(searchstore, "_processes", lambda files: 2)
    folder = tmp_path / "copy"
    shutil.copytree(corpus, folder)
    document = load_document(folder)
    broken = document.manifest.ids()[5]
    (folder / "en" / f"{broken}.md").write_bytes(b"# Title\n\n\xff\xfe not UTF-8\n")
    with caplog.at_level("WARNING", logger="reader.searchstore"):
        index = SearchIndex.open(document, tmp_path / "cache")
    assert any(f"{broken}.md" in record.getMessage() for record in caplog.records)
    assert broken not in [hit.section_id for hit in index.search("Belarus", ("en",)).hits]
    assert index.search("Беларусь", ("ru",)).total > 100  # the rest is indexed
    index.close()


def test_without_workers_the_reader_indexes_alone(corpus: Path, tmp_path: Path, monkeypatch):
    monkeypatch.setattr(searchrows, "worker_command", lambda: [str(tmp_path / "no-such-program")])
    index = SearchIndex.open(load_document(corpus), tmp_path)
    assert index.search("Belarus", ("en",)).total > 100
    index.close()
