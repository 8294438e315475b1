"""``reader check``: every problem in a content folder, as ``path:line: message``."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from reader import resources
from reader.content import (
    ContentError,
    Document,
    Problem,
    Section,
    read_manifest,
    read_section_file,
    split_link,
)
from reader.render import classify_link

__all__ = ["check_content", "run_check"]

_RAW_HTML = re.compile(r"</?[a-zA-Z][a-zA-Z0-9-]*(\s[^<>]*)?/?>")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def check_content(root: Path) -> list[Problem]:
    """All problems found; an empty list means the folder is sound."""
    manifest, problems = read_manifest(root)
    if manifest is None:
        return problems
    document = Document(root, manifest)
    ids = set(manifest.ids())
    sections: dict[str, dict[str, Section]] = {}

    for language in manifest.languages:
        folder = root / language
        if not folder.is_dir():
            problems.append(Problem(folder, 0, f"folder for language {language!r} is missing"))
            continue
        listed, unreadable = _listing(folder)
        if unreadable:
            problems.append(unreadable)
        for path in listed:
            if path.suffix != ".md" or path.stem not in ids:
                problems.append(Problem(path, 0, "file is not a section named in the manifest"))
        loaded = sections.setdefault(language, {})
        for section_id in manifest.ids():
            try:
                section = read_section_file(
                    document.section_path(language, section_id), section_id, language
                )
            except ContentError as error:
                problems.append(error.problem)
                continue
            loaded[section_id] = section
            if not section.blocks:
                problems.append(Problem(section.path, section.title_line, "section has no text"))
            problems.extend(_check_blocks(section, document))

    listed, unreadable = _listing(root)
    if unreadable:
        problems.append(unreadable)
    for path in listed:
        if path.is_dir() and path.name not in manifest.languages:
            problems.append(Problem(path, 0, "folder is not a language of the manifest"))

    present = [lang for lang in manifest.languages if lang in sections]
    if not present:
        return problems
    first, *others = present
    for section_id in manifest.ids():
        reference = sections[first].get(section_id)
        if reference is None:
            continue
        for language in others:
            other = sections[language].get(section_id)
            if other is None:
                continue
            if len(other.blocks) != len(reference.blocks):
                problems.append(
                    Problem(
                        other.path,
                        other.title_line,
                        f"{len(other.blocks)} paragraphs, but {len(reference.blocks)} "
                        f"in {reference.path.parent.name}/{reference.path.name}",
                    )
                )
    return problems


def _listing(folder: Path) -> tuple[list[Path], Problem | None]:
    try:
        return sorted(folder.iterdir()), None
    except OSError as error:
        return [], Problem(folder, 0, f"cannot list the folder: {error.strerror or error}")


def _image_problem(target: str, section: Section, document: Document) -> str | None:
    """Why an image will show as its alt text instead, if it will."""
    lowered = target.strip().lower()
    if lowered.startswith(("http:", "https:", "//", "ftp:")):
        return f"remote image {target!r} is not shown (Reader works offline)"
    if lowered.startswith("file:"):
        return f"image {target!r}: file: addresses are not shown; use a path relative to the file"
    if ":" in lowered.split("/", 1)[0]:
        return f"image {target!r}: only images inside the content folder are shown"
    if not target:
        return "image without a file name"
    try:
        resolved = (section.path.parent / target).resolve()
        inside = resolved.is_relative_to(document.root.resolve())
        found = resolved.is_file()
    except (OSError, RuntimeError, ValueError):
        return f"image {target!r} cannot be read"
    if not inside:
        return f"image {target!r} is outside the content folder and is not shown"
    if not found:
        return f"image {target!r} not found"
    return None


def _check_blocks(section: Section, document: Document) -> list[Problem]:
    problems: list[Problem] = []
    for link in section.links:
        kind = "image" if link.image else "link"
        if link.image:
            reason = _image_problem(link.target, section, document)
            if reason:
                problems.append(Problem(section.path, link.line, reason))
            continue
        verdict = classify_link(link.target, document)
        if verdict == "refused":
            section_id, _ = split_link(link.target)
            reason = (
                f"no section {section_id!r}"
                if ":" not in link.target
                else "only section, http(s) and mailto links are allowed"
            )
            problems.append(Problem(section.path, link.line, f"{kind} {link.target!r}: {reason}"))
        elif verdict == "section":
            _, fragment = split_link(link.target)
            if fragment and not re.fullmatch(r"p-[1-9][0-9]*", fragment):
                problems.append(
                    Problem(
                        section.path,
                        link.line,
                        f"link {link.target!r}: a fragment must name a paragraph, like #p-2",
                    )
                )
    for block in section.blocks:
        for offset, line in enumerate(block.lines):
            if _RAW_HTML.search(line):
                problems.append(
                    Problem(section.path, block.line + offset, "raw HTML is shown as text")
                )
            control = _CONTROL.search(line)
            if control:
                code = f"U+{ord(control.group()):04X}"
                problems.append(
                    Problem(section.path, block.line + offset, f"control character {code}")
                )
    return problems


def run_check(folder: Path | None) -> int:
    root = folder or resources.content_dir()
    problems = check_content(root)
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} problem(s) in {root}", file=sys.stderr)
        return 1
    print(f"{root}: content is sound")
    return 0
