"""Text size steps: up and down within bounds, and a larger size for presenting."""

import pytest

from reader import textsize


def test_steps_go_up_and_down_through_the_default():
    assert textsize.larger(textsize.DEFAULT_SIZE) == 14
    assert textsize.smaller(textsize.DEFAULT_SIZE) == 12
    assert textsize.smaller(textsize.larger(textsize.DEFAULT_SIZE)) == textsize.DEFAULT_SIZE


def test_sizes_stay_within_bounds():
    assert textsize.larger(textsize.MAX_SIZE) == textsize.MAX_SIZE
    assert textsize.smaller(textsize.MIN_SIZE) == textsize.MIN_SIZE
    assert textsize.valid_size(textsize.DEFAULT_SIZE)
    assert not textsize.valid_size(textsize.MAX_SIZE + 1)
    assert not textsize.valid_size(0)


def test_a_size_between_steps_goes_to_the_next_one():
    assert textsize.larger(15) == 16
    assert textsize.smaller(15) == 14


def test_presentation_type_is_half_as_large_again():
    assert textsize.presentation_size(13) == 20
    assert textsize.presentation_size(12) == 18
    assert textsize.presentation_size(textsize.MAX_SIZE) == textsize.MAX_SIZE
    assert textsize.presentation_size(13) in textsize.STEPS


def test_presentation_type_fills_the_width_at_the_measure():
    # A font 0.5 px wide and 1.2 px high per point; 70 characters a line.
    points = textsize.presentation_fit(1920, 1080, 70, 0.5, 1.2)
    column = 70 * 0.5 * points
    assert 0.8 * 1920 <= column <= 0.92 * 1920
    # Twice the pixels, twice the size: the room sees the same picture.
    assert textsize.presentation_fit(3840, 2160, 70, 0.5, 1.2) == pytest.approx(2 * points, abs=0.1)


def test_presentation_type_leaves_enough_lines_on_a_very_wide_screen():
    points = textsize.presentation_fit(3440, 1000, 70, 0.5, 1.2)
    assert 1000 / (1.2 * points) >= textsize.PRESENTATION_LINES


def test_presentation_type_is_never_smaller_than_reading_type():
    assert textsize.presentation_fit(400, 300, 70, 0.5, 1.2) >= textsize.DEFAULT_SIZE
    assert textsize.presentation_fit(0, 0, 70, 0.5, 1.2) > textsize.DEFAULT_SIZE


def test_presentation_steps_are_bounded_and_reversible():
    assert textsize.presentation_scale(0) == 1
    assert textsize.presentation_scale(1) > 1 > textsize.presentation_scale(-1)
    assert textsize.presentation_scale(99) == textsize.presentation_scale(
        textsize.PRESENTATION_STEPS
    )
