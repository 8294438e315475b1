"""How fast the search index is built and answers, on any content folder.

    python benchmarks/search_bench.py                  # the bundled document
    python benchmarks/search_bench.py /tmp/big-corpus  # one from make_corpus.py

``build_index`` and ``time_queries`` are what ``make bench`` times; a query
is timed the way the search panel asks it: the ranked sections and the
snippets of the first ten. ``first_search`` times ``reader search`` from
outside, in a fresh home: what a new installation's first search costs
(the bundled document's index is prebuilt; a --content folder's is built).

    python benchmarks/search_bench.py --first "python -m reader" [CONTENT]
    python benchmarks/search_bench.py --builds 3 /tmp/big-corpus  # first builds, median
"""

from __future__ import annotations

import argparse
import os
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from reader import resources
from reader.content import load_document
from reader.search import SearchIndex
from reader.searchstore import cache_path
from reader.suggest import timed_search

__all__ = [
    "HOSTILE",
    "QUERIES",
    "Timings",
    "build_index",
    "first_search",
    "measure_builds",
    "measure_first_searches",
    "render_first_searches",
    "time_queries",
]

# (query, language): word forms, ё/е, phrases, several words, a completion,
# something frequent, something absent, in both languages.
QUERIES: tuple[tuple[str, str], ...] = (
    ("initiatives", "en"),
    ("security", "en"),
    ('"human trafficking"', "en"),
    ("international security cooperation", "en"),
    ("non-proliferation", "en"),
    ("Belarus", "en"),
    ("secur", "en"),
    ("xylophone", "en"),
    ("инициативам", "ru"),
    ("партнерство", "ru"),
    ("«торговлей людьми»", "ru"),
    ("международной безопасности стабильность", "ru"),
    ("евроатлантического", "ru"),
    ("Беларусь", "ru"),
    ("нераспростр", "ru"),
    ("ксилофон", "ru"),
    # Dictionary forms, layout slips and typos (the help of reader.suggest is not timed here).
    ("ассамблея", "ru"),
    ("became", "en"),
    ("jjy", "ru"),
    ("безопаснсти", "ru"),
    ("securty", "en"),
)
# Queries no one should type, which must stay as quick as the others.
HOSTILE: tuple[tuple[str, str], ...] = (
    ("безопасность security " * 500, "ru"),
    ('NEAR(a b) title:osce "x AND (( * ^', "en"),
    ("OSCE\x00\x1b[1m\u202e\ufeff", "en"),
    ("securityбезопасность", "en"),
    ("x" * 10_000, "en"),  # one word that is no word: no typo is looked for
    (" ".join(f"абвгд{n:04}" for n in range(1000)), "ru"),  # 1,000 words that match nothing
)


def first_search(
    command: Sequence[str], content: Path | None, query: str = "security", runs: int = 3
) -> tuple[float, float, int]:
    """Median seconds of ``reader search`` in a fresh home, then again with its cache.

    Also the bytes it left in the user's cache folder. Timed from outside:
    the process starting is counted, as a person running it would count it.
    """
    firsts, agains, cached = [], [], 0
    for _ in range(runs):
        with tempfile.TemporaryDirectory(prefix="search-home-") as home:
            env = dict(os.environ) | {
                "HOME": home,
                "XDG_CACHE_HOME": f"{home}/cache",
                "XDG_CONFIG_HOME": f"{home}/config",
                "XDG_STATE_HOME": f"{home}/state",
            }
            args = [*command, "search", query, "--limit", "10"]
            args += ["--content", str(content)] if content is not None else []
            for times in (firsts, agains):
                started = time.perf_counter()
                subprocess.run(args, env=env, stdout=subprocess.DEVNULL, check=False)
                times.append(time.perf_counter() - started)
            cached = sum(p.stat().st_size for p in Path(home, "cache").rglob("*") if p.is_file())
    return statistics.median(firsts), statistics.median(agains), cached


@dataclass(frozen=True)
class Timings:
    median_ms: float
    p95_ms: float
    slowest: tuple[str, float]


def build_index(content: Path, cache: Path) -> tuple[SearchIndex, float, int, float | None]:
    """A fresh index of ``content`` in ``cache`` (the bundled one is prebuilt).

    (index, seconds, bytes on disk, seconds until the titles alone could be
    searched, as in the search panel; None when nothing was built).
    """
    document = load_document(content)
    cache_path(document, cache).unlink(missing_ok=True)
    titles: list[float] = []
    started = time.perf_counter()
    index = SearchIndex.open(
        document, cache, on_titles=lambda _: titles.append(time.perf_counter() - started)
    )
    seconds = time.perf_counter() - started
    path = cache_path(document, cache)
    return (
        index,
        seconds,
        (path if path.exists() else resources.prebuilt_search_index()).stat().st_size,
        titles[0] if titles else None,
    )


