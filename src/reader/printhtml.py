"""What goes on paper: the HTML of a print or PDF job, free of Qt.

A job is the whole document or one section, in one language or (``parallel``)
in two languages side by side, one table row per paragraph pair so that
paragraph i of one language stands beside paragraph i of the other. Page
painting, running titles and page numbers are the job of ``reader.pdf``.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from reader import i18n
from reader.content import ContentError, Document, Problem, Section
from reader.i18n import _
from reader.render import classify_link, heading_html, render_blocks

__all__ = ["PRINT_STYLE_SHEET", "ExportError", "PrintJob", "in_language", "tree_order"]


class ExportError(Exception):
    """A PDF that cannot be made or saved; the message is for the person."""


def tree_order(document: Document) -> list[tuple[str, int]]:
    """``(id, depth)`` of every section, in the order the tree shows them."""
    manifest = document.manifest
    ordered: list[tuple[str, int]] = []
    pending: list[tuple[str, int]] = [(sid, 0) for sid in reversed(manifest.children(None))]
    while pending:
        section_id, depth = pending.pop()
        ordered.append((section_id, depth))
        pending.extend((child, depth + 1) for child in reversed(manifest.children(section_id)))
    return ordered


def _print_link(document: Document):
    """On paper only web and mail links stay links; section links become text."""

    def link_href(target: str) -> str | None:
        return target.strip() if classify_link(target, document) == "external" else None

    return link_href


@dataclass(frozen=True)
class PrintJob:
    """One thing to print: which sections, in which language(s), in what layout."""

    document: Document
    language: str
    section_id: str | None = None  # None: the whole document
    parallel: bool = False  # ``language`` on the left, the document's next language beside it

    def __post_init__(self) -> None:
        manifest = self.document.manifest
        if self.section_id is not None and manifest.entry(self.section_id) is None:
            raise ContentError(Problem(manifest.path, 0, f"no section {self.section_id!r}"))
        if self.language not in self.document.languages:
            raise ContentError(
                Problem(manifest.path, 0, f"the document has no language {self.language!r}")
            )
        if self.parallel and len(self.document.languages) < 2:
            raise ContentError(
                Problem(manifest.path, 0, "a parallel layout needs a document in two languages")
            )

    @property
    def languages(self) -> tuple[str, ...]:
        """The languages on the page, left column first."""
        if not self.parallel:
            return (self.language,)
        other = next(lang for lang in self.document.languages if lang != self.language)
        return (self.language, other)

    def sections(self) -> list[tuple[str, int]]:
        """``(id, depth)`` of the sections to print, in tree order."""
        if self.section_id is None:
            return tree_order(self.document)
        return [(self.section_id, 0)]

    def title(self) -> str:
        """The title for the PDF's metadata and the running head."""
        titles = [self.document.title(lang) for lang in self.languages]
        if self.section_id is not None:
            titles = [
                f"{self.document.section(lang, self.section_id).title} — {title}"
                for lang, title in zip(self.languages, titles, strict=True)
            ]
        return " / ".join(titles)

    def running_head(self) -> str:
        """The line at the top of every page after the first."""
        return " / ".join(self.document.title(lang) for lang in self.languages)

    def html(self) -> str:
        """The job as one HTML page for QTextDocument; raises ContentError."""
        if self.parallel:
            return self._parallel_html()
        language = self.language
        link_href = _print_link(self.document)
        parts = ["<html><body>"]
        parts.append(_title_block(self.document, language, single=self.section_id is not None))
        for section_id, depth in self.sections():
            section = self.document.section(language, section_id)
            parts.append(_section_heading(section, depth))
            parts.extend(render_blocks(self.document, section, link_href))
        parts.append("</body></html>")
        return "\n".join(parts)

    def _parallel_html(self) -> str:
        left, right = self.languages
        link_href = _print_link(self.document)
        rows: list[str] = []
        single = self.section_id is not None
        rows.append(
            _row(
                _title_block(self.document, left, single=single, column=True),
                _title_block(self.document, right, single=single, column=True),
            )
        )
        for section_id, depth in self.sections():
            pair = [self.document.section(lang, section_id) for lang in (left, right)]
            rows.extend(self._section_rows(pair, depth, link_href))
        table = (
            '<table class="parallel" width="100%" cellspacing="0" cellpadding="0">'
            + "".join(rows)
            + "</table>"
        )
        return f"<html><body>{table}</body></html>"

    def _section_rows(self, pair: list[Section], depth: int, link_href) -> list[str]:
        """One row per paragraph pair; a heading shares the row of the paragraph after it.

        So a heading is never alone at the foot of a page: the section's title
        goes with its first paragraph, a sub-heading (when it is one in both
        languages) with the paragraph below it.
        """
        columns = [render_blocks(self.document, section, link_href) for section in pair]
        count = max(len(columns[0]), len(columns[1]), 1)
        carried = [_section_heading(section, depth, column=True) for section in pair]
        rows: list[str] = []
        for index in range(count):
            cells = [
                before + (column[index] if index < len(column) else "")
                for before, column in zip(carried, columns, strict=True)
            ]
            if index + 1 < count and all(
                index < len(section.blocks) and section.blocks[index].kind.startswith("h")
                for section in pair
            ):
                carried = cells
                continue
            carried = ["", ""]
            rows.append(_row(*cells))
        return rows


