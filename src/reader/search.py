"""Search the whole document, in either language or both, free of Qt.

Words are folded the same way when they are indexed and when they are looked
up: case, ``ё``/``е``, stress marks, apostrophes and soft hyphens disappear,
hyphenated words become their parts, and every word becomes one key for all
its forms (reader.wordforms: a lexicon made at build time, Snowball stems
for the words it does not know), so «ассамблея» finds «Ассамблеи» and
"became" finds "become". SQLite's FTS5 holds those keys, one row per section
and language, answers ``AND`` and phrase queries from its index and ranks
with bm25, titles weighing more.

Where the index is kept, and when it is built, is reader.searchstore's job;
what to show when nothing is found, reader.suggest's. See docs/search.md.
"""

from __future__ import annotations

import logging
import re
import sqlite3
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from reader.content import ContentError, Document, read_section_file
from reader.searchwords import (
    _TOKEN,
    BLOCK_SEPARATOR,
    LANGUAGE_STRIDE,
    _stems,
    _token_pattern,
)
from reader.wordforms import Stemmer, normalize_word

__all__ = [
    "Hit",
    "Query",
    "Results",
    "SearchError",
    "SearchIndex",
    "Snippet",
    "Term",
    "match_spans",
    "normalize_word",
    "parse_query",
    "tokenize",
]

log = logging.getLogger(__name__)

TITLE_WEIGHT = 4.0
SNIPPET_WORDS = 24
SNIPPET_LEAD = 4
# Completing the word being typed: shorter beginnings match too much to help.
MIN_COMPLETION = 2
MAX_COMPLETIONS = 64
# A query longer than this is a paste, not a search: the rest is ignored, and so are
# terms past the last of MAX_TERMS, so that any query is answered in milliseconds.
MAX_QUERY_CHARS = 1000
MAX_TERMS = 32
# Sections whose words are kept for snippets: typing a query shows the same ones again.
SNIPPET_SECTIONS = 64
# Characters that open or close a phrase in a query.
_QUOTES = '"“”«»„‟'
_QUOTE_SPLIT = re.compile(f"([{_QUOTES}])")
# What joins the parts of a hyphenated word ("full-fledged", "Нью-Йорк").
_HYPHENS = frozenset("-\u2010\u2011\u2012\u2013\u2212/")


_query_stemmer = Stemmer()
_query_lock = threading.Lock()


def tokenize(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, stem)`` of every word of ``text``."""
    with _query_lock:
        pattern = _token_pattern(text)
        found = [(m.start(), m.end(), _query_stemmer[m.group()]) for m in pattern.finditer(text)]
    return [token for token in found if token[2]]


# -- queries -------------------------------------------------------------------


@dataclass(frozen=True)
class Term:
    """Stems that must stand side by side (one word is a phrase of one).

    ``prefix`` lets the last word be the start of a longer one; ``also`` names
    other stems it may be (the stems of the words that the typed beginning
    completes to).
    """

    words: tuple[str, ...]
    typed: str = ""
    prefix: bool = False
    also: tuple[str, ...] = ()

    def fts(self) -> str:
        def phrase(words: Sequence[str], prefix: bool = False) -> str:
            quoted = " ".join(word.replace('"', '""') for word in words)
            return f'"{quoted}"' + ("*" if prefix else "")

        first = phrase(self.words, self.prefix)
        if not self.also:
            return first
        others = [phrase((*self.words[:-1], stem)) for stem in self.also]
        return "(" + " OR ".join([first, *others]) + ")"

    def length_at(self, stems: Sequence[str], index: int) -> int:
        """How many words of ``stems`` this term covers from ``index`` (0: none)."""
        count = len(self.words)
        if index + count > len(stems):
            return 0
        for offset in range(count - 1):
            if stems[index + offset] != self.words[offset]:
                return 0
        last = stems[index + count - 1]
        if (
            last == self.words[-1]
            or last in self.also
            or (self.prefix and last.startswith(self.words[-1]))
        ):
            return count
        return 0

    def in_stems(self, padded: str) -> bool:
        """Whether a block's stems (space-joined, a space at each end) contain it."""
        head = " " + " ".join(self.words[:-1]) + " " if len(self.words) > 1 else " "
        if f"{head}{self.words[-1]}{'' if self.prefix else ' '}" in padded:
            return True
        return any(f"{head}{stem} " in padded for stem in self.also)


