"""View > Read Aloud, with Qt's own mock engine (it reports each word on time, silently).

Qt's mock engine has English voices and no Russian one, which makes it the
engine for "no voice for this language" too. Going on in Russian after a
language switch is tested with ``ScriptedSpeaker`` behind the same seam.
"""

from __future__ import annotations

import logging
import subprocess
import sys

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence

from reader.readaloud import TITLE
from speechfixtures import ScriptedSpeaker, write_document

from .keyboard import CTRL, SHIFT, press

ENGLISH_FIRST = [
    ("first", TITLE, "First section"),
    ("first", 0, "One two three."),
    ("first", 1, "Four five six."),
    ("first", 2, "Seven eight."),
    ("first", 2, "Nine ten."),
]


@pytest.fixture
def reading_window(open_window, tmp_path, qtbot):
    """The window on the small document, reading with Qt's mock engine at the fastest speed."""

    def open_(lang="en", section="first", long_section=0):
        content = write_document(tmp_path / "speech-doc", long_section)
        window = open_window(lang, section=section, content=content)
        window.read_aloud.use_engine("mock")
        window.read_aloud.speed_actions["faster"].trigger()
        return window

    return open_


def record(read_aloud) -> list[tuple[str, int, str]]:
    said: list[tuple[str, int, str]] = []
    read_aloud.saying.connect(
        lambda section, paragraph, text: said.append((section, paragraph, text))
    )
    return said


def start_and_hear(window, qtbot, count: int) -> list[tuple[str, int, str]]:
    """Start reading and wait until ``count`` pieces have begun; all that is said, kept."""
    said = record(window.read_aloud)
    window.read_aloud.read_action.trigger()
    qtbot.waitUntil(lambda: len(said) >= count)
    return said


def read_to_the_end(window, qtbot, timeout=20000) -> None:
    with qtbot.waitSignal(window.read_aloud.readingChanged, timeout=timeout) as stopped:
        pass
    assert stopped.args == [False]


def test_ctrl_r_reads_the_section_from_the_top_in_order(reading_window, qtbot):
    window = reading_window()
    said = record(window.read_aloud)
    with qtbot.waitSignal(window.read_aloud.readingChanged, timeout=20000) as started:
        press(window, qtbot, window.text, Qt.Key.Key_R, CTRL)
    assert started.args == [True]
    assert window.read_aloud.read_action.isChecked()
    read_to_the_end(window, qtbot)
    assert said == ENGLISH_FIRST  # title, paragraphs, the list item by item; not the next section
    assert not window.read_aloud.read_action.isChecked()
    assert window.text.paragraph_mark() is None
    assert window.section_id == "first"


def test_reading_starts_at_the_paragraph_at_the_top_of_the_view(reading_window, qtbot):
    window = reading_window(long_section=30)
    window.resize(700, 330)
    window.text.scroll_to_paragraph(20)
    top = window.position()[1]
    assert top == 20
    said = record(window.read_aloud)
    window.read_aloud.read_action.trigger()
    qtbot.waitUntil(lambda: len(said) >= 1)
    window.read_aloud.stop_action.trigger()
    assert said[0] == ("first", 20, "Paragraph 17 of the long part.")


def test_the_paragraph_being_read_is_marked_and_kept_in_view(reading_window, qtbot):
    window = reading_window(long_section=12)
    window.resize(700, 330)
    pane = window.text
    seen: list[tuple[int, tuple[int, int] | None, bool]] = []

    def check(_section, paragraph, _text):
        if paragraph != TITLE:
            seen.append((paragraph, pane.paragraph_mark(), pane.paragraph_in_view(paragraph)))

    window.read_aloud.saying.connect(check)
    window.read_aloud.read_action.trigger()
    qtbot.waitUntil(lambda: len(seen) >= 1)
    read_to_the_end(window, qtbot, timeout=40000)
    assert [paragraph for paragraph, _mark, _in_view in seen][-1] == 14
    for paragraph, mark, in_view in seen:
        assert mark == (paragraph, paragraph)
        assert in_view, f"paragraph {paragraph} was read out of view"
    assert pane.verticalScrollBar().value() > 0  # the view followed the voice down the page


def test_side_by_side_marks_the_pair(reading_window, qtbot):
    window = reading_window()
    window.side_by_side.action.trigger()
    view = window.side_by_side.view
    marks: list[tuple] = []
    window.read_aloud.saying.connect(
        lambda _s, paragraph, _t: marks.append(
            (paragraph, view.left.paragraph_mark(), view.right.paragraph_mark())
        )
    )
    window.read_aloud.read_action.trigger()
    read_to_the_end(window, qtbot)
    assert [m[0] for m in marks] == [TITLE, 0, 1, 2, 2]
    for paragraph, left, right in marks[1:]:
        assert left == right == (paragraph, paragraph)


