"""Every way a word is written, folded to the one key the search index holds.

People type a word in its dictionary form («ассамблея», "become") while the
text has another («Ассамблеи», "became"). A lexicon made from morphological
dictionaries when the package is built (see reader.searchbuild) maps every
form of every word of the bundled document to one key, so any form finds any
other. Words the lexicon does not know (a ``--content`` folder's own words)
are cut to their Snowball stem instead, which is how the reader searched
before it had a lexicon. The lexicon is a table of the prebuilt index; a
source checkout without one (``make search-index`` builds it) searches with
Snowball alone.
"""

from __future__ import annotations

import logging
import re
import sqlite3
import threading
import unicodedata
from pathlib import Path
from typing import Any

from reader import resources

__all__ = ["Lexicon", "Stemmer", "lexicon", "normalize_word"]

log = logging.getLogger(__name__)

_DROP = dict.fromkeys(map(ord, "'\u2019\u02bc\u2018`\u00ad\u0300\u0301"), None)
_NOT_WORD = re.compile(r"[\W_]+")
CYRILLIC = re.compile(r"[\u0400-\u04ff]")
LATIN = re.compile(r"[a-z\u00df-\u024f]")


def normalize_word(word: str) -> str:
    """One spelling for every way a word can be typed: ``Ёлка`` -> ``елка``."""
    word = unicodedata.normalize("NFKC", word).casefold().replace("ё", "е")
    return _NOT_WORD.sub("", word.translate(_DROP))


class Lexicon:
    """Word form -> key, and a digest that changes when the mapping does."""

    def __init__(self, keys: dict[str, str], digest: str) -> None:
        self.keys = keys
        self.digest = digest

    def __len__(self) -> int:
        return len(self.keys)

    @classmethod
    def read(cls, path: Path) -> Lexicon:
        """The lexicon table of a prebuilt index; an empty one if there is none."""
        if not path.is_file():
            log.info("No prebuilt search index at %s: word forms by Snowball only", path)
            return cls({}, "none")
        try:
            connection = sqlite3.connect(f"{path.as_uri()}?mode=ro&immutable=1", uri=True)
            try:
                keys = dict(connection.execute("SELECT form, key FROM lexicon"))
                row = connection.execute("SELECT value FROM meta WHERE key = 'lexicon'").fetchone()
            finally:
                connection.close()
        except sqlite3.Error as error:
            log.warning("The lexicon in %s cannot be read (%s): Snowball only", path, error)
            return cls({}, "none")
        return cls(keys, row[0] if row else "none")


_lexicon: Lexicon | None = None
_lexicon_lock = threading.Lock()


def lexicon() -> Lexicon:
    """The lexicon shipped with the reader, read once."""
    global _lexicon
    with _lexicon_lock:
        if _lexicon is None:
            _lexicon = Lexicon.read(resources.prebuilt_search_index())
        return _lexicon


class Stemmer(dict[str, str]):
    """Token as written -> key; each distinct spelling is looked up once.

    Snowball stemmers keep state while they work, so each thread that stems
    needs its own instance.
    """

    def __init__(self, words: Lexicon | None = None) -> None:
        super().__init__()
        self._lexicon = words
        self._stemmers: dict[str, Any] = {}
        self.words: dict[str, str] = {}

    def _snowball(self, language: str, word: str) -> str:
        stemmer = self._stemmers.get(language)
        if stemmer is None:
            import snowballstemmer  # imports every language's stemmer: not at start-up

            stemmer = self._stemmers[language] = snowballstemmer.stemmer(language)
        return stemmer.stemWord(word)

    def key(self, word: str) -> str:
        """The key of a normalized word."""
        if self._lexicon is None:
            self._lexicon = lexicon()
        known = self._lexicon.keys.get(word)
        if known is not None:
            return known
        if CYRILLIC.search(word):
            return self._snowball("russian", word)
        if LATIN.search(word):
            return self._snowball("english", word)
        return word

    def __missing__(self, token: str) -> str:
        word = normalize_word(token)
        stem = self.words.get(word)
        if stem is None:
            stem = self.key(word)
            if word:
                self.words[word] = stem
        self[token] = stem
        return stem
