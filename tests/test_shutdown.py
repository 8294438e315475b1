"""The real program, ended the hard ways: SIGTERM, SIGINT, and SIGKILL as a power cut.

Each test starts ``python -m reader`` as a child process with its own user
folders. The window is driven on a private Xvfb with xdotool's key presses,
as a person at the keyboard would, and the settings file is read the way the
next start reads it.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from reader import resources
from reader.content import load_document
from xserver import xvfb

pytestmark = pytest.mark.xvfb

RUSSIAN_TITLE = load_document(resources.content_dir()).title("ru")


@pytest.fixture(scope="module")
def display() -> Iterator[str]:
    with xvfb() as number:
        yield number


@pytest.fixture
def env(display: str, user_folders: Path) -> dict[str, str]:
    environment = dict(os.environ)
    environment.pop("QT_QPA_PLATFORM", None)
    return environment | {"DISPLAY": display, "HOME": str(user_folders)}


def wait_for(condition, what: str, seconds: float = 20.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(0.05)
    raise AssertionError(f"waited {seconds} s for {what}")


def start(env: dict[str, str], *args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "reader", *args, "--no-error-dialogs"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )


def xdotool(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        ["xdotool", *args], env=env, capture_output=True, text=True, timeout=30, check=True
    )
    return done.stdout.strip()


def what_it_said(app: subprocess.Popen, env: dict[str, str]) -> str:
    """An ended reader's stderr and log: what a failure shows of why it ended."""
    log = Path(env["XDG_STATE_HOME"]) / "reader" / "reader.log"
    logged = log.read_text(errors="replace") if log.exists() else f"(no {log})"
    return "\n".join((app.stderr.read() if app.stderr else "", logged))


def window_of(app: subprocess.Popen, env: dict[str, str]) -> str:
    def found() -> str:
        assert app.poll() is None, (
            f"the reader exited with {app.returncode}:\n{what_it_said(app, env)}"
        )
        listed = subprocess.run(
            ["xdotool", "search", "--onlyvisible", "--pid", str(app.pid)],
            env=env,
            capture_output=True,
            text=True,
        )
        return listed.stdout.split()[-1] if listed.stdout.split() else ""

    return wait_for(found, "the reader's window")


def stored(settings_path: Path) -> dict[str, object]:
    if not settings_path.exists():
        return {}
    store = QSettings(str(settings_path), QSettings.Format.IniFormat)
    keys = ("language", "position/section", "position/paragraph", "view/text_size")
    return {key: store.value(key) for key in keys}


def test_sigkill_after_changes_comes_back_to_the_same_paragraph(env, settings_path):
    app = start(env, "--lang", "en", "--section", "united-nations")
    try:
        window = window_of(app, env)
        xdotool(env, "windowsize", "--sync", window, "700", "420")
        xdotool(env, "windowfocus", "--sync", window)
        xdotool(env, "key", "--delay", "80", "ctrl+l", "ctrl+equal", "ctrl+equal", *["Next"] * 5)
        place = wait_for(
            lambda: (
                (s := stored(settings_path)).get("language") == "ru"
                and s.get("position/section") == "united-nations"
                and int(s.get("position/paragraph") or 0) >= 1
                and s
            ),
            "the changes to be written",
        )
    finally:
        app.kill()  # no chance to save: as a power cut
        app.wait(timeout=10)
    written = settings_path.stat().st_mtime_ns

    again = start(env)
    try:
        window = window_of(again, env)
        wait_for(lambda: xdotool(env, "getwindowname", window) == RUSSIAN_TITLE, "Russian")
        # The restored window writes where it is: the same place, or the test fails.
        wait_for(lambda: settings_path.stat().st_mtime_ns != written, "the restart to save")
        again.send_signal(signal.SIGTERM)
        assert again.wait(timeout=10) == 0, what_it_said(again, env)
    finally:
        if again.poll() is None:
            again.kill()
    assert stored(settings_path) == place
    assert "Traceback" not in again.stderr.read()


@pytest.mark.parametrize("ending", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_ends_the_reader_cleanly_and_saves(env, settings_path, ending):
    app = start(env, "--lang", "ru", "--section", "osce")
    try:
        window_of(app, env)
        wait_for(lambda: stored(settings_path).get("position/section") == "osce", "a save")
        settings_path.unlink()  # what is written from here on comes from the signal
        app.send_signal(ending)
        assert app.wait(timeout=10) == 0, what_it_said(app, env)
    finally:
        if app.poll() is None:
            app.kill()
    assert stored(settings_path)["position/section"] == "osce"
    assert stored(settings_path)["language"] == "ru"
    assert "Traceback" not in app.stderr.read()
