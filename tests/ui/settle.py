"""Waiting for the window to finish what an action queued, without a sleep.

A resize, a new text size or a theme is followed by work on zero timers and
posted layout events (the tree making room, columns re-wrapping and lining
up), each step queueing the next. A zero timer of ours fires only after
everything queued before it, so a few turns of it outlast such a chain:
the test waits on a signal, not on the clock.
"""

from PySide6.QtCore import QTimer

TURNS = 4


def settle(qtbot, turns: int = TURNS) -> None:
    barrier = QTimer(singleShot=True, interval=0)
    for _ in range(turns):
        with qtbot.waitSignal(barrier.timeout, timeout=1000):
            barrier.start()
