"""``make bench`` for stand mode: start-up to the welcome screen, and the idle reset.

    python benchmarks/stand_bench.py --reset [--reps 30]   (in-process part; prints JSON)

Two figures, each against an aim from issue 11:

- Start-up of ``reader --kiosk`` to its first painted welcome screen, measured
  from outside the process as ``measure.start_once`` measures the normal
  start-up (to its first painted text), in alternate runs of the two; the
  stand must be no slower than the normal reader.
- Idle reset: from the moment the idle time is up (the stand's ``start_over``,
  which the idle timer calls) to the end of the frame that paints the welcome
  screen, after a visitor has changed the language, section, text size and
  view. Timed inside the app, like ``interact.py``; aim: 100 ms or less.

``run.py`` calls ``measure()`` and appends ``render()`` to the report.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

__all__ = ["RESET_AIM_MS", "measure", "render"]

REPO = Path(__file__).resolve().parents[1]
RESET_AIM_MS = 100.0


def _summary(samples: list[float]) -> dict[str, float | int]:
    ordered = sorted(samples)
    rank = max(1, -(-95 * len(ordered) // 100))
    return {
        "median": round(statistics.median(ordered), 4),
        "p95": round(ordered[rank - 1], 4),
        "n": len(ordered),
    }


def measure(bench, screen) -> dict:
    """Both figures; ``bench`` is run.py's Bench (its apps, environment and settings)."""
    from measure import App, StartupError, start_once

    env = bench.env(screen)
    platform_name, watcher = screen.platform, screen.watcher
    normal = bench.readers["bundled"]
    stand = App("reader --kiosk", [*normal.command, "--kiosk", "--idle", "0"], normal.files)
    result: dict = {"platform": platform_name, "startup": {}, "reset": None, "errors": []}
    runs: dict[str, list[float]] = {"normal": [], "stand": []}
    apps = {"normal": normal, "stand": stand}
    for app in apps.values():  # warm the page cache
        try:
            start_once(app, env, watcher)
        except StartupError as error:
            result["errors"].append(str(error))
    for _round in range(bench.args.runs):
        for name, app in apps.items():
            try:
                runs[name].append(start_once(app, env, watcher).seconds)
            except StartupError as error:
                result["errors"].append(str(error))
    result["startup"] = {name: _summary(found) for name, found in runs.items() if found}

    found = subprocess.run(
        [
            sys.executable,
            str(Path(__file__)),
            "--reset",
            "--reps",
            str(max(3, bench.args.reps // 3)),
        ],
        env=env | {"PYTHONPATH": str(REPO / "src")},
        capture_output=True,
        text=True,
        timeout=900,
    )
    lines = [line for line in found.stdout.splitlines() if line.startswith("{")]
    if lines:
        result["reset"] = json.loads(lines[-1])
    else:
        result["errors"].append(f"idle reset: {found.stderr[-2000:]}")
    return result


def render(stand: dict | None) -> str:
    """The report's section on stand mode (Markdown)."""
    lines = ["", "## Stand mode (`reader --kiosk`)", ""]
    if not stand:
        return "\n".join([*lines, "Not measured.", ""])
    startup = stand.get("startup", {})
    normal, kiosk = startup.get("normal"), startup.get("stand")
    lines.append(
        f"Start-up to the first painted screen, warm, {stand['platform']} "
        "(the normal reader to its text, the stand to its welcome screen), runs alternating:"
    )
    lines.append("")
    lines.append("| | median | 95th percentile | runs |")
    lines.append("|---|---|---|---|")
    for label, row in (("reader", normal), ("reader --kiosk", kiosk)):
        if row:
            lines.append(f"| {label} | {row['median']:.3f} s | {row['p95']:.3f} s | {row['n']} |")
    reset = stand.get("reset")
    if reset:
        lines.append(
            f"| idle reset to the welcome screen | {reset['median_ms']:.1f} ms "
            f"| {reset['p95_ms']:.1f} ms | {reset['n']} |"
        )
    lines.append("")
    lines.append("| Aim | Measured | Verdict |")
    lines.append("|---|---|---|")
    if normal and kiosk:
        ok = kiosk["median"] <= normal["median"]
        lines.append(
            f"| stand start-up ≤ normal start-up | {kiosk['median']:.3f} s vs "
            f"{normal['median']:.3f} s | {'met' if ok else '**missed**'} |"
        )
    if reset:
        ok = reset["median_ms"] <= RESET_AIM_MS
        lines.append(
            f"| idle reset ≤ {RESET_AIM_MS:.0f} ms (median) | {reset['median_ms']:.1f} ms "
            f"| {'met' if ok else '**missed**'} |"
        )
    for error in stand.get("errors", [])[:3]:
        lines.append(f"\nError: `{error.splitlines()[0]}`")
    lines.append("")
    return "\n".join(lines)


# -- in the app: the idle reset -------------------------------------------------------


def time_reset(reps: int) -> dict:
    """Median and 95th percentile of the idle reset, in milliseconds."""
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication

    from reader.gui import create_window
    from reader.ui import messages
    from reader.ui.application import ReaderApplication
    from reader.ui.stand import Stand

    messages.set_dialogs_enabled(False)
    app = ReaderApplication(sys.argv[:1])
    args = argparse.Namespace(lang="en", section=None, content=None, kiosk=True, idle="0")
    window = create_window(args, app)
    stand = window.findChild(Stand)
    welcome = window.start_page.welcome

    class PaintSeen(QObject):
        seen = False

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                self.seen = True
            return False

    def settle() -> None:
        deadline = time.monotonic() + 0.2
        while time.monotonic() < deadline:
            QApplication.processEvents()

    settle()
    samples = []
    actions = window.reading_actions()
    for rep in range(reps):
        welcome.buttons["ru" if rep % 2 == 0 else "en"].click()
        for action in (actions.next, actions.larger, actions.side_by_side):
            action.trigger()
        settle()
        probe = PaintSeen()
        welcome.installEventFilter(probe)
        started = time.perf_counter()
        stand.start_over()
        while not probe.seen:
            QApplication.processEvents()
        QApplication.processEvents()  # the rest of the frame: the flush to the screen
        samples.append((time.perf_counter() - started) * 1000)
        welcome.removeEventFilter(probe)
        if window.app.language != "en" or not window.start_page.showing:
            raise SystemExit("the reset did not come back to the English welcome screen")
    stand.leave()
    ordered = sorted(samples)
    rank = max(1, -(-95 * len(ordered) // 100))
    return {
        "median_ms": round(statistics.median(ordered), 2),
        "p95_ms": round(ordered[rank - 1], 2),
        "n": len(ordered),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reset", action="store_true", help="time the idle reset, print JSON")
    parser.add_argument("--reps", type=int, default=30)
    args = parser.parse_args(argv)
    if not args.reset:
        parser.error("run by run.py; alone, use --reset")
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    print(json.dumps(time_reset(args.reps)), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
