"""The command line's grammar: every option and command, for argparse.

Only what a plain start does not need: the window's own options, written out
in full, are read by ``reader.cli`` without argparse (importing it and making
the parser cost ~3 ms of every start). ``--help``, the commands, abbreviations
and anything unusual come here, and the man page is made from ``parsers()``.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from reader import __version__

__all__ = ["COMMANDS", "UsageError", "parse", "parsers"]


class UsageError(Exception):
    """Bad command-line words; shown as a message, never a traceback."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"{self.prog}: {message}")


class _Command:
    """A command's parser, made only when the command is used.

    Most runs open the window, and every parser made costs argparse a few
    translation look-ups. The main parser's ``--help`` lists the commands
    without making them.
    """

    def __init__(self, options: Callable[[argparse.ArgumentParser], None], **settings: Any):
        self._options = options
        self._settings = settings
        self._parser: argparse.ArgumentParser | None = None

    def parse_known_args(self, args=None, namespace=None):
        if self._parser is None:
            self._parser = _Parser(**self._settings)
            self._options(self._parser)
        return self._parser.parse_known_args(args, namespace)


def _check_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("folder", nargs="?", type=Path, metavar="DIR")


def _export_options(parser: argparse.ArgumentParser) -> None:
    from reader.export import add_arguments  # its imports are not needed to start the window

    add_arguments(parser)


def _search_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("query", metavar="QUERY", help='words or a "quoted phrase"')
    parser.add_argument(
        "--lang",
        choices=("en", "ru", "all"),
        default=argparse.SUPPRESS,
        help="search one language, or all (the default)",
    )
    parser.add_argument(
        "--content", metavar="DIR", type=Path, default=argparse.SUPPRESS, help="content folder"
    )
    parser.add_argument("--limit", type=int, metavar="N", help="print at most N sections")


# The subcommands: what ``reader --help`` and the man page say, and their options.
COMMANDS: dict[str, tuple[str, Callable[[argparse.ArgumentParser], None]]] = {
    "check": ("validate a content folder", _check_options),
    "export": ("write the document as a PDF", _export_options),
    "search": ("print the sections that match, best first", _search_options),
}


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="reader", description="An offline bilingual document reader.")
    parser.add_argument("--version", action="version", version=f"reader {__version__}")
    parser.add_argument("--lang", choices=("en", "ru"), help="language of the interface and text")
    parser.add_argument("--section", metavar="ID", help="open this section")
    parser.add_argument("--content", metavar="DIR", type=Path, help="open another content folder")
    parser.add_argument(
        "--kiosk",
        action="store_true",
        help="stand mode for visitors: full screen, locked, back to the start when idle",
    )
    parser.add_argument(
        "--idle",
        metavar="SECONDS",
        help="stand mode: seconds without input before the start screen (90; 0 = never)",
    )
    parser.add_argument(
        "--no-error-dialogs", action="store_true", help="log problems instead of showing dialogs"
    )
    parser.add_argument(
        "--self-test", action="store_true", help="check that this build works, then exit"
    )
    # _Command stands in for a parser until its command is used (typeshed wants a parser class).
    commands = parser.add_subparsers(
        dest="command",
        metavar="COMMAND",
        parser_class=_Command,  # type: ignore[type-var]
    )
    for name, (summary, options) in COMMANDS.items():
        commands.add_parser(name, help=summary, options=options)
    return parser


def parse(argv: list[str] | None) -> argparse.Namespace:
    """The arguments; UsageError for bad words, SystemExit for --help and --version."""
    return _parser().parse_args(argv)


def parsers() -> tuple[argparse.ArgumentParser, dict[str, argparse.ArgumentParser]]:
    """The main parser and every command's, all made: for the man page (build_deb.py)."""
    commands: dict[str, argparse.ArgumentParser] = {}
    for name, (summary, options) in COMMANDS.items():
        parser = _Parser(prog=f"reader {name}", description=summary)
        options(parser)
        commands[name] = parser
    return _parser(), commands
