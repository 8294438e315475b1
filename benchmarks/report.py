"""docs/performance.md from the figures ``run.py`` collected (stdlib only)."""

from __future__ import annotations

from search_bench import render_first_searches

__all__ = ["AIMS", "render"]

AIMS = {
    "startup_ratio": 1.25,  # Reader's start-up / the floor's
    "memory_over_floor": 20e6,  # bytes more than the floor, bundled document
    "size_ratio": 0.65,  # Reader's onedir / the naive floor's
    "language_bundled": 16.0,  # ms, median, bundled document
    "language_corpus": 50.0,  # ms, median, the generated corpus
    "scaling": 1.2,  # start-up at the largest document / at the smallest
}
PLATFORMS = {"xcb": "Xvfb", "offscreen": "offscreen"}
OPERATIONS = {
    "language": "Language switch (UI and text, same place)",
    "section": "Section switch",
    "filter": "Filter the tree as you type, per keystroke",
    "search": "Search as you type, per keystroke",
    "text_size": "Text size change",
}


def _mb(value: float) -> str:
    return f"{value / 1e6:.1f} MB"


def _s(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f} s"


def _verdict(ok: bool | None) -> str:
    return "n/a" if ok is None else ("met" if ok else "**missed**")


def _reader_names(results: dict) -> list[str]:
    return list(results["documents"])


def _label(name: str) -> str:
    return "Reader, bundled document" if name == "bundled" else f"Reader, {name}"


def _startup(results: dict, lines: list[str]) -> None:
    columns = [
        (platform, temperature)
        for platform in PLATFORMS
        for temperature in ("cold", "warm")
        if results["startup"].get(platform, {}).get(temperature)
    ]
    if not columns:
        lines.append("Not measured.\n")
        return
    head = [f"{PLATFORMS[p]}, {t}" for p, t in columns]
    lines.append(
        "| | " + " | ".join(head) + " | CPU time (Xvfb, warm) | window mapped (Xvfb, warm) |"
    )
    lines.append("|---" * (len(columns) + 3) + "|")
    for name in ["floor", *_reader_names(results)]:
        cells = []
        for platform, temperature in columns:
            table = results["startup"][platform][temperature]
            if name not in table:
                cells.append("–")
                continue
            value = table[name]["median"]
            floor = table.get("floor", {}).get("median")
            ratio = f" ({value / floor:.2f}×)" if floor and name != "floor" else ""
            cells.append(f"{_s(value)}{ratio}")
        warm = results["startup"].get("xcb", {}).get("warm", {})
        mapped = warm.get(name, {}).get("mapped")
        cpu, floor_cpu = warm.get(name, {}).get("cpu"), warm.get("floor", {}).get("cpu")
        cpu_text = _s(cpu)
        if cpu and floor_cpu and name != "floor":
            cpu_text += f" ({cpu / floor_cpu:.2f}×)"
        label = "floor" if name == "floor" else _label(name)
        lines.append(f"| {label} | " + " | ".join(cells) + f" | {cpu_text} | {_s(mapped)} |")
    lines.append("")


def _memory(results: dict, lines: list[str]) -> None:
    memory = results["memory"]
    if not memory:
        lines.append("Not measured.\n")
        return
    floor = memory.get("floor", {}).get("peak")
    lines.append("| | peak resident (VmHWM) | over the floor | resident 1 s after |")
    lines.append("|---|---|---|---|")
    for name in ["floor", *_reader_names(results)]:
        if name not in memory:
            continue
        peak = memory[name]["peak"]
        over = f"+{_mb(peak - floor)}" if floor and name != "floor" else ""
        label = "floor" if name == "floor" else _label(name)
        lines.append(f"| {label} | {_mb(peak)} | {over} | {_mb(memory[name]['resident'])} |")
    lines.append("")


def _size(results: dict, lines: list[str]) -> None:
    size = results["size"]
    if not size:
        lines.append("Not measured (no frozen builds).\n")
        return
    naive = size.get("floor-naive", {}).get("bytes")
    lines.append("| | onedir | files | .deb | onedir vs the naive floor |")
    lines.append("|---|---|---|---|---|")
    labels = {
        "floor-naive": "floor, untrimmed (naive)",
        "floor": "floor, trimmed",
        "reader": "Reader",
    }
    for name, label in labels.items():
        if name not in size:
            continue
        entry = size[name]
        deb = _mb(entry["deb"]) if entry["deb"] else "–"
        ratio = f"{entry['bytes'] / naive:.2f}×" if naive else "–"
        lines.append(f"| {label} | {_mb(entry['bytes'])} | {entry['files']} | {deb} | {ratio} |")
    lines.append("")


