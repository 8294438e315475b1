"""``make bench`` must not rot: its harness runs once, quickly, with every test run.

The real benchmark (frozen builds, many repetitions) is ``make bench``; here
the same code runs once on the unfrozen app and a tiny generated document.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def test_first_paint_hook_writes_a_timestamp_and_quits(tmp_path):
    stamp = tmp_path / "paint"
    env = os.environ | {
        "QT_QPA_PLATFORM": "offscreen",
        "READER_FIRST_PAINT_FILE": str(stamp),
        "READER_EXIT_AFTER_PAINT": "1",
    }
    result = subprocess.run(
        [sys.executable, "-m", "reader", "--lang", "en", "--no-error-dialogs"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    monotonic, epoch = (float(value) for value in stamp.read_text().split())
    assert monotonic > 0 and epoch > 1_600_000_000


def test_smoke_run_of_the_benchmark_writes_every_table(tmp_path):
    report = tmp_path / "performance.md"
    result = subprocess.run(
        [
            *(sys.executable, str(REPO / "benchmarks" / "run.py"), "--smoke"),
            *("--output", str(report), "--work", str(tmp_path / "work")),
        ],
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    text = report.read_text(encoding="utf-8")
    for heading in ("## Aims", "## Start-up", "## Memory", "## Size", "## Interaction"):
        assert heading in text
    assert re.search(r"\| floor, trimmed \| \d+\.\d{3} s", text), text
    assert re.search(r"\| Reader, bundled document \| \d+\.\d{3} s \|.* \d+\.\d\d× \|", text), text
    assert re.search(r"\| Language switch .*? \| \d+\.\d / \d+\.\d ms", text), text

    figures = json.loads(report.with_suffix(".json").read_text(encoding="utf-8"))
    assert not figures["errors"], figures["errors"]
    for platform in figures["startup"].values():
        for table in platform.values():
            assert {"floor", "bundled", "20 sections"} <= set(table)
            assert all(0 < case["median"] < 60 for case in table.values())
    assert figures["memory"]["bundled"]["peak"] > figures["memory"]["floor"]["peak"] > 10e6
    for document in ("bundled", "20 sections"):
        measured = figures["interaction"][document]
        assert {"language", "section"} <= set(measured["ops"]), measured
        assert set(measured["ops"]) | set(measured["skipped"]) >= {
            "filter",
            "search",
            "text_size",
        }
    assert figures["documents"]["20 sections"]["sections"] == 20
