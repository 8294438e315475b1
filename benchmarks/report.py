"""docs/performance.md from the figures ``run.py`` collected (stdlib only)."""

from __future__ import annotations

from search_bench import render_first_searches

__all__ = ["AIMS", "KEPT", "kept_part", "render"]

AIMS = {
    "startup_ratio": 1.15,  # Reader's start-up / the trimmed floor's, bundled document
    "startup_large": 1.25,  # the same, on the largest generated document
    "memory_over_floor": 20e6,  # bytes more than the floor, bundled document
    "size_ratio": 0.65,  # Reader's onedir / the naive floor's
    "language_bundled": 16.0,  # ms, median, bundled document
    "language_corpus": 50.0,  # ms, median, the generated corpus
    "scaling": 1.1,  # start-up at the largest document / at the smallest
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


def _pair(entry: dict, floor: str) -> float | None:
    pairs = entry.get(f"pairs_vs_{floor}")
    return pairs["median"] if pairs else None


def _ratio(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}×"


def _startup(results: dict, lines: list[str]) -> None:
    found = False
    for platform, temperatures in results["startup"].items():
        for temperature, table in temperatures.items():
            found = True
            watched = platform == "xcb"
            lines.append(f"### {PLATFORMS[platform]}, {temperature}\n")
            if watched:
                lines.append(
                    "| | window mapped | text on screen | vs trimmed floor | vs naive floor"
                    " | in-app first paint | CPU by then |"
                )
                lines.append("|---" * 7 + "|")
            else:
                lines.append("| | in-app first paint | vs trimmed floor | vs naive floor | CPU |")
                lines.append("|---" * 5 + "|")
            for name in ["floor", "floor-naive", *_reader_names(results)]:
                entry = table.get(name)
                if entry is None:
                    continue
                label = {"floor": "floor, trimmed", "floor-naive": "floor, naive"}.get(
                    name, _label(name)
                )
                trimmed = _ratio(_pair(entry, "floor")) if name != "floor" else ""
                naive = _ratio(_pair(entry, "floor-naive")) if name != "floor-naive" else ""
                if watched:
                    cells = [
                        _s(entry.get("mapped")),
                        _s(entry.get("text")),
                        trimmed,
                        naive,
                        _s(entry.get("painted")),
                        _s(entry.get("cpu")),
                    ]
                else:
                    cells = [_s(entry["median"]), trimmed, naive, _s(entry.get("cpu"))]
                lines.append(f"| {label} | " + " | ".join(cells) + " |")
            lines.append("")
    if not found:
        lines.append("Not measured.\n")


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
    """(aim, target, measured, met) for each aim (issues 8 and 16)."""
    rows: list[tuple[str, str, str, bool | None]] = []
    names = [name for name in results["documents"] if name != "bundled"]
    largest = names[-1] if names else None
    for document, limit in (("bundled", AIMS["startup_ratio"]), (largest, AIMS["startup_large"])):
        ratios = []
        for platform, temperatures in results["startup"].items():
            for temperature, table in temperatures.items():
                ratio = _pair(table.get(document, {}), "floor")
                if ratio is not None:
                    ratios.append((ratio, f"{PLATFORMS[platform]}, {temperature}"))
        if ratios and document:
            text = ", ".join(f"{r:.2f}× {where}" for r, where in ratios)
            label = "Start-up vs the trimmed floor" + (
                f", {document}" if document != "bundled" else ""
            )
            rows.append((label, f"≤ {limit}×", text, max(ratios)[0] <= limit))
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
            limit = f"≤ {AIMS['scaling']}×"
            rows.append((f"Start-up, {names[-1]} vs {names[0]}", limit, text, ok))
    return rows


# What follows this line in docs/performance.md is written by hand and kept by every run.
KEPT = "<!-- Written by hand below: make bench keeps it. -->"


def kept_part(previous: str) -> str:
    """The hand-written end of an earlier report (from KEPT on), or nothing."""
    index = previous.find(KEPT)
    return previous[index:] if index >= 0 else ""


def render(results: dict, corpus: str, kept: str = "", more: str = "") -> str:
    """The report: the measured tables, ``more`` of them (Markdown), then ``kept`` by hand."""
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
        "Seen from the X server: from launching the frozen onedir to its window being mapped"
        " (MapNotify) and to the first frame that shows the text (DAMAGE, then a look at the"
        " pixels); the app's own first-paint timestamp beside it. Medians of"
        f" {settings['startup_runs']} rounds, each app started once per round in a turning"
        " order; a ratio is the median, over the rounds, of Reader's time to the text over the"
        " floor's in the same round. Warm: files in the page cache; cold: page cache emptied"
        f" before each start ({results.get('cold_method', 'not measured')}).",
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
        "- The X server's side (benchmarks/xwatch.py): a client of the Xvfb server listens on"
        " the root window, like `xev -root`, for MapNotify and for DAMAGE reports. A damage to"
        " the part of the window where the text goes is answered by a GetImage of that part;"
        " the first reply with antialiased text in it dates the text to the first damage"
        " after the last look without. The app is then ended (SIGTERM).",
        "- The apps run with a private D-Bus session bus beside the X server, as on a desktop:"
        " without one, Qt's accessibility bridge has libdbus autolaunch a bus (it forks"
        " `dbus-launch` and waits ~40 ms) at every start of Reader and of the floor alike.",
        "- `READER_FIRST_PAINT_FILE=path`: Reader (and the floor) write"
        " `<CLOCK_MONOTONIC s> <Unix time s>` to `path` once the window has painted a frame with"
        " the document in its text pane (src/reader/ui/firstpaint.py, imported only when the"
        " variable is set); without an X server `READER_EXIT_AFTER_PAINT=1` then quits.",
        "- Memory: VmHWM of /proc/<pid>/status, read 1 s after the first paint.",
        "- Interactions: benchmarks/interact.py drives the real main window through its"
        " actions and public methods. Search as you type is timed per keystroke with the"
        " search run at once; the search panel's deliberate typing pause is not counted.",
        "",
    ]
    if more:
        lines += [more.strip(), ""]
    if kept:
        lines += [kept.rstrip(), ""]
    return "\n".join(lines)
