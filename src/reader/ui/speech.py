"""The speech engine: Qt's text-to-speech in a thread of its own, behind Read Aloud's few calls.

``QTextToSpeech`` speaks with the platform's own voices (speech-dispatcher on
Linux, WinRT or SAPI on Windows, AVSpeechSynthesizer on macOS), locally: no
network. Importing it loads QtMultimedia, so this module is imported when
Read Aloud is first used, never at start-up.

Some engines call their service synchronously: Qt's speech-dispatcher plugin
waits on a daemon that, with no working sound server, can hang for seconds or
for good. So the engine lives in a worker thread, and ``Speaker`` (in the
window's thread) only queues calls to it and never waits for an answer; what
the window reads (``state()``, ``problem()``, ``engine``) is a copy the worker
keeps up to date with signals. A watchdog in the window's thread notices a
voice that never finishes or a service that never answers; the engine is then
not called again, and at exit the process does not wait for it
(``end_workers``, ``end_process_if_hung``).

Tests only: ``READER_SPEECH_HANG`` names the engine calls ("say", "stop",
"availableLocales", comma-separated) that hang, for ``HANG_SECONDS`` or until
``release_hung_engines()``, in an engine that is otherwise Qt's ``mock``. It is
how a test stands in for a speech service that stopped answering, in the
test process or in a real ``python -m reader``.
"""

from __future__ import annotations

import atexit
import logging
import os
import sys
import threading
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QLocale, QMetaObject, QObject, Qt, QThread, QTimer, Signal, Slot
from PySide6.QtTextToSpeech import QTextToSpeech
from shiboken6 import isValid

__all__ = [
    "MOCK_ENGINE",
    "NO_ANSWER",
    "STALLED",
    "Speaker",
    "available_engines",
    "end_process_if_hung",
    "end_workers",
    "release_hung_engines",
]

log = logging.getLogger(__name__)

MOCK_ENGINE = "mock"  # Qt's engine for tests: speaks nothing, reports every word on time
# A text not finished in this time has stalled (a speech service with no sound
# output says "speaking" for ever): the base, and more for each word.
STALL_SECONDS = 10.0
STALL_SECONDS_PER_WORD = 1.5
# Choosing a voice: speech-dispatcher's first connection alone can take 5 s.
CHOICE_SECONDS = 15.0
EXIT_WAIT_SECONDS = 0.5  # at exit, how long a worker is given to end
STALLED = "the voice did not finish speaking"
NO_ANSWER = "the speech service did not answer"
PREFERRED_LOCALES = {"en": "en_GB", "ru": "ru_RU"}  # the document writes British English
HANG_VARIABLE = "READER_SPEECH_HANG"
HANG_SECONDS = 3600.0
State = QTextToSpeech.State

_hang_release = threading.Event()
# Engine threads and their engines (kept here: the window may go before them), ended at exit.
_workers: dict[QThread, QObject] = {}


def available_engines() -> list[str]:
    """The engine plugins Qt finds, the platform's and the mock."""
    return list(QTextToSpeech.availableEngines())


def release_hung_engines(released: bool = True) -> None:
    """Tests: calls held by ``READER_SPEECH_HANG`` go on (or, ``released`` False, hang again)."""
    if released:
        _hang_release.set()
    else:
        _hang_release.clear()


class _HungEngine:
    """Qt's mock engine, except that the calls named hang (see the module's docstring)."""

    def __init__(self, calls: set[str], parent: QObject) -> None:
        self._tts = QTextToSpeech(MOCK_ENGINE, parent)
        self._calls = calls

    def __getattr__(self, name: str) -> Any:
        attribute = getattr(self._tts, name)
        if name not in self._calls:
            return attribute

        def hung(*args: object) -> object:
            log.warning("Speech engine (test): %s hangs", name)
            _hang_release.wait(HANG_SECONDS)
            return attribute(*args)

        return hung


