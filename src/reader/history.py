"""Where the reader has been, and which section comes next: plain Python.

``History`` is a browser's back/forward pair of stacks of positions. The
window tells it each time the reader leaves a section for another; going
back or forward hands over the position being left so the way back to it is
kept too.
"""

from __future__ import annotations

from typing import NamedTuple

from reader.content import Manifest

__all__ = ["History", "Position", "neighbour", "reading_order"]

HISTORY_LIMIT = 200


class Position(NamedTuple):
    """A place in the document: section, top paragraph, and how far into it."""

    section: str
    paragraph: int = 0
    fraction: float = 0.0


class History:
    """Back and forward through visited positions, newest last."""

    def __init__(self, limit: int = HISTORY_LIMIT) -> None:
        self._back: list[Position] = []
        self._forward: list[Position] = []
        self._limit = limit

    @property
    def can_go_back(self) -> bool:
        return bool(self._back)

    @property
    def can_go_forward(self) -> bool:
        return bool(self._forward)

    def back_list(self) -> list[Position]:
        return list(self._back)

    def forward_list(self) -> list[Position]:
        return list(self._forward)

    def visit(self, leaving: Position) -> None:
        """The reader moves on from ``leaving`` to a new place: forward is forgotten."""
        if not self._back or self._back[-1] != leaving:
            self._back.append(leaving)
        del self._back[: -self._limit]
        self._forward.clear()

    def back(self, current: Position) -> Position | None:
        if not self._back:
            return None
        self._forward.append(current)
        return self._back.pop()

    def forward(self, current: Position) -> Position | None:
        if not self._forward:
            return None
        self._back.append(current)
        return self._forward.pop()

    def clear(self) -> None:
        self._back.clear()
        self._forward.clear()


def reading_order(manifest: Manifest) -> list[str]:
    """Section ids as the tree shows them, top to bottom, each parent before its children."""
    order: list[str] = []

    def walk(parent: str | None) -> None:
        for child in manifest.children(parent):
            order.append(child)
            walk(child)

    walk(None)
    return order


def neighbour(order: list[str], section_id: str, step: int) -> str | None:
    """The section ``step`` places away in ``order``; None past either end."""
    if section_id not in order:
        return order[0] if order else None
    index = order.index(section_id) + step
    return order[index] if 0 <= index < len(order) else None
