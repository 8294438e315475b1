"""The bundled document: its manifest and its section files, free of Qt.

A content folder holds ``manifest.toml`` and one folder per language with one
Markdown file per section (see docs/content-format.md). Sections are read on
demand, so opening a large document costs the same as opening a small one.
The immutable records are NamedTuples, not frozen dataclasses: they are
defined at every start, and such a class is made several times faster.
"""

from __future__ import annotations

import re
import stat
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from reader.markdown import Block, Link, parse_section, split_lines

if TYPE_CHECKING:
    import datetime as dt  # the TOML parser's dates; a cached manifest needs no module

__all__ = [
    "MAX_DEPTH",
    "MAX_PARAGRAPHS",
    "MAX_SECTION_BYTES",
    "ContentError",
    "Document",
    "Manifest",
    "Problem",
    "Section",
    "SectionEntry",
    "Sections",
    "load_document",
    "read_manifest",
    "split_link",
]

MANIFEST = "manifest.toml"
# A section of 1 MB is a book; larger ones take the text pane seconds to lay out.
MAX_SECTION_BYTES = 1024 * 1024
MAX_MANIFEST_BYTES = 1024 * 1024
# Qt lays out many paragraph anchors, or many list items, in quadratic time.
MAX_PARAGRAPHS = 3000
MAX_DEPTH = 32
_LAST_DAY = 3652059  # datetime.date.max.toordinal()
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*\Z")  # \Z: "$" would let "a\n" through
_SLUG_CHARACTERS = b"abcdefghijklmnopqrstuvwxyz0123456789-\n"
LANGUAGE = re.compile(r"^[a-z]{2,3}$")
_TOML_LINE = re.compile(r"at line (\d+)")


class Problem(NamedTuple):
    """Something wrong with the content, where a person can find it."""

    path: Path
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


