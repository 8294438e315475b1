"""The window fits the screen, and the text fits the window.

A 1366×768 laptop with a panel has about 1366×740 for windows, title bar
included; the first window must fit that, frame and all, or its status line
and the find bar's input are cut off (``fit_to_screen``). A window made
narrow, or opened on a small screen, puts the tree away before the text
column gets too narrow to read, and brings it back when there is room again
(``NarrowWindow``). ``Notice`` is the quiet line that says why something
the reader asked for was not done (side by side in too narrow a window).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QMargins, QObject, QRect, Qt, QTimer
from PySide6.QtGui import QAction, QFont, QFontMetricsF, QGuiApplication, QMouseEvent, QPalette
from PySide6.QtWidgets import QLabel, QWidget

from reader.ui.textpane import TextPane

__all__ = ["FRAME_ALLOWANCE", "NarrowWindow", "Notice", "fit_to_screen", "readable_width"]

# A title bar and borders, for as long as the window manager has not said how large
# they are (before the window is first shown): generous, so the frame fits.
FRAME_ALLOWANCE = QMargins(8, 40, 8, 8)
READABLE_CHARACTERS = 30  # average characters (35 of English): a newspaper column, no less
ROOM_TO_SPARE = 40  # px more than just enough before the tree comes back (no flicker)
NOTICE_FOR = 8000  # ms


def fit_to_screen(window: QWidget, area: QRect | None = None) -> bool:
    """Shrink and move ``window`` so that it, frame included, lies inside ``area``.

    ``area`` is the usable part of the window's screen (without panels) unless
    given. A maximized or full-screen window is the screen's business. Returns
    whether the window was changed.
    """
    if window.isMaximized() or window.isFullScreen():
        return False
    if area is None:
        screen = window.screen() or QGuiApplication.primaryScreen()
        if screen is None:
            return False
        area = screen.availableGeometry()
    frame, inner = window.frameGeometry(), window.geometry()
    margins = QMargins(
        inner.left() - frame.left(),
        inner.top() - frame.top(),
        frame.right() - inner.right(),
        frame.bottom() - inner.bottom(),
    )
    if margins.isNull():
        margins = FRAME_ALLOWANCE  # not shown yet: the frame is still to come
    room = area.size().shrunkBy(margins)
    size = window.size().boundedTo(room).expandedTo(window.minimumSize())
    outer = QRect(frame.topLeft(), size.grownBy(margins))
    fits_already = size == window.size() and area.contains(outer)
    if fits_already:
        return False
    outer.moveLeft(min(max(outer.left(), area.left()), area.right() + 1 - outer.width()))
    outer.moveTop(min(max(outer.top(), area.top()), area.bottom() + 1 - outer.height()))
    window.resize(size)
    window.move(outer.topLeft())  # a widget's pos is its frame's
    return True


def readable_width(font: QFont, characters: float = READABLE_CHARACTERS) -> float:
    """How wide a column of ``characters`` average characters of ``font`` is, in px."""
    return characters * QFontMetricsF(font).averageCharWidth()


class NarrowWindow(QObject):
    """Puts the tree away while the text beside it would be too narrow to read.

    ``text`` is the single text pane; ``in_charge`` says whether another part
    (side by side, presentation mode) is looking after the tree just now.
    """

    def __init__(
        self,
        text: TextPane,
        side_panel: QWidget,
        tree_action: QAction,
        in_charge: Callable[[], bool],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._text = text
        self._panel = side_panel
        self._tree_action = tree_action
        self._in_charge = in_charge
        self._hidden_width = 0  # the tree's width when it was put away; 0: not put away by us
        self._adjusting = False
        area = side_panel.parentWidget()
        assert area is not None
        self._area = area  # the splitter that holds tree and text
        area.installEventFilter(self)
        tree_action.toggled.connect(self._tree_toggled)

    def least_text_width(self) -> int:
        """The narrowest the text pane may be: a readable column and its margins."""
        text = self._text
        font = text.document().defaultFont()
        padding = 2 * text.side_padding + 2 * text.frameWidth()
        scroll_bar = text.verticalScrollBar().sizeHint().width()
        return round(readable_width(font) + padding + scroll_bar)

    def fit(self) -> None:
        """Put the tree away, or bring it back, as the width now allows."""
        if self._in_charge():
            return
        least = self.least_text_width()
        if self._panel.isVisible() and self._text.isVisible() and self._text.width() < least:
            self._hidden_width = max(self._panel.width(), 1)
            self._set_tree(False)
        elif self._hidden_width and (
            self._area.width() - self._hidden_width >= least + ROOM_TO_SPARE
        ):
            self._hidden_width = 0
            self._set_tree(True)

    def _set_tree(self, shown: bool) -> None:
        self._adjusting = True
        try:
            self._tree_action.setChecked(shown)
        finally:
            self._adjusting = False

    def _tree_toggled(self, _shown: bool) -> None:
        if not self._adjusting:
            self._hidden_width = 0  # the reader has decided: leave the tree so

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._area and event.type() == QEvent.Type.Resize:
            QTimer.singleShot(0, self.fit)  # once the splitter has given out the room
        return super().eventFilter(watched, event)


class Notice(QLabel):
    """A line over the top of a widget that says something for a few seconds."""

    def __init__(self, over: QWidget) -> None:
        super().__init__(over)
        self.setObjectName("notice")
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.ToolTipBase)
        self.setForegroundRole(QPalette.ColorRole.ToolTipText)
        self.setMargin(10)
        self.hide()
        self._timer = QTimer(self, singleShot=True, interval=NOTICE_FOR)
        self._timer.timeout.connect(self.hide)
        over.installEventFilter(self)

    def say(self, text: str) -> None:
        self.setText(text)
        self._place()
        self.show()
        self.raise_()
        self._timer.start()

    def _place(self) -> None:
        over = self.parentWidget()
        if over is None:
            return
        width = over.width()
        self.setFixedWidth(width)
        self.setFixedHeight(self.heightForWidth(width) if self.hasHeightForWidth() else 40)
        self.move(0, 0)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.hide()  # read: a click puts it away
        super().mousePressEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.parentWidget() and event.type() == QEvent.Type.Resize:
            self._place()
        return super().eventFilter(watched, event)
