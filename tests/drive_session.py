"""A whole reading session, driven without a person: run by tests/test_offline.py.

``python tests/drive_session.py CONTENT OUT`` opens the real window on CONTENT,
reads every section in both languages, clicks every link in them (and says
no when asked to open a web address), shows the side-by-side view, reads
aloud in both languages with the system's own speech engine (speech-dispatcher
on Linux), searches and exports a PDF in each language, then writes what it did to
OUT/summary.json. The test runs it under ``strace`` and reads the trace.

Python-level sockets are also caught here, by an audit hook, so the check
still means something where strace is missing.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

NETWORK_FAMILIES = {int(socket.AF_INET), int(socket.AF_INET6)}
attempts: list[str] = []


def _audit(event: str, args: tuple) -> None:
    if event in ("socket.getaddrinfo", "urllib.Request"):
        family = socket.AF_INET  # a name lookup or a web request is network use in itself
    elif event == "socket.__new__":
        family = args[1]
    elif event in ("socket.connect", "socket.bind", "socket.sendto"):
        family = getattr(args[0], "family", -1)
    else:
        return
    if int(family) in NETWORK_FAMILIES:
        attempts.append(f"{event}{args[1:]!r}")


def main() -> int:
    content, out = Path(sys.argv[1]), Path(sys.argv[2])
    sys.addaudithook(_audit)

    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QDesktopServices

    from reader import crash
    from reader.gui import create_window
    from reader.i18n import LANGUAGES
    from reader.settings import Settings
    from reader.ui import messages
    from reader.ui.application import ReaderApplication

    crash.install()
    messages.set_dialogs_enabled(False)  # asked to open a web address, the answer is no
    opened: list[str] = []
    QDesktopServices.openUrl = lambda url: opened.append(url.toString()) or True  # type: ignore[method-assign]
    app = ReaderApplication(["reader"])
    args = argparse.Namespace(lang="en", section=None, content=content)
    window = create_window(args, app, Settings(out / "settings.ini"))
    if window is None:
        return 3

    def settle() -> None:
        for _ in range(3):
            app.processEvents()

    summary: dict[str, object] = {"pages": {}, "links": [], "side_by_side": []}
    ids = window.document.manifest.ids()
    for language in LANGUAGES:
        window.language_actions[language].trigger()
        settle()
        for section_id in ids:
            window.show_section(section_id)
            settle()
            pane = window.text
            summary["pages"][f"{language}/{section_id}"] = pane.toPlainText()  # type: ignore[index]
            for href in _anchor_hrefs(pane):
                pane.anchorClicked.emit(QUrl(href))
                settle()
                summary["links"].append(href)  # type: ignore[union-attr]
            window.show_section(section_id)

    window.side_by_side.action.trigger()
    for section_id in ids:
        window.show_section(section_id)
        settle()
        summary["side_by_side"].append(window.side_by_side.active)  # type: ignore[union-attr]
    window.side_by_side.action.trigger()

    summary["read_aloud"] = _read_aloud(window, app)
    summary["search"] = _search(window, app)
    summary["export"] = _export(window, out)
    summary["opened_urls"] = opened
    summary["network_attempts"] = attempts
    window.close()
    settle()
    (out / "summary.json").write_text(json.dumps(summary, ensure_ascii=False), encoding="utf-8")
    return 0


def _anchor_hrefs(pane) -> list[str]:
    hrefs: list[str] = []
    block = pane.document().begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            href = iterator.fragment().charFormat().anchorHref()
            if href and href not in hrefs:
                hrefs.append(href)
            iterator += 1
        block = block.next()
    return hrefs


def _search(window, app) -> dict[str, int]:
    """Searches both languages through the search panel, as a person would."""
    from PySide6.QtCore import QEventLoop

    queries = ("OSCE", "ООН", "security", "безопасности")
    panel = window.search_panel
    found: dict[str, int] = {}
    panel.open_panel()
    panel.both_languages.setChecked(True)
    for query in queries:
        panel.field.setText(query)
        panel.run_search()
        deadline = time.monotonic() + 30
        while panel.pending() and time.monotonic() < deadline:
            app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 100)
        panel.run_search()
        found[query] = panel.model.rowCount()
    panel.dismiss()
    return found


def _read_aloud(window, app) -> dict[str, dict[str, object]]:
    """Read Aloud in each language with the platform's engine: what it did, or why not."""
    read_aloud = window.read_aloud
    heard: list[str] = []
    read_aloud.saying.connect(lambda _section, _paragraph, text: heard.append(text))
    done: dict[str, dict[str, object]] = {}
    for language in window.document.languages:
        window.language_actions[language].trigger()
        window.show_section(window.document.manifest.ids()[0])
        heard.clear()
        started = read_aloud.start()
        deadline = time.monotonic() + 15
        while read_aloud.reading and len(heard) < 2 and time.monotonic() < deadline:
            app.processEvents()
            time.sleep(0.01)
        speaker = read_aloud.speaker
        done[language] = {
            "started": started,
            "engine": speaker.engine if speaker is not None else None,
            "said": list(heard),
        }
        read_aloud.stop()
    return done


def _export(window, out: Path) -> list[int]:
    """The whole document as a PDF in each language, through File › Export as PDF."""
    printing = window.printing
    sizes: list[int] = []
    for language in window.document.languages:
        window.language_actions[language].trigger()
        target = out / f"document-{language}.pdf"
        if printing.export_pdf(printing.job(whole_document=True), target):
            sizes.append(target.stat().st_size)
    return sizes


if __name__ == "__main__":
    sys.exit(main())
