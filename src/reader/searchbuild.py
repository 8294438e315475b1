"""Made when the package is built: the word-form lexicon and the bundled document's index.

(And, beside the index, the break points of the text's words, see
reader.hyphenation.write_table, and the checked manifest, see
reader.manifestcache: the window then loads no dictionary and no TOML parser.)

The bundled text is known at build time, so its search index is built once
here (as Qt Assistant's help generator does) instead of in every user's
cache on their first search. Beside it goes the lexicon (see
reader.wordforms): every form of every word of the text, from OpenCorpora's
dictionary through pymorphy3 for Russian and from lemminflect for English,
mapped to one key. Those dictionaries are build dependencies only; the
reader ships the few thousand forms it needs.

    python -m reader.searchbuild build/search/search.sqlite3
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import sys
from collections.abc import Iterable
from pathlib import Path

from reader import resources
from reader.content import (
    ContentError,
    Document,
    load_document,
    read_section_file,
    store_parsed_manifest,
)
from reader.wordforms import CYRILLIC, LATIN, Lexicon, normalize_word

__all__ = ["HYPHENATION", "build_lexicon", "content_words", "write_prebuilt"]

HYPHENATION = "hyphenation.marshal"  # written beside the index


def _texts(document: Document, language: str) -> Iterable[str]:
    """Every section's title and paragraphs in ``language``, as plain text."""
    for section_id in document.manifest.ids():
        try:
            section = read_section_file(
                document.section_path(language, section_id), section_id, language
            )
        except ContentError:
            continue
        yield section.title
        yield from (block.plain() for block in section.blocks)


def content_words(document: Document) -> dict[str, set[str]]:
    """The normalized words of every section, title included, per language."""
    from reader.searchwords import tokenize_words

    words: dict[str, set[str]] = {language: set() for language in document.languages}
    for language in document.languages:
        for text in _texts(document, language):
            words[language].update(filter(None, map(normalize_word, tokenize_words(text))))
    return words


def write_hyphenation(target: Path, document: Document) -> Path:
    """The break points of every word the document shows, by the dictionary of its script."""
    from reader import hyphenation
    from reader.typography import script_words

    words: dict[str, set[str]] = {}
    for language in document.languages:
        for text in _texts(document, language):
            for script, found in script_words(text).items():
                words.setdefault(script, set()).update(found)
    return hyphenation.write_table(target, words)


def _russian(words: Iterable[str]) -> dict[str, set[str]]:
    """Form -> the keys of the text's words it may be a form of."""
    import pymorphy3

    morph = pymorphy3.MorphAnalyzer()
    found: dict[str, set[str]] = {}
    for word in sorted(words):
        parses = morph.parse(word)
        if not parses:
            continue
        key = normalize_word(parses[0].normal_form)
        found.setdefault(word, set()).add(key)
        for parse in parses:
            for form in parse.lexeme:
                found.setdefault(normalize_word(form.word), set()).add(key)
    return found


def _english(words: Iterable[str]) -> dict[str, set[str]]:
    from lemminflect import getAllInflections, getAllInflectionsOOV, getAllLemmas

    found: dict[str, set[str]] = {}
    for word in sorted(words):
        lemmas = [lemma for group in getAllLemmas(word).values() for lemma in group]
        key = normalize_word(lemmas[0]) if lemmas else word
        found.setdefault(word, set()).add(key)
        for lemma in lemmas or [word]:
            found.setdefault(normalize_word(lemma), set()).add(key)
            inflections = getAllInflections(lemma) or getAllInflectionsOOV(lemma, "NOUN")
            for forms in inflections.values():
                for form in forms:
                    found.setdefault(normalize_word(form), set()).add(key)
    return found


def _one_key_each(found: dict[str, set[str]]) -> dict[str, str]:
    """Keys that share a form become one key, so that a form never needs two."""
    parent: dict[str, str] = {}

    def root(key: str) -> str:
        while parent.setdefault(key, key) != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    for keys in found.values():
        first, *others = sorted(keys)
        for other in others:
            a, b = root(first), root(other)
            if a != b:
                parent[max(a, b)] = min(a, b)
    return {form: root(min(keys)) for form, keys in found.items() if form}


def build_lexicon(document: Document) -> dict[str, str]:
    """Every form of every word of the document -> its key."""
    cyrillic: set[str] = set()
    latin: set[str] = set()
    for words in content_words(document).values():
        cyrillic.update(word for word in words if CYRILLIC.search(word))
        latin.update(word for word in words if LATIN.search(word) and not CYRILLIC.search(word))
    found = _russian(cyrillic)
    for form, keys in _english(latin).items():
        found.setdefault(form, set()).update(keys)
    return _one_key_each(found)


def write_prebuilt(target: Path, content: Path | None = None) -> Path:
    """The index of the bundled document, with the lexicon, written to ``target``.

    Beside it go the words' hyphenation (HYPHENATION) and the checked manifest
    (``manifests/``, only this document's: one made for earlier text is removed).
    """
    from reader.searchstore import content_digest, fill_index
    from reader.wordforms import Stemmer

    document = load_document(content or resources.content_dir())
    keys = build_lexicon(document)
    digest = hashlib.sha256(
        "".join(f"{form}\t{key}\n" for form, key in sorted(keys.items())).encode()
    ).hexdigest()
    words = Lexicon(keys, digest)
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f"{target.name}.{os.getpid()}.tmp")
    temporary.unlink(missing_ok=True)
    connection = sqlite3.connect(temporary)
    try:
        connection.execute("PRAGMA journal_mode = OFF")
        fill_index(connection, document, content_digest(document), Stemmer(words))
        with connection:
            connection.execute(
                "CREATE TABLE lexicon(form TEXT PRIMARY KEY, key TEXT NOT NULL) WITHOUT ROWID"
            )
            connection.executemany("INSERT INTO lexicon VALUES (?, ?)", sorted(keys.items()))
            connection.executemany(
                "INSERT INTO meta VALUES (?, ?)", [("lexicon", digest), ("prebuilt", "1")]
            )
        connection.execute("VACUUM")
    finally:
        connection.close()
    os.replace(temporary, target)
    write_hyphenation(target.with_name(HYPHENATION), document)
    for earlier in (target.parent / "manifests").glob("*.marshal"):
        earlier.unlink()
    store_parsed_manifest(document.root, target.parent)  # into target's folder/manifests
    return target


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) not in (1, 2):
        print("usage: python -m reader.searchbuild TARGET [CONTENT]", file=sys.stderr)
        return 2
    target = write_prebuilt(Path(args[0]), Path(args[1]) if len(args) > 1 else None)
    print(f"{target}: {target.stat().st_size / 1000:.0f} kB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
