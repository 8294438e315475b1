"""docs/reliability.md quotes how many bad inputs the suite tries: keep it true."""

from __future__ import annotations

import re
from collections import Counter
from math import prod
from pathlib import Path

import test_crash
import test_damaged_settings
import test_offline
import test_robustness
from badinputs import CASES

DOC = Path(__file__).resolve().parents[1] / "docs" / "reliability.md"


def figures() -> dict[str, int]:
    rows = re.findall(r"^\| (.+?) \| (\d+) \|", DOC.read_text(encoding="utf-8"), re.MULTILINE)
    return {kind: int(count) for kind, count in rows}


def tried(module, leave_out: tuple[str, ...] = ()) -> int:
    """Test functions of ``module``, a parametrized one counting once per parameter."""
    total = 0
    for name, function in vars(module).items():
        if not name.startswith("test_") or name in leave_out or not callable(function):
            continue
        marks = [m for m in getattr(function, "pytestmark", []) if m.name == "parametrize"]
        total += prod(len(mark.args[1]) for mark in marks) if marks else 1
    return total


def test_the_figures_match_the_tests():
    kinds = Counter(case.kind for case in CASES)
    hostile = len(re.findall(r"!?\[[^\]]*\]\(", test_offline.HOSTILE))
    hostile += len(re.findall(r"<\w", test_offline.HOSTILE))
    expected = {
        "Damaged manifest": kinds["manifest"],
        "Damaged section files and folders": kinds["file"],
        "Unsafe or pathological Markdown": kinds["markdown"],
        "Worst-case Markdown lines, timed": len(
            test_robustness.test_worst_case_lines_render_in_linear_time.pytestmark[0].args[1]
        ),
        "Random and mutated content folders (Hypothesis examples per run)": sum(
            test_robustness.EXAMPLES.values()
        ),
        "Damaged settings files": tried(
            test_damaged_settings,
            (
                "test_any_stored_values_read_back_as_valid_values_of_the_declared_type",
                "test_every_default_has_the_declared_type",
            ),
        ),
        "Random settings values (Hypothesis examples per run)": test_damaged_settings.EXAMPLES,
        "Unexpected errors and hard crashes": tried(
            test_crash, ("test_every_error_dialog_goes_through_the_messages_module",)
        ),
        "Hostile links, images and HTML in a whole offline session": hostile,
    }
    quoted = figures()
    for kind, count in expected.items():
        assert quoted.get(kind) == count, (kind, quoted.get(kind), count)


def test_every_named_case_is_described():
    text = DOC.read_text(encoding="utf-8")
    missing = [case.id for case in CASES if f"| {case.name} |" not in text]
    assert not missing
