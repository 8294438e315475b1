"""Words as the search index sees them: the one tokenizer for building and asking.

Kept apart from reader.search (asking) so that reader.searchstore (building
and keeping the index) shares it without importing the module that opens it.
"""

from __future__ import annotations

import re
from collections import Counter

from reader.wordforms import Stemmer

__all__ = ["BLOCK_SEPARATOR", "LANGUAGE_STRIDE", "tokenize_words"]

LANGUAGE_STRIDE = 1 << 32
BLOCK_SEPARATOR = "\x1f"

_WORD = r"(?:[^\W_]|[\u0300-\u036f])+"
# Apostrophes and soft hyphens inside a word join its parts ("don’t", "Nation's").
_TOKEN = re.compile(rf"{_WORD}(?:['\u2019\u02bc\u2018`\u00ad]{_WORD})*")
# The same words, found several times faster, in text without "_" or combining marks.
_PLAIN_TOKEN = re.compile(r"\w+(?:['\u2019\u02bc\u2018`\u00ad]\w+)*")
_NEEDS_FULL_TOKEN = re.compile(r"[_\u0300-\u036f]")


def _token_pattern(text: str) -> re.Pattern[str]:
    return _TOKEN if _NEEDS_FULL_TOKEN.search(text) else _PLAIN_TOKEN


def _stems(text: str, stemmer: Stemmer, counts: Counter[str] | None = None) -> list[str]:
    words = _token_pattern(text).findall(text)
    if counts is not None:
        counts.update(words)
    return [stem for stem in map(stemmer.__getitem__, words) if stem]


def tokenize_words(text: str) -> list[str]:
    """The words of ``text`` as the index sees them, unfolded."""
    return _token_pattern(text).findall(text)
