"""Touch: a finger scrolls, swipes to the next section and pinches the text larger.

Readers at an event use touch screens, and presenters a mouse they would
rather drag than aim at a scroll bar. Qt Widgets give neither by default: a
finger drag on a text pane selects text. ``TouchInput`` gives any number of
scroll areas (the text pane, the side-by-side columns, the section tree)
what a phone does:

- **kinetic scrolling** by finger, through ``QScroller``; with
  ``set_mouse_drag(True)`` (stand and presentation mode) a left-button
  mouse drag scrolls too, instead of selecting;
- **swipe**: a quick horizontal stroke of one finger (or of the dragged
  mouse) emits ``swiped(+1)`` when it goes leftwards, like turning a page
  forward, and ``swiped(-1)`` when it goes rightwards;
- **pinch**: two fingers spreading apart emit ``pinched(+1)`` each time
  their distance grows by a step (``PINCH_STEP``), closing emit ``pinched(-1)``;
- **tap**: a touch that barely moves emits ``tapped()`` and clicks where it
  landed, so links and tree rows answer a finger as they answer the mouse.
  A tap that stops a running kinetic scroll only stops it.

The API, all of it::

    touch = TouchInput(parent)
    touch.add(scroll_area)            # any QAbstractScrollArea, as many as wanted
    touch.add(tree, gestures=False)   # a list: kinetic scrolling and taps only
    touch.swiped.connect(lambda step: navigation.step(step))
    touch.pinched.connect(lambda step: size.larger() if step > 0 else size.smaller())
    touch.tapped.connect(overlay.show_for_a_while)
    touch.set_mouse_drag(True)        # stand / presentation; False gives selection back

Only the finger's own events are used (touch events are accepted, so Qt
makes no mouse events of them); a real mouse is left alone unless mouse
dragging is on.
"""

from __future__ import annotations

import math

# QScroller and QElapsedTimer are read from their modules when a finger or a
# drag first needs them: naming them here would build their Python types (and
# enums) before the window's first frame, which has no use for them.
from PySide6 import QtCore, QtWidgets
from PySide6.QtCore import QEvent, QObject, QPointF, Qt, Signal
from PySide6.QtGui import QMouseEvent, QTouchEvent
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QWidget

__all__ = ["PINCH_STEP", "TouchInput"]

PINCH_STEP = 1.25  # the fingers' distance grows (or shrinks) by this much per text size step
SWIPE_MIN = 80  # px: the least horizontal travel of a swipe
SWIPE_SHARE = 0.15  # ...or this share of the area's width, whichever is more
SWIPE_SLOPE = 2.0  # horizontal travel at least this many times the vertical
SWIPE_TIME = 700  # ms: slower than this is a drag, not a swipe
TAP_SLOP = 12  # px a tap may wander
TAP_TIME = 500  # ms: held longer, it is not a tap

_TOUCH = (
    QEvent.Type.TouchBegin,
    QEvent.Type.TouchUpdate,
    QEvent.Type.TouchEnd,
    QEvent.Type.TouchCancel,
)
_MOUSE = (
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.MouseButtonRelease,
)


class _Stroke:
    """One finger (or the dragged mouse) from press to release."""

    def __init__(self, start: QPointF, stopped_scrolling: bool) -> None:
        self.start = start
        self.last = start
        self.stopped_scrolling = stopped_scrolling  # this press only stops a flick
        self.clock = QtCore.QElapsedTimer()
        self.clock.start()

    def travel(self) -> QPointF:
        return self.last - self.start


