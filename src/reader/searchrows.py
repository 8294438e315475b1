"""Section files turned into rows of the search index, fast enough for 20,000 sections.

Indexing a large ``--content`` folder is mostly reading Markdown and cutting
it into words, and the usual way (parse every block, strip its inline markup
with regular expressions, find its words with a Unicode regular expression)
costs about 3 ms a file: a minute for the 40,000 files of 20,000 sections.
Here the same words come out of two shortcuts, and always the same words
(tests/test_searchrows.py compares them with the slow way):

- A file with no inline markup (no ``*``, `````, ``[``, ``_`` or ``\\``) and no
  numbered list has, after its title line, the words its blocks show: it is
  not parsed. Any other file is read by reader.content as before.
- Words are found in the UTF-8 bytes: a byte table turns every ASCII
  character that can never be part of a word into a space and ``split`` cuts
  there; each distinct run of what is left ("word", "«Word»,") is then cut
  with reader.searchwords' own pattern once, and its keys are remembered.

The functions below run in reader.searchstore's worker processes as well as
in the reader's own, so they take and return plain, picklable values.
"""

from __future__ import annotations

import logging
import os
import re
import stat
import sys
from collections import Counter
from pathlib import Path

from reader.content import (
    MAX_PARAGRAPHS,
    MAX_SECTION_BYTES,
    ContentError,
    read_section_file,
    read_title,
)
from reader.markdown import parse_section
from reader.searchwords import _token_pattern
from reader.wordforms import Stemmer, normalize_word

__all__ = ["WORKER_FLAG", "Words", "index_files", "index_titles", "serve", "worker_command"]

log = logging.getLogger(__name__)

# Bytes that may be part of a word: ASCII letters, digits, "_", the ASCII apostrophes
# that join the parts of a word, and every byte of a non-ASCII character.
_WORD_BYTES = frozenset(
    b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_'`"
) | frozenset(range(0x80, 0x100))
_SPACES = bytes(byte if byte in _WORD_BYTES else 0x20 for byte in range(256))
# What makes the text a reader sees differ from the file's lines, word for word.
_MARKUP = (b"*", b"`", b"[", b"_", b"\\", b"\x00")
_NUMBERED = re.compile(r"[\r\n]\s*\d+[.)]")  # after the title line, which is "# ..."
# First bytes (after ASCII spaces) of a line that cannot start a numbered item: those of
# two-byte UTF-8 letters (Latin, Greek, Cyrillic, Armenian, Hebrew…) from blocks
# without digits or spaces; ASCII ones are checked apart.
_NO_DIGIT_LEADS = frozenset(range(0xC3, 0xD9)) | {0xDA, 0xDC, 0xDD, 0xDE}
# A FIFO must not block the open (reader.content refuses it, as any file not regular).
_NO_WAIT = getattr(os, "O_NONBLOCK", 0)
_LINE_END = re.compile(r"\r\n|\r|\n")

# One file to index: (key, path, section id, language).
File = tuple[int, str, str, str]
# One row: (key, title, keys of the title, keys of the text as UTF-8).
Row = tuple[int, str, str, bytes]
# Each word of the text (normalized) -> its key and how often it occurs.
Vocabulary = dict[str, tuple[str, int]]


class Words(dict[bytes, bytes]):
    """A run of word bytes -> the keys of its words, space-separated; each run cut once."""

    def __init__(self, stemmer: Stemmer | None = None) -> None:
        super().__init__()
        self.stemmer = stemmer if stemmer is not None else Stemmer()
        self.tokens: dict[bytes, list[str]] = {}
        self.counts: Counter[bytes] = Counter()

    def __missing__(self, run: bytes) -> bytes:
        text = run.decode("utf-8")
        tokens = self.tokens[run] = _token_pattern(text).findall(text)
        keys = " ".join(key for key in map(self.stemmer.__getitem__, tokens) if key)
        found = self[run] = keys.encode("utf-8")
        return found

    def keys_of(self, data: bytes) -> bytes:
        """The keys of the words of UTF-8 ``data``, space-separated (runs of spaces included)."""
        runs = data.translate(_SPACES).split()
        self.counts.update(runs)
        return b" ".join(map(self.__getitem__, runs))

    def vocabulary(self) -> Vocabulary:
        """Every word met since the last call, with its key and count; then forgotten."""
        totals: Counter[str] = Counter()
        for run, count in self.counts.items():
            for token in self.tokens[run]:
                totals[normalize_word(token)] += count
        self.counts.clear()
        words = self.stemmer.words
        return {word: (words[word], count) for word, count in totals.items() if word in words}


