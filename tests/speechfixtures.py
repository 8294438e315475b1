"""A small bilingual document and a scripted speaker for the Read Aloud tests.

The document is short so Qt's mock engine (a word every 70 ms at the fastest
speed) reads it in a few seconds; its sections have paragraphs and a list.
``ScriptedSpeaker`` stands in for ``reader.ui.speech.Speaker`` where Qt's mock
engine cannot: it has no Russian voice, so a language switch that goes on
speaking is tested through the same seam with an engine that has both.
"""

from __future__ import annotations

import time
from itertools import pairwise
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

MANIFEST = """\
[document]
version = "1.0.0"
edition = 2026-11-27
languages = ["en", "ru"]

[document.title]
en = "Speech test"
ru = "Проверка речи"

[[sections]]
id = "first"

[[sections]]
id = "second"
parent = "first"

[[sections]]
id = "third"
"""

SECTIONS = {
    "en": {
        "first": (
            "# First section\n\nOne two three.\n\nFour five six.\n\n- Seven eight.\n- Nine ten.\n"
        ),
        "second": "# Second section\n\nEleven twelve.\n\nThirteen fourteen.\n",
        "third": "# Third section\n\nFifteen sixteen.\n",
    },
    "ru": {
        "first": (
            "# Первый раздел\n\nОдин два три.\n\nЧетыре пять шесть.\n\n"
            "- Семь восемь.\n- Девять десять.\n"
        ),
        "second": "# Второй раздел\n\nОдиннадцать двенадцать.\n\nТринадцать четырнадцать.\n",
        "third": "# Третий раздел\n\nПятнадцать шестнадцать.\n",
    },
}


def write_document(root: Path, long_section: int = 0) -> Path:
    """The document in ``root``; ``long_section`` more paragraphs at the end of "first"."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "manifest.toml").write_text(MANIFEST, encoding="utf-8")
    for language, sections in SECTIONS.items():
        (root / language).mkdir(exist_ok=True)
        for section_id, text in sections.items():
            if section_id == "first":
                text += "".join(f"\nParagraph {n} of the long part.\n" for n in range(long_section))
            (root / language / f"{section_id}.md").write_text(text, encoding="utf-8")
    return root


class ScriptedSpeaker(QObject):
    """A speaker with an English and a Russian voice whose texts end when the test says."""

    said = Signal()
    failed = Signal(str)
    voiceChosen = Signal(int, str)
    engine = "scripted"
    stalled = False

    def __init__(self, languages: tuple[str, ...] = ("en", "ru")) -> None:
        super().__init__()
        self.languages = languages
        self.texts: list[str] = []  # every text given to say(), in order
        self.stops = 0
        self.speaking = False

    def problem(self) -> str | None:
        return None

    def state(self) -> str:
        return "Speaking" if self.speaking else "Ready"

    def use_language(self, language: str, request: int) -> None:
        """Answers as the engine's thread does: later, by a signal."""
        voice = f"voice-{language}" if language in self.languages else ""
        QTimer.singleShot(0, self, lambda: self.voiceChosen.emit(request, voice))

    def set_rate(self, rate: float) -> None:
        self.rate = rate

    def say(self, text: str) -> None:
        self.texts.append(text)
        self.speaking = True

    def finish(self) -> None:
        """The text being said comes to its end."""
        assert self.speaking
        self.speaking = False
        self.said.emit()

    def pause(self) -> None:
        pass

    def resume(self) -> None:
        pass

    def stop(self) -> None:
        self.stops += 1
        self.speaking = False

    def close(self) -> None:
        self.stop()


class Heartbeat(QObject):
    """Beats every 20 ms in the window's thread: a gap between beats is a frozen window."""

    def __init__(self) -> None:
        super().__init__()
        self.beats: list[float] = []
        self._timer = QTimer(self, interval=20)
        self._timer.timeout.connect(lambda: self.beats.append(time.monotonic()))
        self.beats.append(time.monotonic())
        self._timer.start()

    def longest_gap(self) -> float:
        """The longest time, in seconds, the window's thread did not get round to a beat."""
        beats = [*self.beats, time.monotonic()]
        return max(later - earlier for earlier, later in pairwise(beats))
