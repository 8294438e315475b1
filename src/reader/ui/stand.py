"""Stand mode (``reader --kiosk``): the reader left alone on a screen for visitors.

One full-screen window without menus or window frame. It opens on the welcome
screen (``reader.ui.welcome``), where the visitor picks a language; then the
text, with a bar of large buttons always in view and the sections as large
rows. After ``idle`` seconds without a touch, click or key it goes back to
the welcome screen as the next visitor should find it: default language, size
and view, no search, no history.

It is locked: no quitting, printing, exporting, file dialogs, other modes or
outside links, and the window manager's close request (Alt+F4, a close
button) is refused. Staff leave with Ctrl+Alt+Shift+Q (and the PIN, if
``stand.ini`` sets one: ``reader.standconfig``). The application quitting
(``QApplication.quit()``, or ``exit()`` as the SIGTERM handler of a shutdown
does) still ends it cleanly. Nothing a visitor does is written to disk: the window's
settings live in memory (``VisitorSettings``). While it runs the screen saver
is held off (``reader.ui.inhibit``).

The window is used through a small interface: ``start_page``,
``reading_actions()``, ``locked_actions()``, ``reset_reading()``,
``scroll_by_dragging()``, ``outside_links``, ``side_panel`` and ``set_language()``.
The buttons are a ``reader.ui.controlbar.ControlBar``; ``Stand.bar.add_action``
puts another feature's action on it.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QFont,
    QGuiApplication,
    QIcon,
    QKeySequence,
    QPalette,
)
from PySide6.QtWidgets import (
    QApplication,
    QInputDialog,
    QLineEdit,
    QToolBar,
    QToolButton,
    QWidget,
)

from reader import settings, textsize
from reader.i18n import _
from reader.standconfig import StandConfig
from reader.ui import messages
from reader.ui.controlbar import ControlBar
from reader.ui.icons import themed_icon
from reader.ui.idle import IdleWatcher
from reader.ui.inhibit import ScreenSaverInhibitor
from reader.ui.toolbar import LanguageToggle

if TYPE_CHECKING:
    from reader.ui.mainwindow import MainWindow

__all__ = ["STAFF_EXIT", "Stand", "StandBar", "VisitorSettings", "stand_text_size", "visitor_store"]

log = logging.getLogger(__name__)

STAFF_EXIT = "Ctrl+Alt+Shift+Q"  # docs/events.md tells staff; no visitor presses it by chance
# After the welcome screen's first frame, the window settles (the window manager's
# full-screen resize, a second frame) before the stand prepares the text and asks
# the desktop to keep the screen on: neither delays what the visitor sees.
SETTLE_MS = 500


class VisitorSettings(settings.Settings):
    """The stand's settings: the defaults, then what the visitor changes, in memory only.

    No file is opened and none is written: the next visitor, and the next
    start, find the stand as it was set up.
    """

    def __init__(self, defaults: dict[str, Any] | None = None) -> None:
        # No Settings.__init__: it would open the user's file.
        self.path = None  # type: ignore[assignment]  # nothing on disk
        self._defaults = dict(defaults or {})  # the stand's own, over the declared ones
        self._values: dict[str, Any] = {}

    def get(self, setting: settings.Setting) -> Any:
        return self._values.get(setting.key, self._defaults.get(setting.key, setting.default))

    def set(self, setting: settings.Setting, value: Any) -> None:
        self._values[setting.key] = value

    def sync(self) -> None:
        pass

    def clear(self) -> None:
        self._values.clear()


def visitor_store(config: StandConfig) -> VisitorSettings:
    """The settings a stand's window starts with: its text size, nothing from disk."""
    return VisitorSettings(
        {settings.TEXT_SIZE.key: config.text_size or stand_text_size(screen_unit())}
    )


def screen_unit(widget: QWidget | None = None) -> float:
    """One hundredth of the screen's height, in logical pixels."""
    screen = widget.screen() if widget is not None else None
    screen = screen or QGuiApplication.primaryScreen()
    height = screen.geometry().height() if screen is not None else 768
    return max(height, 600) / 100


