"""Sections to HTML for the text pane (and later, print and PDF), free of Qt.

The HTML keeps to what QTextDocument understands. Every block carries an
anchor ``p-N`` (N counting from 1) so a view can find "paragraph N" in either
language; that is what keeps a reader's place when the language changes.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

from reader import hyphenation
from reader.content import Document, Section, split_link
from reader.markdown import escape_html, render_inline
from reader.textsize import DEFAULT_SIZE, scaled
from reader.themes import LIGHT, Theme
from reader.typography import typeset

__all__ = [
    "LINE_HEIGHT",
    "SECTION_SCHEME",
    "classify_link",
    "first_screen",
    "heading_html",
    "paragraph_anchor",
    "render_blocks",
    "render_section",
    "style_sheet",
]

SECTION_SCHEME = "section"
EXTERNAL_SCHEMES = ("http://", "https://", "mailto:")


def paragraph_anchor(index: int) -> str:
    """Anchor name of the 0-based block ``index``."""
    return f"p-{index + 1}"


def classify_link(target: str, document: Document) -> str:
    """``"section"``, ``"external"`` or ``"refused"`` for a Markdown link target."""
    lowered = target.strip().lower()
    if lowered.startswith(EXTERNAL_SCHEMES):
        return "external"
    if ":" in lowered.split("#", 1)[0] or lowered.startswith("//"):
        return "refused"
    section_id, _ = split_link(target)
    if not section_id or document.manifest.entry(section_id) is not None:
        return "section"
    return "refused"


def _image_html(src: str, alt: str, section: Section, document: Document) -> str:
    """Local images inside the content folder only; anything else is its alt text."""
    placeholder = f'<span class="image-missing">[{escape_html(alt or src)}]</span>'
    if "://" in src or src.startswith(("//", "data:", "javascript:", "file:")) or not src:
        return placeholder
    root = document.root.resolve()
    try:
        candidate = (section.path.parent / src).resolve()
        if not candidate.is_relative_to(root) or not candidate.is_file():
            return placeholder
    except (OSError, RuntimeError, ValueError):  # a symlink loop, a NUL in the name
        return placeholder
    return f'<img src="{escape_html(candidate.as_uri())}" alt="{escape_html(alt)}">'


def render_section(
    document: Document,
    section: Section,
    notice: str | None = None,
    breadcrumb: list[str] | None = None,
    hyphenate: bool | None = None,
) -> str:
    """The HTML body of one section.

    ``hyphenate`` None: in the window, with the breaks known without waiting
    (see ``reader.hyphenation.never_wait``); elsewhere only if the dictionaries
    are loaded already.
    """
    current = section.id
    if hyphenate is None:
        hyphenate = hyphenation.ready() or not hyphenation.waits()

    def link_href(target: str) -> str | None:
        kind = classify_link(target, document)
        if kind == "external":
            return target.strip()
        if kind == "section":
            section_id, fragment = split_link(target)
            href = f"{SECTION_SCHEME}:{quote(section_id or current)}"
            return f"{href}#{quote(fragment)}" if fragment else href
        return None

    parts: list[str] = ["<html><body>"]
    if breadcrumb:
        trail = " › ".join(heading_html(step, section.language) for step in breadcrumb)
        parts.append(f'<p class="breadcrumb">{trail}</p>')
    if notice:
        parts.append(f'<p class="notice">{escape_html(notice)}</p>')
    parts.append(f"<h1>{heading_html(section.title, section.language)}</h1>")
    parts.extend(render_blocks(document, section, link_href, hyphenate))
    parts.append("</body></html>")
    return "\n".join(parts)


def first_screen(section: Section, start: int, characters: int, fraction: float = 0.0) -> Section:
    """``section`` cut after the blocks that fill about ``characters`` below its place.

    The place is block ``start``, ``fraction`` of the way into it. The window
    opens on a long section by drawing only what its first screen can show:
    typesetting and laying out the rest waits until that screen is up
    (reader.ui.mainwindow). A block counts as long as its source text (a
    picture in it as no more: a small one must not end the page); the part
    of block ``start`` above the place does not count; one block at least is
    kept from ``start``.
    """
    blocks = section.blocks
    if not 0 <= start < len(blocks):
        return section
    end, filled = start, -int(fraction * len(blocks[start].text))
    while end < len(blocks) and (end <= start or filled < characters):
        filled += len(blocks[end].text)
        end += 1
    return section if end >= len(blocks) else section._replace(blocks=blocks[:end])


def heading_html(title: str, language: str) -> str:
    """A title escaped and set with no-break spaces; headings are never hyphenated."""
    return typeset(escape_html(title, quote=False), language, hyphenate=False)


def render_blocks(
    document: Document,
    section: Section,
    link_href: Callable[[str], str | None],
    hyphenate: bool = True,
) -> list[str]:
    """One HTML fragment per block, each with its ``p-N`` anchor, typeset for its language.

    Print and PDF share this with the pane; ``link_href`` decides what a link
    becomes there (None keeps only its text). Sub-headings are never hyphenated.
    """
    language = section.language

    def image_html(src: str, alt: str) -> str:
        return _image_html(src, alt, section, document)

    parts: list[str] = []
    for index, block in enumerate(section.blocks):
        anchor = f'<a name="{paragraph_anchor(index)}"></a>'
        if block.kind in ("ul", "ol"):
            items = "".join(
                f"<li>{anchor if n == 0 else ''}"
                f"{typeset(render_inline(item, link_href, image_html), language, hyphenate)}</li>"
                for n, item in enumerate(block.items())
            )
            parts.append(f"<{block.kind}>{items}</{block.kind}>")
        else:
            tag = block.kind
            body = typeset(
                render_inline(block.text, link_href, image_html),
                language,
                hyphenate and not tag.startswith("h"),
            )
            parts.append(f"<{tag}>{anchor}{body}</{tag}>")
    return parts


def local_file_allowed(path: Path, document: Document) -> bool:
    """Whether a ``file:`` resource may be shown: only from inside the content folder."""
    try:
        return path.resolve().is_relative_to(document.root.resolve())
    except (OSError, RuntimeError, ValueError):
        return False


LINE_HEIGHT = 145  # percent of the font's line spacing, in the text's paragraphs
# QTextDocument's CSS subset: families are the bundled PT fonts. Sizes are
# given for the default text size and grow with it; colours come from the theme.
_STYLE_TEMPLATE = """
body {{ font-family: 'PT Serif'; line-height: {line}%; color: {text}; }}
p {{ margin-top: 0; margin-bottom: {gap}px; line-height: {line}%; text-align: {align}; }}
li {{ line-height: {line}%; text-align: {align}; }}
h1 {{ font-family: 'PT Sans'; font-size: {h1}pt; font-weight: bold; color: {heading};
     margin-top: 4px; margin-bottom: {h1_gap}px; line-height: 120%; }}