class ContentError(Exception):
    """Content that cannot be used; carries the file and line to fix."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


class SectionEntry(NamedTuple):
    id: str
    parent: str | None
    line: int


class Sections(NamedTuple):
    """The manifest's sections a column at a time, in manifest order.

    Columns, not a SectionEntry per section: at 20,000 sections making those
    took 5 ms of the start-up, and the cached manifest is kept as columns.
    """

    ids: tuple[str, ...]
    parents: tuple[str | None, ...]
    lines: tuple[int, ...]

    @classmethod
    def of(cls, entries: list[SectionEntry]) -> Sections:
        ids, parents, lines = zip(*entries, strict=True) if entries else ((), (), ())
        return cls(ids, parents, lines)


class Manifest:
    """The document's manifest, checked: its editions, titles and sections.

    A plain class, not a dataclass (that machinery costs the start-up a
    millisecond), and the edition becomes a date when read: a start from a
    cached manifest then loads no datetime module.
    """

    def __init__(
        self,
        path: Path,
        version: str,
        edition: dt.date | int,  # or its ordinal, from the cache (checked by _validated)
        languages: tuple[str, ...],
        titles: dict[str, str],
        sections: Sections,
        places: dict[str, int] | None = None,  # the cache's checks made it
    ) -> None:
        self.path = path
        self.version = version
        self._edition = edition
        self.languages = languages
        self.titles = titles
        self.sections = sections
        ids = sections.ids
        self._places = places if places else dict(zip(ids, range(len(ids)), strict=True))
        children: dict[str | None, list[str]] = {}
        for section_id, parent in zip(ids, sections.parents, strict=True):  # 20,000
            children.setdefault(parent, []).append(section_id)
        self._children = children

    @property
    def edition(self) -> dt.date:
        if isinstance(self._edition, int):
            from datetime import date

            self._edition = date.fromordinal(self._edition)
        return self._edition

    def _key(self) -> tuple:
        return (self.path, self.version, self.edition, self.languages, self.titles, self.sections)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Manifest) and self._key() == other._key()

    __hash__ = None  # type: ignore[assignment]  # mutable, as the dataclass was

    def __repr__(self) -> str:
        return f"Manifest({self.path!r}, version={self.version!r}, {len(self._places)} sections)"

    def children(self, parent: str | None) -> list[str]:
        return self._children.get(parent, [])

    def parents(self) -> list[str | None]:
        """Every section that has children, and None for the top of the tree."""
        return list(self._children)

    def entry(self, section_id: str) -> SectionEntry | None:
        at = self._places.get(section_id)
        if at is None:
            return None
        ids, parents, lines = self.sections
        return SectionEntry(ids[at], parents[at], lines[at])

    def ids(self) -> list[str]:
        return list(self.sections.ids)

    def places(self) -> Mapping[str, int]:
        """Each section's place in manifest order, from 0 (read only: the manifest's own)."""
        return self._places

    def path_to(self, section_id: str) -> list[str]:
        """Ids from the top of the tree down to ``section_id``."""
        places, parents = self._places, self.sections.parents
        chain: list[str] = []
        current: str | None = section_id
        while current is not None:
            chain.append(current)
            current = parents[places[current]]
        return chain[::-1]


class Section(NamedTuple):
    id: str
    language: str
    title: str
    blocks: list[Block]
    links: list[Link]
    path: Path
    title_line: int


def split_link(target: str) -> tuple[str, str]:
    """``"osce#p-2"`` -> ``("osce", "p-2")``; ``"#p-2"`` -> ``("", "p-2")``."""
    section_id, _, fragment = target.partition("#")
    return section_id, fragment


def _line_of(text: str, pattern: str, start: int = 0) -> int:
    """1-based line of the first line at or after ``start`` matching ``pattern``."""
    regex = re.compile(pattern)
    for number, line in enumerate(split_lines(text)[start:], start=start + 1):
        if regex.search(line):
            return number
    return 1


def _not_readable(path: Path, limit: int) -> str | None:
    """Why ``path`` must not be read at all, if it must not: reading a FIFO or a
    device would hang, and a huge file would keep the window busy for minutes."""
    try:
        info = path.stat()
    except FileNotFoundError:
        return "file is missing"
    except (OSError, ValueError) as error:
        return f"cannot read: {getattr(error, 'strerror', None) or error}"
    if stat.S_ISDIR(info.st_mode):
        return "is a folder, not a file"
    if not stat.S_ISREG(info.st_mode):
        return "is not a regular file"
    if info.st_size > limit:
        return f"file is larger than {limit // (1024 * 1024)} MB"
    return None


def _deepest_line(text: str) -> int:
    """The line where brackets nest deepest: where over-deep TOML goes wrong."""
    best, best_line, depth = -1, 1, 0
    for number, line in enumerate(split_lines(text), start=1):
        for char in line:
            if char in "[{":
                depth += 1
                if depth > best:
                    best, best_line = depth, number
            elif char in "]}":
                depth = max(depth - 1, 0)
    return best_line


def read_manifest(root: Path) -> tuple[Manifest | None, list[Problem]]:
    """Read and validate the manifest, collecting every problem found."""
    path = root / MANIFEST
    if not root.is_dir():
        return None, [Problem(root, 0, "content folder not found")]
    refused = _not_readable(path, MAX_MANIFEST_BYTES)
    if refused == "file is missing":
        return None, [Problem(path, 0, "manifest.toml is missing")]
    if refused:
        return None, [Problem(path, 0, refused)]
    try:
        raw = path.read_bytes()
    except OSError as error:
        return None, [Problem(path, 0, f"cannot read the manifest: {error.strerror}")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return None, [Problem(path, line, "not valid UTF-8")]
    import tomllib  # here: a large manifest read from the cache is not parsed at all

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        found = _TOML_LINE.search(str(error))
        message = str(error).split(" (at ")[0]
        return None, [Problem(path, int(found.group(1)) if found else 1, f"bad TOML: {message}")]
    except RecursionError:
        return None, [Problem(path, _deepest_line(text), "bad TOML: nested too deeply")]
    lines = _Lines(
        document=_line_of(text, r"^\s*\[document\]"),
        title=_line_of(text, r"^\s*\[document\.title\]|^\s*title\s*="),
        sections=[
            number
            for number, line in enumerate(split_lines(text), start=1)
            if re.match(r"^\s*\[\[\s*sections\s*\]\]", line)
        ],
    )
    return _validated(path, data, lines)


class _Lines(NamedTuple):
    """Where the parts of a manifest are, for the problems' line numbers."""

    document: int
    title: int
    sections: list[int]


