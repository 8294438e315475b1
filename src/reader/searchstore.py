"""Where the search index is kept, and how it is made and brought up to date.

The bundled document's index is prebuilt (reader.searchbuild); any other
content folder's is built on its first search into the user's cache folder,
never the install or content folder, and kept in memory when that folder
cannot be written. When only some section files changed since, only those
are indexed again. See docs/architecture.md, "Search".
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import sqlite3
import threading
import zlib
from collections import Counter
from pathlib import Path

from reader import resources
from reader.content import ContentError, Document, read_section_file, read_title
from reader.searchwords import BLOCK_SEPARATOR, LANGUAGE_STRIDE, _stems
from reader.wordforms import Stemmer, lexicon, normalize_word

__all__ = [
    "SCHEMA_VERSION",
    "cache_path",
    "connect",
    "content_digest",
    "fill_index",
    "open_prebuilt",
    "ready",
    "titles_only",
]

log = logging.getLogger(__name__)

SCHEMA_VERSION = 3

_SCHEMA = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE sections(
    key INTEGER PRIMARY KEY, language TEXT NOT NULL, section_id TEXT NOT NULL, title TEXT NOT NULL
);
-- Per section, zlib-compressed: the stems and the plain text of its blocks.
CREATE TABLE texts(key INTEGER PRIMARY KEY, stems BLOB NOT NULL, plain BLOB NOT NULL);
-- Every word of the text, its key and how often it occurs: completions, typo suggestions.
CREATE TABLE vocabulary(
    word TEXT PRIMARY KEY, stem TEXT NOT NULL, count INTEGER NOT NULL
) WITHOUT ROWID;
-- The size and mtime of each file indexed: a changed one is indexed again on its own.
CREATE TABLE files(name TEXT PRIMARY KEY, signature TEXT NOT NULL) WITHOUT ROWID;
CREATE VIRTUAL TABLE fts USING fts5(
    title, body, content='', tokenize='unicode61 remove_diacritics 0'
);
"""


def _stemmer_version() -> str:
    import importlib.metadata  # slow to import, needed only to build or open an index

    try:
        return importlib.metadata.version("snowballstemmer")
    except importlib.metadata.PackageNotFoundError:
        return "?"


def _files(document: Document) -> list[tuple[str, Path]]:
    return [("manifest", document.manifest.path)] + [
        (f"{language}/{section_id}", document.section_path(language, section_id))
        for language in document.languages
        for section_id in document.manifest.ids()
    ]


def content_digest(document: Document) -> str:
    """Changes whenever the bytes of a file of the document change, wherever it lies."""
    digest = hashlib.sha256()
    for name, path in _files(document):
        try:
            data = path.read_bytes()
        except OSError:
            data = b"\0missing"
        digest.update(f"{name}\0{len(data)}\0".encode() + data)
    return digest.hexdigest()


def _signatures(document: Document) -> dict[str, str]:
    """Each file of the document -> its size and mtime (or "missing")."""
    found = {}
    for name, path in _files(document):
        try:
            stat = path.stat()
            found[name] = f"{stat.st_size}:{stat.st_mtime_ns}"
        except OSError:
            found[name] = "missing"
    return found


def _base(document: Document, signatures: dict[str, str]) -> str:
    """What every row of an index depends on: the way we index, the folder, the manifest."""
    return hashlib.sha256(
        f"{SCHEMA_VERSION}\0{_stemmer_version()}\0{lexicon().digest}\0"
        f"{document.root.resolve()}\0{signatures['manifest']}".encode()
    ).hexdigest()


def _fingerprint(base: str, signatures: dict[str, str]) -> str:
    """Changes whenever a file of the document, or the way we index, changes."""
    digest = hashlib.sha256(base.encode())
    for name, signature in signatures.items():
        digest.update(f"\n{name}\0{signature}".encode())
    return digest.hexdigest()


def _pack(text: str) -> bytes:
    return zlib.compress(text.encode("utf-8"), 6)


def _unpack(data: bytes) -> str:
    return zlib.decompress(data).decode("utf-8")  # the same in reader.search


def _index_section(
    connection: sqlite3.Connection,
    document: Document,
    key: int,
    name: str,
    stemmer: Stemmer,
    counts: Counter[str],
) -> None:
    """Index the section file ``name`` ("language/id") as row ``key``, if it can be read."""
    language, section_id = name.split("/", 1)
    path = document.section_path(language, section_id)
    try:
        section = read_section_file(path, section_id, language)
    except ContentError as error:
        log.warning("Not searchable: %s", error)
        return
    plains = [block.plain().replace(BLOCK_SEPARATOR, " ") for block in section.blocks]
    stems = [" ".join(_stems(plain, stemmer, counts)) for plain in plains]
    title = " ".join(_stems(section.title, stemmer, counts))
    connection.execute(
        "INSERT INTO fts(rowid, title, body) VALUES (?, ?, ?)", (key, title, " ".join(stems))
    )
    connection.execute(
        "INSERT INTO sections VALUES (?, ?, ?, ?)", (key, language, section_id, section.title)
    )
    connection.execute(
        "INSERT INTO texts VALUES (?, ?, ?)",
        (key, _pack(BLOCK_SEPARATOR.join(stems)), _pack(BLOCK_SEPARATOR.join(plains))),
    )


