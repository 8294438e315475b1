"""Start the window: settings, language, document, then the event loop."""

from __future__ import annotations

import gc
import logging
import os
import sys
from typing import TYPE_CHECKING

from reader import i18n, resources, settings
from reader.content import ContentError, Document, load_document

if TYPE_CHECKING:
    import argparse
    from types import SimpleNamespace

    from PySide6.QtWidgets import QWidget

    # argparse's, or reader.cli's own for a plain start (no argparse loaded)
    Arguments = argparse.Namespace | SimpleNamespace

__all__ = ["create_window", "run_gui"]

log = logging.getLogger(__name__)


def _first_language(args: Arguments, store: settings.Settings, preferred: str = "") -> str:
    if args.lang:
        return args.lang
    stored = preferred or store.get(settings.LANGUAGE)
    if stored:
        return stored
    from PySide6.QtCore import QLocale

    return i18n.system_language(QLocale.system().name())


def _refuse_if_nothing_readable(document: Document) -> None:
    """A document none of whose sections can be read is refused, not shown blank."""
    first = None
    for section_id in document.manifest.ids():
        for language in document.languages:
            problem = document.problem(language, section_id)
            if problem is None:
                return
            first = first or problem
    if first is not None:
        raise ContentError(first)


def create_window(args: Arguments, app, store: settings.Settings | None = None):
    """Build the main window as the command line and settings say.

    Returns None (after telling the person) if the document cannot be opened.
    """
    from reader.ui import messages
    from reader.ui.mainwindow import MainWindow

    stand_config = None
    if getattr(args, "kiosk", False):  # stand mode: reader.ui.stand
        from reader.standconfig import load_stand_config
        from reader.ui.stand import visitor_store

        stand_config = load_stand_config(getattr(args, "idle", None))
        store = visitor_store(stand_config)  # in memory: nothing a visitor does is written
    store = store or settings.Settings()
    language = _first_language(args, store, stand_config.language if stand_config else "")
    try:
        app.set_language(language)
    except OSError as error:
        log.error("Translations for %s are missing: %s", language, error)
        app.set_language(i18n.DEFAULT_LANGUAGE)

    root = args.content or resources.content_dir()
    try:
        document: Document = load_document(root)
        _refuse_if_nothing_readable(document)
    except ContentError as error:
        app.set_icon()  # no window comes to be given it
        messages.show_fatal(
            i18n._("The document cannot be opened"),
            i18n._("Reader could not open the document:") + "\n\n" + str(error),
        )
        return None

    window = MainWindow(app, document, store)
    if stand_config is not None:
        _start_stand(window, stand_config)
        app.after_first_frame(first_screen(window), app.set_icon)
        return window
    window.restore_state()
    section, paragraph, fraction = store.get(settings.SECTION), 0, 0.0
    if section and document.manifest.entry(section) is not None:
        paragraph, fraction = store.get(settings.PARAGRAPH), store.get(settings.OFFSET)
    elif section:
        log.warning("Stored section %r is not in the document; starting at the top", section)
        section = ""
    if args.section:
        if document.manifest.entry(args.section) is None:
            messages.show_error(
                i18n._("Section not found"),
                i18n._("The document has no section “{id}”.").format(id=args.section),
            )
        else:
            section, paragraph, fraction = args.section, 0, 0.0
    window.show()
    window.show_section(section or document.manifest.ids()[0], paragraph, fraction, first=True)
    app.after_first_frame(first_screen(window), app.set_icon)
    return window


def first_screen(window) -> QWidget:
    """What paints first: the window (it does in every frame), or the stand's welcome
    screen, which covers it."""
    start = window.start_page
    return start.welcome if start.showing else window


def _start_stand(window, config) -> None:
    from reader.ui import messages
    from reader.ui.stand import Stand

    for problem in config.messages():
        print(problem, file=sys.stderr)
        messages.show_error(i18n._("Stand settings"), problem)
    Stand(window, config, window.app.language).start()


def _end_on_signals(app, window) -> None:
    from reader.ui.shutdown import end_on_signals

    end_on_signals(app, window.save_state)


def run_gui(args: Arguments) -> int:
    from reader.ui import messages
    from reader.ui.application import ReaderApplication

    messages.set_dialogs_enabled(not args.no_error_dialogs)
    app = ReaderApplication(sys.argv[:1])
    try:
        window = create_window(args, app)
    except Exception as error:  # noqa: BLE001 (the window never opened: say so, then stop)
        from reader import crash

        app.set_icon()
        crash.report_exception(type(error), error, error.__traceback__, fatal=True)
        return 1
    if window is None:
        return 1
    # A shutdown or kill keeps the place too, once there is a place to keep.
    app.after_first_frame(first_screen(window), lambda: _end_on_signals(app, window))
    if os.environ.get("READER_FIRST_PAINT_FILE"):  # make bench: see reader.ui.firstpaint
        from reader.ui.firstpaint import watch_first_paint

        start = window.start_page  # a stand opens on its welcome screen
        watch_first_paint(
            window, start.welcome if start.showing else window.side_by_side.reading_pane()
        )
    # What start-up made lives as long as the window: later collections leave it be.
    gc.freeze()
    gc.enable()
    code = app.exec()
    speech = sys.modules.get("reader.ui.speech")  # loaded once Read Aloud was used
    if speech is not None:
        speech.end_process_if_hung(code)  # a hung speech service must not hold the exit
    return code
