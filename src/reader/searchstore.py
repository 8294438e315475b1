"""Where the search index is kept, and how it is made and brought up to date.

The bundled document's index is prebuilt (reader.searchbuild); any other
content folder's is built on its first search into the user's cache folder,
never the install or content folder, and kept in memory when that folder
cannot be written. When only some section files changed since, only those
are indexed again. See docs/architecture.md, "Search".
"""

from __future__ import annotations

import collections
import contextlib
import hashlib
import logging
import os
import pickle
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from reader import resources, searchrows
from reader.content import Document
from reader.searchwords import LANGUAGE_STRIDE
from reader.wordforms import Stemmer, lexicon

__all__ = [
    "SCHEMA_VERSION",
    "cache_path",
    "connect",
    "content_digest",
    "fill_index",
    "open_prebuilt",
    "ready",
]

log = logging.getLogger(__name__)

SCHEMA_VERSION = 4

_SCHEMA = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE sections(
    key INTEGER PRIMARY KEY, language TEXT NOT NULL, section_id TEXT NOT NULL, title TEXT NOT NULL
);
-- Every word of the text, its key and how often it occurs: completions, typo suggestions.
CREATE TABLE vocabulary(
    word TEXT PRIMARY KEY, stem TEXT NOT NULL, count INTEGER NOT NULL
) WITHOUT ROWID;
-- The size and mtime of each file indexed, and its row: a changed one is indexed again alone.
CREATE TABLE files(name TEXT PRIMARY KEY, signature TEXT NOT NULL, key INTEGER) WITHOUT ROWID;
-- The keys are folded words separated by spaces: the ascii tokenizer splits them as
-- unicode61 would, in half the time.
CREATE VIRTUAL TABLE fts USING fts5(title, body, content='', tokenize='ascii');
"""

# A section indexed again gets a row key one generation up (a contentless FTS5 table
# of this SQLite cannot forget a row without being told what it held).
GENERATION_STRIDE = 1 << 24
MAX_GENERATION = LANGUAGE_STRIDE // GENERATION_STRIDE - 1
# Rows left behind by changed files count in bm25's statistics: past this share of
# the rows, the index is built anew.
MAX_STALE_SHARE = 0.1
# Fewer files than this are indexed in the reader's own process: starting workers costs more.
PARALLEL_FILES = 600
MAX_WORKERS = 4
# Files per piece of work, at most: the result of one (~4 MB) is unpickled in one go,
# holding the GIL, which the GUI thread waits for.
CHUNK_FILES = 400


def _stemmer_version() -> str:
    import importlib.metadata  # slow to import, needed only to build or open an index

    try:
        return importlib.metadata.version("snowballstemmer")
    except importlib.metadata.PackageNotFoundError:
        return "?"


def _files(document: Document) -> list[tuple[str, str]]:
    """("language/id", path) of every file; strings, not Paths: 40,000 Paths take 0.5 s."""
    root = str(document.root)  # as Document.section_path has it
    return [("manifest", str(document.manifest.path))] + [
        (f"{language}/{section_id}", os.path.join(root, language, f"{section_id}.md"))
        for language in document.languages
        for section_id in document.manifest.ids()
    ]


def content_digest(document: Document) -> str:
    """Changes whenever the bytes of a file of the document change, wherever it lies."""
    digest = hashlib.sha256()
    for name, path in _files(document):
        try:
            with open(path, "rb") as handle:
                data = handle.read()
        except OSError:
            data = b"\0missing"
        digest.update(f"{name}\0{len(data)}\0".encode() + data)
    return digest.hexdigest()


def _signatures(document: Document) -> dict[str, str]:
    """Each file of the document -> its size and mtime (or "missing")."""
    found = {}
    for name, path in _files(document):
        try:
            stat = os.stat(path)
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


def _keys(document: Document) -> dict[str, int]:
    """ "language/id" -> its row key: language number × 2³² + place in the manifest."""
    ids = document.manifest.ids()
    return {
        f"{language}/{section_id}": number * LANGUAGE_STRIDE + ordinal + 1
        for number, language in enumerate(document.languages)
        for ordinal, section_id in enumerate(ids)
    }


def _work(document: Document, keys: dict[str, int]) -> list[searchrows.File]:
    work = []
    for name, path in _files(document)[1:]:
        language, section_id = name.split("/", 1)
        work.append((keys[name], path, section_id, language))
    return work


class _Workers:
    """Runs a searchrows function over files: in this process, or in worker processes.

    Workers are the reader's own executable started again as a worker
    (reader.searchrows.serve), never a fork of a process that has threads and
    a GUI. They cut the text into words on every core while this process only
    writes SQLite (which lets go of the GIL), so the window stays responsive.
    Each worker is given the list of files once, then ranges of it, two ahead,
    the next as soon as one is done: a worker slowed by other programs gets
    fewer. A thread per worker reads its results as they come.
    """

    AHEAD = 2

    def __init__(self, processes: int, stemmer: Stemmer | None = None) -> None:
        self._words = searchrows.Words(stemmer)
        self._workers: list[subprocess.Popen] = []
        if processes > 1:
            try:
                for _ in range(processes):
                    self._workers.append(
                        subprocess.Popen(
                            searchrows.worker_command(),
                            stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE,
                            creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0),
                        )
                    )
            except OSError as error:
                log.warning("No search index workers (%s): indexing in this process", error)
                self.close()
        self.processes = max(1, len(self._workers))
        self._given: list | None = None  # the list of files the workers have

    def run(self, function: Callable, work: list, chunks: int) -> Iterator:
        """``function``'s results for pieces of ``work``, in order."""
        size = max(1, -(-len(work) // chunks))
        ranges = [(start, min(start + size, len(work))) for start in range(0, len(work), size)]
        if not self._workers:
            for start, end in ranges:
                yield function(work[start:end], self._words)
            return
        done: dict[int, Any] = {}
        changed = threading.Condition()
        queue = iter(range(len(ranges)))

        def give(worker: subprocess.Popen, pending: collections.deque) -> None:
            number = next(queue, None)  # under ``changed``
            if number is not None:
                pending.append(number)
                message = (function.__name__, *ranges[number])
                pickle.dump(message, worker.stdin, pickle.HIGHEST_PROTOCOL)  # type: ignore[arg-type]
                worker.stdin.flush()  # type: ignore[union-attr]

        def collect(worker: subprocess.Popen, fresh: bool) -> None:
            pending: collections.deque[int] = collections.deque()
            try:
                if fresh:  # the list of files, once
                    pickle.dump(work, worker.stdin, pickle.HIGHEST_PROTOCOL)  # type: ignore[arg-type]
                with changed:
                    for _ in range(self.AHEAD):
                        give(worker, pending)
                while pending:
                    stream = worker.stdout
                    size = int.from_bytes(stream.read(8), "little")  # type: ignore[union-attr]
                    data = stream.read(size)  # type: ignore[union-attr]
                    if len(data) < size or not size:
                        raise EOFError
                    result, problems = pickle.loads(data)
                    for problem in problems:
                        log.warning("%s", problem)
                    with changed:
                        done[pending.popleft()] = result
                        give(worker, pending)
                        changed.notify_all()
            except (OSError, ValueError, EOFError, pickle.UnpicklingError) as error:
                with changed:
                    done[-1] = OSError(f"a search index worker stopped ({error!r})")
                    changed.notify_all()

        fresh, self._given = self._given is not work, work
        for worker in self._workers:
            threading.Thread(target=collect, args=(worker, fresh), daemon=True).start()
        for number in range(len(ranges)):
            with changed:
                while number not in done and -1 not in done:
                    changed.wait()
                if -1 in done:
                    raise done[-1]
                result = done.pop(number)
            yield result

    def close(self) -> None:
        """Workers given no more work end; any still busy (the build failed) are stopped."""
        for worker in self._workers:
            with contextlib.suppress(OSError):
                worker.stdin.close()  # type: ignore[union-attr]
        for worker in self._workers:
            try:
                worker.wait(timeout=2)
            except subprocess.TimeoutExpired:
                worker.kill()
                worker.wait()
            with contextlib.suppress(OSError):
                worker.stdout.close()  # type: ignore[union-attr]
        self._workers = []


def _processes(files: int) -> int:
    if files < PARALLEL_FILES:
        return 1
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    return max(1, min(cores, MAX_WORKERS))


def _merge(totals: dict[str, tuple[str, int]], found: searchrows.Vocabulary) -> None:
    for word, (stem, count) in found.items():
        known = totals.get(word)
        totals[word] = (stem, count + known[1]) if known is not None else (stem, count)


def _insert(
    connection: sqlite3.Connection,
    rows: list[searchrows.Row],
    names: Sequence[str],
    ids: Sequence[str],
) -> None:
    """Rows of searchrows into the index; ``names`` are the languages, ``ids`` the sections."""
    connection.executemany(
        "INSERT INTO fts(rowid, title, body) VALUES (?, ?, ?)",
        [(key, title_keys, body) for key, _title, title_keys, body in rows],
    )
    connection.executemany(
        "INSERT INTO sections VALUES (?, ?, ?, ?)",
        [
            (key, names[key // LANGUAGE_STRIDE], ids[key % GENERATION_STRIDE - 1], title)
            for key, title, _title_keys, _body in rows
        ],
    )


def _add_vocabulary(connection: sqlite3.Connection, totals: dict[str, tuple[str, int]]) -> None:
    connection.executemany(
        "INSERT INTO vocabulary VALUES (?, ?, ?)"
        " ON CONFLICT(word) DO UPDATE SET count = count + excluded.count",
        ((word, stem, count) for word, (stem, count) in totals.items()),
    )


def _titles_index(
    document: Document, workers: _Workers, work: list[searchrows.File]
) -> sqlite3.Connection:
    """An index of the section titles alone, in memory: the first line of each file."""
    connection = sqlite3.connect(":memory:", check_same_thread=False)
    connection.executescript(_SCHEMA)
    totals: dict[str, tuple[str, int]] = {}
    with connection:
        for rows, found in workers.run(searchrows.index_titles, work, workers.processes * 2):
            _insert(connection, rows, document.languages, document.manifest.ids())
            _merge(totals, found)
        _add_vocabulary(connection, totals)
    return connection


def fill_index(
    connection: sqlite3.Connection,
    document: Document,
    fingerprint: str,
    stemmer: Stemmer | None = None,
    signatures: dict[str, str] | None = None,
    base: str = "",
    on_titles: Callable[[sqlite3.Connection], None] | None = None,
) -> None:
    """Read every section of every language and index it.

    A large folder is read by worker processes (one per core, at most
    MAX_WORKERS). ``on_titles``, if given, is first handed an index of the
    titles alone, to search while the text is being indexed.
    """
    keys = _keys(document)
    work = _work(document, keys)
    totals: dict[str, tuple[str, int]] = {}
    ids = document.manifest.ids()
    workers = _Workers(1 if stemmer is not None else _processes(len(work)), stemmer)
    try:
        if on_titles is not None:
            on_titles(_titles_index(document, workers, work))
        connection.executescript(_SCHEMA)
        # Segments are merged once, at the end ('optimize'), not while rows come in.
        connection.execute("INSERT INTO fts(fts, rank) VALUES ('automerge', 0)")
        with connection:
            chunks = max(workers.processes * 8, len(work) // CHUNK_FILES)
            for rows, found in workers.run(searchrows.index_files, work, chunks):
                _insert(connection, rows, document.languages, ids)
                _merge(totals, found)
            _add_vocabulary(connection, totals)
            connection.executemany(
                "INSERT INTO files VALUES (?, ?, ?)",
                (
                    (name, signature, keys.get(name))
                    for name, signature in (signatures or {}).items()
                ),
            )
            connection.executemany(
                "INSERT INTO meta VALUES (?, ?)",
                [
                    ("fingerprint", fingerprint),
                    ("schema", str(SCHEMA_VERSION)),
                    ("base", base),
                    ("stale", "0"),
                ],
            )
    finally:
        workers.close()
    connection.execute("INSERT INTO fts(fts) VALUES ('optimize')")
    connection.execute("INSERT INTO fts(fts, rank) VALUES ('automerge', 4)")  # for updates
    connection.commit()


def _update(path: Path, document: Document, base: str, signatures: dict[str, str]) -> bool:
    """Index again only the section files that changed; False if the whole must be rebuilt.

    A new manifest (sections added, moved, removed), another lexicon or schema
    changes the row keys or every row: then the index is built anew. A changed
    file's old row stays in the FTS table under its old key, which no section
    names any more (search skips it); when such rows pass MAX_STALE_SHARE of
    all, or a key its last generation, the index is built anew too.
    """
    connection = sqlite3.connect(path)
    try:
        meta = dict(connection.execute("SELECT key, value FROM meta"))
        if meta.get("base") != base or meta.get("schema") != str(SCHEMA_VERSION):
            return False
        stored = {
            name: (signature, key)
            for name, signature, key in connection.execute("SELECT name, signature, key FROM files")
        }
        changed = [
            name
            for name, signature in signatures.items()
            if stored.get(name, ("",))[0] != signature
        ]
        if not changed or "manifest" in changed:
            return False
        keys = {name: stored[name][1] for name in changed}
        indexed = {key for (key,) in connection.execute("SELECT key FROM sections")}
        stale = int(meta.get("stale", "0")) + sum(1 for key in keys.values() if key in indexed)
        if stale > MAX_STALE_SHARE * max(1, len(signatures) - 1):
            return False
        generations = [key % LANGUAGE_STRIDE // GENERATION_STRIDE for key in keys.values()]
        if max(generations) >= MAX_GENERATION:
            return False
        renewed = {name: key + GENERATION_STRIDE for name, key in keys.items()}
        paths = dict(_files(document))
        work = [(renewed[name], paths[name], *name.split("/", 1)[::-1]) for name in changed]
        rows, found = searchrows.index_files(work, searchrows.Words())
        totals: dict[str, tuple[str, int]] = {}
        _merge(totals, found)
        with connection:
            connection.executemany(
                "DELETE FROM sections WHERE key = ?", [(key,) for key in keys.values()]
            )
            _insert(connection, rows, document.languages, document.manifest.ids())
            _add_vocabulary(connection, totals)
            connection.executemany(
                "UPDATE files SET signature = ?, key = ? WHERE name = ?",
                [(signatures[name], renewed[name], name) for name in changed],
            )
            connection.executemany(
                "INSERT OR REPLACE INTO meta VALUES (?, ?)",
                [("fingerprint", _fingerprint(base, signatures)), ("stale", str(stale))],
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


def _clear_broken_builds(path: Path) -> None:
    """Remove what builds of ``path`` that were killed halfway left ("name.PID.THREAD.tmp").

    A build writes into such a file and renames it only when it is whole, so
    a killed one leaves no index, only this file.
    """
    for left in path.parent.glob(f"{path.name}.*.tmp"):
        pid = left.name[len(path.name) + 1 :].split(".", 1)[0]
        if sys.platform != "win32" and pid.isdigit():  # Windows: an open file stays
            try:
                os.kill(int(pid), 0)
                continue  # that process is still building it
            except ProcessLookupError:
                pass
            except OSError:
                continue
        with contextlib.suppress(OSError):
            left.unlink()


def connect(
    document: Document,
    folder: Path | None = None,
    *,
    in_memory: bool = False,
    on_titles: Callable[[sqlite3.Connection], None] | None = None,
):
    """The index of ``document``: prebuilt, cached, brought up to date, or built now.

    ``on_titles`` is handed an index of the titles alone first when the whole
    index has to be built (see fill_index).
    """
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
            _clear_broken_builds(path)
            temporary.unlink(missing_ok=True)
            building = sqlite3.connect(temporary)
            try:
                building.execute("PRAGMA journal_mode = OFF")
                building.execute("PRAGMA synchronous = OFF")
                fill_index(
                    building, document, fingerprint, None, signatures, base, on_titles=on_titles
                )
                on_titles = None  # given once
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
    fill_index(connection, document, fingerprint, None, signatures, base, on_titles=on_titles)
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
