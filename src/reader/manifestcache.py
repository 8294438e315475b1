"""Manifests parsed once: a big document opens as fast as a small one.

Parsing and checking the TOML of a 20,000-section manifest takes longer than
the rest of the start-up together, and its result depends only on the
file's bytes. So a manifest of more than ``THRESHOLD`` bytes that passed its
checks is kept as plain data, under a checksum of those bytes (and of the
reader's version), in the user's cache folder, and read back with
``marshal``. The bundled document's is made when the package is built
(reader.searchbuild) and shipped in the same form (``PREBUILT``): a start
then loads no TOML parser, and a fresh installation writes nothing. This
module only stores and finds the data: reader.content checks what comes
back exactly as it checks a parsed manifest, and parses again when anything
is wrong with it.
"""

from __future__ import annotations

import contextlib
import logging
import marshal
import os
import zlib
from pathlib import Path
from typing import Any

from reader import __version__, resources

__all__ = ["THRESHOLD", "lookup", "manifest_bytes", "should_store", "store"]

log = logging.getLogger(__name__)

# Bytes. A small manifest is parsed every time: caching it would write into the
# user's cache for the bundled document, which a fresh installation must not
# need (see tests/test_packaging.py); its parse costs a few milliseconds.
THRESHOLD = 64 * 1024
KEPT = 8  # cache files: the manifests of the last few documents opened, or edits
FORMAT = 2  # 2: named by CRC-32, parents by their ids' own strings


def manifest_bytes(path: Path, limit: int) -> bytes | None:
    """The manifest's bytes (None if it cannot or must not be read: read_manifest says why)."""
    try:
        if not path.is_file() or path.stat().st_size > limit:
            return None
        raw = path.read_bytes()
    except OSError:
        return None
    return raw if len(raw) <= limit else None


def _cache_name(raw: bytes) -> str:
    """The manifest's file in a cache: its CRC-32 and length, and the reader's version.

    A checksum, not a cryptographic hash (blake2b took 1 ms of a 20,000-section
    start): the name only has to change when the manifest is edited, and
    what is found under it is checked as a parsed manifest is. Two versions
    of a manifest of one length with one CRC would show the other's tree,
    never a broken one.
    """
    crc = zlib.crc32(f"{__version__}/{FORMAT}".encode(), zlib.crc32(raw))
    return f"{crc:08x}-{len(raw):x}.marshal"


def lookup(raw: bytes, folder: Path | None = None) -> object:
    """The data stored for a manifest with these bytes, or None. Not checked: see above.

    The bundle's own first, then (for a large manifest) the user's cache.
    """
    places = [resources.prebuilt_manifests_dir()]
    if len(raw) >= THRESHOLD:
        places.append((folder or resources.user_cache_dir()) / "manifests")
    name = _cache_name(raw)  # hashed once: 1 ms for 20,000 sections' manifest
    for place in places:
        try:
            data = marshal.loads((place / name).read_bytes())
        except FileNotFoundError:
            continue
        except (OSError, EOFError, ValueError, TypeError) as error:
            log.info("Ignoring a damaged manifest cache file: %s", error)
            continue
        if place is not places[0]:  # the user's: used now, so among the last forgotten
            with contextlib.suppress(OSError):
                os.utime(place / name)
        return data
    return None


def should_store(raw: bytes) -> bool:
    """A small manifest is parsed every time: caching it would write to the user's cache."""
    return len(raw) >= THRESHOLD


def store(raw: bytes, data: tuple[Any, ...], folder: Path | None = None) -> None:
    """Keep a checked manifest's data (plain tuples, strings, numbers) for next time."""
    import tempfile

    target = (folder or resources.user_cache_dir()) / "manifests" / _cache_name(raw)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=target.parent, delete=False) as handle:
            handle.write(marshal.dumps(data))
    except (OSError, ValueError) as error:
        log.info("The manifest is not cached: %s", error)
        return
    try:
        os.replace(handle.name, target)  # whole or not at all, even with two readers starting
    except OSError as error:
        log.info("The manifest is not cached: %s", error)
        with contextlib.suppress(OSError):
            os.unlink(handle.name)
        return
    _forget_all_but_newest(target)


def _forget_all_but_newest(stored: Path) -> None:
    """Each edit of a manifest is cached anew: only the ``KEPT`` last used files stay.

    ``stored``, just written, stays whatever the clock says (a coarse one may
    give several files one time).
    """
    try:
        files = [path for path in stored.parent.glob("*.marshal") if path != stored]
        files.sort(key=lambda path: path.stat().st_mtime_ns)
        for old in files[: max(len(files) - (KEPT - 1), 0)]:
            old.unlink()
    except OSError as error:  # another reader forgetting them meanwhile
        log.info("Old manifest cache files not removed: %s", error)
