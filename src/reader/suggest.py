"""When the words typed find nothing: the other keyboard layout, a typo, the other language.

Visitors switch between English and Russian all day, so a query is often
typed in the wrong layout («jjy» for «ООН»); a word of five letters or more
is often one keystroke off. Rather than "Nothing found", the search then
shows what the other layout means, offers the nearest words of the
document's own vocabulary, or says that the other language has hits. The
search panel and ``reader search`` both ask ``answer``; free of Qt.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field

from reader.search import (
    MAX_QUERY_CHARS,
    MAX_TERMS,
    Results,
    SearchIndex,
    parse_query,
)
from reader.searchwords import tokenize_words
from reader.wordforms import CYRILLIC, Stemmer, normalize_word

__all__ = ["Answer", "answer", "nearest_words", "other_layout"]

# The same keys on a US English and a Russian (ЙЦУКЕН) keyboard.
_LATIN_KEYS = "`qwertyuiop[]asdfghjkl;'zxcvbnm,.~QWERTYUIOP{}ASDFGHJKL:\"ZXCVBNM<>"
_CYRILLIC_KEYS = "ёйцукенгшщзхъфывапролджэячсмитьбюЁЙЦУКЕНГШЩЗХЪФЫВАПРОЛДЖЭЯЧСМИТЬБЮ"
_TO_CYRILLIC = dict(zip(_LATIN_KEYS, _CYRILLIC_KEYS, strict=True))
_TO_LATIN = dict(zip(_CYRILLIC_KEYS, _LATIN_KEYS, strict=True))
# A typo is only guessed at in words this long: shorter ones have too many neighbours,
# longer ones are not words (and each edit of a long word costs its length).
MIN_TYPO_LENGTH = 5
MAX_TYPO_LENGTH = 40
_ALPHABETS = ("абвгдежзийклмнопрстуфхцчшщъыьэюя", "abcdefghijklmnopqrstuvwxyz")


def other_layout(text: str) -> str:
    """``text`` as the same keys type it in the other layout: ``jjy`` -> ``оон``.

    Keys that are punctuation in one layout and letters in the other (``,`` is
    ``б``) change only before a letter, so a trailing comma stays a comma.
    """
    pieces = []
    for position, char in enumerate(text):
        if char.isalpha():
            pieces.append(_TO_CYRILLIC.get(char) or _TO_LATIN.get(char) or char)
            continue
        before_a_letter = text[position + 1 : position + 2].isalpha()
        pieces.append(_TO_CYRILLIC.get(char, char) if before_a_letter and char != '"' else char)
    return "".join(pieces)


def _edits(word: str) -> set[str]:
    """Every word one deletion, insertion, substitution or transposition away."""
    alphabet = _ALPHABETS[0] if CYRILLIC.search(word) else _ALPHABETS[1]
    splits = [(word[:cut], word[cut:]) for cut in range(len(word) + 1)]
    found = {a + b[1:] for a, b in splits if b}
    found |= {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    found |= {a + letter + b[1:] for a, b in splits if b for letter in alphabet}
    found |= {a + letter + b for a, b in splits for letter in alphabet}
    found.discard(word)
    return found


def nearest_words(word: str, vocabulary: dict[str, int], limit: int = 3) -> list[str]:
    """Words of ``vocabulary`` one edit from ``word``, the most frequent first."""
    word = normalize_word(word)
    if not MIN_TYPO_LENGTH <= len(word) <= MAX_TYPO_LENGTH:
        return []
    near = [candidate for candidate in _edits(word) if candidate in vocabulary]
    near.sort(key=lambda candidate: (-vocabulary[candidate], candidate))
    return near[:limit]


@dataclass(frozen=True)
class Answer:
    """What to show for a query.

    ``results`` are what to list. When the query as typed found nothing,
    ``shown_for`` is the query the results are for instead (the other layout),
    ``suggestion`` a corrected query to offer, ``elsewhere`` the hits in the
    languages that were not searched.
    """

    results: Results
    shown_for: str | None = None
    suggestion: str | None = None
    elsewhere: Results | None = None
    languages: tuple[str, ...] = field(default=())


def _corrected(index: SearchIndex, text: str) -> str | None:
    """``text`` with each word that matches nothing replaced by its nearest neighbour."""
    vocabulary = index.vocabulary()
    keys = index.keys()
    text = text[:MAX_QUERY_CHARS]
    changed = text
    for token in list(dict.fromkeys(tokenize_words(text)))[:MAX_TERMS]:
        query = parse_query(token)
        if not query or all(word in keys for term in query.terms for word in term.words):
            continue
        near = nearest_words(token, vocabulary, limit=1)
        if near:
            changed = changed.replace(token, near[0])
    return changed if changed != text else None


SPELLING_HITS = 5  # snippets read for how the text writes a word


def _as_written(index: SearchIndex, results: Results, text: str) -> str:
    """``text`` with each word spelt as the best hits write it: «оон» -> «ООН»."""
    stem = Stemmer()
    written: dict[str, str] = {}  # the word -> how the hits write it
    forms: dict[str, str] = {}  # a word's key -> how the hits write a word of that key
    for hit in results.hits[:SPELLING_HITS]:  # the best first
        snippet = index.snippet(hit, results.query)
        for start, end in snippet.highlights:
            found = snippet.text[start:end]
            written.setdefault(normalize_word(found), found)
            forms.setdefault(stem[found], found)
    for token in dict.fromkeys(tokenize_words(text)):
        same = written.get(normalize_word(token))
        if same is not None:
            text = text.replace(token, same)
        elif (other := forms.get(stem[token])) is not None:
            text = text.replace(token, _cased_like(token, other))  # «беларусь» as «Беларуси»
    return text


def _cased_like(word: str, model: str) -> str:
    """``word`` in the case of ``model``: all capitals, a capital first, or as typed."""
    if model.isupper() and len(model) > 1:
        return word.upper()
    if model[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def answer(
    index: SearchIndex,
    text: str,
    languages: Sequence[str],
    limit: int | None = None,
) -> Answer:
    """The results of ``text`` in ``languages``, or the best help when there are none."""
    wanted = tuple(languages)
    everywhere = index.languages
    results = index.search(text, wanted, limit, complete=True)
    if results.total or not results.query:
        return Answer(results, languages=wanted)
    slipped = other_layout(text)
    if slipped != text:
        for where in dict.fromkeys((wanted, everywhere)):
            found = index.search(slipped, where, limit, complete=True)
            if found.total:
                return Answer(found, shown_for=_as_written(index, found, slipped), languages=where)
    others = tuple(language for language in everywhere if language not in wanted)
    if others:
        found = index.search(text, others, limit, complete=True)
        if found.total:
            return Answer(results, elsewhere=found, languages=wanted)
    suggestion = _corrected(index, text)
    if suggestion is not None and not index.search(suggestion, everywhere, 1).total:
        suggestion = None
    return Answer(results, suggestion=suggestion, languages=wanted)


def timed_search(index: SearchIndex, query: str, languages: Sequence[str]) -> float:
    """Seconds one search takes as the search panel asks it: results and first snippets.

    When nothing is found, the help the panel then looks for (the other
    layout, the other language, the nearest words) is counted too.
    """
    started = time.perf_counter()
    results = answer(index, query, languages).results
    for hit in results.hits[:10]:
        index.snippet(hit, results.query)
    return time.perf_counter() - started
