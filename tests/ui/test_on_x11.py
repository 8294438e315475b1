"""Presentation mode on a real X server with a window manager (Xvfb + openbox).

Offscreen Qt applies a window's full-screen state at once; a real window
manager takes its time, and what the window saves as it closes depends on
that. These tests run the reader the way a person's desktop does.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.xvfb

QUIT_WHILE_PRESENTING = """
import argparse, json, sys, time
from pathlib import Path
from reader.gui import create_window
from reader.settings import Settings
from reader.ui import messages
from reader.ui.application import ReaderApplication

def settle(seconds):
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)

messages.set_dialogs_enabled(False)
app = ReaderApplication(["reader"])
path = Path(sys.argv[1])
args = argparse.Namespace(lang="en", section=None, content=None)
window = create_window(args, app, Settings(path))
window.resize(900, 600)
settle(0.8)
window.comfort.presentation.enter()
settle(0.8)
presenting = window.size().toTuple()
window.close()  # straight from full screen, as Ctrl+Q would
settle(0.3)
again = create_window(args, app, Settings(path))
settle(0.8)
print(json.dumps({"presenting": presenting, "reopened": again.size().toTuple(),
                  "full_screen": again.isFullScreen()}))
"""


def under_openbox(tmp_path: Path, code: str, *args: str, screen: str = "1366x768x24") -> dict:
    script = tmp_path / "run.py"
    script.write_text(code, encoding="utf-8")
    command = f"openbox & sleep 1; {sys.executable} {script} {' '.join(args)}"
    result = subprocess.run(
        ["xvfb-run", "-a", "-s", f"-screen 0 {screen} -nolisten tcp", "sh", "-c", command],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
        env=dict(os.environ, QT_QPA_PLATFORM="xcb"),
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_quitting_while_presenting_keeps_the_normal_window_size(tmp_path):
    found = under_openbox(tmp_path, QUIT_WHILE_PRESENTING, str(tmp_path / "reader.ini"))
    assert found["presenting"] == [1366, 768]
    assert found["reopened"] == [900, 600] and not found["full_screen"]
