"""Offscreen Qt, isolated user folders, and a way to open the real window."""

from __future__ import annotations

import argparse
import os
import shutil
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest

from reader import resources

REPO = Path(__file__).resolve().parents[1]
# The English source text the document was made from (seed 000_394a945f9ac4ec2f),
# kept in the repository so that any clone can check the content against it.
SEED = Path(__file__).with_name("fixtures") / "seed-en.txt"


@pytest.fixture(scope="session", autouse=True)
def prebuilt_search_index() -> Path:
    """The search index and lexicon the build makes (``make search-index``), made if missing."""
    from reader.content import load_document
    from reader.searchbuild import write_prebuilt
    from reader.searchstore import open_prebuilt

    path = resources.prebuilt_search_index()
    current = open_prebuilt(load_document(resources.content_dir()))
    if current is not None:
        current.close()
        return path
    return write_prebuilt(path)


def seen(text: str) -> str:
    """Text as a reader sees it: soft hyphens unseen, no-break spaces and hyphens plain."""
    return text.replace("\xad", "").replace("\xa0", " ").replace("\u2011", "-")


@pytest.fixture(autouse=True)
def user_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Settings and logs of each test go to its own folder, never the real ones."""
    home = tmp_path / "home"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / "state"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    return home


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    """A writable copy of the bundled content, to break on purpose."""
    target = tmp_path / "content"
    shutil.copytree(resources.content_dir(), target)
    return target


@pytest.fixture(scope="session", autouse=True)
def hyphenation_loaded() -> None:
    """Every page is hyphenated, as the window's is once it has settled.

    (The bundled text's words come with their breaks; other words, once the
    window has loaded the dictionaries just after showing a page that needs
    them. Tests look at the page as a person sees it from then on;
    tests/ui/test_typesetting.py looks at a reader just started.)
    """
    from reader import hyphenation

    hyphenation.warm_up()


@pytest.fixture(scope="session")
def qapp_cls():
    from reader.ui.application import ReaderApplication

    return ReaderApplication


@pytest.fixture
def settings_path(user_folders: Path) -> Path:
    return user_folders / "config" / "reader" / "reader.ini"


@pytest.fixture
def open_window(qapp, qtbot, settings_path):
    """Open the real main window as ``reader [--lang] [--section] [--content]`` would."""
    from reader.gui import create_window
    from reader.settings import Settings
    from reader.ui import messages

    messages.set_dialogs_enabled(False)

    def open_(
        lang: str | None = "en",
        section: str | None = None,
        content: Path | None = None,
        settled: bool = True,
    ):
        if lang is None:
            # A first run follows the system; the app keeps its last language otherwise.
            qapp._language = ""
        args = argparse.Namespace(lang=lang, section=section, content=content)
        window = create_window(args, qapp, Settings(settings_path))
        assert window is not None
        qtbot.addWidget(window)
        qtbot.waitExposed(window)
        if settled:  # ready as a person finds it: the first page shown, fingers taken
            qtbot.waitUntil(lambda: window.comfort.touch.covers(window.tree))
        return window

    yield open_
    messages.set_dialogs_enabled(True)