def load() -> str:
    """The machine's load average over the last minute: other work shares the cores."""
    try:
        return f"{os.getloadavg()[0]:.2f}"
    except OSError:
        return "?"


def measure_builds(content: Path, runs: int) -> list[tuple[float, float | None, str]]:
    """``runs`` first builds of ``content``'s index, each in a fresh cache folder.

    (seconds, seconds to the titles, load average before the build) each.
    """
    found = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as cache:
            before = load()
            index, seconds, _size, titles = build_index(content, Path(cache))
            index.close()
            found.append((seconds, titles, before))
    return found


def time_queries(
    index: SearchIndex, queries=QUERIES, repeat: int = 20, all_languages: bool = False
) -> Timings:
    """Median and 95th percentile of the queries, each asked ``repeat`` times."""
    samples: list[float] = []
    worst: dict[str, float] = {}
    for query, language in queries:
        languages = index.languages if all_languages else (language,)
        timed_search(index, query, languages)  # warm the page cache
        for _ in range(repeat):
            seconds = timed_search(index, query, languages)
            samples.append(seconds)
            worst[query] = max(worst.get(query, 0.0), seconds)
    samples.sort()
    p95 = samples[min(len(samples) - 1, round(0.95 * (len(samples) - 1)))]
    slowest = max(worst.items(), key=lambda item: item[1])
    return Timings(statistics.median(samples) * 1000, p95 * 1000, (slowest[0], slowest[1] * 1000))


def measure_first_searches(command: Sequence[str], documents: dict, runs: int = 3) -> dict:
    """``first_search`` of each document ({name: content folder or None}), for make bench."""
    found = {}
    for name, content in documents.items():
        before = load()
        first, again, cached = first_search(command, content, runs=runs)
        found[name] = {
            "first_s": round(first, 3),
            "again_s": round(again, 3),
            "cache": cached,
            "load": before,
        }
    return found


def render_first_searches(results: dict, lines: list[str]) -> None:
    """The table of ``measure_first_searches`` in docs/performance.md."""
    found = results.get("first_search")
    if not found:
        return
    lines += [
        "## First search",
        "",
        "`reader search security` of the frozen build in a fresh home, timed from outside"
        " (process start included; median of 3): the bundled document's index is prebuilt,"
        " a --content folder's is built into the user's cache on its first search"
        " (by worker processes, one per core). Load: the 1-minute load average before.",
        "",
        "| | First search | Again | Left in the user's cache | Load |",
        "|---|---|---|---|---|",
    ]
    for name, row in found.items():
        lines.append(
            f"| {name} | {row['first_s']:.2f} s | {row['again_s']:.2f} s"
            f" | {row['cache'] / 1_000_000:.1f} MB | {row.get('load', '–')} |"
        )
    lines.append("")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("content", nargs="?", type=Path, default=resources.content_dir())
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--first", metavar="COMMAND", help="time COMMAND's first search instead")
    parser.add_argument("--builds", type=int, metavar="N", help="time N first builds instead")
    args = parser.parse_args(argv)
    if args.builds:
        builds = measure_builds(args.content, args.builds)
        for seconds, titles, before in builds:
            shown = f"{titles:.2f} s" if titles is not None else "–"
            print(f"  built in {seconds:.2f} s, titles searchable at {shown}, load {before}")
        print(f"{args.content}: median {statistics.median(b[0] for b in builds):.2f} s")
        return 0
    if args.first:
        content = None if args.content == resources.content_dir() else args.content
        first, again, cached = first_search(shlex.split(args.first), content)
        print(f"{args.content}: first search {first:.2f} s, again {again:.2f} s,")
        print(f"  {cached / 1_000_000:.1f} MB left in the user's cache folder")
        return 0
    with tempfile.TemporaryDirectory() as cache:
        index, seconds, size, titles = build_index(args.content, Path(cache))
        print(f"{args.content}: index built in {seconds:.2f} s, {size / 1_000_000:.1f} MB")
        if titles is not None:
            print(f"  titles searchable after {titles:.2f} s")
        for label, queries, both in (
            ("one language", QUERIES, False),
            ("both languages", QUERIES, True),
            ("hostile queries", HOSTILE, False),
        ):
            timings = time_queries(index, queries, repeat=args.repeat, all_languages=both)
            print(
                f"  {label}: median {timings.median_ms:.1f} ms, p95 {timings.p95_ms:.1f} ms,"
                f" slowest {timings.slowest[0][:30]!r} {timings.slowest[1]:.1f} ms"
            )
        index.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
