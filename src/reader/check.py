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
        for path in sorted(folder.iterdir()):
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

    for path in sorted(root.iterdir()):
        if path.is_dir() and path.name not in manifest.languages:
            problems.append(Problem(path, 0, "folder is not a language of the manifest"))

    first, *others = [lang for lang in manifest.languages if lang in sections]
    for section_id in manifest.ids():
        reference = sections[first].get(section_id)
        if reference is None:
            continue
        for language in others:
            section = sections[language].get(section_id)
            if section is None:
                continue
            if len(section.blocks) != len(reference.blocks):
                problems.append(
                    Problem(
                        section.path,
                        section.title_line,
                        f"{len(section.blocks)} paragraphs, but {len(reference.blocks)} "
                        f"in {reference.path.parent.name}/{reference.path.name}",
                    )
                )
    return problems


def _check_blocks(section: Section, document: Document) -> list[Problem]:
    problems: list[Problem] = []
    for link in section.links:
        kind = "image" if link.image else "link"
        if link.image:
            if "://" in link.target or link.target.startswith(("//", "data:", "javascript:")):
                problems.append(
                    Problem(section.path, link.line, f"remote image {link.target!r} is not shown")
                )
            elif link.target:
                target = (section.path.parent / link.target).resolve()
                if not target.is_relative_to(document.root.resolve()) or not target.is_file():
                    problems.append(
                        Problem(section.path, link.line, f"image {link.target!r} not found")
                    )
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