def _validated(
    path: Path, data: dict, lines: _Lines, checked: _Checked | None = None
) -> tuple[Manifest | None, list[Problem]]:
    """Every check on a manifest's data, whether just parsed or read from the cache.

    ``checked``: the sections, already checked by ``_cached_sections``.
    """
    problems: list[Problem] = []

    def problem(line: int, message: str) -> None:
        problems.append(Problem(path, line, message))

    document = data.get("document")
    if not isinstance(document, dict):
        problem(1, "missing [document] table")
        document = {}
    doc_line = lines.document

    version = document.get("version")
    if not isinstance(version, str) or not version.strip():
        problem(doc_line, "document.version must be a non-empty string")
        version = "0"
    edition = document.get("edition")
    if not (checked and type(edition) is int and 0 < edition <= _LAST_DAY):  # else an ordinal
        import datetime  # loaded by the TOML parser already

        if not isinstance(edition, datetime.date) or isinstance(edition, datetime.datetime):
            problem(doc_line, "document.edition must be a date such as 2026-11-27")
            edition = datetime.date(1970, 1, 1)

    languages = document.get("languages")
    if (
        not isinstance(languages, list)
        or not languages
        or not all(isinstance(lang, str) and LANGUAGE.match(lang) for lang in languages)
    ):
        problem(doc_line, 'document.languages must list language codes such as "en"')
        languages = []
    elif len(set(languages)) != len(languages):
        problem(doc_line, "document.languages names a language twice")

    titles = document.get("title")
    title_line = lines.title
    if not isinstance(titles, dict):
        problem(title_line, "missing [document.title] table")
        titles = {}
    for lang in languages:
        value = titles.get(lang)
        if not isinstance(value, str) or not value.strip():
            problem(title_line, f"document.title.{lang} must be a non-empty string")

    sections_raw = data.get("sections")
    entries: list[SectionEntry] = []
    if checked:
        sections_raw = []
    elif not isinstance(sections_raw, list) or not sections_raw:
        problem(1, "no [[sections]]: the document needs at least one section")
        sections_raw = []
    header_lines = lines.sections
    depth: dict[str, int] = {}
    for index, item in enumerate(sections_raw):
        line = header_lines[index] if index < len(header_lines) else 1
        if not isinstance(item, dict):
            problem(line, "a section must be a table with an id")
            continue
        section_id = item.get("id")
        if not isinstance(section_id, str) or not SLUG.match(section_id):
            problem(line, f"section id {section_id!r} is not a slug (a-z, 0-9 and -)")
            continue
        if section_id in depth:
            problem(line, f"duplicate section id {section_id!r}")
            continue
        parent = item.get("parent")
        if parent is not None:
            if not isinstance(parent, str) or parent not in depth:
                problem(
                    line,
                    f"section {section_id!r}: parent {parent!r} is not a section listed above it",
                )
                continue
            if depth[parent] + 1 >= MAX_DEPTH:
                problem(line, f"section {section_id!r} is nested deeper than {MAX_DEPTH} levels")
                continue
        unknown = set(item) - {"id", "parent"}
        if unknown:
            problem(line, f"section {section_id!r}: unknown keys {', '.join(sorted(unknown))}")
        depth[section_id] = 0 if parent is None else depth[parent] + 1
        entries.append(SectionEntry(section_id, parent, line))

    if problems:
        return None, problems
    manifest = Manifest(
        path=path,
        version=version,
        edition=edition,
        languages=tuple(languages),
        titles={lang: titles[lang].strip() for lang in languages},
        sections=checked.sections if checked else Sections.of(entries),
        places=checked.places if checked else None,
    )
    return manifest, []


def read_title(path: Path, readable: bool = False) -> str | None:
    """A section file's title from its first line alone, or None if that does not settle it.

    The tree shows the titles of sections nobody has opened; parsing whole
    files for them made a large document slow to open and to scroll.
    ``readable``: the file's metadata was checked already (``_not_readable``).
    """
    if not readable and _not_readable(path, MAX_SECTION_BYTES):
        return None
    try:
        with path.open("rb") as handle:
            head = handle.read(4096)
    except OSError:
        return None
    head = head.removeprefix(b"\xef\xbb\xbf")
    for line in head.split(b"\n")[:-1]:  # the last piece may be cut short
        if line.strip():
            try:
                return parse_section(line.decode("utf-8")).title or None
            except UnicodeDecodeError:
                return None
    return None


