"""Read Aloud, free of Qt: what is read, in what order, at what speed.

The window's Read Aloud (``reader.ui.readaloud``) speaks a section from its
Markdown source, not from the pane's HTML, so what is heard is what the
author wrote: the section's title when reading starts at its top, then each
block from the paragraph at the top of the view on, a list item by item.
Every utterance carries the index of its block (the pane's ``p-N`` anchor,
less one), which is how the view marks the paragraph being read. Reading the
whole document goes on with the next section in the order of the tree.
"""

from __future__ import annotations

from typing import NamedTuple

from reader.content import Manifest, Section
from reader.history import neighbour, reading_order
from reader.i18n import N_

__all__ = [
    "DEFAULT_SPEED",
    "SPEEDS",
    "TITLE",
    "Speed",
    "Utterance",
    "next_section",
    "section_utterances",
    "speed_named",
]

TITLE = -1  # the "paragraph" of a section's title: nothing to mark above the first block


class Utterance(NamedTuple):
    """One piece of text said in one go."""

    section_id: str
    paragraph: int  # the block's index in the section; TITLE for the title
    text: str


class Speed(NamedTuple):
    name: str  # stored in the settings
    label: str  # N_ marked; translated when shown
    rate: float  # QTextToSpeech's rate: -1.0 slowest, 0.0 the voice's own, 1.0 fastest


SPEEDS = (
    Speed("slow", N_("&Slow"), -0.35),
    Speed("normal", N_("&Normal"), 0.0),
    Speed("fast", N_("&Fast"), 0.3),
    Speed("faster", N_("F&aster"), 0.6),
)
DEFAULT_SPEED = "normal"


def speed_named(name: str) -> Speed:
    """The speed called ``name``; the normal one for a name not known."""
    for speed in SPEEDS:
        if speed.name == name:
            return speed
    return next(speed for speed in SPEEDS if speed.name == DEFAULT_SPEED)


def section_utterances(section: Section, start: int = 0) -> list[Utterance]:
    """What is said for ``section`` from block ``start`` on, in order.

    From the top (``start`` 0) the title comes first. A list is said item by
    item, each with its block's index, so each item ends with a pause. Blocks
    with no words (an image without a description) are skipped.
    """
    start = min(max(start, 0), len(section.blocks))
    said: list[Utterance] = []
    if start == 0 and section.title.strip():
        said.append(Utterance(section.id, TITLE, section.title.strip()))
    for index in range(start, len(section.blocks)):
        block = section.blocks[index]
        pieces = block.plain().split("\n") if block.kind in ("ul", "ol") else [block.plain()]
        said.extend(
            Utterance(section.id, index, " ".join(piece.split()))
            for piece in pieces
            if piece.strip()
        )
    return said


def next_section(manifest: Manifest, section_id: str) -> str | None:
    """The section after ``section_id`` in the tree's reading order; None after the last."""
    if section_id not in manifest.ids():
        return None
    return neighbour(reading_order(manifest), section_id, 1)
