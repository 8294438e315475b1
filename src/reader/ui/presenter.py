"""The presenter's controls: large buttons over the text while presentation mode lasts.

A presenter at a projector has no menu bar, and may have a touch screen or
only a mouse: moving the mouse or tapping the screen brings a band of large
buttons up at the bottom (leave, previous and next section, the section
list, EN | RU, side by side, text size), which fades away again after a few
seconds without use, and the pointer with them. On entering, a hint says how
to leave (Esc), and a quiet "3 / 10" in the corner says where in the
document the room is.

The buttons are the window's own actions (a button, its menu item and its key
agree); ``add_action`` puts a feature's action on the band later (Read
Aloud). The band is light on dark whatever the theme, like a video player's:
it must stand out from any page it floats over.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEasingCurve, QEvent, QObject, QPropertyAnimation, Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QGraphicsOpacityEffect,
    QHBoxLayout,
    QLabel,
    QToolButton,
    QWidget,
)

from reader.i18n import _
from reader.themes import Theme
from reader.ui.controlbar import ControlBar, touch_target
from reader.ui.icons import themed_icon
from reader.ui.toolbar import LanguageToggle

if TYPE_CHECKING:
    from reader.ui.application import ReaderApplication

__all__ = ["PresenterControls"]

HIDE_AFTER = 3000  # ms without the mouse moving before the buttons fade
HINT_FOR = 4000  # ms the "Esc to leave" hint stays
FADE = 300  # ms
BAND = "#1d1d1d"  # the band's colour: dark, opaque (text through it would be noise)
BAND_TEXT = "#ffffff"
BAND_EDGE = "#6b6b6b"  # sets the band off a dark page too
BAND_DISABLED = "#8c8c8c"  # 3.5:1 on the band: a disabled button still reads as one


class _Fading(QObject):
    """Shows a widget at once, fades it out slowly, and says when it is gone."""

    gone = Signal()

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self.widget = widget
        self._effect = QGraphicsOpacityEffect(widget)
        self._effect.setOpacity(1.0)
        widget.setGraphicsEffect(self._effect)
        self._animation = QPropertyAnimation(self._effect, b"opacity", self)
        self._animation.setDuration(FADE)
        self._animation.setEasingCurve(QEasingCurve.Type.InOutQuad)
        self._animation.finished.connect(self._finished)

    def show(self) -> None:
        self._animation.stop()
        self._effect.setOpacity(1.0)
        self.widget.show()
        self.widget.raise_()

    def fade(self) -> None:
        if not self.widget.isVisible() or self._animation.state() == self._animation.State.Running:
            return
        self._animation.setStartValue(self._effect.opacity())
        self._animation.setEndValue(0.0)
        self._animation.start()

    def hide(self) -> None:
        self._animation.stop()
        self.widget.hide()

    def _finished(self) -> None:
        if self._effect.opacity() < 0.01:
            self.widget.hide()
            self.gone.emit()


class PresenterControls(QObject):
    """The band of buttons, the hint and the place indicator, for one window.

    ``start`` and ``stop`` follow presentation mode; ``wake`` (the mouse moved,
    a finger tapped) brings the buttons back for ``hide_after`` milliseconds.
    """

    shown = Signal()  # the buttons came into view
    hidden = Signal()  # ...and have faded away

    def __init__(
        self,
        app: ReaderApplication,
        window: QWidget,
        actions: list[tuple[QAction, str] | None],
        set_language: Callable[[str], None],
    ) -> None:
        """``actions``: (action, icon name) in the order the buttons stand, left to right.

        ``None`` among them is where the language toggle (EN | RU) stands.
        """
        super().__init__(window)
        self._window = window
        self._active = False
        self.hide_after = HIDE_AFTER
        self.hint_for = HINT_FOR

        self.band = QFrame(window)
        self.band.setObjectName("presenterControls")
        layout = QHBoxLayout(self.band)
        self.bar = ControlBar(self.band, Qt.ToolButtonStyle.ToolButtonTextUnderIcon)
        layout.addWidget(self.bar)
        self._theme: Theme | None = None
        self.language_toggle = LanguageToggle(app, set_language, self.bar)
        for item in actions:
            if item is None:
                self.bar.add_widget(self.language_toggle)
            else:
                self.bar.add_action(item[0], themed_icon(item[1], BAND_TEXT, BAND_DISABLED))
        self.band.hide()
        self.band.installEventFilter(self)
        self._band_fading = _Fading(self.band)
        self._band_fading.gone.connect(self._band_gone)
        self._pointer_hidden = False

        self.hint = QLabel(window)
        self.hint.setObjectName("presenterHint")
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint.hide()
        self._hint_fading = _Fading(self.hint)

        self.indicator = QLabel(window)
        self.indicator.setObjectName("presenterPlace")
        self.indicator.hide()
        self._place = (0, 0)

        self._hide_timer = QTimer(self, singleShot=True)
        self._hide_timer.timeout.connect(self._band_fading.fade)
        self._hint_timer = QTimer(self, singleShot=True)
        self._hint_timer.timeout.connect(self._hint_fading.fade)

        window.installEventFilter(self)
        app.languageChanged.connect(self.retranslate)
        self.retranslate()

    @property
    def visible(self) -> bool:
        """Whether the buttons are in view (or fading)."""
        return self.band.isVisible()

    def add_action(self, action: QAction, icon: str = "") -> QToolButton:
        """A button for a feature's action, after the others (``icon``: resources/icons/)."""
        drawn = themed_icon(icon, BAND_TEXT, BAND_DISABLED) if icon else None
        button = self.bar.add_action(action, drawn)
        self._place_widgets()
        return button

    def retranslate(self) -> None:
        self.band.setAccessibleName(_("Presenter controls"))
        self.hint.setText(_("Press Esc to leave presentation mode"))
        self.language_toggle.retranslate(_("Switch language"))
        self._show_place()
        self._place_widgets()

    def set_place(self, number: int, total: int) -> None:
        """The section shown is ``number`` of ``total`` in reading order."""
        self._place = (number, total)
        self._show_place()

    def _show_place(self) -> None:
        number, total = self._place
        self.indicator.setText(
            _("{number} / {total}").format(number=number, total=total) if number else ""
        )
        self.indicator.setAccessibleName(
            _("Section {number} of {total}").format(number=number, total=total)
        )
        self.indicator.adjustSize()
        self._place_widgets()

    def set_theme(self, theme: Theme) -> None:
        """The indicator is drawn on the page, in the page's quiet colour."""
        self._theme = theme
        self._style()

    def _style(self) -> None:
        target = touch_target(self._window.screen())
        radius = target // 4
        band = (
            f"QFrame#presenterControls {{ background: {BAND}; border-radius: {radius}px;"
            f" border: 1px solid {BAND_EDGE}; }}"
            f" QFrame#presenterControls QToolButton {{ color: {BAND_TEXT};"
            f" padding: 0 {target // 5}px; }}"
            f" QFrame#presenterControls QToolButton:disabled {{ color: {BAND_DISABLED}; }}"
            f" QFrame#presenterControls QToolButton:checked {{"
            f" background: rgba(255, 255, 255, 60); border-radius: {radius // 2}px; }}"
            f" QFrame#presenterControls QLabel {{ color: {BAND_DISABLED}; }}"
        )
        self.band.setStyleSheet(band)
        font_px = round(target * 0.5)
        self.hint.setStyleSheet(
            f"QLabel {{ background: {BAND}; color: {BAND_TEXT}; border-radius: {radius}px;"
            f" border: 1px solid {BAND_EDGE};"
            f" padding: {target // 4}px {target // 2}px; font-size: {font_px}px; }}"
        )
        colour = self._theme.muted if self._theme is not None else BAND_DISABLED
        self.indicator.setStyleSheet(
            f"QLabel {{ color: {colour}; font-size: {round(target * 0.36)}px;"
            f" padding: {target // 4}px; }}"
        )
        self.hint.adjustSize()
        self.indicator.adjustSize()
        self._place_widgets()

    # -- presenting ----------------------------------------------------------

    def start(self) -> None:
        """Presentation begins: the hint, the place and the buttons, for a while."""
        self._active = True
        self._style()
        self.indicator.show()
        self.indicator.raise_()
        self._hint_fading.show()
        self._hint_timer.start(self.hint_for)
        self.wake()

    def stop(self) -> None:
        self._active = False
        self._show_pointer()
        self._hide_timer.stop()
        self._hint_timer.stop()
        self._band_fading.hide()
        self._hint_fading.hide()
        self.indicator.hide()

    def wake(self) -> None:
        """Bring the buttons into view; they fade after ``hide_after`` ms unless used."""
        if not self._active:
            return
        self._show_pointer()
        appearing = not self.band.isVisible()
        self._band_fading.show()
        self._place_widgets()
        if not self.band.underMouse():
            self._hide_timer.start(self.hide_after)
        if appearing:
            self.shown.emit()

    def _band_gone(self) -> None:
        """The buttons have faded: the pointer goes too, not to sit on the projected text."""
        if self._active and not self._pointer_hidden:
            QApplication.setOverrideCursor(Qt.CursorShape.BlankCursor)
            self._pointer_hidden = True
        self.hidden.emit()

    def _show_pointer(self) -> None:
        if self._pointer_hidden:
            self._pointer_hidden = False
            QApplication.restoreOverrideCursor()

    def _place_widgets(self) -> None:
        window = self._window
        margin = touch_target(window.screen()) // 3
        # Names under the icons where they fit; icons alone (names as tooltips) where not.
        self.bar.set_button_style(Qt.ToolButtonStyle.ToolButtonTextUnderIcon)
        self.band.adjustSize()
        if self.band.width() > window.width() - 2 * margin:
            self.bar.set_button_style(Qt.ToolButtonStyle.ToolButtonIconOnly)
            self.band.adjustSize()
        band = self.band.size()
        bottom = window.height() - band.height() - margin
        self.band.move((window.width() - band.width()) // 2, bottom)
        self.hint.adjustSize()
        self.hint.move((window.width() - self.hint.width()) // 2, margin * 2)
        self.indicator.adjustSize()
        self.indicator.move(
            window.width() - self.indicator.width() - margin,
            window.height() - self.indicator.height() - margin,
        )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if watched is self._window and kind == QEvent.Type.Resize:
            self._place_widgets()
        elif watched is self.band and kind == QEvent.Type.Enter:
            self._hide_timer.stop()  # the pointer on a button: the buttons stay
        elif watched is self.band and kind == QEvent.Type.Leave and self._active:
            self._hide_timer.start(self.hide_after)
        return super().eventFilter(watched, event)
