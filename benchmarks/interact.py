"""Time what a reader does in the real window, the way ``make bench`` reports it.

    python benchmarks/interact.py [--content DIR] [--reps 100]

Opens Reader's main window (``reader.gui.create_window``, as ``reader`` does)
and times each interaction from the call to the end of the frame it causes:
the action is triggered, then the posted events (layout, the repaint of what
changed) are processed. Prints one JSON object. Interactions whose feature
the window lacks are listed under ``skipped`` instead of failing.

- language: Switch Language (Ctrl+L) from a place inside a section; the
  place (section and paragraph) must be the same after each round trip.
- section: ``show_section`` on sections spread over the whole document.
- filter: typing a title word into the tree's filter box, per keystroke.
- search: typing into the search panel, per keystroke, with the search the
  typing pause would start run at once (the pause itself is not counted);
  the first build of the index is reported on its own.
- text_size: Larger / Smaller Text, alternately.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

__all__ = ["main", "summarize"]

# PySide6 6.12 on CPython 3.11 (where None, True and False are not yet
# immortal) drops a reference to None on many calls that return nothing, and
# to True/False on signal emissions: enough of them and the interpreter
# aborts with "none_dealloc" (a language switch costs about a hundred).
# pyproject.toml pins PySide6 below 6.12 for that; should a build get it
# anyway, these extra references keep the benchmark alive long enough to time
# the interactions (the app itself has no such ballast).
_BALLAST = ([None] * 20_000_000, [True] * 2_000_000, [False] * 2_000_000)


def summarize(samples: list[float]) -> dict[str, float | int]:
    """Median and nearest-rank 95th percentile, in milliseconds."""
    ordered = sorted(samples)
    rank = max(1, -(-95 * len(ordered) // 100))  # ceil(0.95 n)
    return {
        "median_ms": round(statistics.median(ordered) * 1000, 3),
        "p95_ms": round(ordered[rank - 1] * 1000, 3),
        "n": len(ordered),
    }


class Bench:
    def __init__(self, content: Path | None, reps: int) -> None:
        from PySide6.QtCore import QEvent, QObject

        from reader import resources
        from reader.gui import create_window
        from reader.settings import Settings
        from reader.ui import messages
        from reader.ui.application import ReaderApplication

        messages.set_dialogs_enabled(False)
        self.reps = reps
        self.app = ReaderApplication(sys.argv[:1])
        home = Path(os.environ["XDG_CONFIG_HOME"])
        args = argparse.Namespace(
            lang="en", section=None, content=content or resources.content_dir()
        )
        window = create_window(args, self.app, Settings(home / "reader.ini"))
        if window is None:
            raise SystemExit("the window could not be opened")
        self.window = window
        self.paints = 0
        bench = self

        class PaintCounter(QObject):
            def eventFilter(self, watched: QObject, event: QEvent) -> bool:
                if event.type() == QEvent.Type.Paint:
                    bench.paints += 1
                return False

        self._counter = PaintCounter()
        window.text.viewport().installEventFilter(self._counter)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and not (
            window.windowHandle() and window.windowHandle().isExposed() and self.paints
        ):
            self.app.processEvents()
            time.sleep(0.005)
        self.settle(0.3)
        self.ids = window.document.manifest.ids()
        self.results: dict[str, Any] = {"sections": len(self.ids), "ops": {}, "skipped": {}}

    def settle(self, seconds: float) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            self.app.processEvents()
            time.sleep(0.002)

    def frame(self) -> None:
        """Process what the last action posted, repaint included."""
        self.app.sendPostedEvents()
        self.app.processEvents()

    def timed(self, name: str, action: Callable[[int], None]) -> None:
        samples = []
        for rep in range(self.reps):
            started = time.perf_counter()
            action(rep)
            self.frame()
            samples.append(time.perf_counter() - started)
        self.results["ops"][name] = summarize(samples)

    def skip(self, name: str, reason: str) -> None:
        self.results["skipped"][name] = reason

    # -- the interactions ---------------------------------------------------

    def language(self) -> None:
        window = self.window
        action = getattr(window, "toggle_language_action", None)
        switch: Callable[[], None] = (
            action.trigger if action is not None else window.toggle_language
        )
        window.show_section(self.ids[len(self.ids) // 2], 3)
        self.frame()
        start = window.position()[:2]
        kept = checked = 0

        def step(rep: int) -> None:
            nonlocal kept, checked
            switch()
            if rep % 2:
                checked += 1
                kept += window.position()[:2] == start

        self.timed("language", step)
        self.results["ops"]["language"]["place_kept"] = f"{kept}/{checked}"

    def section(self) -> None:
        ids, window = self.ids, self.window
        stride = max(1, len(ids) // max(1, self.reps))
        chosen = [ids[(1 + n * stride) % len(ids)] for n in range(self.reps)]
        self.timed("section", lambda rep: window.show_section(chosen[rep]))

    def _words(self) -> list[str]:
        """Words of section titles, in the current language: what people type."""
        document, language = self.window.document, self.window.app.language
        words: list[str] = []
        for section_id in self.ids[:20]:
            title = document.section_title(language, section_id)
            words += [w for w in re.findall(r"\w+", title) if len(w) >= 5 and not w.isdigit()]
        return words or ["security"]

    def _keystrokes(self) -> list[tuple[str, bool]]:
        """``reps`` characters to type, with True where a word ends (the field is cleared)."""
        strokes: list[tuple[str, bool]] = []
        words = self._words()
        while len(strokes) < self.reps:
            for word in words:
                typed = word.lower()[:8]
                strokes += [(ch, n == len(typed) - 1) for n, ch in enumerate(typed)]
        return strokes[: self.reps]

    def filter(self) -> None:
        panel = getattr(self.window, "side_panel", None)
        box = getattr(panel, "filter", None)
        if box is None:
            self.skip("filter", "the window has no section filter box")
            return
        self.typed("filter", box.insert, box.clear)

    def typed(self, name: str, type_: Callable[[str], None], clear: Callable[[], None]) -> None:
        """Time each keystroke; words end with the field cleared (not timed)."""
        samples = []
        for character, last in self._keystrokes():
            started = time.perf_counter()
            type_(character)
            self.frame()
            samples.append(time.perf_counter() - started)
            if last:
                clear()
                self.frame()
        clear()
        self.frame()
        self.results["ops"][name] = summarize(samples)

    def search(self) -> None:
        panel = getattr(self.window, "search_panel", None)
        field = getattr(panel, "field", None)
        if panel is None or field is None or not hasattr(panel, "run_search"):
            self.skip("search", "the window has no search panel")
            return
        panel.toggle_action.trigger()
        self.frame()
        field.setText(self._words()[0][:4].lower())
        started = time.perf_counter()
        panel.run_search()  # the first search builds the index, in a thread

        def busy() -> bool:
            if hasattr(panel, "pending"):
                return panel.pending()
            return hasattr(panel, "index_ready") and not panel.index_ready()

        deadline = time.monotonic() + 600
        while busy() and time.monotonic() < deadline:
            self.app.processEvents()
            time.sleep(0.005)
        if busy() or panel.model.results() is None:
            self.skip("search", "no results after building the index (see the log)")
            return
        self.frame()
        self.results["search_index_build_s"] = round(time.perf_counter() - started, 3)
        field.clear()
        panel.run_search()
        self.frame()

        def type_(character: str) -> None:
            field.insert(character)
            panel.run_search()  # what the typing pause starts; the pause is not counted

        def clear() -> None:
            field.clear()
            panel.run_search()

        self.typed("search", type_, clear)
        panel.hide()
        self.frame()

    def text_size(self) -> None:
        control = getattr(getattr(self.window, "comfort", None), "text_size", None)
        larger = getattr(control, "larger_action", None)
        smaller = getattr(control, "smaller_action", None)
        if larger is None or smaller is None:
            self.skip("text_size", "the window has no text size actions")
            return
        self.window.show_section(self.ids[0])
        self.frame()
        self.timed("text_size", lambda rep: (larger if rep % 2 == 0 else smaller).trigger())


OPERATIONS = ("language", "section", "filter", "search", "text_size")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--content", type=Path, help="content folder (default: the bundled one)")
    parser.add_argument("--reps", type=int, default=100)
    parser.add_argument("--only", nargs="*", choices=OPERATIONS, default=list(OPERATIONS))
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="reader-bench-") as home:
        for name in ("XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
            os.environ[name] = str(Path(home) / name.lower())
        bench = Bench(args.content, args.reps)
        for name in args.only:
            getattr(bench, name)()
        search = getattr(bench.window, "search_panel", None)
        if search is not None and hasattr(search, "close_index"):
            search.close_index()
        print(json.dumps(bench.results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
