"""Which sections the tree keeps while the reader types in the filter box.

A section stays if its title contains every word typed, in any case and
with ``ё`` read as ``е`` (Russian is often typed without it); its ancestors
stay too, so the match can be reached in the tree.
"""

from __future__ import annotations

from collections.abc import Callable

from reader.content import Manifest

__all__ = ["matching_sections", "normalize"]


def normalize(text: str) -> str:
    return " ".join(text.casefold().replace("ё", "е").split())


def matching_sections(
    manifest: Manifest, title_of: Callable[[str], str], query: str
) -> tuple[set[str], set[str]] | None:
    """(matches, shown): the sections whose title matches, and those to keep in the tree.

    None when the query is blank: nothing is filtered.
    """
    words = normalize(query).split()
    if not words:
        return None
    matches = set()
    for section_id in manifest.ids():
        title = normalize(title_of(section_id))
        if all(word in title for word in words):
            matches.add(section_id)
    shown = set()
    for section_id in matches:
        shown.update(manifest.path_to(section_id))
    return matches, shown