@dataclass(frozen=True)
class Query:
    """What the reader typed, as terms that must all be found in a section."""

    text: str
    terms: tuple[Term, ...]
    open_end: bool = False  # the last word may still be being typed

    def __bool__(self) -> bool:
        return bool(self.terms)

    def fts(self) -> str:
        return " AND ".join(term.fts() for term in self.terms)


def parse_query(text: str) -> Query:
    """Words, hyphenated words and "quoted phrases"; anything else is ignored."""
    text = text[:MAX_QUERY_CHARS]
    terms: list[Term] = []
    quoted = False
    with _query_lock:
        for piece in _QUOTE_SPLIT.split(text):
            if len(piece) == 1 and piece in _QUOTES:
                quoted = not quoted
                continue
            if quoted:
                tokens = [(m.group(), _query_stemmer[m.group()]) for m in _TOKEN.finditer(piece)]
                tokens = [token for token in tokens if token[1]]
                if tokens:
                    words = tuple(stem for _, stem in tokens)
                    terms.append(Term(words, normalize_word(tokens[-1][0])))
                continue
            for chunk in piece.split():
                group: list[str] = []
                typed, previous_end = "", 0
                for match in _TOKEN.finditer(chunk):
                    stem = _query_stemmer[match.group()]
                    if not stem:
                        continue
                    between = chunk[previous_end : match.start()]
                    if group and not (between and set(between) <= _HYPHENS):
                        terms.append(Term(tuple(group), typed))
                        group = []
                    group.append(stem)
                    typed, previous_end = normalize_word(match.group()), match.end()
                if group:
                    terms.append(Term(tuple(group), typed))
    unique = tuple(dict.fromkeys(terms))[:MAX_TERMS]
    ends = [match.end() for match in _TOKEN.finditer(text[-200:])]
    open_end = bool(unique) and bool(ends) and ends[-1] == len(text[-200:])
    return Query(text, unique, open_end)


# -- results -------------------------------------------------------------------


@dataclass(frozen=True)
class Hit:
    """One section, in one language, that has every term."""

    section_id: str
    language: str
    title: str
    score: float  # bm25: lower is better
    key: int


@dataclass(frozen=True)
class Snippet:
    """A few words around the best match, and where the matched words are."""

    text: str
    highlights: tuple[tuple[int, int], ...]
    paragraph: int  # 0-based block of the section: where a view scrolls to


@dataclass(frozen=True)
class Results:
    query: Query
    hits: list[Hit]
    total: int


def _match_ranges(stems: Sequence[str], terms: Sequence[Term]) -> list[tuple[int, int]]:
    """``(first, last + 1)`` token ranges where a term matches, left to right."""
    firsts = {term.words[0] for term in terms if len(term.words) > 1 or not term.prefix}
    firsts.update(stem for term in terms if len(term.words) == 1 for stem in term.also)
    prefixes = tuple(term.words[0] for term in terms if len(term.words) == 1 and term.prefix)
    ranges: list[tuple[int, int]] = []
    index = 0
    while index < len(stems):
        stem = stems[index]
        longest = 0
        if stem in firsts or (prefixes and stem.startswith(prefixes)):
            longest = max(term.length_at(stems, index) for term in terms)
        if longest:
            ranges.append((index, index + longest))
            index += longest
        else:
            index += 1
    return ranges


def match_spans(text: str, query: Query) -> list[tuple[int, int]]:
    """Character spans of ``text`` that the query matches, to highlight."""
    if not query:
        return []
    tokens = tokenize(text)
    ranges = _match_ranges([token[2] for token in tokens], query.terms)
    return [(tokens[first][0], tokens[last - 1][1]) for first, last in ranges]


