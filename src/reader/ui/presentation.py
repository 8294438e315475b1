"""Presentation mode: the text alone, full screen, in type sized for the room.

For showing the text to a visitor or reading from a projector. The menu bar,
toolbar, tree and scroll bar go; the column of text stays centred, in type
fitted to the screen (``fitted_size``). The mouse at the left edge, or F9,
brings the tree back, floating over the text at a finger's size rather than
squeezing the large type into a narrower column; Esc or F11 leaves, restoring
everything as it was. The presenter's buttons (``reader.ui.presenter``) and
the clicker's keys (``reader.ui.pageturn``) are wired to it by the window.

While presenting, the window's geometry is the full screen's; what the
window should remember is the geometry it had before: ``window_geometry``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import QByteArray, QEvent, QMargins, QObject, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QFont, QFontMetricsF, QKeySequence, QMouseEvent
from PySide6.QtWidgets import (
    QMainWindow,
    QMenu,
    QSplitter,
    QWidget,
)

from reader import textsize
from reader.i18n import _

if TYPE_CHECKING:
    from reader.ui.application import ReaderApplication
    from reader.ui.textpane import TextPane

__all__ = ["Presentation"]

EDGE = 8  # pixels from the screen's left edge that reveal the tree
AWAY = 48  # how far into the text the pointer goes before the tree hides again
MEASURE = 60  # average characters: about 71 a line of English text, 58 of Russian
LINE_HEIGHT = 1.45  # the page's line height, in ems (reader.render's style sheet)
TREE_WIDTH = 11  # the floating tree's width, in touch targets
TREE_FONT = 0.45  # its text's pixel size, of a touch target


class _Chrome(NamedTuple):
    """What presentation mode changed, to put back as it was."""

    state: Qt.WindowState
    tree: bool
    menu_bar: bool
    scroll_bar: Qt.ScrollBarPolicy
    hidden: list[QWidget]
    added_actions: list[QAction]
    geometry: QByteArray
    splitter_sizes: list[int]


class Presentation(QObject):
    """Enters and leaves presentation mode for one main window."""

    toggled = Signal(bool)
    activity = Signal()  # the mouse moved over the text while presenting

    def __init__(
        self,
        app: ReaderApplication,
        window: QMainWindow,
        text: TextPane,
        side_panel: QWidget,
        tree_action: QAction,
        reading_pane: Callable[[], QWidget] | None = None,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._text = text
        self._side_panel = side_panel
        self._tree_action = tree_action
        self._reading_pane = reading_pane or (lambda: text)
        self._saved: _Chrome | None = None
        self._revealed = False
        self._splitter: QSplitter | None = None  # where the tree lives when not presenting
        self._tree_index = 0
        self._panel_margins: QMargins | None = None  # the side panel's, while it floats
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
        text.watch_viewport(self)
        side_panel.installEventFilter(self)
        window.installEventFilter(self)
        tree_action.toggled.connect(self._tree_toggled)
        app.languageChanged.connect(self.retranslate)
        self.retranslate()

    @property
    def active(self) -> bool:
        return self._saved is not None

    def retranslate(self) -> None:
        self.action.setText(_("&Presentation Mode"))
        self.leave_action.setText(_("Leave Presentation Mode"))
        self.leave_action.setIconText(_("Leave"))

    def enter(self) -> None:
        self.action.setChecked(True)

    def leave(self) -> None:
        self.action.setChecked(False)

    def window_geometry(self) -> QByteArray:
        """The geometry the window should remember: before presenting, not the full screen."""
        if self._saved is not None:
            return QByteArray(self._saved.geometry)
        return QByteArray(self._window.saveGeometry())

    def fitted_size(self, measure: float, font: QFont) -> float:
        """The point size at which ``measure`` average characters of ``font`` span the screen."""
        screen = self._window.screen()
        if screen is None:
            return 0.0
        probe = QFont(font)
        probe.setPointSizeF(100)
        metrics = QFontMetricsF(probe)
        em = screen.logicalDotsPerInch() / 72  # px per point
        area = screen.geometry()
        return textsize.presentation_fit(
            area.width(), area.height(), measure, metrics.averageCharWidth() / 100, LINE_HEIGHT * em
        )

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
        splitter = self._side_panel.parentWidget()
        self._saved = _Chrome(
            state=window.windowState(),
            tree=self._tree_action.isChecked(),
            menu_bar=menu_bar.isVisible(),
            scroll_bar=self._text.verticalScrollBarPolicy(),
            hidden=hidden,
            added_actions=added,
            geometry=QByteArray(window.saveGeometry()),
            splitter_sizes=splitter.sizes() if isinstance(splitter, QSplitter) else [],
        )
        self._revealed = False
        for widget in hidden:
            widget.hide()
        menu_bar.hide()
        self._tree_action.setChecked(False)
        self._float_tree(splitter)
        self._text.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._set_tracking(True)
        self._text.measure_characters = MEASURE
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
        del self._text.measure_characters  # the pane's own again
        self._text.setVerticalScrollBarPolicy(saved.scroll_bar)
        self._dock_tree()
        self._tree_action.setChecked(saved.tree)
        self._side_panel.setVisible(saved.tree)
        if self._splitter is not None and saved.splitter_sizes:
            self._splitter.setSizes(saved.splitter_sizes)
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
            # At once, not when the window manager gets round to it: a window closed
            # right after this remembers its own size, not the screen's.
            window.restoreGeometry(saved.geometry)
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

    # -- the tree, floating over the text --------------------------------------

    def _float_tree(self, splitter: QWidget | None) -> None:
        """Take the tree out of the splitter: shown, it lies over the text and re-wraps nothing."""
        panel = self._side_panel
        self._splitter = splitter if isinstance(splitter, QSplitter) else None
        self._tree_index = self._splitter.indexOf(panel) if self._splitter is not None else 0
        panel.setParent(self._window)  # hidden, as the tree action says
        panel.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        from reader.ui.controlbar import touch_target  # not needed until presenting

        target = touch_target(self._window.screen())
        font = round(target * TREE_FONT)
        edge = max(1, target // 44)
        layout = panel.layout()
        if layout is not None:  # room for the edge beside the tree
            self._panel_margins = layout.contentsMargins()
            layout.setContentsMargins(self._panel_margins + QMargins(0, 0, edge, 0))
        panel.setStyleSheet(
            f"#{panel.objectName()} {{ background: palette(window);"
            f" border-right: {edge}px solid palette(text); }}"
            f" QTreeView, QLineEdit {{ font-size: {font}px; }}"
            f" QTreeView::item {{ min-height: {target}px; }}"
            f" QLineEdit {{ min-height: {target}px; }}"
        )

    def _dock_tree(self) -> None:
        panel = self._side_panel
        panel.setStyleSheet("")
        panel.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, False)
        layout = panel.layout()
        if layout is not None and self._panel_margins is not None:
            layout.setContentsMargins(self._panel_margins)
        if self._splitter is not None:
            self._splitter.insertWidget(self._tree_index, panel)

    def _place_tree(self) -> None:
        window, panel = self._window, self._side_panel
        from reader.ui.controlbar import touch_target

        width = min(window.width() // 2, touch_target(window.screen()) * TREE_WIDTH)
        panel.setGeometry(0, 0, max(width, panel.minimumSizeHint().width()), window.height())
        panel.raise_()

    def _tree_toggled(self, shown: bool) -> None:
        if self._saved is not None and not shown:
            self._reading_pane().setFocus(Qt.FocusReason.OtherFocusReason)  # keys go to the text

    def _set_tracking(self, on: bool) -> None:
        self._text.setMouseTracking(on)  # its viewport tracks always: links change the cursor

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self._saved is None:
            return super().eventFilter(watched, event)
        kind = event.type()
        if kind == QEvent.Type.MouseMove and isinstance(event, QMouseEvent):
            self._pointer_at(event.globalPosition().toPoint())
            self.activity.emit()
        elif (watched is self._side_panel and kind == QEvent.Type.Show) or (
            watched is self._window and kind == QEvent.Type.Resize
        ):
            self._place_tree()
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
