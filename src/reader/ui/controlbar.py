"""A row of large buttons a finger can hit: for stand mode and the presenter's controls.

The toolbar's buttons suit a mouse (about 28 px); a finger needs at least
44 px, and more on a large screen run at 1:1 (a 4K panel's pixels are half
the size of a 1080p one's). ``ControlBar`` sizes its buttons from the
screen it is on, and again when it moves to another screen:
``touch_target(screen)`` is 44 logical px at 1920×1080 and 96 dpi, grows in
step with a larger logical screen or a larger logical DPI, and never goes
below 44 (a finger does not shrink with a laptop's screen).

The buttons are built from the window's own QActions (icon and text), so a
button, its menu item and its key always agree, and a feature built later
can add its action to a bar it did not make. The API, all of it::

    bar = ControlBar(parent)                    # Qt.ToolButtonStyle, optional
    button = bar.add_action(action)             # a large button for the action
    button = bar.add_action(action, icon)       # ...drawn with its own icon (the bar's colours)
    bar.set_icon(button, icon)                  # another icon (a new theme)
    bar.add_widget(widget)                      # e.g. the EN | RU toggle; its buttons grow too
    bar.add_stretch()                           # push what follows to the far end
    bar.set_button_style(style)                 # e.g. icons only, when the screen is narrow
    bar.buttons()                               # every QToolButton in the bar
    bar.target                                  # the size its buttons have now, in px

Buttons take no keyboard focus: the reader's keys keep going to the text.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QAction, QActionEvent, QIcon, QScreen
from PySide6.QtWidgets import QHBoxLayout, QSizePolicy, QToolButton, QWidget

__all__ = ["MIN_TARGET", "ControlBar", "ControlButton", "touch_target"]

MIN_TARGET = 44  # px: the least a fingertip hits reliably (Apple's and WCAG's figure)
REFERENCE = QSize(1920, 1080)  # the screen MIN_TARGET is meant for
REFERENCE_DPI = 96.0
ICON_SHARE = 0.55  # of the button's height
FONT_SHARE = 0.36  # pixel size of the button's text, of its height
TEXT_LINE = 1.3  # a line of that text, in its pixel size


def touch_target(screen: QScreen | None) -> int:
    """The least width and height of a touch target on ``screen``, in logical pixels."""
    if screen is None:
        return MIN_TARGET
    size = screen.size()
    scale = max(
        1.0,
        min(size.width() / REFERENCE.width(), size.height() / REFERENCE.height()),
        screen.logicalDotsPerInch() / REFERENCE_DPI,
    )
    return round(MIN_TARGET * scale)


class ControlButton(QToolButton):
    """A button for an action that may draw its own icon, not the action's.

    The bar may have colours of its own (light on a dark band over the page);
    the action's icon is drawn for the menus and the toolbar.
    """

    def __init__(self, action: QAction, icon: QIcon | None, parent: QWidget) -> None:
        super().__init__(parent)
        self.own_icon = icon
        self.setDefaultAction(action)
        self._apply_icon()

    def _apply_icon(self) -> None:
        if self.own_icon is not None:
            self.setIcon(self.own_icon)

    def actionEvent(self, event: QActionEvent) -> None:
        super().actionEvent(event)  # a changed action sets its own icon again...
        self._apply_icon()  # ...so the bar's goes back on


class ControlBar(QWidget):
    """Large buttons in a row, each made from a QAction, sized for a finger on this screen."""

    def __init__(
        self,
        parent: QWidget | None = None,
        style: Qt.ToolButtonStyle = Qt.ToolButtonStyle.ToolButtonTextBesideIcon,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("controlBar")
        self._style = style
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._screen: QScreen | None = None
        self.target = MIN_TARGET
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self._rescale()

    def add_action(self, action: QAction, icon: QIcon | None = None) -> ControlButton:
        """A large button that triggers ``action`` and shows its text, state and icon.

        The icon is the action's, or ``icon`` if given.
        """
        button = ControlButton(action, icon, self)
        button.setObjectName(f"control-{action.objectName() or len(self.buttons())}")
        self._layout.addWidget(button)
        self._fit(button)
        return button

    def add_widget(self, widget: QWidget) -> None:
        """Any widget; the tool buttons inside it are made as large as the bar's own."""
        widget.setParent(self)
        self._layout.addWidget(widget)
        buttons = widget.findChildren(QToolButton)
        if isinstance(widget, QToolButton):
            buttons.append(widget)
        for button in buttons:
            self._fit(button)

    def set_icon(self, button: ControlButton, icon: QIcon) -> None:
        button.own_icon = icon
        button.setIcon(icon)

    def set_button_style(self, style: Qt.ToolButtonStyle) -> None:
        if style != self._style:
            self._style = style
            for button in self.buttons():
                self._fit(button)

    def add_stretch(self) -> None:
        self._layout.addStretch(1)

    def buttons(self) -> list[QToolButton]:
        return self.findChildren(QToolButton)

    # -- sizing ------------------------------------------------------------

    def _fit(self, button: QToolButton) -> None:
        target = self.target
        button.setToolButtonStyle(self._style)
        button.setAutoRaise(True)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.setMinimumSize(target, target)
        button.setIconSize(QSize(round(target * ICON_SHARE), round(target * ICON_SHARE)))
        font = button.font()
        font.setPixelSize(max(1, round(target * FONT_SHARE)))
        button.setFont(font)
        button.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        height = target
        if self._style == Qt.ToolButtonStyle.ToolButtonTextUnderIcon:
            height += round(target * FONT_SHARE * TEXT_LINE)  # the name under the icon
        button.setFixedHeight(height)

    def _rescale(self) -> None:
        screen = self.screen()
        target = touch_target(screen)
        self._layout.setSpacing(max(4, target // 6))
        if target != self.target or screen is not self._screen:
            self.target = target
            for button in self.buttons():
                self._fit(button)
        self._watch_screen(screen)

    def _watch_screen(self, screen: QScreen | None) -> None:
        """Size again when the screen's size or DPI changes (a projector plugged in)."""
        if screen is self._screen:
            return
        if self._screen is not None:
            self._screen.geometryChanged.disconnect(self._rescale)
            self._screen.logicalDotsPerInchChanged.disconnect(self._rescale)
        self._screen = screen
        if screen is not None:
            screen.geometryChanged.connect(self._rescale)
            screen.logicalDotsPerInchChanged.connect(self._rescale)

    def event(self, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Show, QEvent.Type.ScreenChangeInternal):
            self._rescale()
        return super().event(event)
