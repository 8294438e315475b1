"""How fast the search index is built and answers, on any content folder.

    python benchmarks/search_bench.py                  # the bundled document
    python benchmarks/search_bench.py /tmp/big-corpus  # one from make_corpus.py

``build_index`` and ``time_queries`` are what ``make bench`` times; a query
is timed the way the search panel asks it: the ranked sections and the
snippets of the first ten.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from reader import resources
from reader.content import load_document
from reader.search import SearchIndex, cache_path, timed_search

__all__ = ["QUERIES", "Timings", "build_index", "time_queries"]

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
)


@dataclass(frozen=True)
class Timings:
    median_ms: float
    p95_ms: float
    slowest: tuple[str, float]


def build_index(content: Path, cache: Path) -> tuple[SearchIndex, float, int]:
    """A fresh index of ``content`` in ``cache``: (index, seconds, bytes on disk)."""
    document = load_document(content)
    cache_path(document, cache).unlink(missing_ok=True)
    started = time.perf_counter()
    index = SearchIndex.open(document, cache)
    seconds = time.perf_counter() - started
    return index, seconds, cache_path(document, cache).stat().st_size


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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("content", nargs="?", type=Path, default=resources.content_dir())
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as cache:
        index, seconds, size = build_index(args.content, Path(cache))
        print(f"{args.content}: index built in {seconds:.2f} s, {size / 1_000_000:.1f} MB")
        for label, both in (("one language", False), ("both languages", True)):
            timings = time_queries(index, repeat=args.repeat, all_languages=both)
            print(
                f"  {label}: median {timings.median_ms:.1f} ms, p95 {timings.p95_ms:.1f} ms,"
                f" slowest {timings.slowest[0]!r} {timings.slowest[1]:.1f} ms"
            )
        index.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
