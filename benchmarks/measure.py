"""Start-up, memory and size, measured from outside the process (stdlib only).

Start-up is the time from just before the process is started to its first
painted frame with the text: the app writes a CLOCK_MONOTONIC timestamp when
READER_FIRST_PAINT_FILE is set (reader.ui.firstpaint; the floor does the
same) and quits when READER_EXIT_AFTER_PAINT=1. Under X the window must also
have been mapped, which ``xwatch.MapWatcher`` sees on the X server; the later
of the two counts. Memory is VmHWM from /proc/<pid>/status a moment after
that first paint.
"""

from __future__ import annotations

import contextlib
import os
import statistics
import subprocess
import tempfile
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from xwatch import MapWatcher

__all__ = [
    "App",
    "Start",
    "StartupError",
    "evict",
    "peak_memory",
    "start_once",
    "tree_size",
]

FIRST_PAINT_FILE = "READER_FIRST_PAINT_FILE"
EXIT_AFTER_PAINT = "READER_EXIT_AFTER_PAINT"
START_TIMEOUT = 120


class StartupError(RuntimeError):
    """The app did not paint (it crashed, or timed out); carries its stderr."""


@dataclass
class App:
    """A program to start: ``command`` plus the files a cold start must read again."""

    name: str
    command: list[str]
    files: list[Path] = field(default_factory=list)


def evict(paths: Iterable[Path]) -> str:
    """Empty the page cache, so that the next start reads from disk: a cold start.

    As root, all of it (/proc/sys/vm/drop_caches); otherwise the files under
    ``paths`` are dropped one by one (posix_fadvise DONTNEED). Returns which.
    """
    os.sync()
    try:
        Path("/proc/sys/vm/drop_caches").write_text("3\n")
        return "drop_caches"
    except OSError:
        pass
    for top in paths:
        for folder, _dirs, names in os.walk(top):
            for name in names:
                with contextlib.suppress(OSError):
                    descriptor = os.open(os.path.join(folder, name), os.O_RDONLY)
                    try:
                        os.posix_fadvise(descriptor, 0, 0, os.POSIX_FADV_DONTNEED)
                    finally:
                        os.close(descriptor)
    return "posix_fadvise"


def _stamp(path: Path) -> float | None:
    try:
        return float(path.read_text(encoding="utf-8").split()[0])
    except (OSError, ValueError, IndexError):
        return None


def _wait(process: subprocess.Popen[bytes], timeout: float) -> float | None:
    """Reap ``process``; its CPU seconds (user + system), or None if it had to be killed."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        pid, _status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            process.returncode = _status
            return usage.ru_utime + usage.ru_stime
        time.sleep(0.005)
    process.kill()
    process.wait()
    return None


@dataclass
class Start:
    """One start: seconds to the first painted frame, to the window mapped, CPU seconds."""

    seconds: float
    mapped: float | None
    cpu: float


def start_once(app: App, env: dict[str, str], watcher: MapWatcher | None = None) -> Start:
    """Start ``app`` once and let it quit after its first paint."""
    with tempfile.TemporaryDirectory(prefix="bench-start-") as folder:
        stamp = Path(folder) / "paint"
        errors = Path(folder) / "stderr"
        run_env = env | {FIRST_PAINT_FILE: str(stamp), EXIT_AFTER_PAINT: "1"}
        with errors.open("wb") as stderr:
            started = time.monotonic()
            process = subprocess.Popen(
                app.command,
                env=run_env,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=stderr,
            )
            cpu = _wait(process, START_TIMEOUT)
        painted = _stamp(stamp)
        if painted is None or cpu is None:
            detail = errors.read_text(encoding="utf-8", errors="replace")[-2000:]
            raise StartupError(f"{app.name}: no first paint\n{detail}")
    mapped = watcher.first_map_after(started) if watcher is not None else None
    paint_seconds = painted - started
    map_seconds = mapped - started if mapped is not None else None
    return Start(max(paint_seconds, map_seconds or 0.0), map_seconds, cpu)


def _status(pid: int) -> dict[str, int]:
    values: dict[str, int] = {}
    with contextlib.suppress(OSError):
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            key, _, rest = line.partition(":")
            if key in ("VmHWM", "VmRSS"):
                values[key] = int(rest.split()[0]) * 1024
    return values


def peak_memory(app: App, env: dict[str, str], settle: float = 1.0) -> dict[str, int]:
    """VmHWM and VmRSS, in bytes, ``settle`` seconds after the first paint."""
    with tempfile.TemporaryDirectory(prefix="bench-memory-") as folder:
        stamp = Path(folder) / "paint"
        process = subprocess.Popen(
            app.command,
            env=env | {FIRST_PAINT_FILE: str(stamp)},
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            deadline = time.monotonic() + START_TIMEOUT
            while _stamp(stamp) is None:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise StartupError(f"{app.name}: no first paint")
                time.sleep(0.02)
            time.sleep(settle)
            return _status(process.pid)
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def tree_size(folder: Path) -> tuple[int, int]:
    """(bytes, files) of a folder; symbolic links count as files of their own size."""
    total = files = 0
    for parent, _dirs, names in os.walk(folder):
        for name in names:
            total += os.lstat(os.path.join(parent, name)).st_size
            files += 1
    return total, files


def median(values: list[float]) -> float:
    return statistics.median(values)
