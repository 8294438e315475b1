"""The stand keeps the screen on through org.freedesktop.ScreenSaver, and gives it back.

A private D-Bus daemon and a fake screen saver service (tests/fake_screensaver.py)
stand in for the desktop; the stand runs in a child process (tests/drive_stand.py)
and ends the way a shutdown ends it, through ``QApplication.quit()``.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parents[1]


@pytest.fixture
def session_bus(tmp_path):
    """A private session bus: its address, for the environment of the children."""
    daemon = subprocess.Popen(
        ["dbus-daemon", "--session", "--nofork", "--print-address=1"],
        stdout=subprocess.PIPE,
        text=True,
    )
    address = daemon.stdout.readline().strip()
    assert address, "dbus-daemon gave no address"
    yield address
    daemon.terminate()
    daemon.wait(timeout=10)


def child_env(address: str) -> dict[str, str]:
    return os.environ | {"DBUS_SESSION_BUS_ADDRESS": address, "QT_QPA_PLATFORM": "offscreen"}


def run_stand(address: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(TESTS / "drive_stand.py")],
        env=child_env(address),
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_the_stand_inhibits_the_screen_saver_and_releases_it(session_bus):
    service = subprocess.Popen(
        [sys.executable, str(TESTS / "fake_screensaver.py")],
        env=child_env(session_bus),
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert service.stdout.readline().strip() == "ready"
        stand = run_stand(session_bus)
        assert stand.returncode == 0, stand.stderr[-2000:]
        assert "closed" in stand.stdout
        assert "inhibitor active: False" in stand.stdout
    finally:
        service.terminate()
        calls, _ = service.communicate(timeout=10)
    lines = calls.splitlines()
    assert lines[0].startswith("Inhibit 'Reader' ") and lines[0].endswith("-> 4242")
    assert lines[1:] == ["UnInhibit 4242"]


def test_without_a_screen_saver_service_the_stand_runs_and_says_so(session_bus):
    stand = run_stand(session_bus)
    assert stand.returncode == 0, stand.stderr[-2000:]
    assert "closed" in stand.stdout
    assert "No screen saver service answered" in stand.stdout + stand.stderr
