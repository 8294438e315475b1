"""The one place that knows where the reader's files are.

Installed wheels and frozen builds carry their data in ``reader/data/`` next to
this module (PyInstaller keeps ``__file__`` pointing inside the bundle); a
source checkout uses ``resources/`` and ``translations/`` at the top of the
repository. User files (logs) go to the platform's per-user folder, never next
to the program.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

__all__ = [
    "content_dir",
    "fonts_dir",
    "hyphenation_table",
    "icons_dir",
    "is_frozen",
    "licence_file",
    "licenses_dir",
    "locale_dir",
    "prebuilt_manifests_dir",
    "prebuilt_search_index",
    "pyside_code_cache",
    "user_cache_dir",
    "user_config_dir",
    "user_log_dir",
]

APP_DIR_NAME = "reader"
_PACKAGE = Path(__file__).resolve().parent
_BUNDLED = _PACKAGE / "data"
_REPO = _PACKAGE.parents[1]


def is_frozen() -> bool:
    return bool(getattr(sys, "frozen", False))


def _pick(bundled: str, source: Path) -> Path:
    candidate = _BUNDLED / bundled
    return candidate if candidate.exists() or not source.exists() else source


def content_dir() -> Path:
    """The bundled document."""
    return _pick("content", _REPO / "resources" / "content")


def fonts_dir() -> Path:
    return _pick("fonts", _REPO / "resources" / "fonts")


def icons_dir() -> Path:
    return _pick("icons", _REPO / "resources" / "icons")


def licenses_dir() -> Path:
    """The licence texts of everything shipped, and components.toml listing them."""
    return _pick("licenses", _REPO / "resources" / "licenses")


def licence_file(name: str) -> Path:
    """A licence text named in components.toml; the code's LICENSE is at the top of a checkout."""
    path = licenses_dir() / name
    return path if path.exists() or not (_REPO / name).is_file() else _REPO / name


def locale_dir() -> Path:
    """Compiled gettext catalogs: ``<dir>/<lang>/LC_MESSAGES/reader.mo``."""
    return _pick("locale", _REPO / "translations")


def prebuilt_search_index() -> Path:
    """The search index of the bundled document and the word-form lexicon, made at build time.

    A source checkout has it where ``make search-index`` writes it.
    """
    return _pick("search.sqlite3", _REPO / "build" / "search" / "search.sqlite3")


def prebuilt_manifests_dir() -> Path:
    """The bundled document's manifest, checked and kept as plain data (reader.manifestcache)."""
    return _pick("manifests", _REPO / "build" / "search" / "manifests")


def hyphenation_table() -> Path:
    """The bundled text's words with their break points (reader.hyphenation.write_table).

    Made with the search index; a source checkout has it where ``make
    search-index`` writes it.
    """
    return _pick("hyphenation.marshal", _REPO / "build" / "search" / "hyphenation.marshal")


def pyside_code_cache() -> Path:
    """PySide's embedded modules compiled at build time, for this Python (reader.qtload)."""
    from reader.qtload import cache_name

    name = cache_name()
    return _pick(name, _REPO / "build" / "search" / name)


def user_log_dir() -> Path:
    """Where logs go: per user, writable, outside the install folder."""
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
        return base / APP_DIR_NAME / "logs"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Logs" / APP_DIR_NAME
    base = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(base) / APP_DIR_NAME


def user_config_dir() -> Path:
    """Where settings go: per user, outside the install folder."""
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming")
        return base / APP_DIR_NAME
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Preferences" / APP_DIR_NAME
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / APP_DIR_NAME


def user_cache_dir() -> Path:
    """Where rebuildable files go (the search index): per user, safe to delete."""
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
        return base / APP_DIR_NAME / "cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / APP_DIR_NAME
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / APP_DIR_NAME
