"""Every damaged content folder the suite tries, with what must happen to it.

Each case breaks a fresh copy of the bundled content in one way. The tests in
test_robustness.py give every case to ``reader check`` and to the real
window; docs/reliability.md counts them by kind (a test keeps the counts true).

``app`` is what the window must do:

- ``refuse``: no window; one message naming the file and line;
- ``notice``: the section shows in the other language, with a notice;
- ``failure``: the section shows its title and the problem, ``path:line: message``;
- ``placeholder``: the page shows, an image stands as ``[its alt text]``;
- ``text``: the page shows, the offending markup as plain text;
- ``normal``: the page shows as usual (the damage is elsewhere).
"""

from __future__ import annotations

import os
import random
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

MANIFEST = "manifest.toml"


@dataclass(frozen=True)
class Case:
    kind: str
    name: str
    damage: Callable[[Path], None]
    problem_file: str | None  # relative to the content folder; None: check finds nothing
    problem: str | None  # a fragment of the problem message
    app: str
    language: str = "en"
    section: str | None = None
    shows: str | None = None  # text the page must show
    needs_fifo: bool = False
    window_says: str | None = None  # what the window names, if not ``problem``

    @property
    def id(self) -> str:
        return f"{self.kind}:{self.name}"


def _append_manifest(text: str) -> Callable[[Path], None]:
    def damage(root: Path) -> None:
        path = root / MANIFEST
        path.write_text(path.read_text(encoding="utf-8") + "\n" + text + "\n", encoding="utf-8")

    return damage


def _replace_manifest(old: str, new: str) -> Callable[[Path], None]:
    def damage(root: Path) -> None:
        path = root / MANIFEST
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new), encoding="utf-8")

    return damage


def _write(relative: str, data: bytes | str) -> Callable[[Path], None]:
    def damage(root: Path) -> None:
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)

    return damage


# A valid 1×1 PNG: the picture exists, so only the containment check keeps it out.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de"
    "0000000c4944415408d763f8cfc000000301010018dd8db00000000049454e44ae426082"
)


def _outside_image(relative: str, markdown: str) -> Callable[[Path], None]:
    """A real picture beside the content folder, referenced from an English section."""

    def damage(root: Path) -> None:
        picture = (root / "en" / relative).resolve()
        assert not picture.is_relative_to(root.resolve())
        picture.write_bytes(PNG)
        _append_section(OSCE_EN, markdown)(root)

    return damage


def _append_section(relative: str, markdown: str) -> Callable[[Path], None]:
    def damage(root: Path) -> None:
        path = root / relative
        path.write_text(path.read_text(encoding="utf-8") + "\n" + markdown + "\n", encoding="utf-8")

    return damage


def _remove(*relatives: str) -> Callable[[Path], None]:
    def damage(root: Path) -> None:
        for relative in relatives:
            path = root / relative
            if path.is_dir():
                for child in sorted(path.rglob("*"), reverse=True):
                    child.rmdir() if child.is_dir() else child.unlink()
                path.rmdir()
            else:
                path.unlink()

    return damage


def _sparse(relative: str, size: int) -> Callable[[Path], None]:
    def damage(root: Path) -> None:
        with open(root / relative, "r+b") as handle:
            handle.truncate(size)

    return damage


def _fifo(relative: str) -> Callable[[Path], None]:
    def damage(root: Path) -> None:
        path = root / relative
        path.unlink()
        os.mkfifo(path)

    return damage


def _folder_instead(relative: str) -> Callable[[Path], None]:
    def damage(root: Path) -> None:
        path = root / relative
        path.unlink()
        path.mkdir()

    return damage


def _symlink_loop(relative: str) -> Callable[[Path], None]:
    def damage(root: Path) -> None:
        path = root / relative
        path.unlink()
        partner = path.with_name("loop-partner")
        path.symlink_to(partner)
        partner.symlink_to(path)

    return damage


