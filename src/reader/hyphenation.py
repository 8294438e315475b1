"""Where a word may break: LibreOffice's hyphenation patterns, through Pyphen.

Qt breaks a line inside a word only where the text holds a soft hyphen
(U+00AD), and then draws the hyphen. The source files stay plain; the
renderer asks this module for the break points of every word of a paragraph.

Loading a dictionary costs tens of milliseconds (Pyphen parses the pattern
file, 80 ms for both), so the bundled text's words come hyphenated in
advance: ``write_table`` keeps their break points when the package is built
(beside the search index, see reader.searchbuild), and the window reads that
table instead, from its first frame on. ``ready`` says whether the
dictionaries are loaded, ``load`` loads a language. Print and PDF load what
they need. The window never waits (``never_wait``): a word the table does
not have (an editor's new text) stays whole and is noted (``missed``); the
window then loads the dictionaries in the background and draws the page
again (``reader.ui.typesetting``).
"""

from __future__ import annotations

import logging
import marshal
import re
import threading
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

__all__ = [
    "DICTIONARIES",
    "EXCEPTIONS",
    "SOFT_HYPHEN",
    "hyphenate_word",
    "load",
    "missed",
    "never_wait",
    "prebuilt_words",
    "ready",
    "script_language",
    "warm_up",
    "write_table",
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
_table: dict[str, dict[str, tuple[int, ...]]] | None = None  # language -> word -> breaks
_waits = True  # False in the window: no dictionary is loaded while a page is drawn
_missed = False  # a word stayed whole for want of a loaded dictionary
# word -> the word hyphenated (hyphenate_words): a text repeats its words. A new
# memo replaces it when a dictionary loads, since a word left whole may break
# now; a result worked out meanwhile goes into the old memo, never the new.
_memo: dict[str, str] = {}
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


def ready() -> bool:
    """Whether every dictionary is loaded, so hyphenating costs no wait."""
    return all(language in _loaded for language in DICTIONARIES)


def load(language: str) -> Callable[[str], list[int]] | None:
    """The break positions finder for ``language``; None if it has no dictionary."""
    global _memo
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
        _memo = {}
        return positions


def warm_up() -> None:
    """Load every shipped dictionary."""
    for language in DICTIONARIES:
        load(language)


def never_wait() -> None:
    """From now on a word with no known breaks stays whole rather than wait for a load."""
    global _waits
    _waits = False


def waits() -> bool:
    """Whether hyphenating may load a dictionary first (print, PDF, the command line)."""
    return _waits


def missed() -> bool:
    """Whether a word stayed whole because its dictionary was not loaded (see never_wait)."""
    return _missed


def _prebuilt() -> dict[str, dict[str, tuple[int, ...]]]:
    global _table
    if _table is None:
        from reader import resources

        path = resources.hyphenation_table()
        try:
            _table = marshal.loads(path.read_bytes()) if path.exists() else {}
            if not isinstance(_table, dict):
                raise ValueError("not a table")
        except (OSError, EOFError, ValueError, TypeError) as error:
            log.warning("The prebuilt hyphenation table %s cannot be read: %s", path, error)
            _table = {}
    return _table


def prebuilt_words(language: str) -> int:
    """How many of ``language``'s words the prebuilt table breaks without a dictionary."""
    return len(_prebuilt().get(language, {}))


def _breaks(lowered: str, language: str) -> list[int] | None:
    """Where ``lowered`` may break; None if that is not known without waiting."""
    global _missed
    known = _prebuilt().get(language, {}).get(lowered)
    if known is not None:
        return list(known)
    if language in _loaded or _waits:
        return _from_dictionary(lowered, language)
    _missed = True
    return None


def _from_dictionary(lowered: str, language: str) -> list[int]:
    positions = load(language)
    if positions is None:
        return []
    exception = EXCEPTIONS.get(lowered)
    if exception is not None:
        return [n - i for i, n in enumerate(m.start() for m in re.finditer("-", exception))]
    return [at for at in positions(lowered) if 0 < at < len(lowered)]


def _hyphenable(word: str) -> bool:
    lowered = word.lower()
    return len(word) >= MIN_WORD and len(lowered) == len(word) and bool(_LOWER.search(word[1:]))


def write_table(target: Path, words: Mapping[str, Iterable[str]]) -> Path:
    """Every word's break points (``words``: language -> the text's words), for the window."""
    table: dict[str, dict[str, tuple[int, ...]]] = {}
    for language, found in words.items():
        if language in DICTIONARIES:
            lowered = sorted({word.lower() for word in found if _hyphenable(word)})
            table[language] = {
                word: tuple(map(int, _from_dictionary(word, language))) for word in lowered
            }
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(marshal.dumps(table))
    return target


def script_language(word: str) -> str:
    """The dictionary for ``word``: by its script, so an English name in Russian text is English."""
    return "ru" if _CYRILLIC.match(word) else "en"


def hyphenate_words(words: list[str]) -> list[str]:
    """Each word hyphenated by the dictionary of its script (``script_language``)."""
    memo = _memo
    done = [memo.get(word) for word in words]
    for at, result in enumerate(done):
        if result is None:
            word = words[at]
            done[at] = memo[word] = hyphenate_word(word, script_language(word))
    return done  # type: ignore[return-value]  # every None was filled in


def hyphenate_word(word: str, language: str) -> str:
    """``word`` with a soft hyphen at every break the dictionary allows.

    Abbreviations (ОБСЕ, NATO) and short words are left whole. A word of the
    prebuilt table is broken as it says; another loads the dictionary first,
    unless ``never_wait`` was called: then it stays whole until a load.
    """
    if not _hyphenable(word):
        return word
    breaks = _breaks(word.lower(), language)
    if not breaks:
        return word
    pieces = []
    last = 0
    for at in breaks:
        pieces.append(word[last:at])
        last = at
    pieces.append(word[last:])
    return SOFT_HYPHEN.join(pieces)
