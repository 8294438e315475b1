"""``reader --self-test``: what a release needs in order to work, checked in place.

Run on the frozen build, where a missing data file only shows at run time.
Prints one line per check and exits 1 if any failed.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from reader import i18n, resources

__all__ = ["run_self_test"]

REQUIRED_FAMILIES = ("PT Sans", "PT Serif")
DRILL_MESSAGE = "deliberate error raised by reader --self-test to check the crash log"


class SelfTestDrillError(RuntimeError):
    """Raised on purpose inside a slot; finding it in the log is the check."""


def _say(line: str) -> None:
    if sys.stdout is not None:
        print(line, flush=True)


def run_self_test(content: Path | None = None) -> int:
    headless = not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    if headless and sys.platform not in ("win32", "darwin"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from reader.ui import messages

    messages.set_dialogs_enabled(False)
    root = content or resources.content_dir()
    state: dict[str, object] = {}
    failures = 0

    def check(name: str, test: Callable[[], str | None]) -> None:
        nonlocal failures
        started = time.perf_counter()
        try:
            detail = test()
        except Exception as error:  # noqa: BLE001 (reporting is the point)
            failures += 1
            _say(f"FAIL {name}: {type(error).__name__}: {error}")
            return
        elapsed = (time.perf_counter() - started) * 1000
        _say(f"ok   {name}{f' ({detail})' if detail else ''} [{elapsed:.0f} ms]")

    def resources_found() -> str:
        missing = [
            str(path)
            for path in (
                root / "manifest.toml",
                resources.fonts_dir() / "LICENSE.txt",
                resources.icons_dir() / "reader.svg",
            )
            if not path.is_file()
        ]
        for language in i18n.LANGUAGES:
            if language != i18n.DEFAULT_LANGUAGE:
                catalog = resources.locale_dir() / language / "LC_MESSAGES" / "reader.mo"
                if not catalog.is_file():
                    missing.append(str(catalog))
        if missing:
            raise FileNotFoundError(", ".join(missing))
        return str(root)

    def catalogs_load() -> str:
        for language in i18n.LANGUAGES:
            i18n.set_language(language)
        translated = i18n._("&File")
        i18n.set_language(i18n.DEFAULT_LANGUAGE)
        if translated == "&File":
            raise LookupError("the Russian catalog does not translate '&File'")
        return translated

    def app_starts() -> str:
        from reader.ui.application import ReaderApplication

        app = ReaderApplication([sys.argv[0]])
        state["app"] = app
        return app.platformName()

    def fonts_load() -> str:
        families = set(state["app"].families)  # type: ignore[attr-defined]
        missing = [family for family in REQUIRED_FAMILIES if family not in families]
        if missing:
            raise LookupError(f"fonts not loaded: {', '.join(missing)}")
        return ", ".join(sorted(families))

    def qt_translations_load() -> str:
        from PySide6.QtCore import QCoreApplication, QTranslator

        from reader.ui.application import load_qt_translation

        translator = QTranslator()
        if not load_qt_translation(translator, "ru"):
            raise FileNotFoundError("qtbase_ru.qm")
        QCoreApplication.installTranslator(translator)
        text = QCoreApplication.translate("QPlatformTheme", "Cancel")
        QCoreApplication.removeTranslator(translator)
        if text == "Cancel":
            raise LookupError("qtbase_ru does not translate 'Cancel'")
        return text

    def words_hyphenate() -> str:
        from reader import hyphenation

        shown = []
        for language, word in (("en", "international"), ("ru", "международной")):
            positions = hyphenation.load(language)  # the dictionary, not the prebuilt table
            if positions is None or not positions(word):
                raise LookupError(f"no hyphenation dictionary for {language}")
            known = hyphenation.prebuilt_words(language)
            if not known:
                raise LookupError(f"no prebuilt hyphenation table for {language}")
            broken = hyphenation.hyphenate_word(word, language)
            shown.append(f"{broken.replace(hyphenation.SOFT_HYPHEN, '-')} ({known} words ready)")
        return ", ".join(shown)

    def sections_render() -> str:
        from PySide6.QtGui import QTextDocument

        from reader.content import load_document
        from reader.render import render_section

        document = load_document(root)
        state["document"] = document
        count = 0
        for language in document.languages:
            for section_id in document.manifest.ids():
                section = document.section(language, section_id)
                page = QTextDocument()
                page.setHtml(render_section(document, section))
                if not page.toPlainText().strip():
                    raise ValueError(f"{language}/{section_id} renders empty")
                count += 1
        return f"{count} pages"

    def window_opens() -> str:
        from reader.gui import create_window
        from reader.settings import Settings

        app = state["app"]
        scratch = tempfile.TemporaryDirectory(prefix="reader-selftest-")
        state["scratch"] = scratch  # the user's own settings are left alone
        args = argparse.Namespace(lang="en", section=None, content=root)
        window = create_window(args, app, Settings(Path(scratch.name) / "t.ini"))
        if window is None:
            raise RuntimeError("the window did not open")
        app.processEvents()  # type: ignore[attr-defined]
        shown = window.isVisible() and bool(window.text.toPlainText().strip())
        window.set_language("ru")
        app.processEvents()  # type: ignore[attr-defined]
        title = window.windowTitle()
        window.close()
        if not shown:
            raise RuntimeError("the window showed no text")
        return title

    def speech_engines_load() -> str:
        """Read Aloud: every engine plugin loads, and Qt's mock engine says a sentence."""
        from PySide6.QtCore import QCoreApplication, QPluginLoader

        plugins = sorted(
            path
            for folder in QCoreApplication.libraryPaths()
            if (Path(folder) / "texttospeech").is_dir()
            for path in (Path(folder) / "texttospeech").iterdir()
            if path.suffix in (".so", ".dll", ".dylib")
        )
        if not plugins:
            raise FileNotFoundError(
                "no texttospeech plugins in " + os.pathsep.join(QCoreApplication.libraryPaths())
            )
        for plugin in plugins:
            loader = QPluginLoader(str(plugin))
            if not loader.load():
                raise ImportError(f"{plugin.name}: {loader.errorString()}")
        from reader.ui.speech import MOCK_ENGINE, Speaker, available_engines

        engines = available_engines()
        if not [engine for engine in engines if engine != MOCK_ENGINE]:
            raise LookupError(f"no engine for the system's voices (found: {engines})")
        speaker = Speaker(MOCK_ENGINE)  # in a thread of its own: it answers by signals
        voices: list[str] = []
        said: list[bool] = []
        speaker.voiceChosen.connect(lambda _request, voice: voices.append(voice))
        speaker.said.connect(lambda: said.append(True))
        speaker.use_language("en", 1)
        deadline = time.monotonic() + 10
        while not voices and time.monotonic() < deadline:
            state["app"].processEvents()  # type: ignore[attr-defined]
        if not voices or not voices[0]:
            raise LookupError("the mock engine has no English voice")
        speaker.set_rate(1.0)
        speaker.say("Reader reads aloud.")
        while not said and time.monotonic() < deadline:
            state["app"].processEvents()  # type: ignore[attr-defined]
        speaker.close()
        if not said:
            raise TimeoutError("the mock engine did not finish its sentence")
        return ", ".join(engines)

    def errors_are_logged() -> str:
        """An error inside a slot reaches the log, and the event loop goes on."""
        from PySide6.QtCore import QTimer

        from reader import crash

        path = crash.log_path()
        if path is None:
            raise RuntimeError("no crash log (crash.install() did not run or found no folder)")
        marker = f"{DRILL_MESSAGE} [{os.getpid()}-{time.time_ns()}]"
        after: list[bool] = []

        def fail() -> None:
            raise SelfTestDrillError(marker)

        def quiet(record: logging.LogRecord) -> bool:
            return marker not in record.getMessage()

        consoles = [
            handler
            for handler in logging.getLogger().handlers
            if not isinstance(handler, logging.FileHandler)
        ]
        for handler in consoles:  # the drill belongs in the log file, not on the console
            handler.addFilter(quiet)
        try:
            QTimer.singleShot(0, fail)
            QTimer.singleShot(0, lambda: after.append(True))
            deadline = time.monotonic() + 5
            while not after and time.monotonic() < deadline:
                state["app"].processEvents()  # type: ignore[attr-defined]
        finally:
            for handler in consoles:
                handler.removeFilter(quiet)
        for handler in logging.getLogger().handlers:
            handler.flush()
        text = path.read_text(encoding="utf-8", errors="replace")
        if marker not in text or "Traceback" not in text:
            raise LookupError(f"the drill error is not in {path}")
        if not after:
            raise RuntimeError("the event loop stopped after the error")
        return str(path)

    check("resources are found", resources_found)
    check("catalogs load", catalogs_load)
    check("words hyphenate in every language", words_hyphenate)
    check("the application starts", app_starts)
    if "app" in state:
        check("fonts load", fonts_load)
        check("Qt translations for ru load", qt_translations_load)
        check("every section renders in every language", sections_render)
        check("the window opens and closes", window_opens)
        check("speech engines load (Read Aloud)", speech_engines_load)
        check("an unexpected error is logged and Reader goes on", errors_are_logged)
    _say("self-test passed" if not failures else f"self-test FAILED: {failures} check(s)")
    return 1 if failures else 0
