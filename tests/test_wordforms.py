"""Every content word of the bundled text, typed in its dictionary form or another form.

A morphological dictionary (pymorphy3 with OpenCorpora for Russian,
lemminflect for English: test dependencies) gives each content word's
dictionary form and the other forms of that word; each must find every
section of its language that holds the word. ``python tests/test_wordforms.py``
prints the figures and the misses that docs/search.md quotes, with the
lexicon and with Snowball alone.
"""

from __future__ import annotations

import contextlib
import random
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest

from reader import resources
from reader.content import load_document, read_section_file
from reader.search import SearchIndex
from reader.searchwords import tokenize_words
from reader.wordforms import CYRILLIC, normalize_word

RUSSIAN_CONTENT = {"NOUN", "ADJF", "ADJS", "COMP", "VERB", "INFN", "PRTF", "PRTS", "GRND", "ADVB"}
ENGLISH_CONTENT = {"NOUN", "PROPN", "VERB", "ADJ", "ADV"}
FORMS_PER_WORD = 3


@dataclass
class Tally:
    tried: int = 0
    misses: list[str] = field(default_factory=list)

    def share(self) -> float:
        return 1 - len(self.misses) / self.tried


def _sections_of_words(language: str) -> dict[str, set[str]]:
    document = load_document(resources.content_dir())
    found: dict[str, set[str]] = {}
    for section_id in document.manifest.ids():
        section = read_section_file(
            document.section_path(language, section_id), section_id, language
        )
        for text in [section.title, *(block.plain() for block in section.blocks)]:
            for token in tokenize_words(text):
                found.setdefault(normalize_word(token), set()).add(section_id)
    return found


def _russian(words: set[str]) -> Iterator[tuple[str, str, list[str]]]:
    """(word of the text, its dictionary form, its other forms)."""
    import pymorphy3

    morph = pymorphy3.MorphAnalyzer()
    for word in sorted(words):
        if not CYRILLIC.search(word):
            continue
        parse = morph.parse(word)[0]
        if parse.tag.POS not in RUSSIAN_CONTENT:
            continue
        forms = sorted({normalize_word(form.word) for form in parse.lexeme})
        yield word, normalize_word(parse.normal_form), forms


def _english(words: set[str]) -> Iterator[tuple[str, str, list[str]]]:
    from lemminflect import getAllInflections, getAllLemmas

    for word in sorted(words):
        if not word.isalpha() or not word.isascii():
            continue
        lemmas = getAllLemmas(word)
        content = [
            lemma for pos, group in lemmas.items() if pos in ENGLISH_CONTENT for lemma in group
        ]
        if not content:
            continue
        lemma = normalize_word(content[0])
        forms = {normalize_word(f) for group in getAllInflections(lemma).values() for f in group}
        yield word, lemma, sorted(forms)


def measure(index: SearchIndex, language: str) -> tuple[Tally, Tally]:
    """(dictionary forms, other forms): how many were tried, which missed a section."""
    sections = _sections_of_words(language)
    words = _russian(set(sections)) if language == "ru" else _english(set(sections))
    dictionary, others = Tally(), Tally()
    randomness = random.Random(12)
    found: dict[str, set[str]] = {}

    def finds(query: str, wanted: set[str]) -> bool:
        if query not in found:
            hits = index.search(query, (language,)).hits
            found[query] = {hit.section_id for hit in hits}
        return wanted <= found[query]

    for word, lemma, forms in words:
        wanted = sections[word]
        dictionary.tried += 1
        if not finds(lemma, wanted):
            dictionary.misses.append(f"{lemma} ({word})")
        unseen = [form for form in forms if form not in sections and form != lemma]
        for form in randomness.sample(unseen, min(FORMS_PER_WORD, len(unseen))):
            others.tried += 1
            if not finds(form, wanted):
                others.misses.append(f"{form} ({word})")
    return dictionary, others


@pytest.fixture(scope="module")
def index():
    built = SearchIndex.open(load_document(resources.content_dir()))
    yield built
    built.close()


@pytest.mark.parametrize("language", ["ru", "en"])
def test_every_content_word_is_found_in_any_of_its_forms(index, language):
    dictionary, others = measure(index, language)
    assert dictionary.tried > 250 and others.tried > 300
    assert dictionary.share() >= 0.99, dictionary.misses
    assert others.share() >= 0.98, others.misses


def cross_check(index: SearchIndex, language: str) -> Tally:
    """Dictionary forms from another dictionary (simplemma, Wiktionary's): not the build's."""
    import simplemma

    sections = _sections_of_words(language)
    words = _russian(set(sections)) if language == "ru" else _english(set(sections))
    tally = Tally()
    for word, _lemma, _forms in words:
        lemma = normalize_word(simplemma.lemmatize(word, lang=language))
        tally.tried += 1
        hits = {hit.section_id for hit in index.search(lemma, (language,)).hits}
        if not sections[word] <= hits:
            tally.misses.append(f"{lemma} ({word})")
    return tally


def _report(label: str, index: SearchIndex) -> None:
    print(f"## {label}")
    for language in ("ru", "en"):
        dictionary, others = measure(index, language)
        for name, tally in (("dictionary forms", dictionary), ("other forms", others)):
            print(
                f"{language} {name}: {tally.tried - len(tally.misses)} of {tally.tried}"
                f" ({100 * tally.share():.1f} %); misses: {', '.join(tally.misses) or 'none'}"
            )
        with contextlib.suppress(ImportError):
            tally = cross_check(index, language)
            print(
                f"{language} simplemma's dictionary forms: {tally.tried - len(tally.misses)} of"
                f" {tally.tried} ({100 * tally.share():.1f} %); misses: {', '.join(tally.misses)}"
            )


if __name__ == "__main__":
    import sqlite3

    from reader import search, searchstore, wordforms

    document = load_document(resources.content_dir())
    _report("With the lexicon", SearchIndex.open(document))
    alone = wordforms.Lexicon({}, "none")
    search._query_stemmer = wordforms.Stemmer(alone)
    connection = sqlite3.connect(":memory:")
    searchstore.fill_index(connection, document, "snowball", wordforms.Stemmer(alone))
    _report("Snowball alone", SearchIndex(connection, document))
    sys.exit(0)
