"""View > Read Aloud: the section read aloud from the paragraph at the top of the view.

A feature of its own, given what it needs by the window (``ReadAloud``'s
arguments) rather than reaching into it. It reads in the current language
with a voice for that language, marks the paragraph being read and keeps it
in view (both columns in side by side), and can go on to the next section
until the document ends. Switching the language stops the voice and starts
again in the new language at the same paragraph. Opening another section
stops reading. Without a voice for the language it says so, and how to add
one; it is never silently dead.

The engine (``reader.ui.speech``, which loads QtTextToSpeech and with it
QtMultimedia) is built the first time reading starts, never at start-up. It
runs in a thread of its own and answers by signals: reading starts (and starts
again after a language switch) when the engine has chosen a voice, and nothing
here ever waits for it, so a speech service that hangs never freezes the window.
Other controls (the stand's bar, the presenter's overlay) use the same
actions: ``read_action``, ``pause_action``, ``stop_action``.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal, SignalInstance
from PySide6.QtGui import QAction, QActionGroup, QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QMenu, QWidget

from reader import settings
from reader.content import ContentError, Document
from reader.i18n import _
from reader.readaloud import (
    SPEEDS,
    TITLE,
    Utterance,
    next_section,
    section_utterances,
    speed_named,
)
from reader.ui import messages

if TYPE_CHECKING:
    from reader.ui.speech import Speaker

__all__ = ["ReadAloud", "how_to_add_voices"]

log = logging.getLogger(__name__)


def how_to_add_voices(platform: str = sys.platform) -> str:
    """Where a person adds voices on this system, in plain words."""
    if platform == "win32":
        return _(
            "To add a voice: open Settings › Time & language › Speech, choose "
            "“Add voices”, pick the language, then start Reader again."
        )
    if platform == "darwin":
        return _(
            "To add a voice: open System Settings › Accessibility › Spoken Content, "
            "choose System voice › Manage Voices, tick a voice for the language, "
            "then start Reader again."
        )
    return _(
        "To add voices, install speech-dispatcher and its eSpeak NG voices (English, "
        "Russian and many more), for example in a terminal:\n"
        "sudo apt install speech-dispatcher speech-dispatcher-espeak-ng\n"
        "Then start Reader again."
    )


def no_voice_text(language: str) -> str:
    if language == "ru":
        text = _("No Russian voice is installed on this computer, so Reader cannot read aloud.")
    elif language == "en":
        text = _("No English voice is installed on this computer, so Reader cannot read aloud.")
    else:
        text = _(
            "No voice for this language ({language}) is installed on this computer, "
            "so Reader cannot read aloud."
        ).format(language=language)
    return text + "\n\n" + how_to_add_voices()


class ReadAloud(QObject):
    """Read Aloud, Pause, Stop, the speed and "the whole document", for one window.

    ``position()`` gives (section, top paragraph, fraction); ``show_section``
    opens a section at a paragraph; ``mark(index)`` marks a paragraph and keeps
    it in view (None clears); ``shown`` is the window's signal that a section
    was drawn. ``engine`` names a Qt speech engine (tests: "mock").
    """

    readingChanged = Signal(bool)  # reading started (True) or ended (False)
    saying = Signal(str, int, str)  # section, paragraph (TITLE for the title), text: begun

    def __init__(
        self,
        app: QApplication,
        document: Document,
        store: settings.Settings,
        *,
        position: Callable[[], tuple[str, int, float]],
        show_section: Callable[[str, int], None],
        mark: Callable[[int | None], None],
        shown: SignalInstance,
        engine: str | None = None,
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self._app = app
        self._document = document
        self._store = store
        self._position = position
        self._show_section = show_section
        self._mark = mark
        self._engine_name = engine
        self._speaker: Speaker | None = None
        self._queue: list[Utterance] = []
        self._current: Utterance | None = None
        self._section: str | None = None
        self._language = ""
        self._request = 0
        # A voice asked for and not yet chosen: (request, language, section, paragraph).
        self._waiting: tuple[int, str, str, int] | None = None
        self._reading = False
        self._paused = False

        self.read_action = QAction(parent, checkable=True)
        self.read_action.setObjectName("readAloudAction")
        self.read_action.setShortcut(QKeySequence("Ctrl+R"))
        self.read_action.triggered.connect(self._read_triggered)
        self.pause_action = QAction(parent, checkable=True, enabled=False)
        self.pause_action.setObjectName("pauseReadingAction")
        self.pause_action.setShortcut(QKeySequence("Ctrl+Shift+R"))
        self.pause_action.triggered.connect(self._pause_triggered)
        self.stop_action = QAction(parent, enabled=False)
        self.stop_action.setObjectName("stopReadingAction")
        self.stop_action.triggered.connect(self.stop)
        # The media keys work too, but a menu would print their names («Остановить
        # воспроизведение») beside the items' own: shortcuts of the window instead.
        self._media_keys = [
            QShortcut(QKeySequence(Qt.Key.Key_MediaStop), parent, self.stop),
            QShortcut(
                QKeySequence(Qt.Key.Key_MediaTogglePlayPause), parent, self.pause_action.trigger
            ),
        ]
        self.whole_action = QAction(parent, checkable=True)
        self.whole_action.setChecked(store.get(settings.READ_WHOLE_DOCUMENT))
        self.whole_action.toggled.connect(self._whole_toggled)

        self.speed_group = QActionGroup(self)
        self.speed_actions: dict[str, QAction] = {}
        current = speed_named(store.get(settings.READ_ALOUD_SPEED)).name
        for speed in SPEEDS:
            action = QAction(parent, checkable=True, checked=speed.name == current)
            action.setData(speed.name)
            action.triggered.connect(lambda _on=False, name=speed.name: self.set_speed(name))
            self.speed_group.addAction(action)
            self.speed_actions[speed.name] = action

        self.menu = QMenu(parent)
        self.menu.setObjectName("readAloudMenu")
        self.menu.addActions([self.read_action, self.pause_action, self.stop_action])
        self.menu.addSeparator()
        self.speed_menu = self.menu.addMenu("")
        self.speed_menu.addActions(list(self.speed_actions.values()))
        self.menu.addAction(self.whole_action)

        shown.connect(self._section_shown)
        app.languageChanged.connect(self._language_changed)  # type: ignore[attr-defined]
        app.languageChanged.connect(self.retranslate)  # type: ignore[attr-defined]
        self.retranslate()

    # -- state, for other controls and tests ---------------------------------

    @property
    def reading(self) -> bool:
        """Reading has started and not ended (it may be paused)."""
        return self._reading

    @property
    def paused(self) -> bool:
        return self._paused

    def current(self) -> Utterance | None:
        """What is being said (or was, before a pause)."""
        return self._current

    def use_engine(self, name: str) -> None:
        """Speak with this Qt engine plugin instead of the platform's ("mock" in tests)."""
        self._drop_speaker()
        self._engine_name = name

    def use_speaker(self, speaker: Speaker) -> None:
        """Speak through this object, which behaves as ``reader.ui.speech.Speaker`` does."""
        self._drop_speaker()
        self._connect_speaker(speaker)

    def _drop_speaker(self) -> None:
        if self._speaker is not None:
            self.stop()
            self._speaker.said.disconnect(self._said)
            self._speaker.failed.disconnect(self._failed)
            self._speaker.voiceChosen.disconnect(self._voice_chosen)
            self._speaker.close()
            self._speaker = None

    @property
    def speaker(self) -> Speaker | None:
        """The engine, once reading has been asked for."""
        return self._speaker

    def retranslate(self, _language: str = "") -> None:
        self.menu.setTitle(_("Read &Aloud"))
        self.read_action.setText(_("&Read Aloud"))
        self.pause_action.setText(_("&Pause Reading"))
        self.stop_action.setText(_("S&top Reading"))
        self.speed_menu.setTitle(_("Reading &Speed"))
        for speed in SPEEDS:
            self.speed_actions[speed.name].setText(_(speed.label))
        self.whole_action.setText(_("Read the &Whole Document"))
        self.whole_action.setToolTip(_("At the end of a section, go on with the next one"))

    # -- the reader's commands ------------------------------------------------

    def start(self) -> bool:
        """Read from the paragraph at the top of the view; False if it cannot (it says why).

        Reading is on at once; the voice begins when the engine has chosen one.
        """
        self.stop()
        if self._ensure_speaker() is None:
            return False
        section_id, paragraph, _fraction = self._position()
        self._set_reading(True)
        self._choose_voice(section_id, paragraph, self._app.language)  # type: ignore[attr-defined]
        return True

    def stop(self) -> None:
        if self._speaker is not None:
            self._speaker.stop()
        self._waiting = None
        self._queue.clear()
        self._current = None
        was_reading = self._reading
        self._set_reading(False)
        if was_reading:
            self._mark(None)

    def pause(self) -> None:
        if self._reading and not self._paused and self._speaker is not None:
            self._paused = True
            self._speaker.pause()
            self._sync_actions()

    def resume(self) -> None:
        if not (self._reading and self._paused and self._speaker is not None):
            return
        self._paused = False
        self._sync_actions()
        if self._current is None:
            self._say_next()  # the language changed during the pause
        else:
            self._speaker.resume()

    def set_speed(self, name: str) -> None:
        speed = speed_named(name)
        self.speed_actions[speed.name].setChecked(True)
        self._store.set(settings.READ_ALOUD_SPEED, speed.name)
        if self._speaker is not None:
            self._speaker.set_rate(speed.rate)

    # -- reading --------------------------------------------------------------

    def _ensure_speaker(self) -> Speaker | None:
        if self._speaker is None:
            from reader.ui.speech import Speaker  # loads QtTextToSpeech: first use only

            self._connect_speaker(Speaker(self._engine_name, self))
        assert self._speaker is not None
        if self._speaker.stalled:
            self._tell_not_answering()
            return None
        problem = self._speaker.problem()  # known once the engine has answered
        if problem is not None:
            self._tell_not_working(problem)
            return None
        return self._speaker

    def _tell_not_answering(self) -> None:
        self._tell(
            _(
                "Reading aloud is not available until Reader is started again: the "
                "system's speech service stopped answering. Check that the computer's "
                "sound works."
            )
        )

    def _tell_not_working(self, problem: str) -> None:
        self._tell(
            _("Reader cannot read aloud: the system's speech service is not working.")
            + "\n\n"
            + how_to_add_voices(),
            problem,
        )

    def _connect_speaker(self, speaker: Speaker) -> None:
        self._speaker = speaker
        speaker.said.connect(self._said)
        speaker.failed.connect(self._failed)
        speaker.voiceChosen.connect(self._voice_chosen)
        speaker.set_rate(self._speed_rate())

    def _speed_rate(self) -> float:
        return speed_named(self._store.get(settings.READ_ALOUD_SPEED)).rate

    def _choose_voice(self, section_id: str, paragraph: int, language: str) -> None:
        """Ask the engine for a voice; ``_voice_chosen`` goes on when it answers."""
        assert self._speaker is not None
        self._request += 1
        self._waiting = (self._request, language, section_id, paragraph)
        self._section = section_id  # a redraw of it meanwhile does not stop reading
        self._speaker.use_language(language, self._request)

    def _voice_chosen(self, request: int, voice: str) -> None:
        if self._waiting is None or request != self._waiting[0]:
            return  # stopped, or asked again in another language, since
        _request, language, section_id, paragraph = self._waiting
        self._waiting = None
        assert self._speaker is not None
        if not voice:
            self.stop()
            problem = self._speaker.problem()
            if problem is not None:
                self._tell_not_working(problem)
                return
            log.warning("No voice for %s in the speech engine %r", language, self._speaker.engine)
            self._tell(no_voice_text(language))
            return
        if not self._prepare(voice, section_id, paragraph, language):
            self.stop()
            return
        if self._paused:
            if self._queue:  # marked, and said when the reader resumes
                first = self._queue[0].paragraph
                self._mark(first if first != TITLE else None)
            return
        self._say_next()

    def _prepare(self, voice: str, section_id: str, paragraph: int, language: str) -> bool:
        """Queue ``section_id`` from ``paragraph`` in ``language``, to be said by ``voice``."""
        try:
            section = self._document.section(language, section_id)
        except ContentError as error:
            log.error("Cannot read %s aloud in %s: %s", section_id, language, error)
            self._tell(_("This section cannot be read aloud."), str(error.problem))
            return False
        log.info("Reading %s aloud in %s with the voice %r", section_id, language, voice)
        self._language = language
        self._section = section_id
        self._queue = section_utterances(section, paragraph)
        return True

    def _say_next(self) -> None:
        while not self._queue:
            following = None
            if self.whole_action.isChecked() and self._section is not None:
                following = next_section(self._document.manifest, self._section)
            if following is None:
                self.stop()  # the end of the section, or of the document
                return
            try:
                section = self._document.section(self._language, following)
            except ContentError as error:
                log.error("Skipping %s, which cannot be read: %s", following, error)
                self._section = following
                continue
            self._section, self._current = following, None
            self._queue = section_utterances(section)
            self._show_section(following, 0)
        utterance = self._queue.pop(0)
        self._current = utterance
        self._mark(utterance.paragraph if utterance.paragraph != TITLE else None)
        assert self._speaker is not None
        self.saying.emit(*utterance)
        self._speaker.say(utterance.text)

    def _said(self) -> None:
        if self._reading and not self._paused:
            self._say_next()

    def _failed(self, problem: str) -> None:
        from reader.ui.speech import NO_ANSWER, STALLED

        if not self._reading:
            return
        nothing_said = self._current is None  # the engine failed as it started (no service)
        self.stop()
        if problem == NO_ANSWER:
            self._tell_not_answering()
        elif nothing_said and problem != STALLED:
            self._tell_not_working(problem)  # with the way to install a speech service
        elif problem == STALLED:
            self._tell(
                _(
                    "Reading aloud stopped: the voice did not finish. Check that the computer's "
                    "sound works: speakers or headphones connected, the volume not muted."
                )
            )
        else:
            self._tell(
                _("Reading aloud stopped: the system's speech service reported an error."),
                problem,
            )

    def _language_changed(self, language: str) -> None:
        """Stop the voice and start again, in the new language, at the same paragraph."""
        if not self._reading or self._speaker is None:
            return
        if self._waiting is not None:  # still choosing a voice: choose again
            _request, waiting_for, section_id, paragraph = self._waiting
            if language == waiting_for:
                return
        else:
            if language == self._language:
                return
            paragraph = self._current.paragraph if self._current is not None else 0
            section_id = self._section or self._position()[0]
        self._speaker.stop()
        self._current = None
        self._queue = []
        self._choose_voice(section_id, max(paragraph, 0), language)

    def _section_shown(self, section_id: str) -> None:
        """A redraw keeps the mark; the reader opening another section stops reading."""
        if not self._reading:
            return
        if section_id != self._section:
            log.info("Another section was opened: reading aloud stops")
            self.stop()
            return
        if self._current is not None and self._current.paragraph != TITLE:
            self._mark(self._current.paragraph)

    # -- actions --------------------------------------------------------------

    def _read_triggered(self, checked: bool) -> None:
        if checked:
            self.start()
        else:
            self.stop()
        self._sync_actions()

    def _pause_triggered(self, checked: bool) -> None:
        if checked:
            self.pause()
        else:
            self.resume()

    def _whole_toggled(self, on: bool) -> None:
        self._store.set(settings.READ_WHOLE_DOCUMENT, on)

    def _set_reading(self, reading: bool) -> None:
        changed = reading != self._reading
        self._reading = reading
        if not reading:
            self._paused = False
        self._sync_actions()
        if changed:
            self.readingChanged.emit(reading)

    def _sync_actions(self) -> None:
        self.read_action.setChecked(self._reading)
        self.pause_action.setEnabled(self._reading)
        self.pause_action.setChecked(self._paused)
        self.stop_action.setEnabled(self._reading)

    def _tell(self, text: str, details: str | None = None) -> None:
        messages.show_error(_("Read Aloud"), text, details)
