"""`reader check` as a content editor runs it: a subprocess, its lines, its exit code."""

import subprocess
import sys
from pathlib import Path

from reader.check import check_content


def run_check(folder: Path | None = None) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "reader", "check"] + ([str(folder)] if folder else [])
    return subprocess.run(command, capture_output=True, text=True, timeout=60)


def test_bundled_content_is_sound():
    result = run_check()
    assert result.returncode == 0, result.stdout + result.stderr
    assert "content is sound" in result.stdout


def test_missing_translation_file(content_copy: Path):
    (content_copy / "ru" / "nato.md").unlink()
    result = run_check(content_copy)
    assert result.returncode == 1
    assert f"{content_copy / 'ru' / 'nato.md'}:0: file is missing" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_bad_toml(content_copy: Path):
    manifest = content_copy / "manifest.toml"
    manifest.write_text(manifest.read_text(encoding="utf-8") + "\n[[sections]\n", encoding="utf-8")
    result = run_check(content_copy)
    assert result.returncode == 1
    assert str(manifest) in result.stdout and "bad TOML" in result.stdout


def test_invalid_utf8(content_copy: Path):
    path = content_copy / "en" / "osce.md"
    path.write_bytes(path.read_bytes() + b"\n\xc3\x28 bad\n")
    result = run_check(content_copy)
    assert result.returncode == 1
    assert f"{path}:" in result.stdout and "not valid UTF-8" in result.stdout


def test_unequal_paragraph_counts(content_copy: Path):
    path = content_copy / "ru" / "united-nations.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text + "\nЛишний абзац.\n", encoding="utf-8")
    result = run_check(content_copy)
    assert result.returncode == 1
    assert f"{path}:1: 3 paragraphs, but 2 in en/united-nations.md" in result.stdout


def test_broken_link(content_copy: Path):
    path = content_copy / "en" / "osce.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nSee [nowhere](no-such-section).\n")
    result = run_check(content_copy)
    assert result.returncode == 1
    assert f"{path}:5: link 'no-such-section': no section 'no-such-section'" in result.stdout


def test_extra_file_and_empty_section(content_copy: Path):
    (content_copy / "en" / "notes.txt").write_text("draft", encoding="utf-8")
    (content_copy / "ru" / "osce.md").write_text("", encoding="utf-8")
    messages = [str(problem) for problem in check_content(content_copy)]
    assert (
        f"{content_copy / 'en' / 'notes.txt'}:0: file is not a section named in the manifest"
        in messages
    )
    assert f"{content_copy / 'ru' / 'osce.md'}:1: file is empty" in messages


def test_each_problem_is_reported_once_per_file(content_copy: Path):
    (content_copy / "ru" / "nato.md").unlink()
    (content_copy / "en" / "osce.md").write_bytes(b"# OSCE\n\n\xff\n")
    problems = check_content(content_copy)
    assert {problem.path.name for problem in problems} == {"nato.md", "osce.md"}