def read_section_file(path: Path, section_id: str, language: str) -> Section:
    """Read one section file; raises ContentError naming file and line."""
    refused = _not_readable(path, MAX_SECTION_BYTES)
    if refused:
        raise ContentError(Problem(path, 0, refused))
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise ContentError(Problem(path, 0, f"cannot read: {error.strerror}")) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise ContentError(Problem(path, line, "not valid UTF-8")) from None
    if text.startswith("\ufeff"):
        text = text[1:]
    parsed = parse_section(text)
    if parsed.title is None:
        if not text.strip():
            raise ContentError(Problem(path, 1, "file is empty"))
        raise ContentError(Problem(path, 1, "the first line must be the title: # Title"))
    if not parsed.title:
        raise ContentError(Problem(path, parsed.title_line, "the title is empty"))
    count = 0
    for block in parsed.blocks:
        count += len(block.items()) if block.kind in ("ul", "ol") else 1
        if count > MAX_PARAGRAPHS:
            message = f"more than {MAX_PARAGRAPHS} paragraphs and list items: split the section"
            raise ContentError(Problem(path, block.line, message))
    return Section(
        id=section_id,
        language=language,
        title=parsed.title,
        blocks=parsed.blocks,
        links=parsed.links,
        path=path,
        title_line=parsed.title_line,
    )


class Document:
    """A loaded manifest; sections are read when first asked for."""

    def __init__(self, root: Path, manifest: Manifest) -> None:
        self.root = root
        self.manifest = manifest
        self._cache: dict[tuple[str, str], Section] = {}
        self._failed: dict[tuple[str, str], Problem] = {}
        self._titles: dict[tuple[str, str], str] = {}
        # Files whose metadata was found fine: the tree asks at every repaint of every row.
        self._readable: set[tuple[str, str]] = set()
        self._folders: dict[str, Path] = {}

    @property
    def languages(self) -> tuple[str, ...]:
        return self.manifest.languages

    def title(self, language: str) -> str:
        return self.manifest.titles.get(language) or next(iter(self.manifest.titles.values()))

    def section_path(self, language: str, section_id: str) -> Path:
        folder = self._folders.get(language)
        if folder is None:  # made once: the tree asks for a path per row it shows
            folder = self._folders[language] = self.root / language
        return folder / f"{section_id}.md"

    def section(self, language: str, section_id: str) -> Section:
        key = (language, section_id)
        cached = self._cache.get(key)
        if cached is None:
            if self.manifest.entry(section_id) is None:
                raise ContentError(Problem(self.manifest.path, 0, f"no section {section_id!r}"))
            if key in self._failed:  # a broken file is not read again on every repaint
                raise ContentError(self._failed[key])
            try:
                cached = read_section_file(
                    self.section_path(language, section_id), section_id, language
                )
            except ContentError as error:
                self._failed[key] = error.problem
                raise
            self._cache[key] = cached
        return cached

    def problem(self, language: str, section_id: str) -> Problem | None:
        """What stops ``section_id`` from being read in ``language``, if anything."""
        try:
            self.section(language, section_id)
        except ContentError as error:
            return error.problem
        return None

    def known_problem(self, language: str, section_id: str) -> Problem | None:
        """Like ``problem``, but without parsing a file nobody has opened yet.

        A missing, oversized or special file is found from its metadata, once;
        a fault inside an unopened file shows once the section is opened.
        """
        key = (language, section_id)
        if key in self._cache or self.manifest.entry(section_id) is None:
            return None
        failed = self._failed.get(key)  # by its metadata, or when it was opened
        if failed is not None or key in self._readable:
            return failed
        path = self.section_path(language, section_id)
        refused = _not_readable(path, MAX_SECTION_BYTES)
        if refused:
            failed = self._failed[key] = Problem(path, 0, refused)
        else:
            self._readable.add(key)
        return failed

    def section_title(self, language: str, section_id: str) -> str:
        """The title to show in the tree; the id if the file cannot be read."""
        key = (language, section_id)
        if key in self._cache:
            return self._cache[key].title
        if key not in self._titles and key not in self._failed and self.manifest.entry(section_id):
            title = read_title(self.section_path(language, section_id), key in self._readable)
            if title is not None:
                self._titles[key] = title
        if key in self._titles:
            return self._titles[key]
        try:
            return self.section(language, section_id).title
        except ContentError:
            for other in self.languages:
                try:
                    return self.section(other, section_id).title
                except ContentError:
                    continue
        return section_id


def _plain(manifest: Manifest) -> tuple:
    """A checked manifest as plain data, for the cache (see manifestcache).

    Each parent is its section's own id string, so marshal writes a
    reference to it rather than the text again: the cache of 20,000
    sections is read back in 0.9 ms instead of 1.5 ms.
    """
    ids, parents, lines = manifest.sections
    own: dict[str | None, str] = dict(zip(ids, ids, strict=True))
    return (
        manifest.version,
        manifest.edition.toordinal(),
        manifest.languages,
        manifest.titles,
        ids,
        tuple(map(own.get, parents)),  # None stays None
        lines,
    )


