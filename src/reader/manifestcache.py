"""Manifests, parsed once: a big document opens as fast as a small one.

Parsing and checking the TOML of a 20,000-section manifest takes longer than
the rest of the start-up together, and even a small one makes the reader
load ``tomllib`` (a few milliseconds before the first frame); the result
depends only on the file's bytes. So a manifest that passed its checks is
kept, under a hash of those bytes (and of the reader's version), in the
user's cache folder, and read back with ``marshal``. Anything wrong with a
cached copy means parsing again.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import marshal
import os
from functools import partial
from pathlib import Path

from reader import __version__, resources
from reader.content import MANIFEST, MAX_MANIFEST_BYTES, Manifest, SectionEntry

__all__ = ["THRESHOLD", "cached_manifest", "store_manifest"]

log = logging.getLogger(__name__)

THRESHOLD = 0  # bytes: smaller manifests are always parsed (none: tomllib alone costs more)
FORMAT = 2
_new_entry = partial(tuple.__new__, SectionEntry)


def _raw(root: Path) -> bytes | None:
    path = root / MANIFEST
    try:
        if not path.is_file() or path.stat().st_size > MAX_MANIFEST_BYTES:
            return None  # read_manifest says what is wrong
        return path.read_bytes()
    except OSError:
        return None


def _cache_file(raw: bytes, folder: Path | None) -> Path:
    # hashlib's own blake2b: importing hashlib loads every hash module there is.
    from _blake2 import blake2b

    digest = blake2b(raw, digest_size=16)
    digest.update(f"{__version__}/{FORMAT}".encode())
    return (folder or resources.user_cache_dir()) / "manifests" / f"{digest.hexdigest()}.marshal"


def cached_manifest(root: Path, folder: Path | None = None) -> tuple[Manifest | None, bytes | None]:
    """(the cached manifest or None, the bytes it was looked up by: pass them on to store)."""
    raw = _raw(root)
    if raw is None or len(raw) < THRESHOLD:
        return None, None
    try:
        data = marshal.loads(_cache_file(raw, folder).read_bytes())
        version, edition, languages, titles, ids, parents, lines, children = data
        # Made in C, not by 20,000 calls of the NamedTuple's Python __new__.
        sections = list(map(_new_entry, zip(ids, parents, lines, strict=True)))
        manifest = Manifest(
            path=root / MANIFEST,
            version=version,
            edition=dt.date.fromordinal(edition),
            languages=tuple(languages),
            titles=dict(titles),
            sections=sections,
            _children={parent: list(below) for parent, below in children.items()},
            _entries=dict(zip(ids, sections, strict=True)),
        )
    except FileNotFoundError:
        return None, raw
    except (OSError, EOFError, ValueError, TypeError) as error:
        log.info("Ignoring the cached manifest of %s: %s", root, error)
        return None, raw
    return manifest, raw


def store_manifest(manifest: Manifest, raw: bytes | None, folder: Path | None = None) -> None:
    """Keep a checked manifest for next time (``raw``: from ``cached_manifest``)."""
    if raw is None:
        return
    sections = manifest.sections
    data = (
        manifest.version,
        manifest.edition.toordinal(),
        manifest.languages,
        manifest.titles,
        tuple(entry.id for entry in sections),
        tuple(entry.parent for entry in sections),
        tuple(entry.line for entry in sections),
        {parent: tuple(manifest.children(parent)) for parent in manifest.parents()},
    )
    import tempfile

    target = _cache_file(raw, folder)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=target.parent, delete=False) as handle:
            handle.write(marshal.dumps(data))
    except OSError as error:
        log.info("The manifest of %s is not cached: %s", manifest.path, error)
        return
    try:
        os.replace(handle.name, target)  # whole or not at all, even with two readers starting
    except OSError as error:
        log.info("The manifest of %s is not cached: %s", manifest.path, error)
        with contextlib.suppress(OSError):
            os.unlink(handle.name)
