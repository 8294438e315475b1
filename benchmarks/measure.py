"""Start-up, memory and size, measured from outside the process (stdlib only).

Start-up is the time from just before the process is launched to the first
frame that shows the text on the X server, as ``xwatch.ScreenWatcher`` sees
it; the window being mapped is noted on the way. The app's own timestamp of
its first paint (READER_FIRST_PAINT_FILE, reader.ui.firstpaint; the floor
does the same) is kept beside it, and is all there is without an X server
(QT_QPA_PLATFORM=offscreen), where READER_EXIT_AFTER_PAINT=1 makes the app
quit by itself. Memory is VmHWM from /proc/<pid>/status a moment after that
first paint.
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

from xwatch import ScreenWatcher

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


def _cpu_seconds(pid: int) -> float | None:
    """CPU seconds the process's threads have run so far (schedstat: nanoseconds)."""
    total = 0
    try:
        for task in Path(f"/proc/{pid}/task").iterdir():
            with contextlib.suppress(OSError, ValueError, IndexError):
                total += int((task / "schedstat").read_text().split()[0])
    except OSError:
        return None
    return total / 1e9


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


def _end(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@dataclass
class Start:
    """One start, in seconds from launch: seen on the X server, and the app's own stamp.

    ``mapped``: the window mapped; ``text``: the first frame with the text on
    the screen; ``painted``: the app's first-paint timestamp; ``cpu``: CPU
    seconds used by then. ``seconds`` is the start-up that counts: ``text``
    when the X server was watched, else ``painted``.
    """

    seconds: float
    mapped: float | None
    text: float | None
    painted: float
    cpu: float


def start_once(app: App, env: dict[str, str], watcher: ScreenWatcher | None = None) -> Start:
    """Start ``app`` once, see its text reach the screen, then end it.

    Without a watcher (no X server) the app quits by itself after its first
    paint (READER_EXIT_AFTER_PAINT) and only its own timestamp counts.
    """
    with tempfile.TemporaryDirectory(prefix="bench-start-") as folder:
        stamp = Path(folder) / "paint"
        errors = Path(folder) / "stderr"
        run_env = env | {FIRST_PAINT_FILE: str(stamp)}
        if watcher is None:
            run_env[EXIT_AFTER_PAINT] = "1"
        else:
            watcher.arm()
        with errors.open("wb") as stderr:
            started = time.monotonic()
            process = subprocess.Popen(
                app.command,
                env=run_env,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=stderr,
            )
            if watcher is None:
                cpu = _wait(process, START_TIMEOUT)
                seen = None
            else:
                seen = watcher.wait_for_text(START_TIMEOUT)
                cpu = _cpu_seconds(process.pid)
                deadline = time.monotonic() + 5  # the app writes its stamp after the frame
                while _stamp(stamp) is None and time.monotonic() < deadline:
                    if process.poll() is not None:
                        break
                    time.sleep(0.005)
                _end(process)
        painted = _stamp(stamp)
        if painted is None or cpu is None or (seen is not None and seen.text is None):
            detail = errors.read_text(encoding="utf-8", errors="replace")[-2000:]
            what = "no first paint" if painted is None else "no text seen on the screen"
            raise StartupError(f"{app.name}: {what}\n{detail}")
    painted -= started
    if seen is None:
        return Start(painted, None, None, painted, cpu)
    mapped = seen.mapped - started if seen.mapped is not None else None
    text = seen.text - started
    return Start(text, mapped, text, painted, cpu)


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
            _end(process)


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