class _Checked(NamedTuple):
    """Cached sections that passed the checks, with the index the checks made."""

    sections: Sections
    places: dict[str, int]  # id -> its place in the columns


def _cached_sections(ids: tuple, parents: tuple, lines: tuple) -> _Checked | None:
    """The cached sections, if they pass the checks a parsed manifest's do; else None.

    The same rules as ``_validated``'s walk (slugs, no duplicates, a parent
    listed above its child, at most MAX_DEPTH levels), in one pass with
    little else in it: at 20,000 sections the walk took 40 ms of the
    start-up, a pass per rule 6.6 ms, this 4 ms. The index of the sections
    seen so far finds each parent, so one that is not listed above its child
    is not found. None sends the caller back to the TOML, whose problems are
    then reported.
    """
    count = len(ids)
    if not count or len(parents) != count or len(lines) != count:
        return None
    if set(map(type, lines)) != {int} or not _all_slugs(ids):
        return None
    where: dict[str, int] = {}
    depth: list[int] = []
    above, deeper = where.get, depth.append
    try:
        for index, (section_id, parent) in enumerate(zip(ids, parents, strict=True)):
            if parent is None:
                deeper(0)
            else:
                at = above(parent)  # only the sections above are in ``where`` yet
                if at is None:
                    return None
                deeper(depth[at] + 1)
            where[section_id] = index
    except TypeError:  # a parent that is no string, nor hashable
        return None
    if len(where) != count or max(depth) >= MAX_DEPTH:  # a duplicate id; too deep
        return None
    return _Checked(Sections(ids, parents, lines), where)


def _all_slugs(ids: tuple[str, ...]) -> bool:
    """``all(SLUG.match(i) for i in ids)``, a whole column at a time (in C)."""
    try:
        joined = "\n".join(ids)
    except TypeError:  # an id that is no string
        return False
    if joined.count("\n") != len(ids) - 1 or not joined.isascii():
        return False
    if joined.encode().translate(None, _SLUG_CHARACTERS):  # a character outside a-z 0-9 -
        return False
    lined = f"\n{joined}\n"
    return not any(bad in lined for bad in ("\n\n", "\n-", "-\n", "--"))


def _from_plain(path: Path, plain: object) -> Manifest | None:
    """The cached data back as a manifest, after the same checks as a parsed one.

    The cache is a file anyone can change: a section listed as its own
    ancestor there would hang every walk up the tree, so nothing is trusted.
    """
    try:
        fields: tuple[Any, ...] = tuple(plain)  # type: ignore[arg-type]  # TypeError if not
        version, edition, languages, titles, ids, parents, lines = fields
        checked = _cached_sections(tuple(ids), tuple(parents), tuple(lines))
        if checked is None:
            return None
        data = {
            "document": {
                "version": version,
                "edition": edition,  # checked by _validated, a date when read
                "languages": list(languages),
                "title": dict(titles),
            },
        }
        manifest, _problems = _validated(path, data, _Lines(1, 1, list(lines)), checked)
    except (TypeError, ValueError, OverflowError):
        return None
    return manifest


def load_document(root: Path) -> Document:
    """Open a content folder; raises ContentError if the manifest is unusable."""
    from reader import manifestcache

    path = root / MANIFEST
    raw = manifestcache.manifest_bytes(path, MAX_MANIFEST_BYTES)
    if raw is not None:  # parsed once (the bundled one when it was built), not every time
        manifest = _from_plain(path, manifestcache.lookup(raw))
        if manifest is not None:
            return Document(root, manifest)
    manifest, problems = read_manifest(root)
    if manifest is None:
        raise ContentError(problems[0])
    if raw is not None and manifestcache.should_store(raw):
        manifestcache.store(raw, _plain(manifest))
    return Document(root, manifest)


def store_parsed_manifest(root: Path, folder: Path) -> None:
    """Keep ``root``'s checked manifest in ``folder``'s cache (reader.searchbuild: the bundle)."""
    from reader import manifestcache

    raw = (root / MANIFEST).read_bytes()
    manifest, problems = read_manifest(root)
    if manifest is None:
        raise ContentError(problems[0])
    manifestcache.store(raw, _plain(manifest), folder)