h2 {{ font-family: 'PT Sans'; font-size: {h2}pt; font-weight: bold; color: {heading};
     margin-top: {h2_top}px; margin-bottom: {h2_gap}px; }}
h3, h4, h5, h6 {{ font-family: 'PT Sans'; font-weight: bold; color: {heading};
     margin-top: {h3_top}px; margin-bottom: {h3_gap}px; }}
a {{ color: {link}; text-decoration: underline; }}
code {{ font-family: monospace; }}
p.breadcrumb {{ font-family: 'PT Sans'; text-align: left; font-size: {small}pt; color: {muted};
     margin-bottom: {crumb_gap}px; }}
p.notice {{ font-family: 'PT Sans'; background-color: {notice_back}; color: {notice_text};
     padding: {pad}px; margin-bottom: {notice_gap}px; }}
span.image-missing {{ font-family: 'PT Sans'; color: {muted}; font-style: italic; }}
"""


def style_sheet(theme: Theme = LIGHT, size: float = DEFAULT_SIZE, justify: bool = False) -> str:
    """The pane's document style sheet for a theme, a body text size in points, an alignment."""

    def px(value: float) -> int:
        return round(scaled(value, size))

    return _STYLE_TEMPLATE.format(
        line=LINE_HEIGHT,
        align="justify" if justify else "left",
        text=theme.text,
        heading=theme.heading,
        link=theme.link,
        muted=theme.muted,
        notice_back=theme.notice_back,
        notice_text=theme.notice_text,
        h1=scaled(22, size),
        h2=scaled(17, size),
        small=scaled(10, size),
        gap=px(12),
        h1_gap=px(18),
        h2_top=px(18),
        h2_gap=px(10),
        h3_top=px(14),
        h3_gap=px(8),
        crumb_gap=px(6),
        pad=px(8),
        notice_gap=px(14),
    )


STYLE_SHEET = style_sheet()


def render_failure(
    message: str,
    detail: str,
    title: str | None = None,
    breadcrumb: list[str] | None = None,
) -> str:
    """What the pane shows when a section cannot be read in any language.

    ``detail`` holds one ``path:line: problem`` per line, for whoever fixes it.
    """
    parts = ["<html><body>"]
    if breadcrumb:
        trail = " › ".join(escape_html(step) for step in breadcrumb)
        parts.append(f'<p class="breadcrumb">{trail}</p>')
    if title:
        parts.append(f"<h1>{escape_html(title)}</h1>")
    parts.append(f'<p class="notice">{escape_html(message)}</p>')
    parts.extend(f"<p><code>{escape_html(line)}</code></p>" for line in detail.splitlines())
    parts.append("</body></html>")
    return "\n".join(parts)
