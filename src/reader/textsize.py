"""Text sizes: the steps Ctrl+= and Ctrl+- walk, and the presentation size.

Sizes are in points. The steps grow faster as the type gets larger, the way
a person perceives a change in size; anything outside the bounds is refused.
"""

from __future__ import annotations

__all__ = [
    "DEFAULT_SIZE",
    "MAX_SIZE",
    "MIN_SIZE",
    "STEPS",
    "larger",
    "presentation_size",
    "scaled",
    "smaller",
    "valid_size",
]

STEPS = (9, 10, 11, 12, 13, 14, 16, 18, 20, 22, 24, 28, 32, 36, 42, 48)
DEFAULT_SIZE = 13
MIN_SIZE = STEPS[0]
MAX_SIZE = STEPS[-1]
PRESENTATION_SCALE = 1.5


def valid_size(size: float) -> bool:
    return MIN_SIZE <= size <= MAX_SIZE


def larger(size: float) -> int:
    """The next step up; the largest stays the largest."""
    return next((step for step in STEPS if step > size), MAX_SIZE)


def smaller(size: float) -> int:
    """The next step down; the smallest stays the smallest."""
    return next((step for step in reversed(STEPS) if step < size), MIN_SIZE)


def presentation_size(size: float) -> int:
    """The step nearest to half as large again: type to read from across a room."""
    wanted = size * PRESENTATION_SCALE
    return min(STEPS, key=lambda step: (abs(step - wanted), -step))


def scaled(points: float, size: float) -> float:
    """``points`` at the default size, grown or shrunk in step with ``size``."""
    return round(points * size / DEFAULT_SIZE, 1)
