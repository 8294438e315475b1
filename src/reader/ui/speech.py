"""The speech engine: Qt's text-to-speech, behind the few calls Read Aloud makes.

``QTextToSpeech`` speaks with the platform's own voices (speech-dispatcher on
Linux, WinRT or SAPI on Windows, AVSpeechSynthesizer on macOS), locally: no
network. Importing it loads QtMultimedia, so this module is imported when
Read Aloud is first used, never at start-up. ``Speaker`` turns the engine's
states into two plain events, "said to the end" and "failed", and picks a
voice for a language; tests give it Qt's ``mock`` engine.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QLocale, QObject, QTimer, Signal
from PySide6.QtTextToSpeech import QTextToSpeech

__all__ = ["MOCK_ENGINE", "Speaker", "available_engines"]

log = logging.getLogger(__name__)

MOCK_ENGINE = "mock"  # Qt's engine for tests: speaks nothing, reports every word on time
# A text not finished in this time has stalled (a speech service with no sound
# output says "speaking" for ever): the base, and more for each word.
STALL_SECONDS = 10.0
STALL_SECONDS_PER_WORD = 1.5
STALLED = "the voice did not finish speaking"
PREFERRED_LOCALES = {"en": "en_GB", "ru": "ru_RU"}  # the document writes British English
State = QTextToSpeech.State


def available_engines() -> list[str]:
    """The engine plugins Qt finds, the platform's and the mock."""
    return list(QTextToSpeech.availableEngines())


class Speaker(QObject):
    """One text at a time, in a voice for a language, at a rate.

    With no ``engine`` named, the platform's default is used, and if it has
    no voice for a language the platform's other engines are asked too
    (Windows has two: WinRT, which sees the voices added in Settings, and SAPI).
    """

    said = Signal()  # the text given to say() has been said to its end
    failed = Signal(str)  # the engine stopped working; its own words, for the log and the reader

    def __init__(self, engine: str | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._fixed_engine = engine is not None
        self._tts = QTextToSpeech(engine, self) if engine else QTextToSpeech(self)
        self._tts.stateChanged.connect(self._state_changed)
        self._saying = False  # a text was given and has not ended yet
        self._started = False  # the engine has begun to say it
        self._want_paused = False
        self._rate = 0.0
        self._watchdog = QTimer(self, singleShot=True)
        self._watchdog.timeout.connect(self._stalled)
        self._words = 0
        self._stalled_engine = False
        log.info("Speech engine %r: %s", self._tts.engine(), self._tts.state().name)

    @property
    def engine(self) -> str:
        return self._tts.engine()

    def state(self) -> str:
        """The engine's state: "Ready", "Speaking", "Paused", "Error"..."""
        return self._tts.state().name

    def problem(self) -> str | None:
        """Why the engine cannot speak at all, in its own words; None when it can."""
        if self._tts.state() != State.Error:
            return None
        return self._tts.errorString() or self._tts.errorReason().name

    def use_language(self, language: str) -> str | None:
        """Choose a voice for ``language`` ("en", "ru"); its name, or None if there is none."""
        engines = [self._tts.engine()]
        if not self._fixed_engine:
            engines += [name for name in available_engines() if name not in (*engines, MOCK_ENGINE)]
        for name in engines:
            if name != self._tts.engine():
                self.stop()
                self._tts.setEngine(name)
            voice = self._voice_for(language)
            if voice is not None:
                return voice
        if self._tts.engine() != engines[0]:
            self._tts.setEngine(engines[0])
        return None

    def _voice_for(self, language: str) -> str | None:
        if self._tts.state() == State.Error:
            return None
        wanted = QLocale(language)
        locales = [
            locale
            for locale in self._tts.availableLocales()
            if locale.language() == wanted.language()
        ]
        if not locales:
            return None
        # The document's own variety first (British English), then the system's, then any.
        preferred = QLocale(PREFERRED_LOCALES.get(language, language)).territory()
        system = QLocale.system()
        locales.sort(
            key=lambda locale: (
                locale.territory() != preferred,
                locale.territory() != system.territory(),
                locale.name(),
            )
        )
        for locale in locales:
            self._tts.setLocale(locale)
            voices = self._tts.availableVoices()
            if voices:
                # A voice of its own before a variant of one (eSpeak's "Russian+Anna").
                voice = min(voices, key=lambda voice: "+" in voice.name())
                self._tts.setVoice(voice)
                self._tts.setRate(self._rate)
                return voice.name()
        return None

    def set_rate(self, rate: float) -> None:
        self._rate = rate
        self._tts.setRate(rate)

    def say(self, text: str) -> None:
        self._saying, self._started, self._want_paused = True, False, False
        self._words = len(text.split())
        self._watch()
        self._tts.say(text)

    def pause(self) -> None:
        self._want_paused = True
        self._watchdog.stop()
        self._tts.pause(QTextToSpeech.BoundaryHint.Default)

    def resume(self) -> None:
        self._want_paused = False
        if self._saying:
            self._watch()
        if self._tts.state() == State.Paused:
            self._tts.resume()

    def stop(self) -> None:
        self._saying, self._want_paused = False, False
        self._watchdog.stop()
        if self._stalled_engine:
            return
        if self._tts.state() in (State.Speaking, State.Paused, State.Synthesizing):
            self._tts.stop(QTextToSpeech.BoundaryHint.Default)

    def _watch(self) -> None:
        slowest = 1.0 - min(self._rate, 0.0)  # a slower voice takes up to twice as long
        budget = STALL_SECONDS + STALL_SECONDS_PER_WORD * self._words * slowest
        self._watchdog.start(round(budget * 1000))

    def _stalled(self) -> None:
        if not self._saying or self._want_paused:
            return
        log.error("Speech engine %r: %s (%d words)", self._tts.engine(), STALLED, self._words)
        self._saying = False
        self._stalled_engine = True  # asking a stalled service to stop may hang as well
        self.failed.emit(STALLED)

    def _state_changed(self, state: QTextToSpeech.State) -> None:
        if state == State.Ready:
            self._stalled_engine = False
        if state == State.Speaking:
            self._started = True
        elif state == State.Paused and not self._want_paused:
            self._tts.resume()  # resumed before the engine got round to pausing
        elif state == State.Ready and self._saying and self._started:
            self._saying = False
            self._watchdog.stop()
            self.said.emit()
        elif state == State.Error:
            self._saying = False
            self._watchdog.stop()
            problem = self.problem() or ""
            log.error("Speech engine %r failed: %s", self._tts.engine(), problem)
            self.failed.emit(problem)