class _Engine(QObject):
    """The worker thread's side: owns the engine and calls it; tells the window by signals."""

    reported = Signal(str, str, str)  # the engine's name, state, problem ("" when none)
    chosen = Signal(int, str)  # a request, the voice chosen ("" when there is none)
    said = Signal(int)  # an utterance said to its end
    failed = Signal(str)  # the engine went into its error state; its words

    def __init__(self, name: str | None, hang: set[str]) -> None:
        super().__init__()
        self._name = name
        self._hang = hang
        self._tts: Any = None
        self._utterance = 0
        self._saying = False
        self._started = False
        self._want_paused = False
        self._rate = 0.0

    @Slot()
    def build(self) -> None:
        if self._hang:
            self._tts = _HungEngine(self._hang, self)
        elif self._name:
            self._tts = QTextToSpeech(self._name, self)
        else:
            self._tts = QTextToSpeech(self)
        self._tts.stateChanged.connect(self._state_changed)
        log.info("Speech engine %r: %s", self._tts.engine(), self._tts.state().name)
        self._report()

    def _problem(self) -> str:
        if self._tts.state() != State.Error:
            return ""
        return self._tts.errorString() or self._tts.errorReason().name

    def _report(self) -> None:
        self.reported.emit(self._tts.engine(), self._tts.state().name, self._problem())

    @Slot(int, str)
    def choose(self, request: int, language: str) -> None:
        """A voice for ``language``; with no engine named, the platform's other engines too."""
        engines = [self._tts.engine()]
        if not self._name and not self._hang:
            engines += [name for name in available_engines() if name not in (*engines, MOCK_ENGINE)]
        voice = None
        for name in engines:
            if name != self._tts.engine():
                self.stop()
                self._tts.setEngine(name)
            voice = self._voice_for(language)
            if voice is not None:
                break
        if voice is None and self._tts.engine() != engines[0]:
            self._tts.setEngine(engines[0])
        self._report()
        self.chosen.emit(request, voice or "")

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

    @Slot(float)
    def set_rate(self, rate: float) -> None:
        self._rate = rate
        self._tts.setRate(rate)

    @Slot(int, str)
    def say(self, utterance: int, text: str) -> None:
        self._utterance = utterance
        self._saying, self._started, self._want_paused = True, False, False
        self._tts.say(text)

    @Slot()
    def pause(self) -> None:
        self._want_paused = True
        self._tts.pause(QTextToSpeech.BoundaryHint.Default)

    @Slot()
    def resume(self) -> None:
        self._want_paused = False
        if self._tts.state() == State.Paused:
            self._tts.resume()

    @Slot()
    def stop(self) -> None:
        self._saying, self._want_paused = False, False
        if self._tts.state() in (State.Speaking, State.Paused, State.Synthesizing):
            self._tts.stop(QTextToSpeech.BoundaryHint.Default)

    @Slot()
    def close(self) -> None:
        """Stop, let the engine go (in this thread, where it was made) and end the thread."""
        if self._tts is not None:
            self.stop()
            self._tts.stateChanged.disconnect(self._state_changed)
            self._tts = None
            for child in self.children():
                child.deleteLater()
        thread = self.thread()
        self.deleteLater()
        thread.quit()

    def _state_changed(self, state: QTextToSpeech.State) -> None:
        if state == State.Speaking:
            self._started = True
        elif state == State.Paused and not self._want_paused:
            self._tts.resume()  # resumed before the engine got round to pausing
        elif state == State.Ready and self._saying and self._started:
            self._saying = False
            self.said.emit(self._utterance)
        self._report()
        if state == State.Error:
            self._saying = False
            problem = self._problem()
            log.error("Speech engine %r failed: %s", self._tts.engine(), problem)
            self.failed.emit(problem)


