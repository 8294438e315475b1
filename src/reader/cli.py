"""``reader``: the entry point. Crash handler first, then arguments, then work."""

from __future__ import annotations

import argparse
import gc
import logging
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from reader import __version__, crash

__all__ = ["main"]

log = logging.getLogger("reader")


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


def _ensure_streams() -> None:
    """A windowed build has no console; give print() somewhere to go."""
    if sys.stdout is None:
        sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115


def main(argv: list[str] | None = None) -> int:
    crash.install()
    _ensure_streams()
    try:
        args = _parser().parse_args(argv)
    except UsageError as error:
        print(error, file=sys.stderr)
        return 2
    except SystemExit as stop:  # --help and --version
        return int(stop.code or 0)

    if args.command == "check":
        from reader.check import run_check

        return run_check(args.folder)
    if args.command == "search":
        from reader.searchcli import run_search

        return run_search(args.query, args.lang, args.content, args.limit)
    if args.command == "export":
        from reader.export import run_export

        return run_export(args)
    if args.self_test:
        from reader.selftest import run_self_test

        return run_self_test(content=args.content)

    # Start-up makes a few hundred thousand objects and next to no garbage, so the
    # cycle collector would only walk them again and again: it waits for the window
    # (run_gui turns it back on).
    gc.disable()
    try:
        from reader.gui import run_gui

        return run_gui(args)
    finally:
        gc.enable()


def parsers() -> tuple[argparse.ArgumentParser, dict[str, argparse.ArgumentParser]]:
    """The main parser and every command's, all made: for the man page (build_deb.py)."""
    commands: dict[str, argparse.ArgumentParser] = {}
    for name, (summary, options) in COMMANDS.items():
        parser = _Parser(prog=f"reader {name}", description=summary)
        options(parser)
        commands[name] = parser
    return _parser(), commands
