"""The real program, with a speech service that hangs, ends at once on Ctrl+Q and SIGTERM.

A thread stuck inside the engine cannot be stopped, and Qt aborts a process
whose running thread is destroyed: so the reader saves, logs, and ends
without it (``reader.ui.speech.end_process_if_hung``). The engine is Qt's
mock with its ``say`` hanging for good (``READER_SPEECH_HANG``), run as
``tests/test_shutdown.py`` runs the program, on a private Xvfb.
"""

from __future__ import annotations

import signal
import time

import pytest

from reader import resources
from test_shutdown import display, env, start, stored, wait_for, window_of, xdotool

__all__ = ["display", "env"]  # the fixtures, shared with test_shutdown

pytestmark = pytest.mark.xvfb

PROMPT = 3.0  # seconds from the request to the process gone; the bounded wait is 0.5 s


def hung_log() -> str:
    path = resources.user_log_dir() / "reader.log"
    return path.read_text(encoding="utf-8") if path.exists() else ""


@pytest.mark.parametrize("ending", ["ctrl+q", "SIGTERM"])
def test_a_hung_voice_does_not_hold_the_exit(env, settings_path, ending):
    env = env | {"READER_SPEECH_HANG": "say,stop"}
    app = start(env, "--lang", "en", "--section", "osce")  # the mock speaks English
    try:
        window = window_of(app, env)
        wait_for(lambda: stored(settings_path).get("position/section") == "osce", "a save")
        xdotool(env, "windowfocus", "--sync", window)
        xdotool(env, "key", "ctrl+r")
        wait_for(lambda: "Speech engine (test): say hangs" in hung_log(), "the engine to hang")
        settings_path.unlink()  # what is written from here on comes from the ending
        asked = time.monotonic()
        if ending == "SIGTERM":
            app.send_signal(signal.SIGTERM)
        else:
            xdotool(env, "key", "ctrl+q")
        code = app.wait(timeout=30)
        took = time.monotonic() - asked
    finally:
        if app.poll() is None:
            app.kill()
    errors = app.stderr.read()
    assert code == 0, errors
    assert took < PROMPT
    assert "ends without waiting for the speech engine" in hung_log()
    assert stored(settings_path)["position/section"] == "osce"
    assert stored(settings_path)["language"] == "en"
    assert "Traceback" not in errors
    assert "QThread" not in errors
