"""Text size: View > Text Size, Ctrl+= / Ctrl+- / Ctrl+0 and Ctrl with the wheel.

The size the reader picks is remembered. Presentation mode reads from its
own, larger size, fitted to the screen (``reader.textsize.presentation_fit``),
which the same keys adjust a few steps while it lasts, so a presenter who
enlarges the text for a projector does not find it enlarged at their desk.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QWheelEvent
from PySide6.QtWidgets import QMenu, QWidget

from reader import settings, textsize
from reader.i18n import _

if TYPE_CHECKING:
    from reader.ui.application import ReaderApplication

__all__ = ["TextSizeControl"]

WHEEL_STEP = 120  # one notch of an ordinary mouse wheel, in eighths of a degree


def _shortcuts(*sequences: QKeySequence | QKeySequence.StandardKey | str) -> list[QKeySequence]:
    unique: list[QKeySequence] = []
    for sequence in sequences:
        key = QKeySequence(sequence)
        if not key.isEmpty() and key not in unique:
            unique.append(key)
    return unique


class TextSizeControl(QObject):
    """Owns the text size; tells the window whenever the page should be redrawn."""

    sizeChanged = Signal(float)

    def __init__(self, app: ReaderApplication, store: settings.Settings, parent: QWidget) -> None:
        super().__init__(parent)
        self._store = store
        self.reading_size: int = store.get(settings.TEXT_SIZE)
        self._fitted: float | None = None  # presenting: the size fitted to the screen
        self._step = 0  # presenting: Ctrl+= and Ctrl+- from the fitted size
        self._wheel_rest = 0
        # Written to disk a moment after the last change: a sync takes longer than a frame.
        self._save = QTimer(self, singleShot=True, interval=500)
        self._save.timeout.connect(store.sync)

        self.larger_action = QAction(parent)
        self.larger_action.setShortcuts(
            _shortcuts("Ctrl+=", "Ctrl++", QKeySequence.StandardKey.ZoomIn)
        )
        self.larger_action.triggered.connect(self.larger)
        self.smaller_action = QAction(parent)
        self.smaller_action.setShortcuts(_shortcuts("Ctrl+-", QKeySequence.StandardKey.ZoomOut))
        self.smaller_action.triggered.connect(self.smaller)
        self.normal_action = QAction(parent)
        self.normal_action.setShortcut(QKeySequence("Ctrl+0"))
        self.normal_action.triggered.connect(self.reset)

        self.menu = QMenu(parent)
        self.menu.setObjectName("textSizeMenu")
        self.menu.addActions([self.larger_action, self.smaller_action, self.normal_action])

        app.languageChanged.connect(self.retranslate)
        self.retranslate()
        self._update_actions()

    @property
    def size(self) -> float:
        """The size the page is drawn at now, in points."""
        if self._fitted is None:
            return self.reading_size
        return round(self._fitted * textsize.presentation_scale(self._step), 1)

    @property
    def presenting(self) -> bool:
        return self._fitted is not None

    def retranslate(self) -> None:
        self.menu.setTitle(_("Text &Size"))
        self.larger_action.setText(_("&Larger"))
        self.smaller_action.setText(_("&Smaller"))
        self.normal_action.setText(_("&Normal Size"))

    def larger(self) -> None:
        if self.presenting:
            self._set_step(self._step + 1)
        else:
            self.set_size(textsize.larger(self.size))

    def smaller(self) -> None:
        if self.presenting:
            self._set_step(self._step - 1)
        else:
            self.set_size(textsize.smaller(self.size))

    def reset(self) -> None:
        if self.presenting:
            self._set_step(0)
        else:
            self.set_size(textsize.DEFAULT_SIZE)

    def set_size(self, size: int) -> None:
        """The reader's own size (presenting or not), remembered."""
        size = min(max(size, textsize.MIN_SIZE), textsize.MAX_SIZE)
        if size == self.reading_size:
            return
        self.reading_size = size
        self._store.set(settings.TEXT_SIZE, size)
        self._save.start()
        self._update_actions()
        if not self.presenting:
            self.sizeChanged.emit(float(size))

    def set_presenting(self, presenting: bool, fitted: float = 0.0) -> None:
        """Switch to presentation type, ``fitted`` to the screen, or back to the reading size.

        Called again while presenting, it fits anew (another screen, another
        view) and keeps the presenter's steps.
        """
        if not presenting:
            if self._fitted is None:
                return
            self._fitted, self._step = None, 0
        else:
            if fitted <= 0:
                fitted = float(textsize.presentation_size(self.reading_size))
            if fitted == self._fitted:
                return
            self._fitted = fitted
        self._update_actions()
        self.sizeChanged.emit(float(self.size))

    def _set_step(self, step: int) -> None:
        step = min(max(step, -textsize.PRESENTATION_STEPS), textsize.PRESENTATION_STEPS)
        if step != self._step:
            self._step = step
            self._update_actions()
            self.sizeChanged.emit(float(self.size))

    def _update_actions(self) -> None:
        if self.presenting:
            self.larger_action.setEnabled(self._step < textsize.PRESENTATION_STEPS)
            self.smaller_action.setEnabled(self._step > -textsize.PRESENTATION_STEPS)
        else:
            self.larger_action.setEnabled(self.size < textsize.MAX_SIZE)
            self.smaller_action.setEnabled(self.size > textsize.MIN_SIZE)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.Wheel
            and isinstance(event, QWheelEvent)
            and event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            self._wheel(event.angleDelta().y())
            event.accept()
            return True
        return super().eventFilter(watched, event)

    def _wheel(self, delta: int) -> None:
        """Whole notches change the size; a touchpad's small deltas add up first."""
        if (delta > 0) != (self._wheel_rest > 0):
            self._wheel_rest = 0
        self._wheel_rest += delta
        while abs(self._wheel_rest) >= WHEEL_STEP:
            if self._wheel_rest > 0:
                self._wheel_rest -= WHEEL_STEP
                self.larger()
            else:
                self._wheel_rest += WHEEL_STEP
                self.smaller()
