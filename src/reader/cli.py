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
    if args.self_test:
        from reader.selftest import run_self_test

        return run_self_test(content=args.content)

    from reader.gui import run_gui

    return run_gui(args)