def _row(left: str, right: str) -> str:
    return (
        f'<tr><td class="left" width="50%" valign="top">{left}</td>'
        f'<td class="right" width="50%" valign="top">{right}</td></tr>'
    )


def _title_block(document: Document, language: str, single: bool, column: bool = False) -> str:
    """The document's title and edition; smaller above a single section or in a column."""
    title = heading_html(document.title(language), language)
    suffix = "-column" if column else ""
    if single:
        return f'<p class="doc-title-small">{title}</p>'
    edition = in_language(
        language,
        lambda: _("Edition of {date}, document version {version}").format(
            date=i18n.format_date(document.manifest.edition, language),
            version=document.manifest.version,
        ),
    )
    return (
        f'<h1 class="doc-title{suffix}">{title}</h1>'
        f'<p class="edition{suffix}">{html.escape(edition)}</p>'
    )


def in_language(language: str, make):
    """Run ``make`` with the catalog of ``language``, then switch back.

    A parallel handout writes each column's words in that column's language,
    whatever the interface language is.
    """
    before = i18n.current_language()
    if language == before or language not in i18n.LANGUAGES:
        return make()
    try:
        i18n.set_language(language)
    except OSError:
        return make()
    try:
        return make()
    finally:
        i18n.set_language(before)


def _section_heading(section: Section, depth: int, column: bool = False) -> str:
    """Top-level sections get h1, the rest h2: a handout is read, not navigated."""
    tag = "h1" if depth == 0 else "h2"
    suffix = "-column" if column else ""
    return f'<{tag} class="section{suffix}">{heading_html(section.title, section.language)}</{tag}>'


# QTextDocument's CSS subset. Lengths in px are 1/96 inch whatever the paint
# device, so the page looks the same in the preview and in the PDF.
PRINT_STYLE_SHEET = """
body { font-family: 'PT Serif'; font-size: 11pt; color: #000000; }
p { margin-top: 0; margin-bottom: 8px; line-height: 135%; }
li { line-height: 135%; }
ul, ol { margin-bottom: 8px; }
h1, h2, h3, h4, h5, h6 { font-family: 'PT Sans'; font-weight: bold; color: #1b365d; }
h1.doc-title { font-size: 22pt; margin-top: 0; margin-bottom: 4px; }
p.edition { font-family: 'PT Sans'; font-size: 10pt; color: #444444; margin-bottom: 22px; }
p.doc-title-small { font-family: 'PT Sans'; font-size: 10pt; color: #444444; margin-bottom: 4px; }
h1.section { font-size: 17pt; margin-top: 14px; margin-bottom: 10px; }
h2.section { font-size: 14pt; margin-top: 14px; margin-bottom: 8px; }
h2 { font-size: 13pt; margin-top: 10px; margin-bottom: 6px; }
h3, h4, h5, h6 { font-size: 11.5pt; margin-top: 8px; margin-bottom: 4px; }
a { color: #1d5fa8; text-decoration: none; }
code { font-family: monospace; }
span.image-missing { font-family: 'PT Sans'; color: #444444; font-style: italic; }
td.left { padding-right: 12px; padding-bottom: 8px; }
td.right { padding-left: 12px; padding-bottom: 8px; }
td p, td li { font-size: 10pt; }
h1.doc-title-column { font-size: 16pt; margin-top: 0; margin-bottom: 4px; }
p.edition-column { font-family: 'PT Sans'; font-size: 9pt; color: #444444; margin-bottom: 14px; }
h1.section-column { font-size: 14pt; margin-top: 10px; margin-bottom: 6px; }
h2.section-column { font-size: 12pt; margin-top: 10px; margin-bottom: 6px; }
"""