def _snippet(plain: str, paragraph: int, query: Query) -> Snippet:
    tokens = tokenize(plain)
    if not tokens:
        return Snippet(" ".join(plain.split()), (), paragraph)
    ranges = _match_ranges([token[2] for token in tokens], query.terms)
    start = 0
    if ranges:
        # The window that shows the most matches, the earliest of those.
        best, best_count, ahead = ranges[0][0], 0, 0
        for number, (first, _last) in enumerate(ranges):
            while ahead < len(ranges) and ranges[ahead][1] <= first + SNIPPET_WORDS:
                ahead += 1
            if ahead - number > best_count:
                best, best_count = first, ahead - number
        start = best - SNIPPET_LEAD if best > SNIPPET_LEAD * 2 else 0
    end = min(len(tokens), start + SNIPPET_WORDS)
    char_start = 0 if start == 0 else tokens[start][0]
    char_end = tokens[end - 1][1]
    while char_end < len(plain) and not plain[char_end].isspace():
        char_end += 1  # the punctuation after the last word
    body = plain[char_start:char_end]
    stripped = len(body) - len(body.lstrip())
    body = body.strip().translate({9: " ", 10: " ", 13: " "})
    prefix = "…" if start > 0 else ""
    suffix = "…" if plain[char_end:].strip() else ""
    shift = len(prefix) - char_start - stripped
    highlights = tuple(
        (tokens[a][0] + shift, min(tokens[b - 1][1] + shift, len(prefix) + len(body)))
        for a, b in ranges
        if start <= a < end
    )
    return Snippet(prefix + body + suffix, highlights, paragraph)


# -- the index -----------------------------------------------------------------


class SearchError(Exception):
    """The index could not answer: a damaged database, a query it cannot read."""