def _may_be_numbered(raw: bytes) -> bool:
    """Whether a line may start with a digit (after spaces): seven times faster than _NUMBERED."""
    for line in raw.replace(b"\r", b"\n").split(b"\n"):
        line = line.lstrip(b" \t\x0b\x0c\x1c\x1d\x1e\x1f")
        if line and (48 <= line[0] <= 57 or (line[0] >= 0x80 and line[0] not in _NO_DIGIT_LEADS)):
            return True
    return False


def _plain_text(path: Path) -> tuple[str, bytes] | None:
    """The title and the UTF-8 text after it, if the file needs no parsing; None if it does.

    The words of the text after the title line are then exactly the words of
    its blocks' plain text. Every file this refuses, or that reader.content
    would refuse, goes the slow way (which says why it is not searchable).
    """
    try:
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0) | _NO_WAIT)
    except (OSError, ValueError):
        return None
    try:  # os.open, not open(): 40,000 files
        info = os.fstat(handle)
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_SECTION_BYTES:
            return None
        raw = os.read(handle, info.st_size + 1)  # more than its size: it grew meanwhile
    except OSError:
        return None
    finally:
        os.close(handle)
    if len(raw) != info.st_size or any(mark in raw for mark in _MARKUP):
        return None
    if raw.count(b"\n") + raw.count(b"\r") >= MAX_PARAGRAPHS:  # then blocks <= lines
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    skipped = 0
    if text.startswith("\ufeff"):
        text, skipped = text[1:], 3
    if _may_be_numbered(raw) and _NUMBERED.search(text):  # "1." would stop being a word
        return None
    position = 0
    while True:  # the title is the first line that is not blank
        end = _LINE_END.search(text, position)
        line = text[position : end.start() if end else len(text)]
        if line.strip():
            break
        if end is None:
            return None
        position = end.end()
    title = parse_section(line).title
    if not title:
        return None
    after = end.end() if end else len(text)
    return title, raw[skipped + len(text[:after].encode("utf-8")) :]


def section_text(path: Path, section_id: str, language: str) -> tuple[str, bytes] | None:
    """A section file's title and the UTF-8 plain text of its blocks; None if unreadable."""
    found = _plain_text(path)
    if found is not None:
        return found
    try:
        section = read_section_file(path, section_id, language)
    except ContentError as error:
        log.warning("Not searchable: %s", error)
        return None
    return section.title, " ".join(block.plain() for block in section.blocks).encode("utf-8")


# -- in a worker process -------------------------------------------------------------

WORKER_FLAG = "--search-worker"


def worker_command() -> list[str]:
    """How reader.searchstore starts a worker: this program again, with WORKER_FLAG."""
    if getattr(sys, "frozen", False):
        return [sys.executable, WORKER_FLAG]
    return [sys.executable, "-m", "reader", WORKER_FLAG]


class _Problems(logging.Handler):
    """The warnings of a worker, sent back with its results to the reader's log."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def serve() -> int:
    """A worker: from stdin, pickled, a list of files, then (function name, start, end)
    to run on a range of it; to stdout, the result and the warnings logged, pickled
    after their length.

    It ends when its input does (the reader is done with it, or has gone).
    """
    import pickle

    jobs = {"index_files": index_files, "index_titles": index_titles}
    problems = _Problems()
    log.addHandler(problems)
    log.propagate = False
    source, sink, words = sys.stdin.buffer, sys.stdout.buffer, Words()
    files: list[File] = []
    while True:
        try:
            message = pickle.load(source)
        except EOFError:
            return 0
        if isinstance(message, list):
            files = message
            continue
        name, start, end = message
        result = jobs[name](files[start:end], words)
        data = pickle.dumps((result, problems.messages), pickle.HIGHEST_PROTOCOL)
        try:
            sink.write(len(data).to_bytes(8, "little"))  # read at once: few system calls
            sink.write(data)
            sink.flush()
        except BrokenPipeError:  # the reader has gone (closed, or the build failed)
            os._exit(0)
        problems.messages = []


def index_files(files: list[File], words: Words) -> tuple[list[Row], Vocabulary]:
    """The rows of these section files, and the words they hold."""
    rows = []
    for key, path, section_id, language in files:
        found = section_text(Path(path), section_id, language)
        if found is None:
            continue
        title, text = found
        title_keys = words.keys_of(title.encode("utf-8")).decode("utf-8")
        rows.append((key, title, title_keys, words.keys_of(text)))
    return rows, words.vocabulary()


def index_titles(files: list[File], words: Words) -> tuple[list[Row], Vocabulary]:
    """Rows of the titles alone (their first lines), while the whole text waits."""
    rows = []
    for key, path, _section_id, _language in files:
        title = read_title(Path(path))
        if title is not None:
            rows.append((key, title, words.keys_of(title.encode("utf-8")).decode("utf-8"), b""))
    return rows, words.vocabulary()