class TouchInput(QObject):
    """Kinetic scrolling, swipes, pinches and taps for the scroll areas ``add``-ed."""

    swiped = Signal(int)  # +1: towards the next section (stroke leftwards), -1: previous
    pinched = Signal(int)  # +1: fingers spread (larger text), -1: closed (smaller)
    tapped = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._areas: list[QAbstractScrollArea] = []
        self._lists: set[QWidget] = set()  # viewports without swipes and pinches
        self._mouse_drag = False
        self._stroke: _Stroke | None = None
        self._pinch_base = 0.0  # the fingers' distance at the last step; 0: no pinch
        self._replaying = False  # a tap's click, sent by us, passes the filter

    @property
    def mouse_drag(self) -> bool:
        return self._mouse_drag

    def add(self, area: QAbstractScrollArea, gestures: bool = True) -> None:
        """Scroll ``area`` by finger (and by mouse drag while that is on).

        With ``gestures``, swipes and pinches on it are signalled too; a list
        (the section tree, search results) only scrolls and taps.
        """
        viewport = area.viewport()
        if not gestures:
            self._lists.add(viewport)
        QtWidgets.QScroller.grabGesture(
            viewport, QtWidgets.QScroller.ScrollerGestureType.TouchGesture
        )
        scroller = QtWidgets.QScroller.scroller(viewport)
        properties = scroller.scrollerProperties()
        never = QtWidgets.QScrollerProperties.OvershootPolicy.OvershootAlwaysOff
        properties.setScrollMetric(
            QtWidgets.QScrollerProperties.ScrollMetric.HorizontalOvershootPolicy, never
        )
        scroller.setScrollerProperties(properties)
        viewport.installEventFilter(self)
        self._areas.append(area)

    def covers(self, area: QAbstractScrollArea) -> bool:
        """Whether ``area`` takes fingers yet (the reading pane: once its first page is shown)."""
        return area in self._areas

    def set_mouse_drag(self, on: bool) -> None:
        """Let a left-button drag scroll the areas (stand, presentation) or select text again."""
        self._mouse_drag = on
        self._stroke = None

    # -- events ------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not isinstance(watched, QWidget):
            return super().eventFilter(watched, event)
        kind = event.type()
        if kind in _TOUCH and isinstance(event, QTouchEvent):
            self._touch(watched, event)
            event.accept()
            return True  # no mouse events made of it: a finger scrolls, it does not select
        if (
            self._mouse_drag
            and not self._replaying
            and kind in _MOUSE
            and isinstance(event, QMouseEvent)
            and event.source() == Qt.MouseEventSource.MouseEventNotSynthesized
        ):
            return self._mouse(watched, event)
        return super().eventFilter(watched, event)

    def _touch(self, viewport: QWidget, event: QTouchEvent) -> None:
        points = event.points()
        kind = event.type()
        if kind == QEvent.Type.TouchCancel:
            self._stroke, self._pinch_base = None, 0.0
            return
        if len(points) >= 2 and viewport in self._lists:
            return
        if len(points) >= 2:
            self._stroke = None  # a second finger makes it a pinch, not a swipe or a tap
            self._pinch(points[0].position(), points[1].position(), kind)
            return
        if not points or self._pinch_base:
            if kind == QEvent.Type.TouchEnd:
                self._pinch_base = 0.0
            return
        position = points[0].position()
        if kind == QEvent.Type.TouchBegin:
            self._press(viewport, position)
        elif kind == QEvent.Type.TouchUpdate and self._stroke is not None:
            self._stroke.last = position
        elif kind == QEvent.Type.TouchEnd:
            self._release(viewport, position)

    def _mouse(self, viewport: QWidget, event: QMouseEvent) -> bool:
        """A left-button drag feeds the scroller; a click that did not move is let through."""
        scroller = QtWidgets.QScroller.scroller(viewport)
        position = event.position()
        kind = event.type()
        if kind == QEvent.Type.MouseButtonPress and event.button() == Qt.MouseButton.LeftButton:
            self._press(viewport, position)
            scroller.handleInput(QtWidgets.QScroller.Input.InputPress, position, event.timestamp())
            return True
        if self._stroke is None:
            return False
        if kind == QEvent.Type.MouseMove:
            self._stroke.last = position
            scroller.handleInput(QtWidgets.QScroller.Input.InputMove, position, event.timestamp())
            return True
        if kind == QEvent.Type.MouseButtonRelease and event.button() == Qt.MouseButton.LeftButton:
            scroller.handleInput(
                QtWidgets.QScroller.Input.InputRelease, position, event.timestamp()
            )
            self._release(viewport, position)
            return True
        return False

    # -- what a stroke means -----------------------------------------------

    def _press(self, viewport: QWidget, position: QPointF) -> None:
        state = QtWidgets.QScroller.scroller(viewport).state()
        self._stroke = _Stroke(
            position, stopped_scrolling=state == QtWidgets.QScroller.State.Scrolling
        )

    def _release(self, viewport: QWidget, position: QPointF) -> None:
        stroke, self._stroke = self._stroke, None
        if stroke is None:
            return
        stroke.last = position
        travel = stroke.travel()
        elapsed = stroke.clock.elapsed()
        if (
            viewport not in self._lists
            and abs(travel.x()) >= max(SWIPE_MIN, SWIPE_SHARE * viewport.width())
            and abs(travel.x()) >= SWIPE_SLOPE * abs(travel.y())
            and elapsed <= SWIPE_TIME
        ):
            QtWidgets.QScroller.scroller(viewport).stop()
            self.swiped.emit(1 if travel.x() < 0 else -1)
        elif (
            travel.manhattanLength() <= TAP_SLOP
            and elapsed <= TAP_TIME
            and not stroke.stopped_scrolling
        ):
            self._click(viewport, stroke.start)
            self.tapped.emit()

    def _click(self, viewport: QWidget, position: QPointF) -> None:
        """What a tap means to the widget under it: a left click there."""
        global_position = viewport.mapToGlobal(position)
        self._replaying = True
        try:
            for kind, buttons in (
                (QEvent.Type.MouseButtonPress, Qt.MouseButton.LeftButton),
                (QEvent.Type.MouseButtonRelease, Qt.MouseButton.NoButton),
            ):
                click = QMouseEvent(
                    kind,
                    position,
                    global_position,
                    Qt.MouseButton.LeftButton,
                    buttons,
                    Qt.KeyboardModifier.NoModifier,
                )
                QApplication.sendEvent(viewport, click)
        finally:
            self._replaying = False

    def _pinch(self, first: QPointF, second: QPointF, kind: QEvent.Type) -> None:
        distance = math.hypot(first.x() - second.x(), first.y() - second.y())
        if kind == QEvent.Type.TouchEnd:
            self._pinch_base = 0.0
            return
        if not self._pinch_base:
            self._pinch_base = max(distance, 1.0)
            return
        while distance >= self._pinch_base * PINCH_STEP:
            self._pinch_base *= PINCH_STEP
            self.pinched.emit(1)
        while distance <= self._pinch_base / PINCH_STEP:
            self._pinch_base /= PINCH_STEP
            self.pinched.emit(-1)
