"""Colour themes as data, and the WCAG contrast check they are held to.

A theme colours both the page (given to the document style sheet by
``reader.render``) and the window around it (turned into a QPalette by
``reader.ui.theming``). Every text colour is paired here with the background
it is drawn on, so a test can hold each pair to WCAG AA: 4.5:1 for text, 3:1
for the focus frame and other parts of the interface.
"""

from __future__ import annotations

from typing import NamedTuple

__all__ = [
    "DARK",
    "LIGHT",
    "SEPIA",
    "SYSTEM",
    "THEMES",
    "THEME_CHOICES",
    "Theme",
    "contrast_ratio",
    "relative_luminance",
    "resolve",
]

SYSTEM = "system"
TEXT_CONTRAST = 4.5
INTERFACE_CONTRAST = 3.0


class Theme(NamedTuple):
    """Every colour one theme uses, as ``#rrggbb``.

    A NamedTuple rather than a dataclass: the themes are defined at every
    start, and a NamedTuple class is made in a fraction of the time.
    """

    name: str
    dark: bool
    # The page: the text pane and its document.
    page: str
    text: str
    heading: str
    link: str
    muted: str
    notice_back: str
    notice_text: str
    # The window around it: palette roles of the same name.
    window: str
    window_text: str
    base: str
    alternate_base: str
    button: str
    button_text: str
    highlight: str
    highlighted_text: str
    inactive_highlight: str
    placeholder: str
    disabled_text: str
    tooltip_base: str
    tooltip_text: str
    border: str
    focus: str

    def text_pairs(self) -> dict[str, tuple[str, str]]:
        """Each text colour with the background it is read on."""
        return {
            "body text": (self.text, self.page),
            "headings": (self.heading, self.page),
            "links": (self.link, self.page),
            "breadcrumb": (self.muted, self.page),
            "notice": (self.notice_text, self.notice_back),
            "window text": (self.window_text, self.window),
            "tree text": (self.text, self.base),
            "buttons": (self.button_text, self.button),
            "selection": (self.highlighted_text, self.highlight),
            "unfocused selection": (self.text, self.inactive_highlight),
            "placeholder": (self.placeholder, self.base),
            "tooltips": (self.tooltip_text, self.tooltip_base),
        }

    def interface_pairs(self) -> dict[str, tuple[str, str]]:
        """Parts one must see but not read: the focus frame on each background."""
        return {
            "focus frame on the page": (self.focus, self.page),
            "focus frame on the window": (self.focus, self.window),
        }

    def colours(self) -> dict[str, str]:
        kinds = Theme.__annotations__
        return {name: getattr(self, name) for name in self._fields if kinds[name] == "str"}


LIGHT = Theme(
    name="light",
    dark=False,
    page="#ffffff",
    text="#1f2328",
    heading="#1b365d",
    link="#1d5fa8",
    muted="#57606a",
    notice_back="#fff4ce",
    notice_text="#4d3800",
    window="#eff1f3",
    window_text="#1f2328",
    base="#ffffff",
    alternate_base="#f6f8fa",
    button="#e4e7eb",
    button_text="#1f2328",
    highlight="#1d5fa8",
    highlighted_text="#ffffff",
    inactive_highlight="#d5dbe2",
    placeholder="#5f6770",
    disabled_text="#8c959f",
    tooltip_base="#1f2328",
    tooltip_text="#f6f8fa",
    border="#c4c9cf",
    focus="#1d5fa8",
)

DARK = Theme(
    name="dark",
    dark=True,
    page="#1c1e21",
    text="#e4e6e9",
    heading="#a9c9f5",
    link="#8cb8f7",
    muted="#a3abb5",
    notice_back="#3b3420",
    notice_text="#f3dd9a",
    window="#26292d",
    window_text="#e4e6e9",
    base="#1c1e21",
    alternate_base="#23262a",
    button="#33373c",
    button_text="#e4e6e9",
    highlight="#3f6ea8",
    highlighted_text="#ffffff",
    inactive_highlight="#3a3f46",
    placeholder="#9aa2ac",
    disabled_text="#6c737c",
    tooltip_base="#e4e6e9",
    tooltip_text="#1c1e21",
    border="#464b52",
    focus="#6fa6ee",
)

SEPIA = Theme(
    name="sepia",
    dark=False,
    page="#f5ecd7",
    text="#3a2d20",
    heading="#5b3a16",
    link="#7a3f0c",
    muted="#6a5640",
    notice_back="#e9d6a8",
    notice_text="#44310c",
    window="#eadfc4",
    window_text="#3a2d20",
    base="#f5ecd7",
    alternate_base="#efe4c9",
    button="#e0d2b0",
    button_text="#3a2d20",
    highlight="#8a5a2b",
    highlighted_text="#ffffff",
    inactive_highlight="#dccaa2",
    placeholder="#6d5a44",
    disabled_text="#a08f77",
    tooltip_base="#3a2d20",
    tooltip_text="#f5ecd7",
    border="#c9b790",
    focus="#8a5a2b",
)

THEMES: dict[str, Theme] = {theme.name: theme for theme in (LIGHT, DARK, SEPIA)}
THEME_CHOICES = (*THEMES, SYSTEM)


def resolve(choice: str, system_dark: bool = False) -> Theme:
    """The theme to draw with: ``"system"`` follows the desktop's light or dark."""
    if choice == SYSTEM:
        return DARK if system_dark else LIGHT
    return THEMES.get(choice, LIGHT)


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def relative_luminance(colour: str) -> float:
    """WCAG 2 relative luminance of ``#rrggbb``: 0 for black, 1 for white."""
    value = colour.lstrip("#")
    if len(value) != 6:
        raise ValueError(f"not a #rrggbb colour: {colour!r}")
    red, green, blue = (int(value[i : i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * _channel(red) + 0.7152 * _channel(green) + 0.0722 * _channel(blue)


def contrast_ratio(foreground: str, background: str) -> float:
    """WCAG 2 contrast ratio, from 1 (none) to 21 (black on white)."""
    lighter, darker = sorted(
        (relative_luminance(foreground), relative_luminance(background)), reverse=True
    )
    return (lighter + 0.05) / (darker + 0.05)
