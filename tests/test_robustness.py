"""Damaged content: ``reader check`` names every fault, the window opens what is sound.

The named cases come from badinputs.py; Hypothesis then feeds the loader
random and mutated folders. Whatever it finds, the only exception that may
escape is ContentError, and it must say where: a file in the folder and a line.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import tempfile
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from badinputs import CASES, Case
from conftest import seen
from reader import i18n, resources
from reader.check import check_content, run_check
from reader.content import ContentError, Document, load_document, read_manifest
from reader.markdown import parse_section, render_inline
from reader.render import render_section

# Examples per property and run; docs/reliability.md quotes these numbers.
EXAMPLES = {
    "manifest_bytes": 150,
    "manifest_mutations": 150,
    "section_text": 200,
    "section_bytes": 100,
    "folder_damage": 100,
    "markdown_speed": 200,
}
SLOW = 5.0  # seconds: anything slower is a hang in front of people
CASE_IDS = [case.id for case in CASES]


def damaged(root: Path, case: Case) -> Path:
    if case.needs_fifo and not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs on this system")
    case.damage(root)
    return root


def expected_path(root: Path, case: Case) -> Path:
    return root / case.problem_file if case.problem_file else root


# -- reader check ------------------------------------------------------------------


@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_check_names_the_file_and_line_of_each_fault(content_copy, case, capsys):
    root = damaged(content_copy, case)
    started = time.monotonic()
    problems = check_content(root)
    assert time.monotonic() - started < SLOW
    if case.problem is None:
        # Only the English file was changed, and it still reads: the one thing to
        # say is that the Russian file now has fewer paragraphs than the English.
        assert len(problems) == 1, [str(problem) for problem in problems]
        assert problems[0].path == root / "ru" / "osce.md"
        assert "paragraphs, but" in problems[0].message
        return
    assert problems and all(problem.line >= 0 for problem in problems)
    path = expected_path(root, case)
    found = [p for p in problems if p.path == path and case.problem in p.message]
    assert found, [str(problem) for problem in problems]

    assert run_check(root) == 1
    out = capsys.readouterr()
    assert str(found[0]) in out.out.splitlines()
    assert "Traceback" not in out.out + out.err


# -- the window ----------------------------------------------------------------------


def anchor_hrefs(pane) -> list[str]:
    hrefs = []
    block = pane.document().begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            href = iterator.fragment().charFormat().anchorHref()
            if href:
                hrefs.append(href)
            iterator += 1
        block = block.next()
    return hrefs


@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_the_window_opens_what_is_sound_and_marks_the_rest(
    qapp, qtbot, settings_path, content_copy, case, caplog
):
    from reader.gui import create_window
    from reader.settings import Settings
    from reader.ui import messages

    root = damaged(content_copy, case)
    messages.set_dialogs_enabled(False)
    args = argparse.Namespace(lang=case.language, section=case.section, content=root)
    started = time.monotonic()
    try:
        window = create_window(args, qapp, Settings(settings_path))
    finally:
        messages.set_dialogs_enabled(True)
    assert time.monotonic() - started < SLOW

    if case.app == "refuse":
        assert window is None
        location = re.compile(re.escape(str(expected_path(root, case))) + r"\S*:\d+: ")
        assert location.search(caplog.text), caplog.text
        assert (case.window_says or case.problem) in caplog.text
        assert "Traceback" not in caplog.text
        return

    assert window is not None
    qtbot.addWidget(window)
    qtbot.waitExposed(window)
    pane = window.text
    text = seen(pane.toPlainText())
    assert text.strip(), "a blank page"
    if case.shows:
        assert case.shows in text
    model = window.tree.section_model()
    item = model.index_of(window.section_id)
    italic = model.data(item, _font_role())
    warning = model.data(item, _decoration_role())

    if case.app == "notice":
        other = next(lang for lang in window.document.languages if lang != case.language)
        notice = i18n._(
            "This section is not available in the current language. Shown instead: {other}."
        ).format(other=i18n.language_name(other))
        assert notice in text
        assert italic is not None and italic.italic()
        assert (case.window_says or case.problem) in shown_as(model.data(item, _tooltip_role()))
    elif case.app == "failure":
        assert i18n._("This section cannot be shown.") in text
        assert italic is not None and italic.italic() and warning is not None
    else:
        assert italic is None and warning is None, "a sound section is marked"
        html = pane.toHtml()
        assert "example.com" not in html and "file:///etc" not in html
        assert not [h for h in anchor_hrefs(pane) if h.startswith(("javascript", "file", "data"))]

    window.show_section(window.document.manifest.ids()[0])  # the rest reads as usual
    assert window.text.toPlainText().strip()


def _font_role():
    from PySide6.QtCore import Qt

    return Qt.ItemDataRole.FontRole


def _decoration_role():
    from PySide6.QtCore import Qt

    return Qt.ItemDataRole.DecorationRole


def shown_as(tooltip: str) -> str:
    """What a tool tip reads on screen: Qt shows rich text as its plain text."""
    from PySide6.QtGui import QTextDocumentFragment

    return QTextDocumentFragment.fromHtml(tooltip).toPlainText()


def _tooltip_role():
    from PySide6.QtCore import Qt

    return Qt.ItemDataRole.ToolTipRole


def test_bad_content_folder_on_the_command_line_exits_with_one_message(tmp_path):
    import subprocess
    import sys

    bad = tmp_path / "bad"
    shutil.copytree(resources.content_dir(), bad)
    manifest = bad / "manifest.toml"
    manifest.write_text(manifest.read_text(encoding="utf-8") + "\n[[sections]\n")
    env = os.environ | {"QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-m", "reader", "--content", str(bad), "--no-error-dialogs"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert result.returncode == 1
    assert re.search(re.escape(str(manifest)) + r":\d+: bad TOML", result.stderr), result.stderr
    assert "Traceback" not in result.stderr


# -- Hypothesis: random and mutated folders ----------------------------------------------

BUNDLED = resources.content_dir()


def fuzz(name: str) -> settings:
    return settings(
        max_examples=EXAMPLES[name], deadline=None, suppress_health_check=[HealthCheck.too_slow]
    )


class Scratch:
    """A fresh copy of the bundled content for one example."""

    def __enter__(self) -> Path:
        self._folder = tempfile.TemporaryDirectory(prefix="reader-fuzz-")
        root = Path(self._folder.name) / "content"
        shutil.copytree(BUNDLED, root)
        return root

    def __exit__(self, *exc: object) -> None:
        self._folder.cleanup()


def assert_located(error: ContentError, root: Path) -> None:
    """The documented error: a file in the folder (or the folder) and a line."""
    problem = error.problem
    assert problem.path == root or problem.path.is_relative_to(root), problem
    assert isinstance(problem.line, int) and problem.line >= 0, problem
    assert str(error).startswith(f"{problem.path}:{problem.line}: "), str(error)


def open_everything(root: Path) -> None:
    """Load, read every section in every language, render and check: only ContentError."""
    try:
        document = load_document(root)
    except ContentError as error:
        assert_located(error, root)
        return
    for language in document.languages:
        for section_id in document.manifest.ids():
            try:
                section = document.section(language, section_id)
            except ContentError as error:
                assert_located(error, root)
                continue
            assert "<h1>" in render_section(document, section)
    for problem in check_content(root):
        assert problem.path == root or problem.path.is_relative_to(root)
        assert problem.line >= 0


@fuzz("manifest_bytes")
@given(st.binary(max_size=3000))
def test_any_bytes_as_the_manifest(data):
    with Scratch() as root:
        (root / "manifest.toml").write_bytes(data)
        manifest, problems = read_manifest(root)
        assert (manifest is None) == bool(problems)
        open_everything(root)


TOML_PIECES = st.sampled_from(
    [
        "[[sections]]",
        "[document]",
        'id = "osce"',
        'id = "new"',
        'parent = "osce"',
        'parent = "nowhere"',
        "parent = 3",
        "languages = []",
        'languages = ["en"]',
        'languages = ["de", "fr"]',
        "edition = 2026-13-45",
        "edition = 1979-05-27T07:32:00Z",
        'version = ""',
        "[document.title]",
        'en = ""',
        "x = [[[[[[1]]]]]]",
        '"',
        "=",
        "[",
        "\ufeff",
        "\x00",
    ]
)
MUTATION = st.tuples(
    st.sampled_from(["delete", "duplicate", "swap", "replace", "insert"]),
    st.integers(min_value=0, max_value=200),
    st.integers(min_value=0, max_value=200),
    st.one_of(TOML_PIECES, st.text(max_size=30)),
)


@fuzz("manifest_mutations")
@given(st.lists(MUTATION, min_size=1, max_size=6))
def test_hand_edited_manifests(mutations):
    with Scratch() as root:
        path = root / "manifest.toml"
        lines = path.read_text(encoding="utf-8").splitlines()
        for operation, first, second, text in mutations:
            i, j = first % (len(lines) or 1), second % (len(lines) or 1)
            if operation == "delete" and lines:
                del lines[i]
            elif operation == "duplicate" and lines:
                lines.insert(i, lines[i])
            elif operation == "swap" and lines:
                lines[i], lines[j] = lines[j], lines[i]
            elif operation == "replace" and lines:
                lines[i] = text
            else:
                lines.insert(i, text)
        path.write_text("\n".join(lines), encoding="utf-8", errors="surrogatepass")
        open_everything(root)


MARKDOWN = st.one_of(
    st.text(max_size=2000),
    st.lists(
        st.sampled_from(
            [
                "# ",
                "## ",
                "#",
                "\n",
                "\n\n",
                "- ",
                "1. ",
                "[",
                "]",
                "(",
                ")",
                "![",
                "](",
                "*",
                "**",
                "_",
                "`",
                "\\",
                "<",
                ">",
                "&amp;",
                "<script>",
                "https://example.com/a.png",
                "file:///etc/passwd",
                "javascript:alert(1)",
                "data:,x",
                "osce#p-2",
                "../../x",
                "\x00",
                "\ufeff",
                "\u2028",
                "word",
                " ",
                "Слово",
                "1",
                "42",
                "\\*",
            ]
        ),
        max_size=300,
    ).map("".join),
)


@fuzz("section_text")
@given(MARKDOWN)
@example("\u2028\u2028# ")  # U+2028 is no line break in an editor: the line number must agree
def test_any_text_as_a_section(text):
    with Scratch() as root:
        path = root / "en" / "osce.md"
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        document = load_document(root)
        try:
            section = document.section("en", "osce")
        except ContentError as error:
            assert_located(error, root)
            assert error.problem.path == path
            assert error.problem.line <= text.count("\n") + 2
        else:
            assert "<h1>" in render_section(document, section)
        open_everything(root)


@fuzz("section_bytes")
@given(st.binary(max_size=3000))
def test_any_bytes_as_a_section(data):
    with Scratch() as root:
        (root / "ru" / "nato.md").write_bytes(data)
        open_everything(root)


FOLDER_DAMAGE = st.tuples(
    st.sampled_from(["delete", "noise", "truncate", "extra file", "extra folder", "empty"]),
    st.integers(min_value=0, max_value=1000),
    st.binary(max_size=200),
)


@fuzz("folder_damage")
@given(st.lists(FOLDER_DAMAGE, min_size=1, max_size=8))
def test_randomly_damaged_folders(damages):
    with Scratch() as root:
        for operation, number, data in damages:
            files = sorted(p for p in root.rglob("*") if p.is_file())
            target = files[number % len(files)] if files else root / "manifest.toml"
            if operation == "delete" and target.exists():
                target.unlink()
            elif operation == "noise":
                target.write_bytes(data)
            elif operation == "truncate" and target.exists():
                content = target.read_bytes()
                target.write_bytes(content[: number % (len(content) + 1)])
            elif operation == "extra file":
                (target.parent / f"extra-{number}.md").write_bytes(data)
            elif operation == "extra folder":
                (root / f"x{number}").mkdir(exist_ok=True)
            else:
                target.write_bytes(b"")
        open_everything(root)


def _no_link(target: str) -> str | None:
    return None


def _alt(src: str, alt: str) -> str:
    return alt


@fuzz("markdown_speed")
@given(
    st.tuples(
        st.text(alphabet="[]()*_`#! a<\\\n", min_size=1, max_size=200),
        st.integers(min_value=1, max_value=300),
    ).map(lambda pattern: pattern[0] * pattern[1])
)
def test_markdown_made_of_delimiters_is_fast(text):
    """A random run of delimiters, repeated up to 60,000 characters."""
    started = time.monotonic()
    parsed = parse_section("# T\n\n" + text)
    for block in parsed.blocks:
        render_inline(block.text, _no_link, _alt)
    assert time.monotonic() - started < 1.0


@pytest.mark.parametrize(
    "line",
    ["[" * 200_000, "*a " * 70_000, "_a" * 100_000, "`" * 200_000, "![a](" * 40_000],
    ids=["brackets", "stars", "underscores", "backticks", "open images"],
)
def test_worst_case_lines_render_in_linear_time(line):
    started = time.monotonic()
    parsed = parse_section("# T\n\n" + line)
    for block in parsed.blocks:
        render_inline(block.text, _no_link, _alt)
    assert time.monotonic() - started < 2.0


def test_a_broken_file_is_not_read_again_on_every_repaint(content_copy, monkeypatch):
    (content_copy / "ru" / "nato.md").write_bytes(b"# T\n\n\xff")
    document: Document = load_document(content_copy)
    reads = []
    original = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda self: reads.append(self) or original(self))
    for _ in range(5):
        with pytest.raises(ContentError):
            document.section("ru", "nato")
    assert len(reads) == 1
