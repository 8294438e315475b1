"""Every theme is readable: WCAG AA contrast for text, 3:1 for the focus frame."""

import re

import pytest

from reader import textsize
from reader.render import STYLE_SHEET, style_sheet
from reader.themes import (
    DARK,
    LIGHT,
    SEPIA,
    THEME_CHOICES,
    THEMES,
    contrast_ratio,
    relative_luminance,
    resolve,
)


def test_contrast_ratio_matches_the_wcag_reference_values():
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("#ffffff", "#ffffff") == pytest.approx(1.0)
    # WCAG's own examples: #777777 on white just fails AA, #767676 just passes.
    assert contrast_ratio("#777777", "#ffffff") < 4.5 < contrast_ratio("#767676", "#ffffff")
    assert contrast_ratio("#1f2328", "#ffffff") == contrast_ratio("#ffffff", "#1f2328")


def test_relative_luminance_refuses_what_is_not_a_colour():
    with pytest.raises(ValueError):
        relative_luminance("red")
    assert relative_luminance("#FFFFFF") == pytest.approx(1.0)


@pytest.mark.parametrize("theme", list(THEMES.values()), ids=list(THEMES))
def test_every_text_colour_meets_wcag_aa(theme):
    for name, (foreground, background) in theme.text_pairs().items():
        ratio = contrast_ratio(foreground, background)
        assert ratio >= 4.5, f"{theme.name}: {name} {foreground} on {background} is {ratio:.2f}"


@pytest.mark.parametrize("theme", list(THEMES.values()), ids=list(THEMES))
def test_the_focus_frame_can_be_seen(theme):
    for name, (foreground, background) in theme.interface_pairs().items():
        ratio = contrast_ratio(foreground, background)
        assert ratio >= 3.0, f"{theme.name}: {name} is {ratio:.2f}"


def test_body_text_is_comfortably_above_the_minimum():
    # Long reading wants more than the minimum: AAA (7:1) for body text in each theme.
    for theme in THEMES.values():
        assert contrast_ratio(theme.text, theme.page) >= 7.0, theme.name


def test_themes_differ_where_a_reader_would_see_it():
    assert DARK.dark and not LIGHT.dark and not SEPIA.dark
    pages = {theme.page for theme in THEMES.values()}
    assert len(pages) == 3
    assert relative_luminance(DARK.page) < 0.05 < relative_luminance(SEPIA.page)


def test_follow_the_system_picks_light_or_dark():
    assert THEME_CHOICES == ("light", "dark", "sepia", "system")
    assert resolve("system", system_dark=True) is DARK
    assert resolve("system", system_dark=False) is LIGHT
    assert resolve("sepia", system_dark=True) is SEPIA
    assert resolve("no-such-theme") is LIGHT


def test_the_page_style_sheet_takes_the_theme_colours():
    sheet = style_sheet(DARK)
    for colour in (DARK.text, DARK.heading, DARK.link, DARK.muted, DARK.notice_back):
        assert colour in sheet
    assert LIGHT.text not in sheet
    assert style_sheet() == STYLE_SHEET


def test_the_page_style_sheet_grows_with_the_text_size():
    def h1_points(sheet: str) -> float:
        return float(re.search(r"h1 \{[^}]*font-size: ([\d.]+)pt", sheet).group(1))

    normal = h1_points(style_sheet(LIGHT, textsize.DEFAULT_SIZE))
    doubled = h1_points(style_sheet(LIGHT, textsize.DEFAULT_SIZE * 2))
    assert normal == 22
    assert doubled == pytest.approx(44)
