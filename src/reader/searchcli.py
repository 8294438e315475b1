"""``reader search``: the search panel's answers, for a terminal and for scripts.

Results go to stdout, one line per section; what a person should know about
them (the query was read in the other keyboard layout, a word may be
misspelt, the other language has hits) goes to stderr, so that a script
reading stdout sees only sections.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from reader import i18n, resources
from reader.content import ContentError, load_document
from reader.i18n import _, ngettext

__all__ = ["run_search"]


def _terminal_line(text: str, highlights: Sequence[tuple[int, int]], bold: bool) -> str:
    if not bold:
        return text
    pieces, position = [], 0
    for start, end in highlights:
        pieces += [text[position:start], "\x1b[1m", text[start:end], "\x1b[0m"]
        position = end
    pieces.append(text[position:])
    return "".join(pieces)


def run_search(
    query: str,
    language: str | None = None,
    content: Path | None = None,
    limit: int | None = None,
) -> int:
    """One ``id<TAB>title<TAB>snippet`` line per section, best first.

    Exits 0 when something matches, 1 when nothing does (a suggestion, if
    any, on stderr), 2 when the content or its index cannot be read.
    """
    from reader.search import SearchError, SearchIndex
    from reader.suggest import answer

    out = sys.stdout
    if hasattr(out, "reconfigure"):
        out.reconfigure(errors="replace", **({} if out.isatty() else {"encoding": "utf-8"}))
    root = content or resources.content_dir()
    try:
        document = load_document(root)
    except ContentError as error:
        print(error, file=sys.stderr)
        return 2
    if language in (None, "all"):
        languages = document.languages
    elif language in document.languages:
        languages = (language,)
    else:
        print(f"{document.manifest.path}: no language {language!r}", file=sys.stderr)
        return 2
    index = SearchIndex.open(document)
    try:
        found = answer(index, query, languages, None if limit is None else max(limit, 0))
        results = found.results
        if found.shown_for is not None:
            print(_("Showing results for «{query}»").format(query=found.shown_for), file=sys.stderr)
        elif found.suggestion is not None:
            print(_("Did you mean «{query}»?").format(query=found.suggestion), file=sys.stderr)
        elif found.elsewhere is not None:
            others = sorted({hit.language for hit in found.elsewhere.hits})
            names = ", ".join(i18n.language_name(other) for other in others)
            count = found.elsewhere.total
            print(
                ngettext(
                    "Nothing found here; {count} result in {language} (--lang {code})",
                    "Nothing found here; {count} results in {language} (--lang {code})",
                    count,
                ).format(count=count, language=names, code=others[0]),
                file=sys.stderr,
            )
        bold = out.isatty()
        for hit in results.hits:
            snippet = index.snippet(hit, results.query)
            title = " ".join(hit.title.split())
            line = _terminal_line(snippet.text, snippet.highlights, bold)
            print(f"{hit.section_id}\t{title}\t{line}", file=out)
    except SearchError as error:
        print(_("Search is not available: {error}").format(error=error), file=sys.stderr)
        return 2
    finally:
        index.close()
    return 0 if results.total else 1
