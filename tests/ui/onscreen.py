"""Run a few lines of Qt code in a child process on a screen of a given size.

The tests' own process has one offscreen screen (800×800); what a person
sees on a 1366×768 laptop or a 4K projector is looked at in a child whose
offscreen screen is configured to that size and device pixel ratio. The code
prints one line of JSON; ``on_screen`` returns it, parsed.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path


def on_screen(
    tmp_path: Path,
    code: str,
    width: int,
    height: int,
    dpr: float = 1.0,
    dpi: float = 96.0,
    frames: bool = False,
) -> object:
    """Run ``code`` (which must print JSON last) on a ``width``×``height`` logical screen.

    With ``frames``, windows get a (thin) frame around them, as a window manager gives.
    """
    config = tmp_path / f"screen-{width}x{height}@{dpr}.json"
    screen = {
        "name": "test",
        "x": 0,
        "y": 0,
        "width": width,
        "height": height,
        "logicalDpi": dpi,
        "logicalBaseDpi": 96,
        "dpr": dpr,
    }
    settings = {"screens": [screen], "windowFrameMargins": frames}
    config.write_text(json.dumps(settings), encoding="utf-8")
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={config}")
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])
