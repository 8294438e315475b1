"""Read Aloud with a speech service that stopped answering: the window never waits for it.

speech-dispatcher with no working sound server hangs, and Qt's plugin calls it
synchronously. The stand-in here is Qt's mock engine whose named calls block
in the engine's thread (``READER_SPEECH_HANG``, see ``reader.ui.speech``),
for longer than a person would wait: a window that called the engine in its
own thread would freeze for that long, and the heartbeat would show the gap.
"""

from __future__ import annotations

import logging

import pytest
from PySide6.QtCore import Qt

from speechfixtures import Heartbeat, write_document

from .keyboard import CTRL, SHIFT, press

HANG_SECONDS = 4.0  # how long a hung call blocks here; for good in a real hang
FROZEN = 0.5  # a window that does not answer for this long has frozen


@pytest.fixture
def hung_window(open_window, tmp_path, monkeypatch, caplog):
    """The window reading through an engine whose ``calls`` hang in the engine's thread."""
    from reader.ui import speech

    monkeypatch.setattr(speech, "HANG_SECONDS", HANG_SECONDS)
    speech.release_hung_engines(False)
    caplog.set_level(logging.ERROR, logger="reader.ui.messages")

    def open_(*calls: str):
        monkeypatch.setenv(speech.HANG_VARIABLE, ",".join(calls))
        window = open_window("en", section="first", content=write_document(tmp_path / "doc"))
        window.read_aloud.speed_actions["faster"].trigger()
        return window

    yield open_
    speech.release_hung_engines()
    assert speech.end_workers(HANG_SECONDS + 5)


def test_read_pause_and_stop_answer_at_once_while_the_voice_hangs(hung_window, qtbot):
    window = hung_window("say", "stop")
    read_aloud = window.read_aloud
    said: list[str] = []
    read_aloud.saying.connect(lambda _section, _paragraph, text: said.append(text))
    heartbeat = Heartbeat()
    press(window, qtbot, window.text, Qt.Key.Key_R, CTRL)
    qtbot.waitUntil(lambda: said == ["First section"])  # given to the engine, which hangs
    assert window.text.paragraph_mark() is None  # the title: nothing to mark
    press(window, qtbot, window.text, Qt.Key.Key_R, CTRL | SHIFT)
    assert read_aloud.pause_action.isChecked()
    press(window, qtbot, window.text, Qt.Key.Key_R, CTRL | SHIFT)
    assert not read_aloud.pause_action.isChecked()
    read_aloud.stop_action.trigger()
    assert not read_aloud.reading
    assert not read_aloud.read_action.isChecked()
    qtbot.wait(300)  # the window goes on beating while the engine is stuck in say()
    assert heartbeat.longest_gap() < FROZEN


def test_a_voice_that_hangs_is_given_up_and_the_reader_told(
    hung_window, qtbot, caplog, monkeypatch
):
    from reader.ui import speech

    monkeypatch.setattr(speech, "STALL_SECONDS", 0.3)
    monkeypatch.setattr(speech, "STALL_SECONDS_PER_WORD", 0.0)
    window = hung_window("say")
    heartbeat = Heartbeat()
    with qtbot.waitSignal(window.read_aloud.readingChanged) as started:
        window.read_aloud.read_action.trigger()
    assert started.args == [True]
    with qtbot.waitSignal(window.read_aloud.readingChanged, timeout=3000) as ended:
        pass
    assert ended.args == [False]
    assert "Check that the computer's sound works" in caplog.text
    assert heartbeat.longest_gap() < FROZEN
    caplog.clear()
    window.read_aloud.read_action.trigger()  # not asked again: the call would wait in line
    assert "until Reader is started again" in caplog.text
    assert not window.read_aloud.reading


def test_stop_and_close_answer_at_once_while_the_voices_are_asked_for(hung_window, qtbot):
    window = hung_window("setLocale")
    read_aloud = window.read_aloud
    heartbeat = Heartbeat()
    read_aloud.read_action.trigger()
    assert read_aloud.read_action.isChecked()  # on, waiting for a voice
    assert read_aloud.stop_action.isEnabled()
    qtbot.wait(300)
    read_aloud.stop_action.trigger()  # cancels the wait
    assert not read_aloud.reading
    read_aloud.read_action.trigger()
    window.close()
    qtbot.waitUntil(lambda: not window.isVisible())
    qtbot.wait(300)
    assert heartbeat.longest_gap() < FROZEN


def test_a_service_that_never_answers_is_reported(hung_window, qtbot, caplog, monkeypatch):
    from reader.ui import speech

    monkeypatch.setattr(speech, "CHOICE_SECONDS", 0.5)
    window = hung_window("setLocale")
    heartbeat = Heartbeat()
    with qtbot.waitSignal(window.read_aloud.readingChanged, timeout=3000):
        press(window, qtbot, window.text, Qt.Key.Key_R, CTRL)
    qtbot.waitUntil(lambda: not window.read_aloud.reading, timeout=3000)
    assert "the system's speech service stopped answering" in caplog.text
    assert heartbeat.longest_gap() < FROZEN


def test_switching_language_while_the_voice_hangs_answers_at_once(
    hung_window, qtbot, caplog, monkeypatch
):
    from reader.ui import speech

    monkeypatch.setattr(speech, "CHOICE_SECONDS", 0.5)
    caplog.set_level(logging.WARNING, logger="reader.ui.speech")  # the engine's "say hangs"
    window = hung_window("say", "stop")
    said: list[str] = []
    window.read_aloud.saying.connect(lambda _section, _paragraph, text: said.append(text))
    heartbeat = Heartbeat()
    window.read_aloud.read_action.trigger()
    qtbot.waitUntil(lambda: said == ["First section"])
    # Given to the engine is not yet in it: under load a switch came first, and the
    # engine, not hung yet, answered that it had no Russian voice.
    qtbot.waitUntil(lambda: "say hangs" in caplog.text)
    press(window, qtbot, window.text, Qt.Key.Key_L, CTRL)
    assert window.app.language == "ru"
    assert window.windowTitle() == "Проверка речи"  # the page went on in Russian
    # The engine, still in say(), cannot answer which voice: the reader is told.
    qtbot.waitUntil(lambda: not window.read_aloud.reading, timeout=3000)
    assert "служба синтеза речи в системе перестала отвечать" in caplog.text
    assert heartbeat.longest_gap() < FROZEN
