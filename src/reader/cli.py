"""``reader``: the entry point. Crash handler first, then arguments, then work."""

from __future__ import annotations

import gc
import logging
import os
import sys
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING, cast

from reader import crash

if TYPE_CHECKING:
    import argparse

__all__ = ["main", "plain_start"]

log = logging.getLogger("reader")


# The window's options, as reader.cliparse declares them, with their defaults.
_PLAIN_DEFAULTS = {
    "lang": None,
    "section": None,
    "content": None,
    "kiosk": False,
    "idle": None,
    "no_error_dialogs": False,
    "self_test": False,
    "command": None,
}
_PLAIN_VALUES = {"--lang": "lang", "--section": "section", "--content": "content", "--idle": "idle"}
_PLAIN_FLAGS = {"--kiosk": "kiosk", "--no-error-dialogs": "no_error_dialogs"}
_PLAIN_LANGUAGES = ("en", "ru")  # --lang's choices: argparse refuses any other, even if overridden


def plain_start(words: list[str]) -> SimpleNamespace | None:
    """The arguments of a start of the window, as argparse would give them; None if unsure.

    Only the window's own options spelt out in full, each with its value as
    the next word: a start from the desktop, the stand's autostart, a
    benchmark. Anything else (commands, --help, abbreviations, "--lang=ru",
    mistakes) is left to argparse and its messages.
    """
    found: dict[str, object] = dict(_PLAIN_DEFAULTS)
    words_left = iter(words)
    for word in words_left:
        if word in _PLAIN_FLAGS:
            found[_PLAIN_FLAGS[word]] = True
        elif word in _PLAIN_VALUES:
            value = next(words_left, None)
            if value is None or value.startswith("-"):
                return None
            if word == "--lang" and value not in _PLAIN_LANGUAGES:  # each, not the last only
                return None
            found[_PLAIN_VALUES[word]] = value
        else:
            return None
    if found["content"] is not None:
        found["content"] = Path(str(found["content"]))
    return SimpleNamespace(**found)


def _ensure_streams() -> None:
    """A windowed build has no console; give print() somewhere to go."""
    if sys.stdout is None:
        sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115


def main(argv: list[str] | None = None) -> int:
    crash.install()
    _ensure_streams()
    args: argparse.Namespace | SimpleNamespace | None = plain_start(
        sys.argv[1:] if argv is None else argv
    )
    if args is None:
        from reader.cliparse import UsageError, parse

        try:
            args = parse(argv)
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

        return run_export(cast("argparse.Namespace", args))  # a command: parsed by argparse
    if args.self_test:
        from reader.selftest import run_self_test

        return run_self_test(content=args.content)

    # Start-up makes a few hundred thousand objects and next to no garbage, so the
    # cycle collector would only walk them again and again: it waits for the window
    # (run_gui turns it back on).
    gc.disable()
    try:
        from reader import qtload, resources

        qtload.load_pyside(resources.pyside_code_cache())
        from reader.gui import run_gui

        return run_gui(args)
    finally:
        gc.enable()
