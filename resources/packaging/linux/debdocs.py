"""The .deb's documentation: man page, changelog and machine-readable copyright.

Used by build_deb.py. The man page is made from the command line's own
parsers (reader.cliparse.parsers), so a new option or command appears in it
without editing anything here; the copyright file from
resources/licenses/components.toml, the list Help › About shows.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import re
from email.utils import format_datetime
from pathlib import Path

from reader import __version__, licences
from reader.cliparse import parsers

MAINTAINER = "Reader developers <reader@example.org>"
# components.toml keeps SPDX expressions; DEP-5 writes a few of them its own way.
DEP5_NAMES = {
    "GPL-2.0-or-later WITH Bootloader-exception": "GPL-2+ with Bootloader exception",
    "LGPL-3.0-only": "LGPL-3",
    "PSF-2.0": "PSF-2",
    "ParaType Free Font License": "ParaType-Free-Font",
    "see the file": "other-content-terms",
    "blessing": "public-domain",
}


def gzipped(text: str) -> bytes:
    """Reproducible gzip, as Debian wants it (no name, no time stamp, best compression)."""
    return gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0)


def _roff(text: str) -> str:
    text = text.replace("\\", "\\e").replace("-", "\\-")
    lines = text.split("\n")
    return "\n".join(("\\&" + line) if line.startswith((".", "'")) else line for line in lines)


def _options(parser: argparse.ArgumentParser) -> list[str]:
    lines: list[str] = []
    for action in parser._actions:  # argparse has no public list of its options
        if isinstance(action, argparse._SubParsersAction) or action.help == argparse.SUPPRESS:
            continue
        if action.option_strings:
            names = ", ".join(f"\\fB{_roff(name)}\\fR" for name in action.option_strings)
            if action.nargs != 0:
                names += f" \\fI{_roff(str(action.metavar or action.dest.upper()))}\\fR"
        else:
            names = f"\\fI{_roff(str(action.metavar or action.dest))}\\fR"
        lines += [".TP", names, _roff(action.help or "")]
    return lines


def man_page(edition: dt.date, title: str) -> str:
    """reader(1): the window's options, then each command with its own."""
    main, commands = parsers()
    usage = " ".join(main.format_usage().split()[1:])
    lines = [
        f'.TH READER 1 "{edition.isoformat()}" "reader {__version__}" "User Commands"',
        ".SH NAME",
        "reader \\- offline bilingual (English/Russian) document reader",
        ".SH SYNOPSIS",
        f".B {_roff(usage)}",
        *(f".br\n.B {_roff(' '.join(p.format_usage().split()[1:]))}" for p in commands.values()),
        ".SH DESCRIPTION",
        _roff(
            f"reader opens \u201c{title}\u201d, the document bundled with it, in a window: a tree "
            "of sections, the text, and a language switch between English and Russian that keeps "
            "the paragraph being read. It never uses the network. With a COMMAND it works "
            "without a window instead."
        ),
        ".SH OPTIONS",
        *_options(main),
        ".SH COMMANDS",
    ]
    for name, parser in commands.items():
        lines += [f".SS {name}", _roff(parser.description or ""), *_options(parser)]
    lines += [
        ".SH FILES",
        ".TP",
        "\\fI~/.config/reader/reader.ini\\fR",
        "Settings: language, place in the document, window, text size, theme.",
        ".TP",
        "\\fI~/.local/state/reader/reader.log\\fR",
        "Log of problems and unexpected errors.",
        ".TP",
        "\\fI~/.cache/reader/\\fR",
        "Search index and manifest cache; safe to delete.",
        ".TP",
        "\\fI/opt/reader/_internal/reader/data/licenses/\\fR",
        "Licence texts of everything the program bundles (also shown in Help \\(-> About).",
        ".SH EXIT STATUS",
        "0 on success, 1 when content has problems or a command fails, 2 for bad arguments.",
        ".SH SEE ALSO",
        "\\fI/usr/share/doc/reader/copyright\\fR",
    ]
    return "\n".join(lines) + "\n"


def changelog(edition: dt.date) -> str:
    """A native package's changelog: one entry for this version."""
    when = dt.datetime.combine(edition, dt.time(12, 0), tzinfo=dt.UTC)
    return (
        f"reader ({__version__}) unstable; urgency=medium\n\n"
        "  * Release of the offline bilingual reader with its document.\n\n"
        f" -- {MAINTAINER}  {format_datetime(when)}\n"
    )


