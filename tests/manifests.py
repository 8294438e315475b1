"""A content folder's manifest.toml for tests: its sections, given as (id, parent) pairs."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path


def write_manifest_file(
    folder: Path, sections: Iterable[tuple[str, str | None]], titles: tuple[str, str]
) -> Path:
    """``folder``/manifest.toml, English and Russian, titled ``titles``; ``folder`` is returned."""
    en, ru = titles
    lines = [
        "[document]",
        'version = "1"',
        "edition = 2026-01-02",
        'languages = ["en", "ru"]',
        "[document.title]",
        f'en = "{en}"',
        f'ru = "{ru}"',
    ]
    for section_id, parent in sections:
        lines += ["[[sections]]", f'id = "{section_id}"']
        if parent:
            lines.append(f'parent = "{parent}"')
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "manifest.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder
