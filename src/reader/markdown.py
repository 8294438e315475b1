"""A small, safe Markdown dialect for section files.

Content editors write plain Markdown; the reader must never execute or fetch
anything because of it, so this module only knows a handful of constructs and
escapes everything else (raw HTML is shown as text, not interpreted).

Block structure: the first line is ``# Title``; then blocks separated by blank
lines. Every block (paragraph, sub-heading or list) is one "paragraph" for the
rule that keeps the languages aligned. (Links and blocks are NamedTuples, as
in ``reader.content``: their classes are made at every start.)
"""

from __future__ import annotations

import re
from typing import NamedTuple

__all__ = [
    "Block",
    "Link",
    "ParsedSection",
    "escape_html",
    "parse_section",
    "plain_as_rich_text",
    "plain_inline",
    "render_inline",
    "split_lines",
]

# Every pattern here scans forward to the next delimiter at most, never to the
# end of the text and back: a hand-edited file full of ``[`` or ``*`` must not
# take minutes to show (tests/test_robustness.py times the worst cases).
_HEADING_START = re.compile(r"^(#{1,6})\s+(.*)$")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
# [text](target) and ![alt](src); no brackets in the text, no spaces or
# parentheses in the target.
_LINK = re.compile(r"(!?)\[([^\[\]]*)\]\(([^()\s]*)\)")
_STRONG = re.compile(r"\*\*(.+?)\*\*")
_EMPH_STAR = re.compile(r"(?<![\w*])\*(?![\s*])([^*]+?)(?<!\s)\*(?![\w*])")
_EMPH_UNDERSCORE = re.compile(r"(?<![\w_])_(?![\s_])([^_]+?)(?<!\s)_(?![\w_])")
_CODE = re.compile(r"`([^`]+)`")
LONG_WORD = 80
_LONG_RUN = re.compile(rf"[^\s<>&;]{{{LONG_WORD}}}(?=[^\s<>&;])")
_TAG_OR_TEXT = re.compile(r"(<[^>]*>)|([^<]+)")
_ESCAPE = re.compile(r"\\([\\`*_\[\]()#+\-.!])")


def escape_html(text: str, quote: bool = True) -> str:
    """What ``html.escape`` does; ``import html`` would load 2,000 named entities at start-up."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if quote:
        text = text.replace('"', "&quot;").replace("'", "&#x27;")
    return text


def plain_as_rich_text(text: str) -> str:
    """Text that Qt shows exactly as written where it guesses the format (tool tips).

    A tool tip that looks like HTML is shown as HTML: a section titled
    ``<b>x</b>`` would turn bold. Escaped inside ``<qt>``, it reads as typed.
    """
    return "<qt>" + escape_html(text, quote=False).replace("\n", "<br>") + "</qt>"


class Link(NamedTuple):
    """A link or image found in a block, with the line it stands on."""

    target: str
    text: str
    line: int
    image: bool = False


class Block(NamedTuple):
    """One paragraph-level unit of a section."""

    kind: str  # "p", "h2".."h6", "ul", "ol"
    lines: tuple[str, ...]
    line: int  # 1-based line number of the block's first line in the file

    @property
    def text(self) -> str:
        """The block's source text, lines joined as Markdown joins them."""
        if self.kind in ("ul", "ol"):
            return "\n".join(self.lines)
        return " ".join(s.strip() for s in self.lines)

    def items(self) -> list[str]:
        """List items of a list block (continuation lines are joined)."""
        items: list[str] = []
        for raw in self.lines:
            if _LIST_ITEM.match(raw):
                items.append(_LIST_ITEM.sub("", raw, count=1).strip())
            elif items:
                items[-1] += " " + raw.strip()
        return items

    def plain(self) -> str:
        """The text a reader sees, without markup."""
        if self.kind in ("ul", "ol"):
            return "\n".join(plain_inline(item) for item in self.items())
        return plain_inline(self.text)


class ParsedSection:
    """A section file's title, where it stands, its blocks and its links.

    A plain class: the dataclass machinery costs the window's start-up a
    millisecond it has no use for (see docs/performance.md).
    """

    __slots__ = ("blocks", "links", "title", "title_line")

    def __init__(self, title: str | None, title_line: int) -> None:
        self.title = title
        self.title_line = title_line
        self.blocks: list[Block] = []
        self.links: list[Link] = []


def _heading(line: str) -> tuple[int, str] | None:
    """``(level, text)`` of an ATX heading line, closing ``#``s removed."""
    match = _HEADING_START.match(line)
    if match is None:
        return None
    text = match.group(2).strip()
    closed = text.rstrip("#")
    if not closed:
        text = ""
    elif closed != text and closed[-1].isspace():
        text = closed.rstrip()
    return len(match.group(1)), text


