"""Presentation mode: the text alone, full screen, in larger type.

For showing the text to a visitor or reading from a projector. The menu bar,
toolbar, tree and scroll bar go; the column of text stays centred. The
mouse at the left edge, or F9 / Ctrl+T, brings the tree back; Esc or F11
leaves, restoring everything as it was.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QMouseEvent
from PySide6.QtWidgets import QAbstractScrollArea, QMainWindow, QMenu, QWidget

from reader.i18n import _

if TYPE_CHECKING:
    from reader.ui.application import ReaderApplication

__all__ = ["Presentation"]

EDGE = 8  # pixels from the screen's left edge that reveal the tree
AWAY = 48  # how far into the text the pointer goes before the tree hides again


class _Chrome(NamedTuple):
    """What presentation mode changed, to put back as it was."""

    state: Qt.WindowState
    tree: bool
    menu_bar: bool
    scroll_bar: Qt.ScrollBarPolicy
    hidden: list[QWidget]
    added_actions: list[QAction]


class Presentation(QObject):
    """Enters and leaves presentation mode for one main window."""

    toggled = Signal(bool)

    def __init__(
        self,
        app: ReaderApplication,
        window: QMainWindow,
        text: QAbstractScrollArea,
        side_panel: QWidget,
        tree_action: QAction,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._text = text
        self._side_panel = side_panel
        self._tree_action = tree_action
        self._saved: _Chrome | None = None
        self._revealed = False
        # Widgets hidden while presenting (toolbars, status bar), named by the window.
        self.chrome: list[QWidget] = []

        self.action = QAction(window, checkable=True)
        self.action.setShortcut(QKeySequence("F11"))
        self.action.toggled.connect(self._set_active)
        self.leave_action = QAction(window)
        self.leave_action.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        self.leave_action.setEnabled(False)
        self.leave_action.triggered.connect(self.leave)
        window.addAction(self.leave_action)

        text.installEventFilter(self)
        text.viewport().installEventFilter(self)
        app.languageChanged.connect(self.retranslate)
        self.retranslate()

    @property
    def active(self) -> bool:
        return self._saved is not None

    def retranslate(self) -> None:
        self.action.setText(_("&Presentation Mode"))
        self.leave_action.setText(_("Leave Presentation Mode"))

    def enter(self) -> None:
        self.action.setChecked(True)

    def leave(self) -> None:
        self.action.setChecked(False)

    def _set_active(self, active: bool) -> None:
        if active and self._saved is None:
            self._enter()
        elif not active and self._saved is not None:
            self._leave()

    def _enter(self) -> None:
        window = self._window
        menu_bar = window.menuBar()
        added = self._keep_shortcuts_alive(menu_bar.actions())
        hidden = [widget for widget in self.chrome if widget.isVisible()]
        self._saved = _Chrome(
            state=window.windowState(),
            tree=self._tree_action.isChecked(),
            menu_bar=menu_bar.isVisible(),
            scroll_bar=self._text.verticalScrollBarPolicy(),
            hidden=hidden,
            added_actions=added,
        )
        self._revealed = False
        for widget in hidden:
            widget.hide()
        menu_bar.hide()
        self._tree_action.setChecked(False)
        self._text.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._set_tracking(True)
        self.leave_action.setEnabled(True)
        window.showFullScreen()
        self._text.setFocus(Qt.FocusReason.OtherFocusReason)
        self.toggled.emit(True)

    def _leave(self) -> None:
        saved, self._saved = self._saved, None
        assert saved is not None
        window = self._window
        self.leave_action.setEnabled(False)
        self._set_tracking(False)
        self._text.setVerticalScrollBarPolicy(saved.scroll_bar)
        self._tree_action.setChecked(saved.tree)
        window.menuBar().setVisible(saved.menu_bar)
        for widget in saved.hidden:
            widget.show()
        for action in saved.added_actions:
            window.removeAction(action)
        window.setWindowState(saved.state & ~Qt.WindowState.WindowFullScreen)
        if saved.state & Qt.WindowState.WindowMaximized:
            window.showMaximized()
        else:
            window.showNormal()
        self.toggled.emit(False)

    def _keep_shortcuts_alive(self, top: list[QAction]) -> list[QAction]:
        """Shortcuts of actions only in a hidden menu bar stop working; give them to the window."""
        added: list[QAction] = []
        pending = list(top)
        present = set(self._window.actions())
        while pending:
            action = pending.pop()
            menu = action.menu()
            if isinstance(menu, QMenu):
                pending.extend(menu.actions())
            elif not action.isSeparator() and action not in present and action.shortcuts():
                self._window.addAction(action)
                present.add(action)
                added.append(action)
        return added

    def _set_tracking(self, on: bool) -> None:
        self._text.setMouseTracking(on)
        self._text.viewport().setMouseTracking(on)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            self._saved is not None
            and event.type() == QEvent.Type.MouseMove
            and isinstance(event, QMouseEvent)
        ):
            self._pointer_at(event.globalPosition().toPoint())
        return super().eventFilter(watched, event)

    def _pointer_at(self, global_position: QPoint) -> None:
        """At the left edge the tree slides in; well into the text it goes again."""
        x = self._window.mapFromGlobal(global_position).x()
        if not self._tree_action.isChecked() and x <= EDGE:
            self._revealed = True
            self._tree_action.setChecked(True)
        elif self._revealed and self._tree_action.isChecked():
            panel = self._side_panel
            panel_right = panel.mapTo(self._window, QPoint(panel.width(), 0)).x()
            if x > panel_right + AWAY:
                self._revealed = False
                self._tree_action.setChecked(False)
