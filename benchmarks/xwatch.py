"""An Xvfb server, and a stdlib X11 client that sees a window appear and its text arrive.

The benchmark watches the app from the X server's side, the way a person
sees it: ``ScreenWatcher`` asks for SubstructureNotify on the root window
(an ``xev -root``) and for DAMAGE reports on it, and timestamps
(CLOCK_MONOTONIC) each event as it arrives. No polling, no Xlib: the few
bytes of the X11 protocol this needs are packed here.

- *mapped*: the first MapNotify of a top-level window after ``arm()``.
- *text*: the first damage to the part of that window where the app shows its
  text after which the screen there shows text. Each damage to that part is
  answered by a GetImage of it; a reply that shows text dates the text to
  the first damage that came after the last reply that did not (events and
  replies arrive in the order the server made them, so the text was drawn
  no earlier than that damage and no later than the reply).
"""

from __future__ import annotations

import os
import shutil
import socket
import struct
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "TEXT_AREA",
    "ScreenWatcher",
    "Seen",
    "SessionBus",
    "Xvfb",
    "display_env",
    "xvfb_available",
]

CREATE_NOTIFY, MAP_NOTIFY, CONFIGURE_NOTIFY = 16, 19, 22
CW_EVENT_MASK = 1 << 11
SUBSTRUCTURE_NOTIFY_MASK = 1 << 19
QUERY_EXTENSION, GET_IMAGE = 98, 73
Z_PIXMAP = 2
DAMAGE_REPORT_RAW_RECTANGLES = 0
# Where, as fractions of the window (left, top, right, bottom), Reader and the
# floor both show their text: right of the tree, below Reader's menu bar and
# toolbar, left of the text's right margin. Nothing else is drawn there.
TEXT_AREA = (0.36, 0.08, 0.56, 0.45)
# A frame "shows text" there when it has antialiased glyphs: many shades, some dark.
MIN_SHADES = 8
MIN_DARK = 0.002


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


@dataclass
class Seen:
    """What the X server showed of one start (CLOCK_MONOTONIC seconds, None if not seen)."""

    mapped: float | None = None
    text: float | None = None
    checks: int = 0  # GetImage looks taken before the text was there


def shows_text(pixels: bytes) -> bool:
    """Whether 32-bit pixels hold antialiased glyphs: many shades, a few dark ones."""
    values = memoryview(pixels).cast("I")
    if len(set(values)) < MIN_SHADES:
        return False
    dark = sum(1 for value in values[::2] if (value & 0xFF) + (value >> 8 & 0xFF) < 160)
    return dark >= MIN_DARK * len(values) / 2


