"""Text sizes: the steps Ctrl+= and Ctrl+- walk, and the presentation size.

Sizes are in points. The steps grow faster as the type gets larger, the way
a person perceives a change in size; anything outside the bounds is refused.

Presentation type is sized from the screen, not from the reader's own size:
the column of text spans most of the screen's width at a comfortable measure,
so the type is as large on a 1366×768 projector as on a 4K one, relative to
the picture the room sees (``presentation_fit``). The presenter can still
make it a few steps larger or smaller (``presentation_scale``).
"""

from __future__ import annotations

__all__ = [
    "DEFAULT_SIZE",
    "MAX_SIZE",
    "MIN_SIZE",
    "STEPS",
    "larger",
    "presentation_fit",
    "presentation_scale",
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
# Presentation: the text column takes this share of the screen's width...
PRESENTATION_WIDTH_SHARE = 0.88
# ...and the screen holds at least this many lines (wide screens would hold fewer).
PRESENTATION_LINES = 13
PRESENTATION_MIN = float(DEFAULT_SIZE)  # never smaller than ordinary reading type
PRESENTATION_STEP = 1.12  # each Ctrl+= / Ctrl+- while presenting
PRESENTATION_STEPS = 5  # that many each way from the fitted size


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


def presentation_fit(
    width: float,
    height: float,
    measure: float,
    char_width: float,
    line_height: float,
) -> float:
    """The point size that fills a ``width`` × ``height`` screen with a ``measure`` column.

    ``char_width`` and ``line_height`` are the font's average character width
    and line spacing, in the same pixels as the screen, at one point; the
    result makes ``measure`` average characters take ``PRESENTATION_WIDTH_SHARE``
    of the width, unless that leaves fewer than ``PRESENTATION_LINES`` lines.
    """
    if min(width, height, measure, char_width, line_height) <= 0:
        return float(presentation_size(DEFAULT_SIZE))
    by_width = PRESENTATION_WIDTH_SHARE * width / (measure * char_width)
    by_height = height / (PRESENTATION_LINES * line_height)
    return round(max(PRESENTATION_MIN, min(by_width, by_height)), 1)


def presentation_scale(step: int) -> float:
    """How much larger than the fitted size ``step`` presses of Ctrl+= make it (or smaller)."""
    step = min(max(step, -PRESENTATION_STEPS), PRESENTATION_STEPS)
    return PRESENTATION_STEP**step
