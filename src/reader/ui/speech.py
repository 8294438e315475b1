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

PySide holds the interpreter lock through every call into Qt, so a call
that hangs in the engine freezes the window's thread as well, whatever thread
made it. So the worker's Python code only reads what the engine keeps at hand
(state, locales, voices); every call that reaches the service (loading the
engine, setLocale, setVoice, setRate, say, pause, resume, stop) is queued
(``_queue``) and made by the worker's event loop, in C++, without the lock.
The engine is made as Qt's mock, at once, and the platform's is loaded so.

Tests only: ``READER_SPEECH_HANG`` names the engine calls ("say", "stop",
"setLocale", comma-separated) that hang, for ``HANG_SECONDS`` or until
``release_hung_engines()``, in an engine that is otherwise Qt's ``mock``. A
call made by the event loop waits with the lock free; one made from Python
waits holding it, as a real plugin does. It is how a test stands in for a
speech service that stopped answering, in the test process or in a real
``python -m reader``.
"""

from __future__ import annotations

import atexit
import logging
import math
import os
import sys
import threading
import time
from typing import Any

from PySide6.QtCore import Q_ARG, QLocale, QMetaObject, QObject, Qt, QThread, QTimer, Signal, Slot
from PySide6.QtTextToSpeech import QTextToSpeech, QVoice
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


def _queue(target: QObject, method: str, *args: object) -> None:
    """Call ``method`` of ``target`` from the event loop of its thread, from C++.

    PySide keeps the interpreter lock through a call into Qt: a speech call that
    blocks there would freeze every Python thread, the window's too. Queued, the
    call is made by Qt's event loop with the lock free.
    """
    QMetaObject.invokeMethod(
        target,
        method,
        Qt.ConnectionType.QueuedConnection,
        *(Q_ARG(type(value), value) for value in args),
    )


class _HungEngine(QObject):
    """Qt's mock engine, except that the calls named hang (see the module's docstring)."""

    stateChanged = Signal(QTextToSpeech.State)

    def __init__(self, calls: set[str], parent: QObject) -> None:
        super().__init__(parent)
        self._tts = QTextToSpeech(MOCK_ENGINE, self)
        self._tts.stateChanged.connect(self.stateChanged)
        self._calls = calls

    def _hang(self, call: str) -> None:
        if call not in self._calls:
            return
        log.warning("Speech engine (test): %s hangs", call)
        try:
            sys._getframe(2)  # called from Python code, not by Qt's event loop
        except ValueError:
            _hang_release.wait(HANG_SECONDS)
            return
        # As a plugin's call made from Python hangs: with the interpreter lock held.
        import ctypes  # here only: the Linux bundle leaves ctypes out (trimming.EXCLUDES)

        ctypes.PyDLL(None).sleep(math.ceil(HANG_SECONDS))

    def engine(self) -> str:
        return self._tts.engine()

    def state(self) -> QTextToSpeech.State:
        return self._tts.state()

    def errorString(self) -> str:
        return self._tts.errorString()

    def errorReason(self) -> QTextToSpeech.ErrorReason:
        return self._tts.errorReason()

    def availableLocales(self) -> list[QLocale]:
        return self._tts.availableLocales()

    def availableVoices(self) -> list[QVoice]:
        return self._tts.availableVoices()

    @Slot(QLocale)
    def setLocale(self, locale: QLocale) -> None:
        self._hang("setLocale")
        self._tts.setLocale(locale)

    @Slot(QVoice)
    def setVoice(self, voice: QVoice) -> None:
        self._tts.setVoice(voice)

    @Slot(float)
    def setRate(self, rate: float) -> None:
        self._tts.setRate(rate)

    @Slot(str)
    def say(self, text: str) -> None:
        self._hang("say")
        self._tts.say(text)

    @Slot()
    def pause(self) -> None:
        self._tts.pause()

    @Slot()
    def resume(self) -> None:
        self._tts.resume()

    @Slot()
    def stop(self) -> None:
        self._hang("stop")
        self._tts.stop()


class _Engine(QObject):
    """The worker thread's side: owns the engine and calls it; tells the window by signals.

    Every call that may reach the speech service is queued (``_queue``): made
    by the event loop, in order, without the interpreter lock. Only what the
    engine keeps at hand (its state, engine name, locales and voices) is read
    directly.
    """

    reported = Signal(str, str, str)  # the engine's name, state, problem ("" when none)
    chosen = Signal(int, str)  # a request, the voice chosen ("" when there is none)
    said = Signal(int)  # an utterance said to its end
    failed = Signal(str)  # the engine went into its error state; its words

    def __init__(self, name: str | None, hang: set[str]) -> None:
        super().__init__()
        self._name = name
        self._hang = hang
        self._tts: Any = None
        self._ready = False  # the engine asked for has been loaded
        self._waiting: tuple[int, str] | None = None  # a choice asked for before then
        self._choice: tuple[int, str, list[str], list[QLocale]] | None = None
        self._utterance = 0
        self._saying = False
        self._started = False
        self._want_paused = False
        self._rate = 0.0

    @Slot()
    def build(self) -> None:
        # Made with the mock (at once), then the platform's engine is loaded by a
        # queued call: loading it connects to the speech service, which may hang.
        if self._hang:
            self._tts = _HungEngine(self._hang, self)
        else:
            self._tts = QTextToSpeech(MOCK_ENGINE, self)
        self._tts.stateChanged.connect(self._state_changed)
        if self._hang or self._name == MOCK_ENGINE:
            self._loaded()
        else:
            _queue(self._tts, "setEngine", self._name or "")  # "": the platform's own
            _queue(self, "_loaded")

    @Slot()
    def _loaded(self) -> None:
        self._ready = True
        log.info("Speech engine %r: %s", self._tts.engine(), self._tts.state().name)
        self._report()
        if self._waiting is not None:
            self.choose(*self._waiting)

    def _problem(self) -> str:
        if self._tts.state() != State.Error:
            return ""
        return self._tts.errorString() or self._tts.errorReason().name

    def _report(self) -> None:
        self.reported.emit(self._tts.engine(), self._tts.state().name, self._problem())

    @Slot(int, str)
    def choose(self, request: int, language: str) -> None:
        """A voice for ``language``; with no engine named, the platform's other engines too."""
        self._waiting = None if self._ready else (request, language)  # the latest only
        if not self._ready:
            return
        engines = [self._tts.engine()]
        if not self._name and not self._hang:
            engines += [name for name in available_engines() if name not in (*engines, MOCK_ENGINE)]
        self._choice = (request, language, engines, self._locales_for(language))
        self._next_locale()

    def _locales_for(self, language: str) -> list[QLocale]:
        if self._tts.state() == State.Error:
            return []
        wanted = QLocale(language)
        locales = [
            locale
            for locale in self._tts.availableLocales()
            if locale.language() == wanted.language()
        ]
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
        return locales

    def _next_locale(self) -> None:
        """Try the next locale for its voices, or the next engine, or answer that there is none."""
        assert self._choice is not None
        request, language, engines, locales = self._choice
        if locales:
            _queue(self._tts, "setLocale", locales.pop(0))
            _queue(self, "_locale_set", request)
        elif len(engines) > 1:
            self._choice = (request, language, engines[1:], [])
            self._stop_saying()
            _queue(self._tts, "setEngine", engines[1])
            _queue(self, "_engine_set", request)
        else:
            self._choice = None
            if self._tts.engine() != engines[0]:  # back to the first, for its error or voices
                _queue(self._tts, "setEngine", engines[0])
            self._report()
            self.chosen.emit(request, "")

    @Slot(int)
    def _engine_set(self, request: int) -> None:
        if self._choice is not None and self._choice[0] == request:  # else stopped or superseded
            _request, language, engines, _locales = self._choice
            self._choice = (request, language, engines, self._locales_for(language))
            self._next_locale()

    @Slot(int)
    def _locale_set(self, request: int) -> None:
        if self._choice is None or self._choice[0] != request:  # stopped or superseded
            return
        voices = self._tts.availableVoices()
        if not voices:
            self._next_locale()
            return
        self._choice = None
        # A voice of its own before a variant of one (eSpeak's "Russian+Anna").
        voice = min(voices, key=lambda voice: "+" in voice.name())
        _queue(self._tts, "setVoice", voice)
        _queue(self._tts, "setRate", self._rate)
        self._report()
        self.chosen.emit(request, voice.name())

    @Slot(float)
    def set_rate(self, rate: float) -> None:
        self._rate = rate
        if self._ready:
            _queue(self._tts, "setRate", rate)

    @Slot(int, str)
    def say(self, utterance: int, text: str) -> None:
        self._utterance = utterance
        self._saying, self._started, self._want_paused = True, False, False
        _queue(self._tts, "say", text)

    @Slot()
    def pause(self) -> None:
        self._want_paused = True
        _queue(self._tts, "pause")

    @Slot()
    def resume(self) -> None:
        self._want_paused = False
        if self._tts.state() == State.Paused:
            _queue(self._tts, "resume")

    @Slot()
    def stop(self) -> None:
        self._choice, self._waiting = None, None
        self._stop_saying()

    def _stop_saying(self) -> None:
        given = self._saying  # its say() may still be in the queue, ahead of this stop
        self._saying, self._want_paused = False, False
        if self._tts is not None and (
            given or self._tts.state() in (State.Speaking, State.Paused, State.Synthesizing)
        ):
            _queue(self._tts, "stop")

    @Slot()
    def close(self) -> None:
        """Let the engine go (from the event loop: its end may wait on the service); end."""
        self._choice, self._waiting = None, None
        if self._tts is not None:
            # No disconnect() here: from this thread it could wait for a lock of Qt's that
            # the window's thread holds while it waits for the interpreter lock this
            # thread holds (it did, at a test's end). _state_changed ignores a closed engine.
            self._tts.deleteLater()
            self._tts = None
        thread = self.thread()
        self.deleteLater()
        thread.quit()

    def _state_changed(self, state: QTextToSpeech.State) -> None:
        if self._tts is None:  # closed: the engine is going
            return
        if state == State.Speaking:
            self._started = True
        elif state == State.Paused and not self._want_paused:
            _queue(self._tts, "resume")  # resumed before the engine got round to pausing
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


def end_process_if_hung(code: int, seconds: float = EXIT_WAIT_SECONDS) -> None:
    """At exit, after the place is saved: a speech thread still inside a call ends with the process.

    Destroying a running QThread aborts the process, and the call it is in may
    never return: so the process ends here, its logs flushed, with ``code``.
    """
    if end_workers(seconds):
        return
    log.error("Reader ends without waiting for the speech engine (exit code %d)", code)
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        if stream is not None:
            stream.flush()
    os._exit(code)


# Scripts and the self-test never reach the window's hook (reader.gui): a thread still
# stuck then ends the process as a failure, not as Qt's abort.
atexit.register(end_process_if_hung, 1, 5.0)
