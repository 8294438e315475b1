"""Go › Start (Alt+Home) and the toolbar's Home: the welcome screen inside the window.

The window's reading area (tree and text) and the welcome screen
(``reader.ui.welcome``) share one place, a stack that this module puts in the
window's centre. The welcome screen is built the first time it is shown: a
normal start never pays for it. Choosing a language on it switches the
language (the place is kept) and shows the text again; in the normal window
Esc does that too, as does any way of opening a section.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QStackedWidget, QWidget

from reader.i18n import _

if TYPE_CHECKING:
    from reader.content import Document
    from reader.ui.welcome import WelcomeScreen

__all__ = ["StartPage"]


class StartPage(QObject):
    """The welcome screen or the reading area, whichever the window shows now."""

    # True when the welcome screen comes up, False when the text does.
    showingChanged = Signal(bool)
    # The language chosen on the welcome screen (after the window has switched to it).
    languageChosen = Signal(str)

    def __init__(
        self, window: QMainWindow, document: Document, set_language, current_language
    ) -> None:
        super().__init__(window)
        self._window = window
        self._document = document
        self._set_language = set_language
        self._current_language = current_language
        self._welcome: WelcomeScreen | None = None
        self.stack = QStackedWidget(window)
        self.stack.setObjectName("startStack")
        reading = window.takeCentralWidget()
        assert reading is not None  # the window's reading area, made before the start page
        self.reading: QWidget = reading
        self.stack.addWidget(reading)
        window.setCentralWidget(self.stack)
        self.escape_returns = True  # the normal window: Esc goes back to the text

        self.action = QAction(window)
        self.action.setObjectName("startAction")
        self.action.setShortcut(QKeySequence("Alt+Home"))
        self.action.triggered.connect(self.show_start)
        self.back_action = QAction(window)
        self.back_action.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        self.back_action.setEnabled(False)
        self.back_action.triggered.connect(self.show_reading)
        window.addActions([self.action, self.back_action])
        self.retranslate()

    @property
    def welcome(self) -> WelcomeScreen:
        """The welcome screen, built the first time it is asked for."""
        if self._welcome is None:
            from reader.ui.welcome import WelcomeScreen

            self._welcome = WelcomeScreen(self._document, self.stack)
            self._welcome.languageChosen.connect(self._chosen)
            self.stack.addWidget(self._welcome)
        return self._welcome

    @property
    def showing(self) -> bool:
        return self._welcome is not None and self.stack.currentWidget() is self._welcome

    def retranslate(self, _language: str = "") -> None:
        self.action.setText(_("S&tart"))
        self.back_action.setText(_("Back to the Text"))

    def show_start(self) -> None:
        if self.showing:
            return
        welcome = self.welcome
        self.stack.setCurrentWidget(welcome)
        welcome.focus_language(self._current_language())
        self.back_action.setEnabled(self.escape_returns)
        self.showingChanged.emit(True)

    def return_to_text(self) -> bool:
        """Back (Alt+Left) on the start page: the text as it was left; whether it was shown."""
        if not self.showing or not self.escape_returns:
            return False
        self.show_reading()
        return True

    def show_reading(self) -> None:
        if not self.showing:
            return
        self.back_action.setEnabled(False)
        self.stack.setCurrentWidget(self.reading)
        self.showingChanged.emit(False)

    def _chosen(self, language: str) -> None:
        self._set_language(language)
        self.show_reading()
        self.languageChosen.emit(language)
