"""Where a word may break: LibreOffice's hyphenation patterns, through Pyphen.

Qt breaks a line inside a word only where the text holds a soft hyphen
(U+00AD), and then draws the hyphen. The source files stay plain; the
renderer asks this module for the break points of every word of a paragraph.

Loading a dictionary costs tens of milliseconds (Pyphen parses the pattern
file), so the window does not load one before its first frame: ``ready``
says whether hyphenating will cost no wait, ``load`` loads a language.
Print and PDF load what they need; the window loads both languages just
after its first paint and draws the page again (``reader.ui.typesetting``).
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Callable

__all__ = [
    "DICTIONARIES",
    "EXCEPTIONS",
    "SOFT_HYPHEN",
    "hyphenate_word",
    "load",
    "ready",
    "warm_up",
]

log = logging.getLogger(__name__)

SOFT_HYPHEN = "\u00ad"
# The dictionaries shipped (build.spec keeps only these two). For English,
# Liang's patterns (en_US) break this text better than the British set, which
# leaves "provides" whole and cuts "mani-fes-ted"; Russian is LibreOffice's ru_RU.
DICTIONARIES = {"en": "en_US", "ru": "ru_RU"}
# Words the patterns break badly, as TeX's \hyphenation{} would give them.
EXCEPTIONS = {"neonazism": "neo-na-zism"}
# Letters kept on each side of a break: two in Russian (GOST 7.62 allows it,
# «ме-ждународной»), two before and three after in English as TeX does.
_MARGINS = {"en": (2, 3), "ru": (2, 2)}
MIN_WORD = 5  # shorter words are never broken
_LOWER = re.compile(r"[a-zа-яё]")

_lock = threading.Lock()
_loaded: dict[str, Callable[[str], list[int]] | None] = {}


def ready() -> bool:
    """Whether every dictionary is loaded, so hyphenating costs no wait."""
    return all(language in _loaded for language in DICTIONARIES)


def load(language: str) -> Callable[[str], list[int]] | None:
    """The break positions finder for ``language``; None if it has no dictionary."""
    with _lock:
        if language in _loaded:
            return _loaded[language]
        positions = None
        name = DICTIONARIES.get(language)
        if name is not None:
            try:
                import pyphen

                left, right = _MARGINS[language]
                positions = pyphen.Pyphen(lang=name, left=left, right=right).positions
            except (ImportError, KeyError, OSError, ValueError) as error:
                # A build without the dictionary still shows the text, unhyphenated.
                log.warning("No hyphenation for %s: %s", language, error)
        _loaded[language] = positions
        return positions


def warm_up() -> None:
    """Load every shipped dictionary."""
    for language in DICTIONARIES:
        load(language)


def hyphenate_word(word: str, language: str) -> str:
    """``word`` with a soft hyphen at every break the dictionary allows.

    Abbreviations (ОБСЕ, NATO) and short words are left whole. Loads the
    dictionary if need be.
    """
    lowered = word.lower()
    if len(word) < MIN_WORD or len(lowered) != len(word) or not _LOWER.search(word[1:]):
        return word
    positions = load(language)
    if positions is None:
        return word
    exception = EXCEPTIONS.get(lowered)
    if exception is not None:
        breaks = [n - i for i, n in enumerate(m.start() for m in re.finditer("-", exception))]
    else:
        breaks = [at for at in positions(lowered) if 0 < at < len(word)]
    if not breaks:
        return word
    pieces = []
    last = 0
    for at in breaks:
        pieces.append(word[last:at])
        last = at
    pieces.append(word[last:])
    return SOFT_HYPHEN.join(pieces)