def test_pause_holds_the_voice_and_resume_goes_on_where_it_stopped(reading_window, qtbot):
    window = reading_window()
    read_aloud = window.read_aloud
    said = record(read_aloud)
    read_aloud.read_action.trigger()
    qtbot.waitUntil(lambda: len(said) >= 2)  # into the first paragraph
    press(window, qtbot, window.text, Qt.Key.Key_R, CTRL | SHIFT)
    assert read_aloud.pause_action.isChecked()
    qtbot.waitUntil(lambda: read_aloud.speaker.state() == "Paused")
    held = list(said)
    qtbot.wait(500)  # several words' time: a paused voice says nothing more
    assert said == held
    assert read_aloud.speaker.state() == "Paused"
    assert window.text.paragraph_mark() == (0, 0)
    press(window, qtbot, window.text, Qt.Key.Key_R, CTRL | SHIFT)
    assert not read_aloud.pause_action.isChecked()
    read_to_the_end(window, qtbot)
    assert said == ENGLISH_FIRST  # nothing skipped, nothing said twice


def test_stop_ends_reading_and_clears_the_mark(reading_window, qtbot):
    window = reading_window()
    start_and_hear(window, qtbot, 2)
    with qtbot.waitSignal(window.read_aloud.readingChanged):
        window.read_aloud.stop_action.trigger()
    assert window.text.paragraph_mark() is None
    qtbot.waitUntil(lambda: window.read_aloud.speaker.state() == "Ready")  # the engine's thread
    assert not window.read_aloud.stop_action.isEnabled()


def test_the_media_keys_pause_and_stop_and_the_menu_shows_no_key_name(reading_window, qtbot):
    window = reading_window()
    start_and_hear(window, qtbot, 2)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    assert window.read_aloud.stop_action.isEnabled()  # still reading
    qtbot.keyClick(window.text, Qt.Key.Key_MediaTogglePlayPause)
    assert window.read_aloud.pause_action.isChecked()  # paused by the key
    qtbot.keyClick(window.text, Qt.Key.Key_MediaStop)
    assert not window.read_aloud.stop_action.isEnabled()  # stopped by the key, at once
    assert window.read_aloud.stop_action.shortcut().isEmpty()  # «Остановить воспроизведение»
    assert window.read_aloud.pause_action.shortcuts() == [QKeySequence("Ctrl+Shift+R")]


def test_the_whole_document_goes_on_to_the_end(reading_window, qtbot):
    window = reading_window(section="second")
    window.read_aloud.whole_action.trigger()
    said = record(window.read_aloud)
    window.read_aloud.read_action.trigger()
    read_to_the_end(window, qtbot)
    assert said == [
        ("second", TITLE, "Second section"),
        ("second", 0, "Eleven twelve."),
        ("second", 1, "Thirteen fourteen."),
        ("third", TITLE, "Third section"),
        ("third", 0, "Fifteen sixteen."),
    ]
    assert window.section_id == "third"  # the page turned with the voice
    assert window.text.paragraph_mark() is None
    assert not window.read_aloud.read_action.isChecked()


def test_opening_another_section_stops_reading(reading_window, qtbot):
    window = reading_window()
    start_and_hear(window, qtbot, 2)
    with qtbot.waitSignal(window.read_aloud.readingChanged):
        window.show_section("third")
    qtbot.waitUntil(lambda: window.read_aloud.speaker.state() == "Ready")


def test_no_voice_for_the_language_says_so_and_how_to_add_one(reading_window, qtbot, caplog):
    window = reading_window("ru")
    caplog.set_level(logging.ERROR, logger="reader.ui.messages")
    with qtbot.waitSignal(window.read_aloud.readingChanged):  # on, then off
        press(window, qtbot, window.text, Qt.Key.Key_R, CTRL)
    qtbot.waitUntil(lambda: not window.read_aloud.reading)
    message = caplog.text
    assert "В системе не установлен голос для русского языка" in message
    assert "speech-dispatcher-espeak-ng" in message
    assert not window.read_aloud.read_action.isChecked()
    assert window.text.paragraph_mark() is None


class NoServiceSpeaker(ScriptedSpeaker):
    """As the platform's engine is on Linux with no speech-dispatcher installed."""

    def use_language(self, language: str, request: int) -> None:
        QTimer.singleShot(
            0, self, lambda: self.failed.emit("Connection to speech-dispatcher failed")
        )


def test_without_a_speech_service_read_aloud_says_how_to_install_one(reading_window, qtbot, caplog):
    window = reading_window("ru")
    window.read_aloud.use_speaker(NoServiceSpeaker())
    caplog.set_level(logging.ERROR, logger="reader.ui.messages")
    with qtbot.waitSignal(window.read_aloud.readingChanged):  # on, then off
        press(window, qtbot, window.text, Qt.Key.Key_R, CTRL)
    qtbot.waitUntil(lambda: not window.read_aloud.reading)
    assert "служба синтеза речи в системе не работает" in caplog.text
    assert "sudo apt install speech-dispatcher speech-dispatcher-espeak-ng" in caplog.text
    assert not window.read_aloud.read_action.isChecked()