def stand_text_size(unit: float) -> int:
    """A text size for reading at arm's length: about a fifty-fourth of the screen's height."""
    wanted = unit * 100 / 54
    size = min(textsize.STEPS, key=lambda step: abs(step - wanted))
    return max(textsize.presentation_size(textsize.DEFAULT_SIZE) - 4, size)


class StandBar(QToolBar):
    """The stand's large buttons (a ``ControlBar``), held at the top of the window."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("standBar")
        self.setMovable(False)
        self.setFloatable(False)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.PreventContextMenu)
        self.toggleViewAction().setVisible(False)
        self.controls = ControlBar(self)
        self.addWidget(self.controls)

    def add_action(self, action: QAction, icon: QIcon | None = None) -> QToolButton:
        """One more large button (Read Aloud, say); its key works as in the menus."""
        return self.controls.add_action(action, icon)

    def add_widget(self, widget: QWidget) -> None:
        self.controls.add_widget(widget)

    def button_for(self, action: QAction) -> QToolButton | None:
        return next(
            (button for button in self.controls.buttons() if button.defaultAction() is action),
            None,
        )


class Stand(QObject):
    """Runs one window as a stand, from ``start()`` until staff leave or the app quits."""

    reset = Signal()  # back on the welcome screen, ready for the next visitor
    ended = Signal()

    def __init__(
        self,
        window: MainWindow,
        config: StandConfig,
        default_language: str,
        inhibitor: ScreenSaverInhibitor | None = None,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.config = config
        self.default_language = default_language
        self.inhibitor = inhibitor or ScreenSaverInhibitor()
        self.unit = screen_unit(window)
        self.text_size = window.store.get(settings.TEXT_SIZE)
        self.released = False  # staff left, or the application quits: closing is allowed
        self.pin_dialog: QInputDialog | None = None
        self._first_paint = False  # waiting for the welcome screen's first frame

        self._lock()
        # The bar and the large tree rows are for reading: the welcome screen, which
        # covers the window, is drawn first, and these at once after it (2.7 ms).
        self._actions = window.reading_actions()
        self._bar: StandBar | None = None
        self.staff_exit_action = QAction(window)
        self.staff_exit_action.setObjectName("staffExitAction")
        self.staff_exit_action.setShortcut(QKeySequence(STAFF_EXIT))
        self.staff_exit_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.staff_exit_action.triggered.connect(self.ask_to_leave)
        window.addAction(self.staff_exit_action)

        self.idle = IdleWatcher(config.idle, self)
        self.idle.idle.connect(self.start_over)
        window.start_page.showingChanged.connect(self._welcome_shown)
        window.installEventFilter(self)
        window.app.quitRequested.connect(self._app_ends)  # QApplication.quit(): let it go
        window.app.aboutToQuit.connect(self._app_ends)  # ...or exit(), as a shutdown's SIGTERM does
        window.app.languageChanged.connect(self.retranslate)
        self.retranslate()

    @classmethod
    def of(cls, window: QWidget) -> Stand | None:
        """The stand running ``window``, if it is one."""
        return window.findChild(cls)

    def add_action(self, action: QAction, icon: QIcon | None = None) -> QToolButton:
        """A feature's action (Read Aloud, say) as one more large button on the stand's bar."""
        return self.bar.add_action(action, icon)

    @property
    def bar(self) -> StandBar:
        """The buttons shown while a visitor reads."""
        self._set_up_reading()
        assert self._bar is not None
        return self._bar

    # -- setting up -----------------------------------------------------------

    def _lock(self) -> None:
        window = self.window
        window.setWindowFlag(Qt.WindowType.FramelessWindowHint, True)
        window.menuBar().hide()
        for toolbar in window.findChildren(QToolBar):
            toolbar.hide()
        self._locked = window.locked_actions()
        for action in self._locked:
            action.setEnabled(False)
            action.setVisible(False)
            action.changed.connect(self._keep_locked)
        window.outside_links = False
        window.scroll_by_dragging(True)  # no text selection by drag: a stand is for reading
        window.start_page.escape_returns = False

    def _keep_locked(self) -> None:
        """A feature that enables its action again (on a view change, say) is overruled."""
        for action in self._locked:
            if action.isEnabled() or action.isVisible():
                action.setEnabled(False)
                action.setVisible(False)

    def _build_bar(self) -> StandBar:
        window, actions = self.window, self._actions
        bar = StandBar(window)
        window.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
        palette = bar.palette()
        colour = palette.color(QPalette.ColorRole.WindowText).name()
        muted = palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText).name()
        buttons = [
            (actions.home, "home"),
            (actions.back, "go-back"),
            (actions.previous, "previous-section"),
            (actions.next, "next-section"),
            (actions.smaller, "text-smaller"),
            (actions.larger, "text-larger"),
        ]
        for action, icon in buttons:
            bar.add_action(action, themed_icon(icon, colour, muted))
        self.language_toggle = LanguageToggle(window.app, window.set_language, bar)
        bar.add_widget(self.language_toggle)
        bar.add_action(actions.side_by_side, themed_icon("side-by-side", colour, muted))
        bar.add_action(actions.read_aloud, themed_icon("read-aloud", colour, muted))
        bar.setVisible(not window.start_page.showing)
        self._name_buttons()
        return bar

    def _large_sections(self) -> None:
        """The section list as rows a finger can hit; no filter box (there is no keyboard)."""
        panel = self.window.side_panel
        panel.filter.hide()
        tree = panel.tree
        font = QFont(tree.font())
        font.setPixelSize(max(16, round(self.unit * 2.0)))
        tree.setFont(font)
        row = max(44, round(self.unit * 4.8))
        tree.setStyleSheet(f"QTreeView::item {{ min-height: {row}px; }}")
        tree.setIndentation(max(20, round(self.unit * 2.4)))
        # Long Russian titles whole at 1080p, but never more than 30 % of the screen.
        screen = self.window.screen()
        widest = screen.geometry().width() * 0.3 if screen is not None else self.unit * 48
        panel.setMinimumWidth(round(min(self.unit * 48, widest)))
        # The branch arrow is a mouse's target, too small for a finger: a section opened
        # shows its own sections under it, so a visitor finds them by tapping its title.
        self.window.sectionShown.connect(self._show_subsections)

    def _show_subsections(self, section_id: str) -> None:
        tree = self.window.side_panel.tree
        tree.expand(tree.section_model().index_of(section_id))

    def retranslate(self, _language: str = "") -> None:
        self.staff_exit_action.setText(_("Leave Stand Mode"))
        if self._bar is not None:
            self._name_buttons()

    def _name_buttons(self) -> None:
        """The bar's words: short, beside the icon (a menu shows the action's own text)."""
        actions = self._actions
        names = {
            actions.home: _("Start"),
            actions.back: _("Back"),
            actions.previous: _("Previous"),
            actions.next: _("Next"),
            actions.smaller: _("Smaller"),
            actions.larger: _("Larger"),
            actions.side_by_side: _("Side by side"),
            actions.read_aloud: _("Read aloud"),
        }
        for action, name in names.items():
            action.setIconText(name)
        self.language_toggle.retranslate(_("Language"))

    # -- running ----------------------------------------------------------------

    def start(self) -> None:
        """Full screen, on the welcome screen; the rest once the welcome screen is painted.

        The text behind it, the reading bar, the large section list and the
        request to keep the screen on wait for that first frame: a visitor
        sees the stand as soon as a plain window would.
        """
        window = self.window
        window.start_page.show_start()
        window.start_page.welcome.installEventFilter(self)
        self._first_paint = True
        screen = window.screen() or QGuiApplication.primaryScreen()
        if screen is not None:  # mapped at its final size: no wait for the window manager
            window.setGeometry(screen.geometry())
        window.showFullScreen()

    def _after_first_frame(self) -> None:
        """At once after the welcome screen's first frame: what a visitor may need next."""
        self.idle.watch()  # see reader.ui.idle
        self._set_up_reading()

    def _set_up_reading(self) -> None:
        """The bar and the section list for reading, once: after the first frame, or as
        a visitor leaves the welcome screen if that comes first."""
        if self._bar is None:
            self._large_sections()
            self._bar = self._build_bar()

    def _once_settled(self) -> None:
        """``SETTLE_MS`` after that frame: the text behind, and the screen kept on."""
        self._ensure_text()
        if not self.released:
            self.inhibitor.inhibit(_("A reading stand is on show"))
            if self.released:  # the stand ended while the desktop answered (a SIGTERM)
                self.inhibitor.release()

    def _ensure_text(self) -> None:
        """The first section, drawn once: after the first frame, or at the visitor's choice."""
        window = self.window
        if window.text.document().isEmpty():
            window.show_section(window.section_id, reveal=False)

    def start_over(self) -> None:
        """The visitor has gone: close what they opened, and show the welcome screen."""
        self._close_popups()
        if isinstance(self.window.store, VisitorSettings):
            self.window.store.clear()
        self.window.reset_reading(self.default_language, self.text_size)
        self.window.start_page.show_start()
        self.reset.emit()

    def _close_popups(self) -> None:
        app = self.window.app
        while (popup := QApplication.activePopupWidget()) is not None:
            popup.close()
        for box in messages.open_dialogs():
            box.close()
        if self.pin_dialog is not None:
            self.pin_dialog.reject()
        for widget in app.topLevelWidgets():
            if widget is not self.window and widget.isVisible() and widget.isWindow():
                widget.close()

    def _welcome_shown(self, showing: bool) -> None:
        if not showing:
            self._ensure_text()
        self.bar.setVisible(not showing)
        if showing:
            self.idle.stop()
        else:
            self.idle.start()

    # -- leaving ------------------------------------------------------------------

    def ask_to_leave(self) -> None:
        """The staff chord: leave at once, or after the PIN if the stand has one."""
        if not self.config.pin:
            self.leave()
            return
        if self.pin_dialog is None:
            dialog = QInputDialog(self.window)
            dialog.setObjectName("staffPinDialog")
            dialog.setInputMode(QInputDialog.InputMode.TextInput)
            dialog.setTextEchoMode(QLineEdit.EchoMode.Password)
            dialog.textValueSelected.connect(self._pin_entered)
            self.pin_dialog = dialog
        self.pin_dialog.setWindowTitle(_("Leave Stand Mode"))
        self.pin_dialog.setLabelText(_("Staff PIN:"))
        self.pin_dialog.setTextValue("")
        self.pin_dialog.open()

    def _pin_entered(self, text: str) -> None:
        if text.strip() == self.config.pin:
            self.leave()
            return
        log.warning("Wrong PIN at the staff exit")
        messages.show_error(_("Leave Stand Mode"), _("That is not the stand's PIN."))

    def leave(self) -> None:
        """End the stand: the screen saver is given back, the window closes."""
        if not self.released:
            self.released = True
            self._end()
        self.window.close()

    def _app_ends(self) -> None:
        if not self.released:
            self.released = True
            self._end()

    def _end(self) -> None:
        self.idle.stop()
        self.inhibitor.release()
        log.info("Stand mode ended")
        self.ended.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if (
            self._first_paint
            and kind == QEvent.Type.Paint
            and watched is self.window.start_page.welcome
        ):
            self._first_paint = False
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self._after_first_frame)  # once the frame is on the screen
            QTimer.singleShot(SETTLE_MS, self._once_settled)
        elif kind == QEvent.Type.Close and watched is self.window and not self.released:
            assert isinstance(event, QCloseEvent)
            log.info("Close request refused: this is a stand (staff: %s)", STAFF_EXIT)
            event.ignore()
            return True
        return False
