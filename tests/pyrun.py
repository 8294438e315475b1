"""A few lines of Python run in a fresh interpreter: what a new process loads, say."""

import subprocess
import sys


def python_says(code: str) -> str:
    """What ``code`` prints, run by this Python in a process of its own."""
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()
