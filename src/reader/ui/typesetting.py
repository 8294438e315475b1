"""View › Justify Text, and the hyphenation dictionaries loaded when a page needs them.

The rules themselves live in ``reader.typography`` (Qt-free). This module does
the window's part: the remembered choice of justified text (off by default,
which suits a ragged right with hyphens), and the dictionaries. The bundled
text's words come with their breaks (``reader.hyphenation``'s prebuilt table),
so its pages are hyphenated from the first frame and no dictionary is ever
loaded. A page with words the table lacks (an editor's ``--content`` folder)
shows them whole at first; once such a page is painted, the dictionaries are
loaded in a thread, so that neither start-up nor the first keys pressed wait
the 0.1–0.3 s Pyphen takes to parse them, and the page is drawn again at the
same place, hyphenated.
"""

from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QTextEdit

from reader import hyphenation, settings
from reader.i18n import _

if TYPE_CHECKING:
    from reader.ui.application import ReaderApplication
    from reader.ui.textpane import TextPane

__all__ = ["Typesetting"]

log = logging.getLogger(__name__)


class Typesetting(QObject):
    """The Justify Text action and the deferred hyphenation of the page.

    ``redraw`` is called (with no argument) to draw the page again in place.
    """

    justifiedChanged = Signal(bool)
    _dictionariesLoaded = Signal()  # from the loading thread; delivered in the window's

    def __init__(
        self, app: ReaderApplication, store: settings.Settings, pane: TextPane, redraw, parent
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._redraw = redraw
        self.justify_action = QAction(parent)
        self.justify_action.setObjectName("justifyAction")
        self.justify_action.setCheckable(True)
        self.justify_action.setChecked(store.get(settings.JUSTIFY))
        self.justify_action.toggled.connect(self._justify_toggled)
        self._pane = pane
        self._dictionariesLoaded.connect(self._redraw)
        self._watched: list[TextPane] = []
        self._loading = False
        hyphenation.never_wait()  # a page is drawn with the breaks known now, never waits
        self.watch(pane)
        app.languageChanged.connect(self.retranslate)
        self.retranslate()

    @property
    def justified(self) -> bool:
        return self.justify_action.isChecked()

    def retranslate(self, _language: str = "") -> None:
        self.justify_action.setText(_("&Justify Text"))
        self.justify_action.setToolTip(_("Align the text to both margins, with hyphens"))

    def _justify_toggled(self, on: bool) -> None:
        self._store.set(settings.JUSTIFY, on)
        self._store.sync()
        self.justifiedChanged.emit(on)

    def watch(self, pane: TextPane) -> None:
        """Load the dictionaries once ``pane`` has painted a page with a word left whole.

        A window that opens side by side never paints the single pane: its
        columns are watched too, or their text would stay unhyphenated.
        """
        if hyphenation.ready() or self._loading:
            return
        pane.watch_viewport(self)  # not viewport(): its first call costs the first frame
        self._watched.append(pane)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        pane = watched
        if (
            event.type() == QEvent.Type.Paint
            and not self._loading
            and hyphenation.missed()  # a word was left whole: the table did not have it
            and isinstance(pane, QTextEdit)
            and not pane.document().isEmpty()
        ):
            self._loading = True
            for watched_pane in self._watched:
                watched_pane.unwatch_viewport(self)
            # Not from inside the paint: a thread running Python holds the GIL in 5 ms
            # turns, and the rest of the frame (every Python event filter and paint
            # override of the other widgets) would wait for it: 60-70 ms later on
            # screen. A zero timer fires once the frame has gone to the screen.
            QTimer.singleShot(0, self._start_loading)
        return False

    def _start_loading(self) -> None:
        threading.Thread(target=self._load, name="hyphenation", daemon=True).start()

    def _load(self) -> None:
        """In the thread: load the dictionaries, then have the page drawn again."""
        try:
            hyphenation.warm_up()
            self._dictionariesLoaded.emit()
        except RuntimeError:  # the window closed meanwhile
            log.debug("Hyphenation loaded after the window closed")
