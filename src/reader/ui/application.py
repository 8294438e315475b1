"""The QApplication: style, fonts, Qt's own translations and the language signal."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QEvent,
    QLocale,
    QMessageLogContext,
    QObject,
    QTimer,
    QtMsgType,
    Signal,
    qInstallMessageHandler,
)
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QWidget

from reader import i18n, resources
from reader.ui.icons import svg_icon

if TYPE_CHECKING:
    from PySide6.QtCore import QTranslator  # made on the first switch away from English

__all__ = ["ReaderApplication", "load_fonts", "load_qt_translation"]

log = logging.getLogger(__name__)
qt_log = logging.getLogger("qt")

UI_FONT = "PT Sans"
# Fusion draws the same way on every platform and follows the palette, so the
# themes (reader.ui.theming) colour every widget alike.
STYLE = "Fusion"
_QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def _qt_message(kind: QtMsgType, _context: QMessageLogContext, message: str) -> None:
    qt_log.log(_QT_LEVELS.get(kind, logging.WARNING), "%s", message)


def load_fonts() -> list[str]:
    """Register the bundled fonts; returns the families that loaded."""
    families: set[str] = set()
    for path in sorted(resources.fonts_dir().glob("*.ttf")):
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id < 0:
            log.warning("Font %s could not be loaded", path)
            continue
        families.update(QFontDatabase.applicationFontFamilies(font_id))
    return sorted(families)


def load_qt_translation(translator: QTranslator, language: str) -> bool:
    """Load ``qtbase_<language>`` so Qt's own buttons and menus follow."""
    from PySide6.QtCore import QLibraryInfo  # here: English, the first language, needs none

    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    return translator.load(f"qtbase_{language}", folder)


class ReaderApplication(QApplication):
    """Owns the language: one signal tells every widget to retranslate."""

    languageChanged = Signal(str)
    # QApplication.quit() was called: every window is about to be asked to close. (A
    # signal, not a filter on the whole application: see reader.ui.idle.IdleWatcher.)
    quitRequested = Signal()

    def __init__(self, argv: list[str]) -> None:
        qInstallMessageHandler(_qt_message)
        # Chosen as Qt starts: setting it later hands Python a QStyle, whose type
        # alone costs a few milliseconds of start-up.
        super().__init__([*argv, "-style", STYLE])
        self.setApplicationName("reader")
        self.setOrganizationName("reader")
        self.setDesktopFileName("reader")
        self.families = load_fonts()
        if UI_FONT in self.families:
            font = QFont(UI_FONT)
            font.setPointSizeF(max(self.font().pointSizeF(), 10.0))
            self.setFont(font)
        self._qt_translator: QTranslator | None = None  # made on the first switch away from en
        self._gaps_translator: QTranslator | None = None  # made on the first switch away from en
        self._language = ""

    def set_icon(self) -> None:
        """Reader's icon for every window: title bar, task bar, window switcher.

        Not set as Qt starts: a window shown with an icon hands the window
        system a drawing at four sizes, 1.3 ms before its first frame. The
        window gets it once that frame is up (``after_first_frame``);
        a start that fails before it sets it for the message that says so.
        """
        if self.windowIcon().isNull():
            icon = svg_icon("reader")
            if not icon.isNull():
                self.setWindowIcon(icon)

    def after_first_frame(self, first: QWidget, then: Callable[[], None]) -> None:
        """Call ``then`` once ``first``, the widget that paints first, is on the screen."""
        _AfterFirstPaint(first, then)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Quit:
            self.quitRequested.emit()
        return super().event(event)

    @property
    def language(self) -> str:
        return self._language

    def set_language(self, language: str) -> None:
        """Switch gettext, Qt's translations and the locale, then tell everyone."""
        i18n.set_language(language)
        language = i18n.current_language()
        if self._qt_translator is not None:
            self.removeTranslator(self._qt_translator)
        if self._gaps_translator is not None:
            self.removeTranslator(self._gaps_translator)
        if language != i18n.DEFAULT_LANGUAGE:
            if self._qt_translator is None:
                from PySide6.QtCore import QTranslator

                self._qt_translator = QTranslator(self)
            if load_qt_translation(self._qt_translator, language):
                self.installTranslator(self._qt_translator)
            else:
                log.warning("Qt's own translations for %s were not found", language)
            if self._gaps_translator is None:
                from reader.ui.qtgaps import QtGapsTranslator

                self._gaps_translator = QtGapsTranslator(self)
            self.installTranslator(self._gaps_translator)  # asked before qtbase_<lang>
        QLocale.setDefault(QLocale(language))
        changed = language != self._language
        self._language = language
        if changed:
            self.languageChanged.emit(language)


class _AfterFirstPaint(QObject):
    """Calls ``then`` once ``widget`` has painted, when that frame is on the screen.

    Or after ``LATEST_MS`` without a paint: a window started minimised, or on
    another workspace, may not paint for a long time, and what waits for its
    first frame (the SIGTERM handling that keeps the place) must not wait
    that long.
    """

    LATEST_MS = 3000

    def __init__(self, widget: QWidget, then: Callable[[], None]) -> None:
        super().__init__(widget)
        self._then: Callable[[], None] | None = then
        widget.installEventFilter(self)
        QTimer.singleShot(self.LATEST_MS, self._call)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self._call)
        return False

    def _call(self) -> None:
        then, self._then = self._then, None
        if then is not None:
            then()