def _keys(document: Document) -> dict[str, int]:
    """ "language/id" -> its row key: language number × 2³² + place in the manifest."""
    ids = document.manifest.ids()
    return {
        f"{language}/{section_id}": number * LANGUAGE_STRIDE + ordinal + 1
        for number, language in enumerate(document.languages)
        for ordinal, section_id in enumerate(ids)
    }


def _add_vocabulary(connection: sqlite3.Connection, stemmer: Stemmer, counts: Counter[str]) -> None:
    totals: Counter[str] = Counter()
    for token, count in counts.items():
        totals[normalize_word(token)] += count
    connection.executemany(
        "INSERT INTO vocabulary VALUES (?, ?, ?)"
        " ON CONFLICT(word) DO UPDATE SET count = count + excluded.count",
        ((word, stem, totals[word]) for word, stem in stemmer.words.items()),
    )


def fill_index(
    connection: sqlite3.Connection,
    document: Document,
    fingerprint: str,
    stemmer: Stemmer | None = None,
    signatures: dict[str, str] | None = None,
    base: str = "",
) -> None:
    """Read every section of every language and index it."""
    stemmer = stemmer if stemmer is not None else Stemmer()
    counts: Counter[str] = Counter()
    connection.executescript(_SCHEMA)
    with connection:
        for name, key in _keys(document).items():
            _index_section(connection, document, key, name, stemmer, counts)
        _add_vocabulary(connection, stemmer, counts)
        connection.executemany("INSERT INTO files VALUES (?, ?)", (signatures or {}).items())
        connection.executemany(
            "INSERT INTO meta VALUES (?, ?)",
            [("fingerprint", fingerprint), ("schema", str(SCHEMA_VERSION)), ("base", base)],
        )
    connection.execute("INSERT INTO fts(fts) VALUES ('optimize')")
    connection.commit()


def _update(path: Path, document: Document, base: str, signatures: dict[str, str]) -> bool:
    """Index again only the section files that changed; False if the whole must be rebuilt.

    A new manifest (sections added, moved, removed), another lexicon or schema
    changes the row keys or every row: then the index is built anew.
    """
    connection = sqlite3.connect(path)
    try:
        meta = dict(connection.execute("SELECT key, value FROM meta"))
        if meta.get("base") != base or meta.get("schema") != str(SCHEMA_VERSION):
            return False
        stored = dict(connection.execute("SELECT name, signature FROM files"))
        changed = [name for name, signature in signatures.items() if stored.get(name) != signature]
        if not changed or "manifest" in changed or len(changed) > len(signatures) // 2:
            return False
        keys = _keys(document)
        stemmer, counts = Stemmer(), Counter[str]()
        with connection:
            for name in changed:
                key = keys[name]
                old = connection.execute(
                    "SELECT title, stems FROM sections JOIN texts USING (key) WHERE key = ?",
                    (key,),
                ).fetchone()
                if old is not None:  # contentless FTS5 forgets a row given what it held
                    title = " ".join(_stems(old[0], stemmer))
                    body = _unpack(old[1]).replace(BLOCK_SEPARATOR, " ")
                    connection.execute(
                        "INSERT INTO fts(fts, rowid, title, body) VALUES ('delete', ?, ?, ?)",
                        (key, title, body),
                    )
                    connection.execute("DELETE FROM sections WHERE key = ?", (key,))
                    connection.execute("DELETE FROM texts WHERE key = ?", (key,))
                _index_section(connection, document, key, name, stemmer, counts)
                connection.execute(
                    "INSERT OR REPLACE INTO files VALUES (?, ?)", (name, signatures[name])
                )
            _add_vocabulary(connection, stemmer, counts)
            connection.execute(
                "UPDATE meta SET value = ? WHERE key = 'fingerprint'",
                (_fingerprint(base, signatures),),
            )
        log.info("Search index: %d changed files indexed again", len(changed))
        return True
    finally:
        connection.close()