def _chain(depth: int) -> Callable[[Path], None]:
    lines = ['[[sections]]\nid = "level-0"']
    lines += [f'[[sections]]\nid = "level-{n}"\nparent = "level-{n - 1}"' for n in range(1, depth)]
    return _append_manifest("\n".join(lines))


def _no_sections(root: Path) -> None:
    path = root / MANIFEST
    text = path.read_text(encoding="utf-8")
    path.write_text(text.split("\n[[sections]]")[0], encoding="utf-8")


def _missing_folder(root: Path) -> None:
    _remove(".")(root)


def _random_bytes(root: Path) -> None:
    noise = random.Random(7).randbytes(4096)
    (root / "en" / "osce.md").write_bytes(b"# OSCE\n\n" + noise + b"\xff")


def _many_paragraphs(root: Path) -> None:
    (root / "en" / "osce.md").write_text("# OSCE\n\n" + "Text.\n\n" * 3001, encoding="utf-8")


OSCE_EN = "en/osce.md"
NATO_RU = "ru/nato.md"

CASES: list[Case] = [
    # -- the manifest: the document cannot be opened without it ------------------
    Case("manifest", "missing", _remove(MANIFEST), MANIFEST, "manifest.toml is missing", "refuse"),
    Case("manifest", "a folder", _folder_instead(MANIFEST), MANIFEST, "is a folder", "refuse"),
    Case("manifest", "bad TOML", _append_manifest("[[sections]"), MANIFEST, "bad TOML", "refuse"),
    Case(
        "manifest",
        "invalid UTF-8",
        lambda root: (root / MANIFEST).write_bytes(
            (root / MANIFEST).read_bytes().replace(b"1.0.0", b"1.0\xff")
        ),
        MANIFEST,
        "not valid UTF-8",
        "refuse",
    ),
    Case("manifest", "empty", _write(MANIFEST, ""), MANIFEST, "missing [document] table", "refuse"),
    Case("manifest", "50 MB", _sparse(MANIFEST, 50 * 1024 * 1024), MANIFEST, "larger", "refuse"),
    Case(
        "manifest",
        "TOML nested 500 deep",
        _append_manifest("deep = " + "[" * 500 + "]" * 500),
        MANIFEST,
        "nested too deeply",
        "refuse",
    ),
    Case(
        "manifest",
        "duplicate id",
        _append_manifest('[[sections]]\nid = "osce"'),
        MANIFEST,
        "duplicate section id 'osce'",
        "refuse",
    ),
    Case(
        "manifest",
        "unknown parent id",
        _append_manifest('[[sections]]\nid = "extra"\nparent = "no-such-section"'),
        MANIFEST,
        "parent 'no-such-section' is not a section listed above it",
        "refuse",
    ),
    Case(
        "manifest",
        "a cycle",
        _append_manifest(
            '[[sections]]\nid = "cycle-a"\nparent = "cycle-b"\n'
            '[[sections]]\nid = "cycle-b"\nparent = "cycle-a"'
        ),
        MANIFEST,
        "parent 'cycle-b' is not a section listed above it",
        "refuse",
    ),
    Case(
        "manifest",
        "its own parent",
        _append_manifest('[[sections]]\nid = "itself"\nparent = "itself"'),
        MANIFEST,
        "parent 'itself'",
        "refuse",
    ),
    Case("manifest", "a tree 500 deep", _chain(500), MANIFEST, "nested deeper than", "refuse"),
    Case(
        "manifest",
        "an id that is a path",
        _append_manifest('[[sections]]\nid = "../../etc/passwd"'),
        MANIFEST,
        "is not a slug",
        "refuse",
    ),
    Case(
        "manifest",
        "wrong types",
        _replace_manifest('languages = ["en", "ru"]', 'languages = "en"'),
        MANIFEST,
        "document.languages must list",
        "refuse",
    ),
    Case(
        "manifest",
        "unknown key",
        _append_manifest('[[sections]]\nid = "extra"\ncolour = "red"'),
        MANIFEST,
        "unknown keys colour",
        "refuse",
    ),
    Case("manifest", "no sections", _no_sections, MANIFEST, "no [[sections]]", "refuse"),
    Case(
        "manifest",
        "a FIFO",
        _fifo(MANIFEST),
        MANIFEST,
        "not a regular file",
        "refuse",
        needs_fifo=True,
    ),
    Case(
        "manifest", "no content folder", _missing_folder, "", "content folder not found", "refuse"
    ),
    # -- section files: the rest of the document opens ---------------------------
    Case(
        "file",
        "missing in one language",
        _remove("ru/osce.md"),
        "ru/osce.md",
        "file is missing",
        "notice",
        "ru",
        "osce",
        "Belarus actively engages the OSCE",
    ),
    Case(
        "file",
        "missing in every language",
        _remove("ru/osce.md", OSCE_EN),
        OSCE_EN,
        "file is missing",
        "failure",
        "en",
        "osce",
        "ru/osce.md:0: file is missing",
    ),
    Case(
        "file",
        "language folder missing",
        _remove("ru"),
        "ru",
        "folder for language 'ru' is missing",
        "notice",
        "ru",
        "nato",
        "NATO",
        window_says="file is missing",
    ),
    Case(
        "file",
        "every file missing",
        _remove("ru", "en"),
        "en",
        "folder for language 'en' is missing",
        "refuse",
        window_says="file is missing",
    ),
    Case(
        "file",
        "invalid UTF-8",
        lambda root: (root / OSCE_EN).write_bytes(b"# OSCE\n\nFine.\n\n\xc3\x28 broken\n"),
        OSCE_EN,
        "not valid UTF-8",
        "notice",
        "en",
        "osce",
        "ОБСЕ",
    ),
    Case("file", "binary noise", _random_bytes, OSCE_EN, "not valid UTF-8", "notice", "en", "osce"),
    Case(
        "file",
        "empty",
        _write(NATO_RU, ""),
        NATO_RU,
        "file is empty",
        "notice",
        "ru",
        "nato",
        "NATO",
    ),
    Case(
        "file",
        "no title",
        _write(NATO_RU, "Text without a title.\n"),
        NATO_RU,
        "the first line must be the title",
        "notice",
        "ru",
        "nato",
    ),
    Case(
        "file",
        "empty title",
        _write(NATO_RU, "# \n\nText.\n"),
        NATO_RU,
        "the title is empty",
        "notice",
        "ru",
        "nato",
    ),
    Case(
        "file",
        "50 MB",
        _sparse(NATO_RU, 50 * 1024 * 1024),
        NATO_RU,
        "file is larger than 1 MB",
        "notice",
        "ru",
        "nato",
        "NATO",
    ),
    Case(
        "file",
        "a FIFO",
        _fifo(NATO_RU),
        NATO_RU,
        "is not a regular file",
        "notice",
        "ru",
        "nato",
        needs_fifo=True,
    ),
    Case(
        "file", "a folder", _folder_instead(NATO_RU), NATO_RU, "is a folder", "notice", "ru", "nato"
    ),
    Case(
        "file",
        "a symlink loop",
        _symlink_loop(NATO_RU),
        NATO_RU,
        "cannot read",
        "notice",
        "ru",
        "nato",
    ),
    Case(
        "file",
        "3001 paragraphs",
        _many_paragraphs,
        OSCE_EN,
        "more than 3000 paragraphs",
        "notice",
        "en",
        "osce",
    ),
    Case(
        "file",
        "an extra file",
        _write("en/notes.txt", "draft"),
        "en/notes.txt",
        "not a section named in the manifest",
        "normal",
    ),
    Case(
        "file",
        "an extra folder",
        _write("de/osce.md", "# OSCE\n"),
        "de",
        "not a language of the manifest",
        "normal",
    ),
    # -- Markdown: shown safely, never interpreted --------------------------------
    Case(
        "markdown",
        "raw HTML",
        _append_section(OSCE_EN, '<b onclick="x()">bold</b>'),
        OSCE_EN,
        "raw HTML is shown as text",
        "text",
        shows='<b onclick="x()">bold</b>',
        section="osce",
    ),
    Case(
        "markdown",
        "a script",
        _append_section(OSCE_EN, "<script>alert(1)</script>"),
        OSCE_EN,
        "raw HTML is shown as text",
        "text",
        shows="<script>alert(1)</script>",
        section="osce",
    ),
    Case(
        "markdown",
        "a remote image",
        _append_section(OSCE_EN, "![tracker](https://example.com/pixel.png)"),
        OSCE_EN,
        "remote image",
        "placeholder",
        shows="[tracker]",
        section="osce",
    ),
    Case(
        "markdown",
        "a protocol-relative image",
        _append_section(OSCE_EN, "![cdn](//example.com/pixel.png)"),
        OSCE_EN,
        "remote image",
        "placeholder",
        shows="[cdn]",
        section="osce",
    ),
    Case(
        "markdown",
        "a file: image",
        _append_section(OSCE_EN, "![hosts](file:///etc/hosts)"),
        OSCE_EN,
        "file: addresses are not shown",
        "placeholder",
        shows="[hosts]",
        section="osce",
    ),
    Case(
        "markdown",
        "a data: image",
        _append_section(OSCE_EN, "![inline](data:image/png;base64,iVBORw0KGgo=)"),
        OSCE_EN,
        "only images inside the content folder",
        "placeholder",
        shows="[inline]",
        section="osce",
    ),
    Case(
        "markdown",
        "an image outside the folder",
        _outside_image("../../outside.png", "![escape](../../outside.png)"),
        OSCE_EN,
        "outside the content folder",
        "placeholder",
        shows="[escape]",
        section="osce",
    ),
    Case(
        "markdown",
        "a missing image",
        _append_section(OSCE_EN, "![gone](pictures/gone.png)"),
        OSCE_EN,
        "image 'pictures/gone.png' not found",
        "placeholder",
        shows="[gone]",
        section="osce",
    ),
    Case(
        "markdown",
        "a javascript: link",
        _append_section(OSCE_EN, "[run me](javascript:void)"),
        OSCE_EN,
        "only section, http(s) and mailto links",
        "text",
        shows="run me",
        section="osce",
    ),
    Case(
        "markdown",
        "a file: link",
        _append_section(OSCE_EN, "[passwords](file:///etc/passwd)"),
        OSCE_EN,
        "only section, http(s) and mailto links",
        "text",
        shows="passwords",
        section="osce",
    ),
    Case(
        "markdown",
        "a data: link",
        _append_section(OSCE_EN, "[page](data:text/html,hello)"),
        OSCE_EN,
        "only section, http(s) and mailto links",
        "text",
        shows="page",
        section="osce",
    ),
    Case(
        "markdown",
        "a link to an unknown section",
        _append_section(OSCE_EN, "[nowhere](no-such-section)"),
        OSCE_EN,
        "no section 'no-such-section'",
        "text",
        shows="nowhere",
        section="osce",
    ),
    Case(
        "markdown",
        "a NUL character",
        _append_section(OSCE_EN, "before\x001\x00after"),
        OSCE_EN,
        "control character U+0000",
        "text",
        shows="after",
        section="osce",
    ),
    Case(
        "markdown",
        "200 KB of [",
        _append_section(OSCE_EN, "[" * 200_000),
        None,
        None,
        "text",
        shows="[[[[",
        section="osce",
    ),
    Case(
        "markdown",
        "200 KB of *a",
        _append_section(OSCE_EN, "*a " * 70_000),
        None,
        None,
        "text",
        shows="*a *a",
        section="osce",
    ),
    Case(
        "markdown",
        "a heading of 60,000 #s and spaces",
        _append_section(OSCE_EN, "## a" + " " * 20_000 + "#" * 20_000 + " " * 20_000 + "x"),
        None,
        None,
        "normal",
        section="osce",
    ),
    Case(
        "markdown",
        "one word of 1,000,000 letters",
        _append_section(OSCE_EN, "a" * 1_000_000),
        None,
        None,
        "normal",
        section="osce",
    ),
]
