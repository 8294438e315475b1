"""An Xvfb server and a stdlib X11 client that notes when top-level windows are mapped.

The benchmark watches the app from outside: it asks the X server for
SubstructureNotify events on the root window and timestamps each MapNotify
(CLOCK_MONOTONIC) as it arrives. No polling, no Xlib: the few bytes of the
X11 protocol this needs are packed here.
"""

from __future__ import annotations

import os
import shutil
import socket
import struct
import subprocess
import threading
import time
from pathlib import Path

__all__ = ["MapWatcher", "Xvfb", "xvfb_available"]

MAP_NOTIFY = 19
CW_EVENT_MASK = 1 << 11
SUBSTRUCTURE_NOTIFY_MASK = 1 << 19


def xvfb_available() -> bool:
    return shutil.which("Xvfb") is not None


def _pad(length: int) -> int:
    return (4 - length % 4) % 4


class Xvfb:
    """A private X server on the first free display from :90 up; a context manager."""

    def __init__(self, width: int = 1280, height: int = 800) -> None:
        self.size = f"{width}x{height}x24"
        self.display = ""
        self._process: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> Xvfb:
        for number in range(90, 140):
            if Path(f"/tmp/.X11-unix/X{number}").exists() or Path(f"/tmp/.X{number}-lock").exists():
                continue
            process = subprocess.Popen(
                ["Xvfb", f":{number}", "-screen", "0", self.size, "-nolisten", "tcp"],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline and process.poll() is None:
                if Path(f"/tmp/.X11-unix/X{number}").exists():
                    self._process, self.display = process, f":{number}"
                    time.sleep(0.2)
                    return self
                time.sleep(0.05)
            process.kill()
            process.wait()
        raise RuntimeError("no X display could be started")

    def __exit__(self, *_exc: object) -> None:
        if self._process is not None:
            self._process.terminate()
            self._process.wait(timeout=10)


class MapWatcher:
    """Timestamps of MapNotify events for children of the root window."""

    def __init__(self, display: str) -> None:
        number = display.lstrip(":").split(".")[0]
        self._socket = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self._socket.connect(f"/tmp/.X11-unix/X{number}")
        self._socket.sendall(struct.pack("<BxHHHHxx", ord("l"), 11, 0, 0, 0))
        header = self._read(8)
        if header[0] != 1:
            raise RuntimeError(f"the X server on {display} refused the connection")
        extra = self._read(struct.unpack_from("<H", header, 6)[0] * 4)
        vendor_length, _max_request, _screens, formats = struct.unpack_from("<HHBB", extra, 16)
        screen = 32 + vendor_length + _pad(vendor_length) + 8 * formats
        (root,) = struct.unpack_from("<I", extra, screen)
        self._socket.sendall(
            struct.pack("<BxHIII", 2, 4, root, CW_EVENT_MASK, SUBSTRUCTURE_NOTIFY_MASK)
        )
        self._lock = threading.Lock()
        self._maps: list[tuple[float, int]] = []
        self._thread = threading.Thread(target=self._listen, daemon=True)
        self._thread.start()

    def _read(self, size: int) -> bytes:
        data = b""
        while len(data) < size:
            chunk = self._socket.recv(size - len(data))
            if not chunk:
                raise ConnectionError("the X server closed the connection")
            data += chunk
        return data

    def _listen(self) -> None:
        try:
            while True:
                event = self._read(32)
                code = event[0] & 0x7F
                if code == 1:  # a reply (none expected) may be longer than 32 bytes
                    self._read(struct.unpack_from("<I", event, 4)[0] * 4)
                elif code == MAP_NOTIFY and not event[12]:  # not override-redirect
                    (window,) = struct.unpack_from("<I", event, 8)
                    with self._lock:
                        self._maps.append((time.monotonic(), window))
        except OSError:
            return

    def first_map_after(self, start: float) -> float | None:
        """CLOCK_MONOTONIC time of the first window mapped after ``start``."""
        with self._lock:
            times = [stamp for stamp, _window in self._maps if stamp >= start]
        return min(times) if times else None

    def forget(self) -> None:
        with self._lock:
            self._maps.clear()

    def close(self) -> None:
        self._socket.close()


def display_env(display: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    return env | {"DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
