"""A smaller ICU data library for the Linux bundle: a third of it was ICU's data.

PySide6's Qt links ICU, and ``libicudata.so.NN`` holds ICU's data for every
locale and every legacy codec (32 MB). Qt Core uses ICU only for case
mapping (data built into libicuuc), collation (``ucol_*``: QCollator, used
by file dialogs to sort names), time zone names (``ucal_*``) and legacy
codecs (``ucnv_*``); Qt keeps its own locale data. So the data library is
rebuilt with what those need for our languages: collation and zone names
for root and the document's languages, every non-locale table, and every
single-byte codec; dropped are other locales, break iterators, units,
currencies, language and region names, transliterators, spell-out rules and
the large East Asian codecs. A locale without data falls back to root.

The data is ICU's "common data" format (a header, a sorted table of
contents, then the items, each 16-byte aligned); the library is made with
binutils (objcopy, ld). Anything unexpected and the original is kept.
"""

from __future__ import annotations

import logging
import re
import shutil
import struct
import subprocess
import tempfile
from collections.abc import Iterable
from pathlib import Path

__all__ = ["item_wanted", "smaller_icu_library", "subset"]

log = logging.getLogger(__name__)

KEEP_FOLDERS = {"", "coll", "zone"}
LARGE_CODEC = 16 * 1024  # bytes: the multi-byte East Asian tables are 30 KB to 550 KB
_LOCALE = re.compile(r"^([a-z]{2,3}|root)(?:_|$)")
_ARCHITECTURES = {62: ("elf64-x86-64", "i386:x86-64"), 183: ("elf64-littleaarch64", "aarch64")}


def item_wanted(name: str, size: int, languages: Iterable[str]) -> bool:
    """Whether the data item ``name`` (``icudt73l/coll/ru.res``) stays."""
    parts = name.split("/")[1:]
    folder = "/".join(parts[:-1])
    stem, _, suffix = parts[-1].rpartition(".")
    if folder not in KEEP_FOLDERS:
        return False
    if suffix == "cnv":
        return size <= LARGE_CODEC
    locale = _LOCALE.match(stem)
    if suffix != "res" or locale is None or stem == "res_index":
        return True
    return locale.group(1) in {"root", *languages}


def _items(data: bytes) -> tuple[int, list[tuple[bytes, bytes]]]:
    header_size, magic1, magic2 = struct.unpack_from("<HBB", data, 0)
    if (magic1, magic2) != (0xDA, 0x27) or data[12:16] != b"CmnD" or data[8]:
        raise ValueError("not little-endian ICU common data")
    count = struct.unpack_from("<I", data, header_size)[0]
    table = [struct.unpack_from("<II", data, header_size + 4 + 8 * n) for n in range(count)]
    items = []
    for number, (name_at, data_at) in enumerate(table):
        name_start = header_size + name_at
        name = data[name_start : data.index(b"\0", name_start)]
        end = table[number + 1][1] if number + 1 < count else len(data) - header_size
        items.append((name, data[header_size + data_at : header_size + end]))
    return header_size, items


def subset(data: bytes, languages: Iterable[str]) -> bytes:
    """ICU common data with only the wanted items, in the same format."""
    languages = set(languages)
    header_size, items = _items(data)
    kept = [(n, d) for n, d in items if item_wanted(n.decode("ascii"), len(d), languages)]
    names = b"".join(name + b"\0" for name, _data in kept)
    table_size = 4 + 8 * len(kept)
    first = table_size + len(names)
    first += -(header_size + first) % 16
    entries, blobs, name_at, data_at = [], [], table_size, first
    for name, item in kept:
        entries.append(struct.pack("<II", name_at, data_at))
        padding = -(header_size + data_at + len(item)) % 16
        blobs.append(item + b"\0" * padding)
        name_at += len(name) + 1
        data_at += len(item) + padding
    toc = struct.pack("<I", len(kept)) + b"".join(entries) + names
    toc += b"\0" * (first - len(toc))
    return data[:header_size] + toc + b"".join(blobs)


def _elf_symbol(library: bytes, symbol: bytes) -> tuple[int, int, int]:
    """(file offset, size, e_machine) of a defined dynamic symbol of an ELF64 library."""
    if library[:4] != b"\x7fELF" or library[4] != 2 or library[5] != 1:
        raise ValueError("not a little-endian ELF64 file")
    machine = struct.unpack_from("<H", library, 18)[0]
    (shoff,) = struct.unpack_from("<Q", library, 40)
    shentsize, shnum = struct.unpack_from("<HH", library, 58)
    sections = [
        struct.unpack_from("<IIQQQQIIQQ", library, shoff + n * shentsize) for n in range(shnum)
    ]
    dynsym = next(s for s in sections if s[1] == 11)  # SHT_DYNSYM
    strings = sections[dynsym[6]]  # sh_link: its string table
    for at in range(dynsym[4], dynsym[4] + dynsym[5], dynsym[9]):
        name_at, _info, _other, index, value, size = struct.unpack_from("<IBBHQQ", library, at)
        start = strings[4] + name_at
        if index and library[start : library.index(b"\0", start)] == symbol:
            section = sections[index]
            return section[4] + value - section[3], size, machine
    raise ValueError(f"no symbol {symbol.decode()}")


def smaller_icu_library(source: Path, target: Path, languages: Iterable[str]) -> Path | None:
    """Write a smaller ``libicudata.so.NN`` to ``target``; None (and a warning) if it cannot."""
    found = re.match(r"libicudata\.so\.(\d+)", source.name)
    objcopy, ld = shutil.which("objcopy"), shutil.which("ld")
    if found is None or objcopy is None or ld is None:
        log.warning("ICU data kept whole: %s", "no objcopy/ld" if found else source.name)
        return None
    symbol = f"icudt{found.group(1)}_dat"
    try:
        library = source.read_bytes()
        offset, size, machine = _elf_symbol(library, symbol.encode())
        data = subset(library[offset : offset + size], languages)
        output, architecture = _ARCHITECTURES[machine]
        with tempfile.TemporaryDirectory(prefix="icudata-") as folder:
            blob, objects = Path(folder) / "icudata", Path(folder) / "icudata.o"
            blob.write_bytes(data)
            mangled = "_binary_" + re.sub(r"[^A-Za-z0-9]", "_", str(blob))
            subprocess.run(
                [
                    *(objcopy, "-I", "binary", "-O", output, "-B", architecture),
                    *("--rename-section", ".data=.rodata,alloc,load,readonly,data,contents"),
                    *("--set-section-alignment", ".rodata=16"),
                    *("--redefine-sym", f"{mangled}_start={symbol}"),
                    *("--strip-symbol", f"{mangled}_end", "--strip-symbol", f"{mangled}_size"),
                    *(str(blob), str(objects)),
                ],
                check=True,
                capture_output=True,
            )
            target.parent.mkdir(parents=True, exist_ok=True)
            subprocess.run(
                [
                    *(ld, "-shared", "-z", "noexecstack", "-soname", source.name),
                    *("-o", str(target), str(objects)),
                ],
                check=True,
                capture_output=True,
            )
    except (OSError, ValueError, KeyError, StopIteration, subprocess.CalledProcessError) as error:
        log.warning("ICU data kept whole: %s", error)
        return None
    log.info("ICU data: %d of %d bytes kept", len(data), size)
    return target