def _open_cached(path: Path, fingerprint: str) -> sqlite3.Connection | None:
    """The cached index at ``path`` if it is for exactly this content."""
    if not path.is_file():
        return None
    try:
        connection = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, check_same_thread=False)
    except sqlite3.Error:
        return None
    try:
        row = connection.execute("SELECT value FROM meta WHERE key = 'fingerprint'").fetchone()
        if row and row[0] == fingerprint:
            return connection
    except sqlite3.DatabaseError:
        pass
    connection.close()
    return None


def open_prebuilt(document: Document) -> sqlite3.Connection | None:
    """The index made at build time, if ``document`` is the bundled one, unchanged."""
    path = resources.prebuilt_search_index()
    try:
        if document.root.resolve() != resources.content_dir().resolve() or not path.is_file():
            return None
    except OSError:
        return None
    try:
        connection = sqlite3.connect(
            f"{path.as_uri()}?mode=ro&immutable=1", uri=True, check_same_thread=False
        )
        meta = dict(connection.execute("SELECT key, value FROM meta"))
    except sqlite3.Error as error:
        log.warning("The prebuilt search index %s cannot be read: %s", path, error)
        return None
    current = {"fingerprint": content_digest(document), "schema": str(SCHEMA_VERSION)}
    if all(meta.get(key) == value for key, value in current.items()):
        return connection
    log.info("The prebuilt search index is not for this content: it is built anew")
    connection.close()
    return None


def cache_path(document: Document, folder: Path | None = None) -> Path:
    """The index file of this content folder: one per folder, replaced when stale."""
    folder = folder or resources.user_cache_dir()
    name = hashlib.sha256(str(document.root.resolve()).encode()).hexdigest()[:16]
    return folder / f"search-{name}.sqlite3"


def connect(document: Document, folder: Path | None = None, *, in_memory: bool = False):
    """The index of ``document``: prebuilt, cached, brought up to date, or built now."""
    prebuilt = open_prebuilt(document)
    if prebuilt is not None:
        return prebuilt
    signatures = _signatures(document)
    base = _base(document, signatures)
    fingerprint = _fingerprint(base, signatures)
    if not in_memory:
        path = cache_path(document, folder)
        connection = _open_cached(path, fingerprint)
        if connection is not None:
            return connection
        try:
            if path.is_file() and _update(path, document, base, signatures):
                connection = _open_cached(path, fingerprint)
                if connection is not None:
                    return connection
        except sqlite3.Error as error:
            log.warning("Search index %s not brought up to date (%s): built anew", path, error)
        temporary = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            temporary.unlink(missing_ok=True)
            building = sqlite3.connect(temporary)
            try:
                building.execute("PRAGMA journal_mode = OFF")
                building.execute("PRAGMA synchronous = OFF")
                fill_index(building, document, fingerprint, signatures=signatures, base=base)
            finally:
                building.close()
            os.replace(temporary, path)
            connection = _open_cached(path, fingerprint)
            if connection is not None:
                return connection
        except (OSError, sqlite3.Error) as error:
            log.warning("Search index not cached in %s (%s); kept in memory", path, error)
            with contextlib.suppress(OSError):
                temporary.unlink(missing_ok=True)
    connection = sqlite3.connect(":memory:", check_same_thread=False)
    fill_index(connection, document, fingerprint, signatures=signatures, base=base)
    return connection


def ready(document: Document, folder: Path | None = None) -> bool:
    """Whether ``connect`` will open an index as it is, without building anything."""
    prebuilt = open_prebuilt(document)
    if prebuilt is not None:
        prebuilt.close()
        return True
    signatures = _signatures(document)
    cached = _open_cached(
        cache_path(document, folder), _fingerprint(_base(document, signatures), signatures)
    )
    if cached is not None:
        cached.close()
    return cached is not None


def titles_only(document: Document) -> sqlite3.Connection:
    """An index of the section titles alone: the first line of each file.

    11 s for the 40,000 files of 20,000 sections on a loaded 2-core machine,
    where their whole text takes minutes.

    The search panel answers from it while the whole text is being indexed.
    """
    connection = sqlite3.connect(":memory:", check_same_thread=False)
    connection.executescript(_SCHEMA)
    stemmer, counts, empty = Stemmer(), Counter[str](), _pack("")
    with connection:
        for name, key in _keys(document).items():
            language, section_id = name.split("/", 1)
            title = read_title(document.section_path(language, section_id))
            if title is None:
                continue
            stems = " ".join(_stems(title, stemmer, counts))
            connection.execute(
                "INSERT INTO fts(rowid, title, body) VALUES (?, ?, '')", (key, stems)
            )
            connection.execute(
                "INSERT INTO sections VALUES (?, ?, ?, ?)", (key, language, section_id, title)
            )
            connection.execute("INSERT INTO texts VALUES (?, ?, ?)", (key, empty, empty))
        _add_vocabulary(connection, stemmer, counts)
    return connection
