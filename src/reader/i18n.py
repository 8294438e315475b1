"""Translations: ``_``, ``N_``, ``ngettext`` and the current language.

Strings are looked up each time ``_`` is called, never bound at import, so a
widget's ``retranslate()`` picks up a language switch at once.
"""

from __future__ import annotations

import contextlib
import gettext
import os
from typing import TYPE_CHECKING

from reader import resources

if TYPE_CHECKING:
    import datetime as dt  # only named: a date comes from the manifest

__all__ = [
    "DEFAULT_LANGUAGE",
    "LANGUAGES",
    "N_",
    "_",
    "current_language",
    "format_date",
    "gettext_in",
    "language_name",
    "ngettext",
    "set_language",
    "system_language",
]

DOMAIN = "reader"
DEFAULT_LANGUAGE = "en"
LANGUAGES = ("en", "ru")
# Each language's name written in that language: a reader who does not know
# the current one still finds their own.
_NATIVE_NAMES = {"en": "English", "ru": "Русский"}

# Where Russian is widely read, it is a better first language than English:
# Belarus, Ukraine, Central Asia, the Caucasus, Russia's other languages.
_READ_RUSSIAN = {
    "be", "uk", "kk", "ky", "tg", "tk", "uz", "az", "hy", "ka", "mo",
    "tt", "ba", "cv", "ce", "os", "sah", "udm", "kv", "mhr", "myv",
}  # fmt: skip
_FALLBACKS = dict.fromkeys(_READ_RUSSIAN, "ru")

_translation: gettext.NullTranslations = gettext.NullTranslations()
_language = DEFAULT_LANGUAGE
_catalogs: dict[str, gettext.NullTranslations] = {}  # each language's, once read


def _(message: str) -> str:
    return _translation.gettext(message)


def N_(message: str) -> str:
    """Mark a string for extraction; translate it later with ``_``."""
    return message


def ngettext(singular: str, plural: str, count: int) -> str:
    return _translation.ngettext(singular, plural, count)


def gettext_in(language: str, message: str) -> str:
    """``message`` in ``language``, whatever the current one (a screen that shows both)."""
    if language == DEFAULT_LANGUAGE or language not in LANGUAGES:
        return message
    try:
        catalog = _catalog(language)
    except OSError:  # shown as written, as gettext does without a catalog
        return message
    return catalog.gettext(message)


def _catalog(language: str) -> gettext.NullTranslations:
    """``language``'s catalog, read from the one place the build puts it.

    Not ``gettext.translation``: its search normalises the language through
    the ``locale`` module and copies what it finds, 1–2 ms of a start in
    Russian, and of the stand's welcome screen, which asks in every language.
    Raises OSError (FileNotFoundError) if the file is missing.
    """
    catalog = _catalogs.get(language)
    if catalog is None:
        path = resources.locale_dir() / language / "LC_MESSAGES" / f"{DOMAIN}.mo"
        with path.open("rb") as handle:
            catalog = _catalogs[language] = gettext.GNUTranslations(handle)
    return catalog


def language_name(language: str) -> str:
    return _NATIVE_NAMES.get(language, language)


def current_language() -> str:
    return _language


def set_language(language: str) -> None:
    """Switch the catalog used by ``_``; unknown languages fall back to English.

    Raises FileNotFoundError if a supported language's catalog is missing, so
    a broken build is noticed rather than silently shown in English.
    """
    global _translation, _language
    if language not in LANGUAGES:
        language = DEFAULT_LANGUAGE
    english = language == DEFAULT_LANGUAGE
    _translation = gettext.NullTranslations() if english else _catalog(language)
    _language = language


def system_language(platform_locale: str = "") -> str:
    """The supported language closest to the user's locale (e.g. ``ru_RU``).

    A ``be_BY`` or ``uk_UA`` system starts in Russian, an unknown one in English.
    """
    candidates = [platform_locale]
    candidates += [os.environ.get(name, "") for name in ("LC_ALL", "LC_MESSAGES", "LANG")]
    for value in candidates:
        found = _language_of(value)
        if found:
            return found
    import locale  # the last resort (1 ms to load): Qt and the environment said nothing

    with contextlib.suppress(ValueError):
        return _language_of(locale.getlocale()[0] or "") or DEFAULT_LANGUAGE
    return DEFAULT_LANGUAGE


def _language_of(value: str) -> str:
    """``ru_RU.UTF-8`` -> ``ru``; a language Reader lacks -> its fallback; nothing -> ""."""
    code = value.split(".")[0].split("_")[0].lower()
    if code in LANGUAGES or not code:
        return code
    return _FALLBACKS.get(code, DEFAULT_LANGUAGE)


def format_date(date: dt.date, language: str | None = None) -> str:
    """A date written the way the reader's language writes it (Babel)."""
    from babel.dates import format_date as babel_format_date

    return babel_format_date(date, format="long", locale=language or _language)