class SearchIndex:
    """The stems of every section; answers queries in a few milliseconds."""

    def __init__(self, connection: sqlite3.Connection, document: Document) -> None:
        self._connection = connection
        self.document = document
        self.languages = document.languages
        self._sections: dict[int, tuple[str, str, str]] = {}
        self._titles: dict[tuple[str, str], str] = {}
        self._vocabulary: dict[str, int] | None = None
        self._keys: frozenset[str] | None = None
        self._blocks: dict[tuple[str, str], tuple[list[str], list[str]]] = {}
        for key, language, section_id, title in connection.execute(
            "SELECT key, language, section_id, title FROM sections"
        ):
            self._sections[key] = (language, section_id, title)
            self._titles[language, section_id] = title

    @classmethod
    def open(
        cls,
        document: Document,
        folder: Path | None = None,
        *,
        in_memory: bool = False,
        on_titles: Callable[[SearchIndex], None] | None = None,
    ) -> SearchIndex:
        """The index of ``document``: prebuilt, cached, or built now (and cached).

        When it has to be built, ``on_titles`` is first handed an index of the
        section titles alone, to search while the text is being indexed.
        """
        from reader.searchstore import connect

        titles = None if on_titles is None else lambda found: on_titles(cls(found, document))
        return cls(connect(document, folder, in_memory=in_memory, on_titles=titles), document)

    def close(self) -> None:
        self._connection.close()

    # -- asking ------------------------------------------------------------

    def search(
        self,
        query: str | Query,
        languages: Iterable[str] | None = None,
        limit: int | None = None,
        complete: bool = False,
    ) -> Results:
        """Sections that contain every term, best first.

        With ``complete``, a query that finds nothing is tried again with its
        last word taken as the beginning of a longer one (the reader is still
        typing it).
        """
        if isinstance(query, str):
            query = parse_query(query)
        wanted = tuple(languages) if languages is not None else self.languages
        if not query or not wanted:
            return Results(query, [], 0)
        rows = self._match(query, wanted)
        if not rows and complete and query.open_end:
            completed = self._completed(query)
            if completed is not None:
                query, rows = completed, self._match(completed, wanted)
        hits = []
        for key, score in rows[:limit] if limit is not None else rows:
            language, section_id, title = self._sections[key]
            hits.append(Hit(section_id, language, title, score, key))
        return Results(query, hits, len(rows))

    def _match(self, query: Query, languages: tuple[str, ...]) -> list[tuple[int, float]]:
        sql = f"SELECT rowid, bm25(fts, {TITLE_WEIGHT}, 1.0) FROM fts WHERE fts MATCH ?"
        parameters: list[object] = [query.fts()]
        if set(self.languages) - set(languages):
            ranges = []
            for language in languages:
                if language in self.languages:
                    low = self.languages.index(language) * LANGUAGE_STRIDE
                    ranges.append("rowid BETWEEN ? AND ?")
                    parameters += [low, low + LANGUAGE_STRIDE - 1]
            if not ranges:
                return []
            sql += " AND (" + " OR ".join(ranges) + ")"
        try:
            rows = self._connection.execute(sql + " ORDER BY 2, 1", parameters).fetchall()
        except sqlite3.Error as error:
            log.error("Search for %r failed: %s", query.text, error)
            raise SearchError(str(error)) from error
        return [(key, score) for key, score in rows if key in self._sections]

    def _completed(self, query: Query) -> Query | None:
        """``query`` with its last word as the start of any word of the document."""
        last = query.terms[-1]
        typed = last.typed
        if len(typed) < MIN_COMPLETION:
            return None
        try:
            rows = self._connection.execute(
                "SELECT DISTINCT stem FROM vocabulary WHERE word >= ? AND word < ? LIMIT ?",
                (typed, typed + "\U0010ffff", MAX_COMPLETIONS),
            ).fetchall()
        except sqlite3.Error as error:
            raise SearchError(str(error)) from error
        also = tuple(sorted(stem for (stem,) in rows if not stem.startswith(typed)))
        completed = Term((*last.words[:-1], typed), typed, prefix=True, also=also)
        return Query(query.text, (*query.terms[:-1], completed), open_end=True)

    def vocabulary(self) -> dict[str, int]:
        """Every word of the text and how often it occurs (read once)."""
        if self._vocabulary is None:
            try:
                rows = self._connection.execute("SELECT word, count FROM vocabulary").fetchall()
            except sqlite3.Error as error:
                raise SearchError(str(error)) from error
            self._vocabulary = dict(rows)
        return self._vocabulary

    def keys(self) -> frozenset[str]:
        """Every key the index holds: a word whose key is not here matches nothing."""
        if self._keys is None:
            try:
                rows = self._connection.execute("SELECT DISTINCT stem FROM vocabulary")
                self._keys = frozenset(stem for (stem,) in rows)
            except sqlite3.Error as error:
                raise SearchError(str(error)) from error
        return self._keys

    def tree_path(self, hit: Hit) -> list[str]:
        """Titles of the sections above ``hit`` in the tree, top first."""
        above = self.document.manifest.path_to(hit.section_id)[:-1]
        return [self._titles.get((hit.language, section_id), section_id) for section_id in above]

    def _words_of_blocks(self, hit: Hit) -> tuple[list[str], list[str]]:
        """The keys and the plain text of each block of the section, read from its file.

        The index keeps no text: the file is read when its snippet is shown,
        which is a few sections per keystroke (and the last ones are kept).
        """
        place = (hit.language, hit.section_id)
        found = self._blocks.pop(place, None)
        if found is None:
            path = self.document.section_path(hit.language, hit.section_id)
            try:
                section = read_section_file(path, hit.section_id, hit.language)
            except ContentError as error:
                log.warning("No snippet: %s", error)
                section = None
            blocks = section.blocks if section is not None else []
            plains = [block.plain().replace(BLOCK_SEPARATOR, " ") for block in blocks]
            with _query_lock:
                stems = [" ".join(_stems(plain, _query_stemmer)) for plain in plains]
            found = (stems, plains)
            if len(self._blocks) >= SNIPPET_SECTIONS:
                del self._blocks[next(iter(self._blocks))]
        self._blocks[place] = found
        return found

    def snippet(self, hit: Hit, query: Query) -> Snippet:
        """The words around the best match in the section, and its paragraph."""
        stems, plains = self._words_of_blocks(hit)
        if not plains:
            return Snippet("", (), 0)
        best, best_found = 0, 0
        for number, block in enumerate(stems):
            padded = f" {block} "
            found = sum(1 for term in query.terms if term.in_stems(padded))
            if found > best_found:
                best, best_found = number, found
                if found == len(query.terms):
                    break
        if best_found == 0:
            return _snippet(plains[0], 0, Query(query.text, ()))
        return _snippet(plains[best], best, query)