def _op(result: dict | None, op: str) -> str:
    if not result:
        return "–"
    if op in result.get("ops", {}):
        figures = result["ops"][op]
        text = f"{figures['median_ms']:.1f} / {figures['p95_ms']:.1f} ms"
        if "place_kept" in figures:
            text += f" (place kept {figures['place_kept']})"
        return text
    if op in result.get("skipped", {}):
        return "skipped"
    return "–"


def _interaction(results: dict, corpus: str, lines: list[str]) -> None:
    found = results["interaction"]
    if not found:
        lines.append("Not measured.\n")
        return
    generated = [name for name in found if name != "bundled"]
    if corpus not in found and generated:
        corpus = generated[-1]
    documents = [name for name in ("bundled", corpus) if name in found]
    lines.append("Median / 95th percentile of the repetitions.\n")
    lines.append("| | " + " | ".join(_label(d).removeprefix("Reader, ") for d in documents) + " |")
    lines.append("|---" * (len(documents) + 1) + "|")
    for op, label in OPERATIONS.items():
        lines.append(f"| {label} | " + " | ".join(_op(found[d], op) for d in documents) + " |")
    builds = [found[d].get("search_index_build_s") for d in documents]
    if any(b is not None for b in builds):
        cells = [_s(b) for b in builds]
        lines.append("| Search index, first build (in a thread) | " + " | ".join(cells) + " |")
    lines.append("")


def _scaling(results: dict, lines: list[str]) -> None:
    names = [name for name in _reader_names(results) if name != "bundled"]
    if len(names) < 2:
        lines.append("Only one generated size was measured.\n")
        return
    first, last = names[0], names[-1]
    lines.append("| | " + " | ".join(names) + f" | {last} / {first} |")
    lines.append("|---" * (len(names) + 2) + "|")

    def row(label: str, values: list[float | None], show) -> None:
        ratio = "–"
        if values[0] and values[-1]:
            ratio = f"{values[-1] / values[0]:.2f}×"
        cells = [show(v) if v is not None else "–" for v in values]
        lines.append(f"| {label} | " + " | ".join(cells) + f" | {ratio} |")

    for platform in PLATFORMS:
        for temperature in ("cold", "warm"):
            table = results["startup"].get(platform, {}).get(temperature)
            if table:
                values = [table.get(n, {}).get("median") for n in names]
                row(f"Start-up, {PLATFORMS[platform]}, {temperature}", values, _s)
    memory = results["memory"]
    if memory:
        row("Peak memory", [memory.get(n, {}).get("peak") for n in names], _mb)
    found = results["interaction"]
    for op, label in OPERATIONS.items():
        values = [found.get(n, {}).get("ops", {}).get(op, {}).get("median_ms") for n in names]
        row(f"{label} (median)", values, lambda v: f"{v:.1f} ms")
    builds = [found.get(n, {}).get("search_index_build_s") for n in names]
    row("Search index, first build", builds, _s)
    lines.append("")


def aims(results: dict, corpus: str) -> list[tuple[str, str, str, bool | None]]:
    """(aim, target, measured, met) for each aim of issue 8."""
    rows: list[tuple[str, str, str, bool | None]] = []
    ratios = []
    for platform, temperatures in results["startup"].items():
        for temperature, table in temperatures.items():
            if "floor" in table and "bundled" in table:
                ratio = table["bundled"]["median"] / table["floor"]["median"]
                ratios.append((ratio, f"{PLATFORMS[platform]}, {temperature}"))
    if ratios:
        worst = max(ratios)
        all_ratios = ", ".join(f"{r:.2f}× {where}" for r, where in ratios)
        ok = worst[0] <= AIMS["startup_ratio"]
        rows.append(("Start-up vs the floor", "≤ 1.25×", all_ratios, ok))
    memory = results["memory"]
    if "floor" in memory and "bundled" in memory:
        over = memory["bundled"]["peak"] - memory["floor"]["peak"]
        ok = over <= AIMS["memory_over_floor"]
        rows.append(("Peak memory, bundled document", "≤ floor + 20 MB", f"floor +{_mb(over)}", ok))
    size = results["size"]
    if "reader" in size and "floor-naive" in size:
        ratio = size["reader"]["bytes"] / size["floor-naive"]["bytes"]
        ok = ratio <= AIMS["size_ratio"]
        rows.append(("Onedir vs the naive floor", "≤ 0.65×", f"{ratio:.2f}×", ok))
    found = results["interaction"]
    for document, limit, key in (
        ("bundled", "≤ 16 ms", "language_bundled"),
        (corpus, "≤ 50 ms", "language_corpus"),
    ):
        figures = found.get(document, {}).get("ops", {}).get("language")
        if figures:
            ok = figures["median_ms"] <= AIMS[key]
            measured = f"median {figures['median_ms']:.1f} ms, p95 {figures['p95_ms']:.1f} ms"
            rows.append(
                (
                    f"Language switch, {_label(document).removeprefix('Reader, ')}",
                    limit,
                    measured,
                    ok,
                )
            )
    names = [name for name in results["documents"] if name != "bundled"]
    if len(names) >= 2:
        scaling = []
        for platform, temperatures in results["startup"].items():
            for temperature, table in temperatures.items():
                if names[0] in table and names[-1] in table:
                    ratio = table[names[-1]]["median"] / table[names[0]]["median"]
                    scaling.append((ratio, f"{PLATFORMS[platform]}, {temperature}"))
        if scaling:
            ok = max(scaling)[0] <= AIMS["scaling"]
            text = ", ".join(f"{r:.2f}× {where}" for r, where in scaling)
            rows.append((f"Start-up, {names[-1]} vs {names[0]}", "≤ 1.2×", text, ok))
    return rows