def test_switching_to_a_language_without_a_voice_stops_and_says_so(reading_window, qtbot, caplog):
    window = reading_window()
    start_and_hear(window, qtbot, 2)
    caplog.set_level(logging.ERROR, logger="reader.ui.messages")
    with qtbot.waitSignal(window.read_aloud.readingChanged):
        press(window, qtbot, window.text, Qt.Key.Key_L, CTRL)
    assert "В системе не установлен голос для русского языка" in caplog.text
    qtbot.waitUntil(lambda: window.read_aloud.speaker.state() == "Ready")


def test_switching_language_mid_paragraph_starts_it_again_in_the_new_one(reading_window, qtbot):
    window = reading_window()
    speaker = ScriptedSpeaker()
    window.read_aloud.use_speaker(speaker)
    window.read_aloud.read_action.trigger()
    qtbot.waitUntil(lambda: speaker.speaking)  # once the voice is chosen
    speaker.finish()  # the title
    speaker.finish()  # paragraph 0
    assert speaker.texts[-1] == "Four five six."  # paragraph 1, half said
    press(window, qtbot, window.text, Qt.Key.Key_L, CTRL)
    assert speaker.stops >= 1
    qtbot.waitUntil(lambda: speaker.texts[-1] == "Четыре пять шесть.")  # the same paragraph
    assert window.text.paragraph_mark() == (1, 1)
    speaker.finish()
    speaker.finish()
    speaker.finish()
    assert speaker.texts == [
        "First section",
        "One two three.",
        "Four five six.",
        "Четыре пять шесть.",
        "Семь восемь.",
        "Девять десять.",
    ]
    assert not window.read_aloud.reading


def test_a_voice_that_never_finishes_stops_reading_and_says_so(
    reading_window, qtbot, caplog, monkeypatch
):
    from reader.ui import speech

    monkeypatch.setattr(speech, "STALL_SECONDS", 0.05)  # far less than the mock's words take
    monkeypatch.setattr(speech, "STALL_SECONDS_PER_WORD", 0.01)
    window = reading_window()
    window.read_aloud.speed_actions["slow"].trigger()
    caplog.set_level(logging.ERROR, logger="reader.ui.messages")
    with qtbot.waitSignal(window.read_aloud.readingChanged) as started:
        window.read_aloud.read_action.trigger()
    assert started.args == [True]
    read_to_the_end(window, qtbot)
    assert "Check that the computer's sound works" in caplog.text
    assert not window.read_aloud.read_action.isChecked()
    assert window.text.paragraph_mark() is None
    caplog.clear()
    window.read_aloud.read_action.trigger()  # the service is not asked again: it could hang
    assert "until Reader is started again" in caplog.text
    assert not window.read_aloud.reading


def test_speed_has_four_steps_and_is_remembered(reading_window, qtbot, settings_path):
    window = reading_window()
    menu = window.read_aloud.speed_menu
    assert len(menu.actions()) == 4
    window.read_aloud.speed_actions["slow"].trigger()
    window.read_aloud.read_action.trigger()
    window.read_aloud.stop_action.trigger()
    from reader import settings

    assert settings.Settings(settings_path).get(settings.READ_ALOUD_SPEED) == "slow"


def test_the_menu_toolbar_and_keys_in_both_languages(reading_window, qtbot):
    window = reading_window()
    read_aloud = window.read_aloud
    assert read_aloud.menu.menuAction() in window.view_menu.actions()
    assert read_aloud.read_action in window.comfort.toolbar.actions()
    assert read_aloud.read_action.toolTip() == "Read aloud (Ctrl+R)"
    window.set_language("ru")
    assert read_aloud.menu.title() == "Чтение &вслух"
    assert read_aloud.read_action.toolTip() == "Читать вслух (Ctrl+R)"


def test_opening_the_window_does_not_load_the_speech_engine(tmp_path):
    script = (
        "import sys, argparse\n"
        "from pathlib import Path\n"
        "from reader.ui.application import ReaderApplication\n"
        "from reader.gui import create_window\n"
        "from reader.settings import Settings\n"
        "app = ReaderApplication(['reader'])\n"
        "args = argparse.Namespace(lang='en', section=None, content=None)\n"
        f"window = create_window(args, app, Settings(Path({str(tmp_path / 's.ini')!r})))\n"
        "app.processEvents()\n"
        "print(window.read_aloud.read_action.text())\n"
        "print(sorted(m for m in sys.modules if 'Speech' in m or 'Multimedia' in m))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=120,
        env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-2:] == ["&Read Aloud", "[]"]
