"""What Read Aloud costs on disk: Reader's onedir and .deb, before and after it.

Read Aloud brings QtTextToSpeech, which links QtMultimedia, which links
QtNetwork and QtConcurrent, and their plugins; nothing else in the bundle
needs them (resources/packaging/trimming.py keeps them for speech alone). So
"before" is the bundle without those files, "after" the bundle as built.
For the .deb, the growth is those files packed as ``dpkg-deb -Zxz`` packs
them (a tar, xz at its default level), which is what they add to the
package. Stdlib only; ``run.py`` calls ``measure`` and ``markdown``.
"""

from __future__ import annotations

import io
import os
import re
import tarfile
from pathlib import Path

__all__ = ["AIMS", "SPEECH_FILE", "markdown", "measure", "speech_files"]

# Qt's speech library and what it links, their plugins, the Python binding.
SPEECH_FILE = re.compile(
    r"Qt6?(TextToSpeech|Multimedia|Network|Concurrent)\b|/plugins/(texttospeech|multimedia)/"
)
AIMS = {"onedir": 10e6, "deb": 4e6}  # growth, bytes


def speech_files(bundle: Path) -> list[Path]:
    return sorted(
        path
        for path in bundle.rglob("*")
        if not path.is_dir() and SPEECH_FILE.search("/" + path.relative_to(bundle).as_posix())
    )


def _tree_bytes(folder: Path) -> int:
    return sum(
        os.lstat(os.path.join(parent, name)).st_size
        for parent, _dirs, names in os.walk(folder)
        for name in names
    )


def _packed_bytes(bundle: Path, files: list[Path]) -> int:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:xz", preset=6) as archive:
        for path in files:
            archive.add(path, arcname=path.relative_to(bundle).as_posix(), recursive=False)
    return len(buffer.getvalue())


def measure(bundle: Path, deb: Path | None) -> dict | None:
    """Sizes with and without the speech files; None when the bundle has none."""
    files = speech_files(bundle)
    if not files:
        return None
    onedir = _tree_bytes(bundle)
    growth = sum(os.lstat(path).st_size for path in files)
    packed = _packed_bytes(bundle, files)
    deb_size = deb.stat().st_size if deb else None
    return {
        "files": [path.relative_to(bundle).as_posix() for path in files],
        "onedir_before": onedir - growth,
        "onedir_after": onedir,
        "deb_before": deb_size - packed if deb_size else None,
        "deb_after": deb_size,
        "deb_growth": packed,
    }


def _mb(value: float | None) -> str:
    return "–" if value is None else f"{value / 1e6:.1f} MB"


def markdown(result: dict | None) -> str:
    """The "Read Aloud" section of docs/performance.md."""
    if not result:
        return "\n## Read Aloud's size\n\nNot measured (no frozen build with speech).\n"
    rows = []
    for name, label in (("onedir", "onedir"), ("deb", ".deb")):
        before, after = result[f"{name}_before"], result[f"{name}_after"]
        growth = result["deb_growth"] if name == "deb" else after - before
        verdict = "met" if growth <= AIMS[name] else "MISSED"
        rows.append(
            f"| {label} | {_mb(before)} | {_mb(after)} | {_mb(growth)} "
            f"| ≤ {_mb(AIMS[name])}: {verdict} |"
        )
    names = sorted({Path(name).name for name in result["files"]})
    return "\n".join(
        [
            "",
            "## Read Aloud's size",
            "",
            "Reader without and with QtTextToSpeech and what it links (loaded on first use"
            " only: start-up does not load them).",
            "",
            "| | before | after | growth | aim |",
            "|---|---|---|---|---|",
            *rows,
            "",
            f"The speech files ({len(result['files'])}): " + ", ".join(names) + ".",
            "",
        ]
    )
