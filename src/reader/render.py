"""Sections to HTML for the text pane (and later, print and PDF), free of Qt.

The HTML keeps to what QTextDocument understands. Every block carries an
anchor ``p-N`` (N counting from 1) so a view can find "paragraph N" in either
language; that is what keeps a reader's place when the language changes.
"""

from __future__ import annotations

import html
from pathlib import Path
from urllib.parse import quote

from reader.content import Document, Section, split_link
from reader.markdown import render_inline

__all__ = ["SECTION_SCHEME", "classify_link", "paragraph_anchor", "render_section"]

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
    placeholder = f'<span class="image-missing">[{html.escape(alt or src)}]</span>'
    if "://" in src or src.startswith(("//", "data:", "javascript:", "file:")) or not src:
        return placeholder
    root = document.root.resolve()
    candidate = (section.path.parent / src).resolve()
    if not candidate.is_relative_to(root) or not candidate.is_file():
        return placeholder
    return f'<img src="{html.escape(candidate.as_uri())}" alt="{html.escape(alt)}">'


def render_section(
    document: Document,
    section: Section,
    notice: str | None = None,
    breadcrumb: list[str] | None = None,
) -> str:
    """The HTML body of one section."""
    current = section.id

    def link_href(target: str) -> str | None:
        kind = classify_link(target, document)
        if kind == "external":
            return target.strip()
        if kind == "section":
            section_id, fragment = split_link(target)
            href = f"{SECTION_SCHEME}:{quote(section_id or current)}"
            return f"{href}#{quote(fragment)}" if fragment else href
        return None

    def image_html(src: str, alt: str) -> str:
        return _image_html(src, alt, section, document)

    parts: list[str] = ["<html><body>"]
    if breadcrumb:
        trail = " › ".join(html.escape(step) for step in breadcrumb)
        parts.append(f'<p class="breadcrumb">{trail}</p>')
    if notice:
        parts.append(f'<p class="notice">{html.escape(notice)}</p>')
    parts.append(f"<h1>{html.escape(section.title)}</h1>")
    for index, block in enumerate(section.blocks):
        anchor = f'<a name="{paragraph_anchor(index)}"></a>'
        if block.kind in ("ul", "ol"):
            items = "".join(
                f"<li>{anchor if n == 0 else ''}{render_inline(item, link_href, image_html)}</li>"
                for n, item in enumerate(block.items())
            )
            parts.append(f"<{block.kind}>{items}</{block.kind}>")
        else:
            tag = block.kind
            body = render_inline(block.text, link_href, image_html)
            parts.append(f"<{tag}>{anchor}{body}</{tag}>")
    parts.append("</body></html>")
    return "\n".join(parts)


def local_file_allowed(path: Path, document: Document) -> bool:
    """Whether a ``file:`` resource may be shown: only from inside the content folder."""
    try:
        return path.resolve().is_relative_to(document.root.resolve())
    except OSError:
        return False


# QTextDocument's CSS subset: families are the bundled PT fonts.
STYLE_SHEET = """
body { font-family: 'PT Serif'; line-height: 145%; color: #1f2328; }
p { margin-top: 0; margin-bottom: 12px; line-height: 145%; }
li { line-height: 145%; }
h1 { font-family: 'PT Sans'; font-size: 22pt; font-weight: bold; color: #1b365d;
     margin-top: 4px; margin-bottom: 18px; line-height: 120%; }
h2 { font-family: 'PT Sans'; font-size: 17pt; font-weight: bold; color: #1b365d;
     margin-top: 18px; margin-bottom: 10px; }
h3, h4, h5, h6 { font-family: 'PT Sans'; font-weight: bold; color: #1b365d;
     margin-top: 14px; margin-bottom: 8px; }
a { color: #1d5fa8; text-decoration: underline; }
code { font-family: monospace; }
p.breadcrumb { font-family: 'PT Sans'; font-size: 10pt; color: #57606a; margin-bottom: 6px; }
p.notice { font-family: 'PT Sans'; background-color: #fff4ce; color: #4d3800;
     padding: 8px; margin-bottom: 14px; }
span.image-missing { font-family: 'PT Sans'; color: #57606a; font-style: italic; }
"""


def render_failure(message: str, detail: str) -> str:
    """What the pane shows when a section cannot be read in any language."""
    return (
        f'<html><body><p class="notice">{html.escape(message)}</p>'
        f"<p><code>{html.escape(detail)}</code></p></body></html>"
    )