class ScreenWatcher:
    """Root-window events of one X server: windows mapped and damage where the text goes."""

    def __init__(self, display: str, text_area: tuple[float, ...] = TEXT_AREA) -> None:
        number = display.lstrip(":").split(".")[0]
        self._socket = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self._socket.connect(f"/tmp/.X11-unix/X{number}")
        self._socket.sendall(struct.pack("<BxHHHHxx", ord("l"), 11, 0, 0, 0))
        header = self._read(8)
        if header[0] != 1:
            raise RuntimeError(f"the X server on {display} refused the connection")
        extra = self._read(struct.unpack_from("<H", header, 6)[0] * 4)
        id_base, _id_mask = struct.unpack_from("<II", extra, 4)
        vendor_length, _max_request, _screens, formats = struct.unpack_from("<HHBB", extra, 16)
        screen = 32 + vendor_length + _pad(vendor_length) + 8 * formats
        (self._root,) = struct.unpack_from("<I", extra, screen)
        self._screen_size = struct.unpack_from("<HH", extra, screen + 20)
        self._text_area = text_area
        change_attributes = struct.pack(
            "<BxHIII", 2, 4, self._root, CW_EVENT_MASK, SUBSTRUCTURE_NOTIFY_MASK
        )
        self._send(change_attributes)
        self._damage_event = self._start_damage(id_base)

        self._lock = threading.Lock()
        self._geometry: dict[int, tuple[int, int, int, int]] = {}
        self._armed = False
        self._seen = Seen()
        self._window = 0
        self._sample: tuple[int, int, int, int] | None = None
        self._candidate: float | None = None  # first damage since the last look without text
        self._looking = False
        self._text_seen = threading.Event()
        self._thread = threading.Thread(target=self._listen, daemon=True)
        self._thread.start()

    # -- the protocol, before the listener starts ---------------------------

    def _send(self, request: bytes) -> None:
        self._socket.sendall(request)

    def _read(self, size: int) -> bytes:
        data = bytearray()
        while len(data) < size:
            chunk = self._socket.recv(size - len(data))
            if not chunk:
                raise ConnectionError("the X server closed the connection")
            data += chunk
        return bytes(data)

    def _start_damage(self, id_base: int) -> int | None:
        """DAMAGE reports for the whole screen; returns the DamageNotify event code."""
        name = b"DAMAGE" + b"\0" * _pad(6)
        self._send(struct.pack("<BxHHxx", QUERY_EXTENSION, 2 + len(name) // 4, 6) + name)
        reply = self._read(32)
        present, major, first_event = reply[8], reply[9], reply[10]
        if reply[0] != 1 or not present:
            return None
        self._send(struct.pack("<BBHII", major, 0, 3, 1, 1))  # DamageQueryVersion 1.1
        if self._read(32)[0] != 1:
            return None
        self._send(
            struct.pack("<BBHIIB3x", major, 1, 4, id_base, self._root, DAMAGE_REPORT_RAW_RECTANGLES)
        )
        return first_event

    # -- the listener -----------------------------------------------------------

    def _listen(self) -> None:
        try:
            while True:
                event = self._read(32)
                now = time.monotonic()
                code = event[0] & 0x7F
                with self._lock:
                    if code == 1:
                        self._reply(event, self._read(struct.unpack_from("<I", event, 4)[0] * 4))
                    elif code == 0:  # an error: the window went away while we looked
                        self._looking = False
                    elif code in (CREATE_NOTIFY, CONFIGURE_NOTIFY):
                        (window,) = struct.unpack_from("<I", event, 8)
                        offset = 12 if code == CREATE_NOTIFY else 16
                        self._geometry[window] = struct.unpack_from("<hhHH", event, offset)
                    elif code == MAP_NOTIFY and not event[12]:  # not override-redirect
                        self._mapped(struct.unpack_from("<I", event, 8)[0], now)
                    elif code == self._damage_event:
                        self._damaged(struct.unpack_from("<hhHH", event, 16), now)
        except OSError:
            return

    def _mapped(self, window: int, now: float) -> None:
        if not self._armed or self._window:
            return
        self._window = window
        self._seen.mapped = now
        x, y, width, height = self._geometry.get(window, (0, 0, *self._screen_size))
        left, top, right, bottom = self._text_area
        screen_width, screen_height = self._screen_size
        x0, y0 = max(0, x + int(width * left)), max(0, y + int(height * top))
        x1 = min(screen_width, x + int(width * right))
        y1 = min(screen_height, y + int(height * bottom))
        self._sample = (x0, y0, x1 - x0, y1 - y0) if x1 > x0 and y1 > y0 else None

    def _damaged(self, area: tuple[int, int, int, int], now: float) -> None:
        if self._sample is None or self._seen.text is not None:
            return
        x, y, width, height = area
        sx, sy, swidth, sheight = self._sample
        if x >= sx + swidth or y >= sy + sheight or x + width <= sx or y + height <= sy:
            return
        if self._candidate is None:
            self._candidate = now
        if not self._looking:
            self._looking = True
            root, sample = self._root, self._sample
            self._send(struct.pack("<BBHIhhHHi", GET_IMAGE, Z_PIXMAP, 5, root, *sample, ~0))

    def _reply(self, _header: bytes, pixels: bytes) -> None:
        self._looking = False
        if self._seen.text is not None:
            return
        if shows_text(pixels[: len(pixels) - len(pixels) % 4]):
            self._seen.text = self._candidate
            self._text_seen.set()
        else:
            self._seen.checks += 1
            self._candidate = None

    # -- the benchmark's side ---------------------------------------------------

    def arm(self) -> None:
        """Forget the last start: the next top-level window mapped is the one watched."""
        with self._lock:
            self._armed = True
            self._seen = Seen()
            self._window = 0
            self._sample = None
            self._candidate = None
            self._text_seen.clear()

    def wait_for_text(self, timeout: float) -> Seen:
        """Block until the watched window shows its text (or ``timeout``); what was seen."""
        self._text_seen.wait(timeout)
        with self._lock:
            self._armed = False
            return Seen(self._seen.mapped, self._seen.text, self._seen.checks)

    def close(self) -> None:
        self._socket.close()


class SessionBus:
    """A private D-Bus session bus, as every desktop has; a context manager.

    Without one, Qt's accessibility bridge asks libdbus to *autolaunch* a bus:
    it forks ``dbus-launch`` and waits ~40 ms for it, at every start of every
    app measured, which no person at a desktop ever waits for.
    """

    def __init__(self) -> None:
        self.address = ""
        self._process: subprocess.Popen[str] | None = None

    def __enter__(self) -> SessionBus:
        if shutil.which("dbus-daemon") is None:
            return self  # the apps autolaunch one, or go without
        self._process = subprocess.Popen(
            ["dbus-daemon", "--session", "--nofork", "--print-address=1"],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        assert self._process.stdout is not None
        self.address = self._process.stdout.readline().strip()
        return self

    def __exit__(self, *_exc: object) -> None:
        if self._process is not None:
            self._process.terminate()
            self._process.wait()


def display_env(display: str, bus: str = "") -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    if bus:
        env["DBUS_SESSION_BUS_ADDRESS"] = bus
    return env | {"DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
