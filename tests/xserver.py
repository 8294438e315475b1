"""A private Xvfb for the tests that need a real X server (installed .deb, AT-SPI).

The server picks a free display and writes its number to a pipe when it is
ready to accept clients (``-displayfd``): no guessing a display, no sleeping.
"""

from __future__ import annotations

import os
import select
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def xvfb(size: str = "1280x800x24", timeout: float = 30) -> Iterator[str]:
    """Start Xvfb, yield its ``DISPLAY`` (``":N"``) once it is ready, stop it."""
    assert shutil.which("Xvfb"), "a real X server is needed: apt-get install xvfb"
    read_end, write_end = os.pipe()
    # -noreset: by default the server resets when its last client leaves, and a
    # client connecting meanwhile is refused. A test's xdotool (or a killed reader)
    # is often the last client while the next reader connects: under load, one
    # start in 60 aborted with "could not connect to display".
    options = ["-noreset", "-screen", "0", size, "-nolisten", "tcp"]
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_end), *options],
        pass_fds=(write_end,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_end)
    try:
        ready, _, _ = select.select([read_end], [], [], timeout)
        assert ready, f"Xvfb did not start within {timeout} s"
        number = os.read(read_end, 16).decode().strip()
        assert number.isdigit(), f"Xvfb exited with {server.wait()}"
        yield f":{number}"
    finally:
        os.close(read_end)
        server.terminate()
        server.wait(timeout=10)
