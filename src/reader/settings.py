"""Every stored setting, declared once with its type and default.

A stored value of the wrong type, or one its check refuses, falls back to the
default and is logged: a damaged settings file never stops the reader.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

from PySide6.QtCore import QByteArray, QSettings

from reader import resources
from reader.i18n import LANGUAGES
from reader.textsize import DEFAULT_SIZE, valid_size
from reader.themes import SYSTEM, THEME_CHOICES

__all__ = [
    "GEOMETRY",
    "JUSTIFY",
    "LANGUAGE",
    "OFFSET",
    "PARAGRAPH",
    "READ_ALOUD_SPEED",
    "READ_WHOLE_DOCUMENT",
    "SEARCH_BOTH",
    "SECTION",
    "SPLITTER",
    "TEXT_SIZE",
    "THEME",
    "TOOLBAR",
    "VIEW_PARALLEL",
    "Settings",
]

log = logging.getLogger(__name__)
SETTINGS_FILE = "reader.ini"


class Setting(NamedTuple):
    key: str
    type: type
    default: Any
    valid: Callable[[Any], bool] = lambda value: True


LANGUAGE = Setting("language", str, "", lambda value: value in LANGUAGES)
SECTION = Setting("position/section", str, "")
PARAGRAPH = Setting("position/paragraph", int, 0, lambda value: 0 <= value < 1_000_000)
OFFSET = Setting("position/offset", float, 0.0, lambda value: 0.0 <= value <= 1.0)
GEOMETRY = Setting("window/geometry", QByteArray, QByteArray())
SPLITTER = Setting("window/splitter", QByteArray, QByteArray())
TEXT_SIZE = Setting("view/text_size", int, DEFAULT_SIZE, valid_size)
THEME = Setting("view/theme", str, SYSTEM, lambda value: value in THEME_CHOICES)
TOOLBAR = Setting("view/toolbar", bool, True)
VIEW_PARALLEL = Setting("view/parallel", bool, False)  # View > Side by Side
JUSTIFY = Setting("view/justify", bool, False)  # View > Justify Text
SEARCH_BOTH = Setting("search/both_languages", bool, False)
# View > Read Aloud; the names are reader.readaloud.SPEEDS'.
READ_ALOUD_SPEED = Setting("speech/speed", str, "normal")
READ_WHOLE_DOCUMENT = Setting("speech/whole_document", bool, False)


class Settings:
    """Typed access to the user's settings file."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or resources.user_config_dir() / SETTINGS_FILE
        self._store = QSettings(str(self.path), QSettings.Format.IniFormat)
        if self._store.status() != QSettings.Status.NoError:
            log.warning("Settings file %s could not be read; using defaults", self.path)

    def get(self, setting: Setting) -> Any:
        if not self._store.contains(setting.key):
            return setting.default
        raw = self._store.value(setting.key)
        try:
            value = self._convert(raw, setting.type)
            if not setting.valid(value):
                raise ValueError(value)
        except (TypeError, ValueError):
            log.warning("Ignoring stored %s=%r: not a valid value", setting.key, raw)
            return setting.default
        return value

    def set(self, setting: Setting, value: Any) -> None:
        self._store.setValue(setting.key, value)

    def sync(self) -> None:
        self._store.sync()
        status = self._store.status()
        if status == QSettings.Status.FormatError:
            # Met while reading a damaged file, and kept by Qt for good: the file has
            # just been written whole, so a fresh QSettings tells later writes apart.
            log.warning(
                "Settings file %s was damaged; rewritten with what could be read", self.path
            )
            self._store = QSettings(str(self.path), QSettings.Format.IniFormat)
        elif status != QSettings.Status.NoError:
            log.warning("Settings could not be written to %s", self.path)

    @staticmethod
    def _convert(raw: Any, kind: type) -> Any:
        if kind is QByteArray:
            if isinstance(raw, QByteArray):
                return raw
            raise TypeError(raw)
        if kind is bool:
            if isinstance(raw, bool):
                return raw
            if str(raw).lower() in ("true", "false"):
                return str(raw).lower() == "true"
            raise ValueError(raw)
        if kind is str and not isinstance(raw, str):
            raise TypeError(raw)  # str() would accept anything, a QPoint or a list
        if isinstance(raw, (list, dict, QByteArray)):
            raise TypeError(raw)
        return kind(raw)