# Licences Debian keeps in /usr/share/common-licenses: debian/copyright points
# there instead of repeating them (lintian: copyright-file-contains-full-*).
COMMON_LICENSES = {"LGPL-3": ["LGPL-3", "GPL-3"], "GPL-2+ with Bootloader exception": ["GPL-2"]}


def _licence_body(component: licences.Component, name: str, install_dir: Path) -> str:
    text = licences.licence_text(component)
    common = COMMON_LICENSES.get(name)
    if common is None:
        return text
    where = " and ".join(f"/usr/share/common-licenses/{licence}" for licence in common)
    carried = ", ".join([component.file, *component.also])
    intro = text.split("\nBootloader and Related Files", 1)[0] if "Bootloader" in name else ""
    return (f"{intro.strip()}\n\n" if intro else "") + (
        f"On Debian systems the complete texts are in {where}. The package also carries "
        f"them in /{install_dir}/_internal/reader/data/licenses/ ({carried})."
    )


def _dep5_text(text: str) -> str:
    lines = [line.rstrip() for line in text.strip("\n").split("\n")]
    return "\n".join(f" {line}" if line else " ." for line in lines)


def copyright_file(install_dir: Path) -> str:
    """debian/copyright (DEP-5) of the installed files, from components.toml."""
    stanzas = [
        "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n"
        "Upstream-Name: reader\n"
        "Comment: The full licence texts are also in\n"
        f" /{install_dir}/_internal/reader/data/licenses/ and in the program's Help > About."
    ]
    for component in licences.components():
        files = " ".join(
            "*" if pattern == "*" else f"{install_dir}/{pattern}" for pattern in component.files
        )
        name = DEP5_NAMES.get(component.license, component.license)
        if re.search(r"\s", name) and " with " not in name:
            raise SystemExit(f"build_deb: no DEP-5 name for licence {component.license!r}")
        stanzas.append(
            f"Files: {files}\n"
            f"Copyright: {component.copyright}\n"
            f"License: {name}\n"
            f" {component.name}. Source: {component.source}\n .\n"
            + _dep5_text(_licence_body(component, name, install_dir))
        )
    return "\n\n".join(stanzas) + "\n"


def lintian_overrides(package: str) -> str:
    """The tags lintian gives every app bundled in /opt, each with the reason it stays."""
    return f"""\
# Reader is a self-contained PyInstaller bundle in /opt/{package}: its own Python,
# Qt and PySide6, so that it runs the same on every distribution. These tags
# describe that choice, not a fault in the package.

# Everything of the bundle lives under /opt/{package}, apart from the system's
# files: only the launcher, desktop entry, icons, metainfo and docs are in /usr.
{package}: dir-or-file-in-opt [opt/{package}/*]
# Python comes as the build machine's interpreter was built: expat is inside
# libpython (Debian) or pyexpat (other builds), and on some builds the smallest
# extension modules (_statistics…) need nothing from libc, which Python loads
# first. Which of these two appears depends on the Python that built the bundle.
{package}: embedded-library expat [opt/{package}/_internal/*]
{package}: library-not-linked-against-libc [opt/{package}/_internal/*]
{package}: shared-library-lacks-prerequisites [opt/{package}/*]
# The bundle carries PT Serif and PT Sans (also in fonts-paratype) so that the
# standalone build looks the same on machines without them.
{package}: duplicate-font-file *[opt/{package}/_internal/reader/data/fonts/*]
# The licence texts must travel inside the bundle: Help > About shows them and
# the onedir is also shipped on its own (the LGPL asks for them with the program).
{package}: package-contains-documentation-outside-usr-share-doc *[opt/{package}/*]
{package}: extra-license-file [opt/{package}/*]
# PyInstaller's prebuilt bootloader, which starts the bundled Python.
{package}: hardening-no-pie [opt/{package}/{package}]
"""


def write_docs(stage: Path, package: str, install_dir: Path, edition: dt.date, title: str) -> None:
    """Man page, changelog, copyright and lintian overrides into the staging root."""
    man = stage / "usr/share/man/man1"
    man.mkdir(parents=True, exist_ok=True)
    (man / f"{package}.1.gz").write_bytes(gzipped(man_page(edition, title)))
    docs = stage / "usr/share/doc" / package
    docs.mkdir(parents=True, exist_ok=True)
    (docs / "changelog.gz").write_bytes(gzipped(changelog(edition)))
    (docs / "copyright").write_text(copyright_file(install_dir), encoding="utf-8")
    overrides = stage / "usr/share/lintian/overrides"
    overrides.mkdir(parents=True, exist_ok=True)
    (overrides / package).write_text(lintian_overrides(package), encoding="utf-8")
