"""Text size steps: up and down within bounds, and a larger size for presenting."""

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
