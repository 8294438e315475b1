"""``reader``: the entry point. Crash handler first, then arguments, then work."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

from reader import __version__, crash

__all__ = ["main"]

log = logging.getLogger("reader")


class UsageError(Exception):
    """Bad command-line words; shown as a message, never a traceback."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"{self.prog}: {message}")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="reader", description="An offline bilingual document reader.")
    parser.add_argument("--version", action="version", version=f"reader {__version__}")
    parser.add_argument("--lang", choices=("en", "ru"), help="language of the interface and text")
    parser.add_argument("--section", metavar="ID", help="open this section")
    parser.add_argument("--content", metavar="DIR", type=Path, help="open another content folder")
    parser.add_argument(
        "--no-error-dialogs", action="store_true", help="log problems instead of showing dialogs"
    )
    parser.add_argument(
        "--self-test", action="store_true", help="check that this build works, then exit"
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    check = commands.add_parser("check", help="validate a content folder")
    check.add_argument("folder", nargs="?", type=Path, metavar="DIR")
    from reader.export import add_arguments as add_export_arguments

    add_export_arguments(commands.add_parser("export", help="write the document as a PDF"))
    search = commands.add_parser("search", help="print the sections that match, best first")
    search.add_argument("query", metavar="QUERY", help='words or a "quoted phrase"')
    search.add_argument(
        "--lang",
        choices=("en", "ru", "all"),
        default=argparse.SUPPRESS,
        help="search one language, or all (the default)",
    )
    search.add_argument(
        "--content", metavar="DIR", type=Path, default=argparse.SUPPRESS, help="content folder"
    )
    search.add_argument("--limit", type=int, metavar="N", help="print at most N sections")
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
        from reader.search import run_search

        return run_search(args.query, args.lang, args.content, args.limit)
    if args.command == "export":
        from reader.export import run_export

        return run_export(args)
    if args.self_test:
        from reader.selftest import run_self_test

        return run_self_test(content=args.content)

    from reader.gui import run_gui

    return run_gui(args)