_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def split_lines(text: str) -> list[str]:
    """Lines as an editor numbers them: only \\n, \\r\\n and \\r end a line.

    ``str.splitlines`` also breaks at U+2028, form feeds and other separators,
    and the line numbers in messages then point below the line at fault.
    """
    lines = _LINE_BREAK.split(text)
    return lines[:-1] if lines and not lines[-1] else lines


def parse_section(text: str) -> ParsedSection:
    """Split a section file into its title and blocks."""
    lines = split_lines(text)
    title: str | None = None
    title_line = 0
    index = 0
    while index < len(lines) and not lines[index].strip():
        index += 1
    if index < len(lines):
        heading = _heading(lines[index])
        if heading and heading[0] == 1:
            title = heading[1]
            title_line = index + 1
            index += 1

    parsed = ParsedSection(title=title, title_line=title_line)
    current: list[str] = []
    start = 0

    def flush() -> None:
        if not current:
            return
        first = current[0]
        heading = _heading(first) if len(current) == 1 else None
        if heading:
            block = Block(f"h{max(2, heading[0])}", (heading[1],), start)
        elif _LIST_ITEM.match(first):
            ordered = first.lstrip()[0] not in "-*+"
            block = Block("ol" if ordered else "ul", tuple(current), start)
        else:
            block = Block("p", tuple(current), start)
        parsed.blocks.append(block)
        for offset, raw in enumerate(block.lines):
            for match in _LINK.finditer(raw):
                parsed.links.append(
                    Link(match.group(3), match.group(2), start + offset, bool(match.group(1)))
                )
        current.clear()

    for number, raw in enumerate(lines[index:], start=index + 1):
        if raw.strip():
            if not current:
                start = number
            current.append(raw)
        else:
            flush()
    flush()
    return parsed


def _protect(text: str) -> tuple[str, list[str]]:
    """Replace backslash escapes by placeholders so no rule touches them."""
    kept: list[str] = []
    text = text.replace("\x00", "\ufffd")  # the placeholders' own marker

    def keep(match: re.Match[str]) -> str:
        kept.append(match.group(1))
        return f"\x00{len(kept) - 1}\x00"

    return _ESCAPE.sub(keep, text), kept


def _restore(text: str, kept: list[str], escape: bool) -> str:
    return re.sub(
        r"\x00(\d+)\x00",
        lambda m: escape_html(kept[int(m.group(1))]) if escape else kept[int(m.group(1))],
        text,
    )


def plain_inline(text: str) -> str:
    """Inline Markdown reduced to the characters a reader sees."""
    text, kept = _protect(text)
    text = _LINK.sub(lambda m: m.group(2), text)
    text = _CODE.sub(r"\1", text)
    text = _STRONG.sub(r"\1", text)
    text = _EMPH_STAR.sub(r"\1", text)
    text = _EMPH_UNDERSCORE.sub(r"\1", text)
    return _restore(text, kept, escape=False)


def render_inline(text: str, link_href, image_html) -> str:
    """Inline Markdown to HTML; everything not understood is escaped.

    ``link_href(target)`` returns the href to use or None to drop the link;
    ``image_html(src, alt)`` returns the HTML that stands for an image.
    """
    text, kept = _protect(text)
    pieces: list[str] = []
    position = 0
    for match in _LINK.finditer(text):
        pieces.append(_inline_styles(escape_html(text[position : match.start()], quote=False)))
        label = _inline_styles(escape_html(match.group(2), quote=False))
        target = _restore(match.group(3), kept, escape=False)
        if match.group(1):
            pieces.append(image_html(target, _restore(match.group(2), kept, escape=False)))
        else:
            href = link_href(target)
            if href is None:
                pieces.append(label)
            else:
                pieces.append(f'<a href="{escape_html(href)}">{label}</a>')
        position = match.end()
    pieces.append(_inline_styles(escape_html(text[position:], quote=False)))
    return _break_long_words(_restore("".join(pieces), kept, escape=True))


def _break_long_words(fragment: str) -> str:
    """Let very long words wrap: Qt lays out one unbreakable word in quadratic time.

    A zero-width space goes after every ``LONG_WORD`` characters of a word,
    outside tags and never inside an entity such as ``&amp;``.
    """

    def text_only(match: re.Match[str]) -> str:
        if match.group(1) is not None:
            return match.group(1)
        return _LONG_RUN.sub(lambda run: run.group(0) + "\u200b", match.group(2))

    return _TAG_OR_TEXT.sub(text_only, fragment)


def _inline_styles(escaped: str) -> str:
    escaped = _CODE.sub(r"<code>\1</code>", escaped)
    escaped = _STRONG.sub(r"<b>\1</b>", escaped)
    escaped = _EMPH_STAR.sub(r"<i>\1</i>", escaped)
    return _EMPH_UNDERSCORE.sub(r"<i>\1</i>", escaped)
