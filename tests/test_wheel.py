"""A wheel built from the repository works in a fresh virtual environment."""

from __future__ import annotations

import os
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
PACKAGING = os.environ.get("READER_PACKAGING") == "1"


@pytest.mark.skipif(not PACKAGING, reason="builds and installs a wheel; set READER_PACKAGING=1")
def test_wheel_carries_the_data_and_runs_in_a_fresh_venv(tmp_path):
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(REPO)],
        check=True,
    )
    wheel = next(tmp_path.glob("reader-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    for needed in (
        "reader/data/content/manifest.toml",
        "reader/data/content/ru/osce.md",
        "reader/data/fonts/PTF55F.ttf",
        "reader/data/fonts/LICENSE.txt",
        "reader/data/locale/ru/LC_MESSAGES/reader.mo",
        "reader/data/icons/reader.svg",
        "reader/data/search.sqlite3",
        "reader/data/hyphenation.marshal",
    ):
        assert needed in names, needed

    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    subprocess.run([str(python), "-m", "pip", "install", "-q", str(wheel)], check=True, timeout=900)
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env |= {"HOME": str(tmp_path), "QT_QPA_PLATFORM": "offscreen"}
    check = subprocess.run(
        [str(env_dir / "bin" / "reader"), "check"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
    )
    assert check.returncode == 0, check.stdout + check.stderr
    assert str(env_dir) in check.stdout  # the installed copy, not the repository's
    result = subprocess.run(
        [str(env_dir / "bin" / "reader"), "--self-test"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    search = subprocess.run(
        [str(env_dir / "bin" / "reader"), "search", "became", "--lang", "en"],
        capture_output=True,
        text=True,
        env=env | {"XDG_CACHE_HOME": str(tmp_path / "cache")},
        cwd=tmp_path,
        timeout=120,
    )
    assert search.stdout.startswith("non-aligned-movement\t"), search.stdout + search.stderr
    assert not (tmp_path / "cache").exists()  # the prebuilt index answered
