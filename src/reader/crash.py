"""Crash safety: everything unexpected goes to a log file and a dialog.

Installed first thing in ``main()``. A windowed build has no console, so
nothing here assumes ``sys.stdout`` or ``sys.stderr`` exist.
"""

from __future__ import annotations

import faulthandler
import logging
import os
import sys
import threading
import traceback
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType

from reader import __version__, resources

__all__ = ["install", "log_path", "report_exception"]

LOG_FILE = "reader.log"
MAX_LOG_BYTES = 1024 * 1024
LOG_BACKUPS = 3

log = logging.getLogger("reader")
_log_path: Path | None = None
_in_hook = threading.local()


class _RotatingLog(logging.FileHandler):
    """The log file, kept under ``max_bytes``: then it becomes ``.1``, ``.1`` becomes ``.2``…

    What ``logging.handlers.RotatingFileHandler`` does, without loading that
    module (and the socket, pickle and queue modules it brings) at every
    start. After a rollover faulthandler writes into the new file.
    """

    def __init__(self, path: Path, max_bytes: int, backups: int) -> None:
        super().__init__(path, encoding="utf-8")
        self.max_bytes = max_bytes
        self.backups = backups

    def emit(self, record: logging.LogRecord) -> None:
        try:
            if self._full(record):
                self.rollover()
            super().emit(record)
        except Exception:  # noqa: BLE001 (logging reports its own failures)
            self.handleError(record)

    def _full(self, record: logging.LogRecord) -> bool:
        if self.stream is None:
            self.stream = self._open()
        if not os.path.isfile(self.baseFilename):  # /dev/null, say: nothing to rotate
            return False
        self.stream.seek(0, os.SEEK_END)  # another Reader may have written meanwhile
        written = self.stream.tell()
        return written > 0 and written + len(f"{self.format(record)}\n".encode()) > self.max_bytes

    def rollover(self) -> None:
        if self.stream is not None:
            self.stream.close()
            self.stream = None  # if reopening fails, the next record tries again
        base = self.baseFilename
        for number in range(self.backups - 1, 0, -1):
            older = f"{base}.{number}"
            if os.path.exists(older):
                os.replace(older, f"{base}.{number + 1}")
        if os.path.exists(base):
            os.replace(base, f"{base}.1")
        self.stream = self._open()
        faulthandler.enable(file=self.stream)


def _log_folders() -> Iterator[Path]:
    yield resources.user_log_dir()
    import tempfile  # only when the user's own folder cannot be written

    yield Path(tempfile.gettempdir()) / "reader-logs"


def _open_log() -> _RotatingLog | None:
    global _log_path
    for folder in _log_folders():
        try:
            folder.mkdir(parents=True, exist_ok=True)
            handler = _RotatingLog(folder / LOG_FILE, MAX_LOG_BYTES, LOG_BACKUPS)
        except OSError:
            continue
        _log_path = folder / LOG_FILE
        return handler
    return None


def log_path() -> Path | None:
    """The log file in use, to show people where details are."""
    return _log_path


def install() -> None:
    """Route logging, faults and uncaught exceptions to the log file."""
    root = logging.getLogger()
    if any(isinstance(h, _RotatingLog) for h in root.handlers):
        return
    root.setLevel(logging.INFO)
    formatter = logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    handler = _open_log()
    if handler is not None:
        handler.setFormatter(formatter)
        root.addHandler(handler)
        if handler.stream is not None:
            faulthandler.enable(file=handler.stream)
    if sys.stderr is not None:
        console = logging.StreamHandler(sys.stderr)
        console.setLevel(logging.WARNING)
        # Qt's own chatter belongs in the log file; the console shows real errors.
        console.addFilter(lambda record: record.name != "qt" or record.levelno >= logging.ERROR)
        console.setFormatter(logging.Formatter("reader: %(message)s"))
        root.addHandler(console)
    sys.excepthook = _excepthook
    threading.excepthook = _thread_excepthook
    log.info("Reader %s started (process %d)", __version__, os.getpid())


def report_exception(
    exc_type: type[BaseException],
    value: BaseException,
    tb: TracebackType | None,
    fatal: bool = False,
) -> None:
    """Log an unexpected exception and tell the person, without exiting.

    ``fatal`` (the window never opened) makes the dialog wait for OK, since
    the program ends when it closes.
    """
    if getattr(_in_hook, "active", False):
        return
    _in_hook.active = True
    try:
        details = "".join(traceback.format_exception(exc_type, value, tb))
        log.critical("Unexpected error:\n%s", details.rstrip())
        from reader.ui import messages

        messages.show_crash(value, details, _log_path, fatal=fatal)
    except Exception:
        log.exception("The error report itself failed")
    finally:
        _in_hook.active = False


def _excepthook(
    exc_type: type[BaseException],
    value: BaseException,
    tb: TracebackType | None,
) -> None:
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, value, tb)
        return
    report_exception(exc_type, value, tb)


def _thread_excepthook(args: threading.ExceptHookArgs) -> None:
    if args.exc_value is not None:
        log.critical(
            "Unexpected error in thread %s:\n%s",
            args.thread.name if args.thread else "?",
            "".join(traceback.format_exception(args.exc_type, args.exc_value, args.exc_traceback)),
        )
