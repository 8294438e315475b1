"""Side by side: one section in two languages, paragraph beside paragraph, free of Qt.

Paragraph i of one language translates paragraph i of the other (``reader
check`` holds the content to it), so the two columns can be aligned: wherever
one column's paragraph is taller, the other leaves room after its own, and
paragraph i + 1 starts at the same height in both. ``alignment_space`` works
that room out from the paragraphs' tops; the view measures and applies it.
A section whose languages disagree on the count is shown unaligned, with a
notice that says so.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass

from reader import i18n
from reader.content import ContentError, Document
from reader.i18n import _
from reader.printhtml import in_language
from reader.render import render_failure, render_section

__all__ = [
    "ParallelPage",
    "alignment_space",
    "column_languages",
    "paragraph_at",
    "render_parallel",
]


def column_languages(languages: Sequence[str], reader_language: str) -> tuple[str, str] | None:
    """(left, right): the reader's own language first, then the document's next one.

    None for a document in fewer than two languages.
    """
    if len(languages) < 2:
        return None
    left = reader_language if reader_language in languages else languages[0]
    right = next(language for language in languages if language != left)
    return left, right


def alignment_space(
    left_tops: Sequence[float], right_tops: Sequence[float]
) -> tuple[list[float], list[float]]:
    """The room to add just above each mark, in each column, so that the marks line up.

    A mark is where a paragraph starts (the last may be the end of the text);
    ``left_tops[k]`` and ``right_tops[k]`` are its heights in the two columns,
    top to bottom. With ``left[k]`` added above mark k on the left and
    ``right[k]`` on the right, every stretch between two marks becomes as tall
    as the taller of the pair, so mark k stands at the same height in both.
    """
    if len(left_tops) != len(right_tops):
        raise ValueError(f"{len(left_tops)} marks on the left, {len(right_tops)} on the right")
    if not left_tops:
        return [], []
    start = max(left_tops[0], right_tops[0])
    left = [start - left_tops[0]]
    right = [start - right_tops[0]]
    for k in range(1, len(left_tops)):
        left_stretch = left_tops[k] - left_tops[k - 1]
        right_stretch = right_tops[k] - right_tops[k - 1]
        taller = max(left_stretch, right_stretch)
        left.append(taller - left_stretch)
        right.append(taller - right_stretch)
    return left, right


def paragraph_at(position: int, starts: Sequence[int]) -> int:
    """The paragraph a text position falls in, given where each starts; -1 before the first."""
    return bisect.bisect_right(starts, position) - 1


@dataclass(frozen=True)
class ParallelPage:
    """What the two columns show for one section."""

    languages: tuple[str, str]  # left, right
    html: tuple[str, str]
    aligned: bool  # paragraph i beside paragraph i
    counts: tuple[int | None, int | None]  # paragraphs in each language; None: unreadable


def _breadcrumb(document: Document, language: str, section_id: str) -> list[str]:
    return [document.title(language)] + [
        document.section_title(language, ancestor)
        for ancestor in document.manifest.path_to(section_id)[:-1]
    ]


def mismatch_notice(counts: dict[str, int]) -> str:
    """Says that the columns are not aligned, and why, in the current language."""
    numbers = ", ".join(f"{i18n.language_name(lang)}: {count}" for lang, count in counts.items())
    return _(
        "This section has a different number of paragraphs in each language ({numbers}), "
        "so the two columns are shown in full but not aligned paragraph by paragraph. "
        "“reader check” shows where they differ."
    ).format(numbers=numbers)


def render_parallel(document: Document, section_id: str, reader_language: str) -> ParallelPage:
    """The HTML of both columns; each column's own words in that column's language."""
    languages = column_languages(document.languages, reader_language)
    if languages is None:
        raise ValueError("a side-by-side view needs a document in two languages")
    sections = {}
    failures = {}
    for language in languages:
        try:
            sections[language] = document.section(language, section_id)
        except ContentError as error:
            failures[language] = error
    counts = {language: len(section.blocks) for language, section in sections.items()}
    aligned = not failures and len(set(counts.values())) == 1
    pages = []
    for language in languages:
        if language in failures:
            message = in_language(language, lambda: _("This section cannot be shown."))
            pages.append(render_failure(message, str(failures[language].problem)))
            continue
        notice = None
        if not aligned and not failures:
            notice = in_language(language, lambda: mismatch_notice(counts))
        pages.append(
            render_section(
                document,
                sections[language],
                notice=notice,
                breadcrumb=_breadcrumb(document, language, section_id),
            )
        )
    return ParallelPage(
        languages=languages,
        html=(pages[0], pages[1]),
        aligned=aligned,
        counts=(counts.get(languages[0]), counts.get(languages[1])),
    )
