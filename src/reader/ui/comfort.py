"""Reading comfort and keyboard access, wired into the main window in one place.

Each job lives in its own module (text size, themes, presentation, the
presenter's controls, clicker keys, touch, history, toolbar, copy, shortcuts
page); this one builds them for a window, puts their actions in the menus,
and redraws the page when the theme or the text size changes, keeping the
reader's paragraph in view.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from reader.i18n import _
from reader.render import style_sheet
from reader.themes import Theme
from reader.ui.fitting import NarrowWindow
from reader.ui.navigation import Navigation
from reader.ui.pageturn import PageTurner
from reader.ui.presentation import MEASURE, Presentation
from reader.ui.textmenu import TextActions
from reader.ui.textpane import after_first_page
from reader.ui.theming import Appearance, focus_style_sheet
from reader.ui.toolbar import ReaderToolBar
from reader.ui.touch import TouchInput
from reader.ui.typesetting import Typesetting
from reader.ui.zoom import TextSizeControl

if TYPE_CHECKING:
    from reader.ui.mainwindow import MainWindow
    from reader.ui.presenter import PresenterControls
    from reader.ui.shortcuts import ShortcutsDialog

__all__ = ["ReadingComfort"]

PARALLEL_GAP = 4  # average characters: the room around two columns side by side


class ReadingComfort(QObject):
    """Text size, themes, presentation mode, history, toolbar and their menus."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        app, store, text = window.app, window.store, window.text

        self.appearance = Appearance(app, store, window)
        self.text_size = TextSizeControl(app, store, window)
        text.watch_viewport(self.text_size)  # Ctrl + wheel
        self.navigation = Navigation(
            app, window.document.manifest, window.show_section, window.position, window
        )
        self.navigation.watch_mouse(window)
        text.watch_viewport(self.navigation)
        window.tree.watch_viewport(self.navigation)
        self.presentation = Presentation(
            app,
            window,
            text,
            window.side_panel,
            window.tree_action,
            reading_pane=window.side_by_side.reading_pane,
        )
        self._presenter: PresenterControls | None = None  # built on first presentation
        self._presenter_extras: list[tuple[QAction, str]] = []  # features' actions for it
        self.page_turner = PageTurner(self._turn_section, self)  # clicker keys
        self.page_turner.watch(text)
        self.touch = TouchInput(self)  # a finger scrolls, swipes and pinches
        # Asking for a viewport and setting up its scroller cost the first frame
        # tens of milliseconds: the pane and the tree take fingers once it is shown.
        after_first_page([text, *window.side_by_side.built_panes()], self._touch_ready)
        self.touch.swiped.connect(self.navigation.step)
        # A narrow window puts the tree away before the text gets too narrow to read.
        self.narrow_window = NarrowWindow(
            text,
            window.side_panel,
            window.tree_action,
            in_charge=lambda: window.side_by_side.active or self.presentation.active,
            parent=self,
        )
        self.touch.pinched.connect(self._pinched)
        self.text_actions = TextActions(app, text, window)
        self.typesetting = Typesetting(
            app, store, text, lambda: window.show_section(*window.position()), window
        )
        self.toolbar = ReaderToolBar(
            app,
            window,
            store,
            home=window.start_page.action,
            back=self.navigation.back_action,
            forward=self.navigation.forward_action,
            smaller=self.text_size.smaller_action,
            larger=self.text_size.larger_action,
            side_by_side=window.side_by_side.action,
            presentation=self.presentation.action,
            language=window.toggle_language_action,
        )
        window.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.toolbar)
        self.presentation.chrome.append(self.toolbar)
        self.text_actions.extra_actions = [
            self.navigation.back_action,
            self.navigation.forward_action,
            None,
            self.text_size.larger_action,
            self.text_size.smaller_action,
            None,
            self.presentation.action,
        ]
        self.shortcuts_action = QAction(window)
        self.shortcuts_action.setShortcuts(QKeySequence.StandardKey.HelpContents)
        self.shortcuts_action.triggered.connect(self.show_shortcuts)
        self.shortcuts_dialog: ShortcutsDialog | None = None
        self._chrome: tuple[Theme, bool] | None = None  # what the panes and icons are styled for

        self._add_to_menus()
        QWidget.setTabOrder(window.tree, text)
        text.setFocus(Qt.FocusReason.OtherFocusReason)

        self._style_page(redraw=False)
        self.appearance.themeChanged.connect(self._theme_changed)
        self.typesetting.justifiedChanged.connect(lambda _on: self._style_page())
        self.text_size.sizeChanged.connect(lambda _size: self._style_page())
        self.presentation.toggled.connect(self._presentation_toggled)
        window.side_by_side.action.toggled.connect(lambda _on: self._fit_presentation_type())
        app.languageChanged.connect(self.retranslate)
        self.retranslate()

    def _add_to_menus(self) -> None:
        window = self._window
        bar = window.menuBar()
        edit_menu = getattr(window, "edit_menu", None)
        if not isinstance(edit_menu, QMenu):
            edit_menu = QMenu(window)
            bar.insertMenu(window.view_menu.menuAction(), edit_menu)
            window.edit_menu = edit_menu
        self.edit_menu = edit_menu
        edit_menu.addActions([self.text_actions.copy_action, self.text_actions.select_all_action])

        view = window.view_menu
        view.addSeparator()
        view.addAction(self.toolbar.toggle_action)
        view.addSeparator()
        view.addMenu(self.text_size.menu)
        view.addMenu(self.appearance.menu)
        view.addAction(self.typesetting.justify_action)
        view.addSeparator()
        view.addAction(self.presentation.action)

        self.go_menu = QMenu(window)
        bar.insertMenu(window.language_menu.menuAction(), self.go_menu)
        self.go_menu.addAction(window.start_page.action)
        self.go_menu.addSeparator()
        self.go_menu.addActions([self.navigation.back_action, self.navigation.forward_action])
        self.go_menu.addSeparator()
        self.go_menu.addActions([self.navigation.next_action, self.navigation.previous_action])
        self.go_menu.addSeparator()
        self.go_menu.addAction(window.side_panel.filter_action)

        help_menu = window.help_menu
        first = help_menu.actions()[0] if help_menu.actions() else None
        if first is None:
            help_menu.addAction(self.shortcuts_action)
        else:
            help_menu.insertAction(first, self.shortcuts_action)
            help_menu.insertSeparator(first)

    def retranslate(self) -> None:
        window = self._window
        self.edit_menu.setTitle(_("&Edit"))
        self.go_menu.setTitle(_("&Go"))
        self.shortcuts_action.setText(_("&Keyboard Shortcuts"))
        window.tree.setAccessibleDescription(
            _("The sections of the document; choosing one opens it")
        )
        window.text.setAccessibleDescription(_("The text of the open section"))

    def show_shortcuts(self) -> None:
        if self.shortcuts_dialog is None:
            from reader.ui.shortcuts import ShortcutsDialog  # not needed at start-up

            self.shortcuts_dialog = ShortcutsDialog(self._window.app, self._window)
        else:
            self.shortcuts_dialog.retranslate()
        self.shortcuts_dialog.show()
        self.shortcuts_dialog.raise_()
        self.shortcuts_dialog.activateWindow()

    def _theme_changed(self, theme: Theme) -> None:
        self._style_page()
        if self._presenter is not None:
            self._presenter.set_theme(theme)

    # -- presenting ----------------------------------------------------------

    @property
    def presenter(self) -> PresenterControls:
        """The presenter's buttons, hint and place, built the first time they are shown."""
        if self._presenter is None:
            from reader.ui.presenter import PresenterControls

            window = self._window
            navigation = self.navigation
            self._presenter = PresenterControls(
                window.app,
                window,
                [
                    (self.presentation.leave_action, "leave"),
                    (window.tree_action, "sections"),
                    (navigation.previous_action, "previous-section"),
                    (navigation.next_action, "next-section"),
                    None,  # EN | RU
                    (window.side_by_side.action, "side-by-side"),
                    (self.text_size.smaller_action, "text-smaller"),
                    (self.text_size.larger_action, "text-larger"),
                ],
                window.set_language,
            )
            for action, icon in self._presenter_extras:
                self._presenter.add_action(action, icon)
            self._presenter.set_theme(self.appearance.theme)
            self._presenter.set_place(*navigation.place())
            navigation.placeChanged.connect(self._presenter.set_place)
            self.presentation.activity.connect(self._presenter.wake)
            self.touch.tapped.connect(self._presenter.wake)
        return self._presenter

    def add_presenter_action(self, action: QAction, icon: str = "") -> None:
        """Put a feature's action (Read Aloud) on the presenter's controls, now or when built.

        ``icon`` names an SVG in resources/icons/, drawn light on the controls' dark band.
        """
        if self._presenter is not None:
            self._presenter.add_action(action, icon)
        else:
            self._presenter_extras.append((action, icon))

    def _presentation_toggled(self, presenting: bool) -> None:
        self.page_turner.active = presenting
        self.touch.set_mouse_drag(presenting)
        self._fit_presentation_type()
        if presenting:
            self.presenter.start()
        elif self._presenter is not None:
            self._presenter.stop()

    def _fit_presentation_type(self) -> None:
        """Presentation type fills the screen at a comfortable measure, one column or two."""
        if not self.presentation.active:
            self.text_size.set_presenting(False)
            return
        measure = float(MEASURE)
        if self._window.side_by_side.active:
            from reader.ui.parallelview import COLUMN_MEASURE

            measure = 2 * COLUMN_MEASURE + PARALLEL_GAP
        font = self._window.text.document().defaultFont()
        self.text_size.set_presenting(True, self.presentation.fitted_size(measure, font))

    def _turn_section(self, direction: int) -> None:
        """The clicker went past a section's end: the next section at its top, or the previous
        one at its end."""
        window = self._window
        before = window.section_id
        self.navigation.step(direction)
        if direction < 0 and window.section_id != before:
            bar = window.side_by_side.reading_pane().verticalScrollBar()
            bar.setValue(bar.maximum())

    def _touch_ready(self) -> None:
        window = self._window
        self.touch.add(window.text)
        self.touch.add(window.tree, gestures=False)

    def _pinched(self, step: int) -> None:
        if step > 0:
            self.text_size.larger()
        else:
            self.text_size.smaller()

    def _style_page(self, redraw: bool = True) -> None:
        """Give the page the theme's colours and the text size, keeping the place."""
        window = self._window
        theme = self.appearance.theme
        size = self.text_size.size
        place = window.position()
        justify = self.typesetting.justified
        window.text.set_page_style(style_sheet(theme, size, justify), size)
        chrome = (theme, self.presentation.active)
        if chrome != self._chrome:  # restyling every pane and icon takes a frame: only on change
            self._chrome = chrome
            window.splitter.setStyleSheet(focus_style_sheet(*chrome))
            self.toolbar.set_theme(theme)
        if redraw:
            window.show_section(*place)