def render(results: dict, corpus: str) -> str:
    lines = ["# Performance", ""]
    if results["smoke"]:
        lines += [
            "**Smoke run** (one repetition, unfrozen, tiny corpus): these figures mean nothing.",
            "",
        ]
    lines += [
        f"Measured by `make bench` ({results['date']}, {results.get('duration_s', '?')} s);"
        " regenerate it the same way. Reader against the *floor*: the smallest PySide6 app"
        " that shows a tree and a QTextBrowser (benchmarks/floor/), frozen with the same"
        " PyInstaller options and trimming rules. MB are 10⁶ bytes.",
        "",
        "| Machine | |",
        "|---|---|",
    ]
    lines += [f"| {key} | {value} |" for key, value in results["machine"].items()]
    lines += ["", "## Aims", "", "| Aim | Target | Measured | |", "|---|---|---|---|"]
    lines += [f"| {a} | {t} | {m} | {_verdict(ok)} |" for a, t, m, ok in aims(results, corpus)]
    settings = results["settings"]
    lines += [
        "",
        "## Start-up",
        "",
        f"From process start to the first painted frame with the document's text; median of"
        f" {settings['startup_runs']} runs, the ratio to the floor in brackets. Cold: page cache"
        f" emptied before each run ({results.get('cold_method', 'not measured')}).",
        "",
    ]
    _startup(results, lines)
    lines += ["## Memory", "", f"Median of {settings['memory_runs']} runs, under Xvfb.", ""]
    _memory(results, lines)
    lines += ["## Size", ""]
    _size(results, lines)
    lines += [
        "## Interaction",
        "",
        f"{settings['reps']} repetitions each, in the real window under Xvfb (unfrozen, same code):"
        " from the action to the end of the frame it causes.",
        "",
    ]
    _interaction(results, corpus, lines)
    render_first_searches(results, lines)
    lines += ["## Scaling", "", "Generated documents of 10 KB per section and language.", ""]
    _scaling(results, lines)
    notes = []
    for document, result in results["interaction"].items():
        for op, reason in result.get("skipped", {}).items():
            notes.append(f"- Skipped on {document}: {OPERATIONS.get(op, op)}: {reason}.")
        if result.get("crash"):
            notes.append(f"- The interaction run on {document} ended with: `{result['crash']}`.")
    notes += [f"- Error: {error.splitlines()[0]}" for error in results["errors"]]
    if notes:
        lines += ["## Notes", "", *notes, ""]
    lines += [
        "## How it is measured",
        "",
        "- `READER_FIRST_PAINT_FILE=path`: Reader (and the floor) write"
        " `<CLOCK_MONOTONIC s> <Unix time s>` to `path` once the text pane has painted the"
        " document for the first time; `READER_EXIT_AFTER_PAINT=1` then quits"
        " (src/reader/ui/firstpaint.py, imported only when the variable is set).",
        "- Under Xvfb the benchmark also listens to the X server for the window being mapped"
        " (benchmarks/xwatch.py); a start counts once both have happened.",
        "- Memory: VmHWM of /proc/<pid>/status, read 1 s after the first paint.",
        "- Interactions: benchmarks/interact.py drives the real main window through its"
        " actions and public methods. Search as you type is timed per keystroke with the"
        " search run at once; the search panel's deliberate typing pause is not counted.",
        "",
    ]
    return "\n".join(lines)
