"""The Qt bindings we ship keep Python's reference counts straight.

PySide6 6.12.0 under Python 3.11 drops a reference to None on every call of a
C++ method that returns void; after a few thousand calls the process aborts
("none_dealloc"), which for a reader means a vanished window mid-session.
"""

import subprocess
import sys

PROBE = """
import sys
from PySide6.QtCore import QRectF
from PySide6.QtGui import QTextDocument
rect, document = QRectF(), QTextDocument()
before = sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False)
for _ in range(5000):
    rect.setWidth(1)
    document.setModified(False)
    document.isEmpty()
after = sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False)
print(*[b - a for a, b in zip(before, after)])
"""


def reference_drift(probe: str) -> list[int]:
    """Run ``probe`` in a fresh interpreter; it prints the change of each count."""
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-500:]
    return [int(value) for value in result.stdout.split()]


def test_void_calls_do_not_leak_or_steal_references():
    deltas = reference_drift(PROBE)
    assert all(abs(delta) < 100 for delta in deltas), deltas


SIGNAL_PROBE = """
import sys
from PySide6.QtCore import QObject, Signal

class Emitter(QObject):
    changed = Signal(str)
    toggled = Signal(bool)

emitter = Emitter()
emitter.changed.connect(lambda value: None)
emitter.toggled.connect(lambda value: None)
before = sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False)
for _ in range(5000):
    emitter.changed.emit("x")
    emitter.toggled.emit(True)
after = sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False)
print(*[b - a for a, b in zip(before, after)])
"""


def test_signal_emission_keeps_references():
    deltas = reference_drift(SIGNAL_PROBE)
    assert all(abs(delta) < 100 for delta in deltas), deltas