class Speaker(QObject):
    """One text at a time, in a voice for a language, at a rate; never waits for the engine.

    With no ``engine`` named, the platform's default is used, and if it has
    no voice for a language the platform's other engines are asked too
    (Windows has two: WinRT, which sees the voices added in Settings, and SAPI).
    """

    said = Signal()  # the text given to say() has been said to its end
    failed = Signal(str)  # the engine stopped working; its own words, for the log and the reader
    voiceChosen = Signal(int, str)  # use_language's request, the voice's name ("" when none)

    # To the worker: queued, since it lives in another thread.
    _choose = Signal(int, str)
    _say = Signal(int, str)
    _pause = Signal()
    _resume = Signal()
    _stop = Signal()
    _rate_set = Signal(float)
    _close = Signal()

    def __init__(self, engine: str | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        hang = {call for call in os.environ.get(HANG_VARIABLE, "").split(",") if call}
        self._engine = engine or ""
        self._state = ""  # as the worker last reported; "" before it has
        self._problem = ""
        self._saying = False  # a text was given and has not ended yet
        self._utterance = 0
        self._want_paused = False
        self._rate = 0.0
        self._words = 0
        self._stalled_engine = False
        self._choosing: int | None = None  # the request waiting for an answer
        self._watchdog = QTimer(self, singleShot=True)
        self._watchdog.timeout.connect(self._stalled)
        self._choice_watchdog = QTimer(self, singleShot=True)
        self._choice_watchdog.timeout.connect(self._no_answer)

        self._thread = QThread()  # no parent: it may outlive the window, until exit
        self._thread.setObjectName("speech")
        worker = _Engine(engine, hang)
        worker.moveToThread(self._thread)
        self._thread.started.connect(worker.build)
        worker.reported.connect(self._reported)
        worker.chosen.connect(self._chosen)
        worker.said.connect(self._said)
        worker.failed.connect(self._failed)
        for signal, slot in (
            (self._choose, worker.choose),
            (self._say, worker.say),
            (self._pause, worker.pause),
            (self._resume, worker.resume),
            (self._stop, worker.stop),
            (self._rate_set, worker.set_rate),
            (self._close, worker.close),
        ):
            signal.connect(slot)
        self._thread.finished.connect(self._thread_finished)
        self.destroyed.connect(worker.close)  # the window went: the thread ends when free
        _workers[self._thread] = worker
        self._thread.start()

    @property
    def engine(self) -> str:
        return self._engine

    @property
    def stalled(self) -> bool:
        """The service stopped answering: it is not called again (the call would wait in line)."""
        return self._stalled_engine

    def state(self) -> str:
        """The engine's state as last reported: "Ready", "Speaking", "Paused", "Error"..."""
        return self._state

    def problem(self) -> str | None:
        """Why the engine cannot speak at all, in its own words; None when it can (or not known)."""
        return self._problem or None

    def use_language(self, language: str, request: int) -> None:
        """Choose a voice for ``language`` ("en", "ru"); ``voiceChosen(request, name)`` answers."""
        if self._stalled_engine:
            return
        self._choosing = request
        self._choice_watchdog.start(round(CHOICE_SECONDS * 1000))
        self._choose.emit(request, language)

    def set_rate(self, rate: float) -> None:
        self._rate = rate
        if not self._stalled_engine:
            self._rate_set.emit(rate)

    def say(self, text: str) -> None:
        if self._stalled_engine:
            return
        self._utterance += 1
        self._saying, self._want_paused = True, False
        self._words = len(text.split())
        self._watch()
        self._say.emit(self._utterance, text)

    def pause(self) -> None:
        self._want_paused = True
        self._watchdog.stop()
        if not self._stalled_engine:
            self._pause.emit()

    def resume(self) -> None:
        self._want_paused = False
        if self._saying:
            self._watch()
        if not self._stalled_engine:
            self._resume.emit()

    def stop(self) -> None:
        self._saying, self._want_paused = False, False
        self._choosing = None
        self._watchdog.stop()
        self._choice_watchdog.stop()
        if not self._stalled_engine:
            self._stop.emit()

    def close(self) -> None:
        """The engine is no longer wanted: its thread ends once it is free."""
        self.stop()
        self._close.emit()

    def _watch(self) -> None:
        slowest = 1.0 - min(self._rate, 0.0)  # a slower voice takes up to twice as long
        budget = STALL_SECONDS + STALL_SECONDS_PER_WORD * self._words * slowest
        self._watchdog.start(round(budget * 1000))

    def _stalled(self) -> None:
        if not self._saying or self._want_paused:
            return
        log.error("Speech engine %r: %s (%d words)", self._engine, STALLED, self._words)
        self._saying = False
        self._stalled_engine = True
        self.failed.emit(STALLED)

    def _no_answer(self) -> None:
        if self._choosing is None:
            return
        log.error("Speech engine %r: %s in %.0f s", self._engine, NO_ANSWER, CHOICE_SECONDS)
        self._choosing = None
        self._stalled_engine = True
        self.failed.emit(NO_ANSWER)

    def _reported(self, engine: str, state: str, problem: str) -> None:
        self._engine, self._state, self._problem = engine, state, problem

    def _chosen(self, request: int, voice: str) -> None:
        if request != self._choosing:
            return  # asked again, or stopped, since
        self._choosing = None
        self._choice_watchdog.stop()
        self.voiceChosen.emit(request, voice)

    def _said(self, utterance: int) -> None:
        if utterance == self._utterance and self._saying:
            self._saying = False
            self._watchdog.stop()
            self.said.emit()

    def _failed(self, problem: str) -> None:
        self._saying = False
        self._watchdog.stop()
        self.failed.emit(problem)

    def _thread_finished(self) -> None:
        _workers.pop(self._thread, None)


def end_workers(seconds: float = EXIT_WAIT_SECONDS) -> bool:
    """Ask every engine thread to end and wait ``seconds`` at most; False if one is stuck."""
    deadline = time.monotonic() + seconds
    for worker in _workers.values():
        if isValid(worker):  # else already closed, its thread ending
            # The engine is let go in its own thread, which then ends: queued behind a hung call.
            QMetaObject.invokeMethod(worker, "close", Qt.ConnectionType.QueuedConnection)
    stuck = 0
    for thread in list(_workers):
        left = max(0, round((deadline - time.monotonic()) * 1000))
        if not thread.wait(left):
            stuck += 1
    if stuck:
        log.error("The speech engine did not end in %.1f s: it is left hung", seconds)
    return not stuck


def end_process_if_hung(code: int, exit_now: Callable[[int], object] = os._exit) -> None:
    """At exit, after the place is saved: a speech thread still inside a call ends with the process.

    Destroying a running QThread aborts the process, and the call it is in may
    never return: so the process ends here, its logs flushed, with ``code``.
    """
    if end_workers():
        return
    log.error("Reader ends without waiting for the speech engine (exit code %d)", code)
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        if stream is not None:
            stream.flush()
    exit_now(code)


# Scripts and the self-test never reach the window's hook (reader.gui): a thread still
# stuck then ends the process as a failure, not as Qt's abort.
atexit.register(end_process_if_hung, 1)
