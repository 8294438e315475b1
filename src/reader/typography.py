"""Typesetting at render time: no-break spaces and soft hyphens, by language.

The source files hold ordinary spaces so that editors type and diff plain
text; what a page needs to look set rather than typed is added here, for the
screen, print and the PDF alike (docs/translation.md lists the rules):

- Russian: a short word (в, к, с, и, на, по, не…) is bound to the word after
  it, so no line ends with it; «же», «ли», «бы» to the word before.
- Both languages: a no-break space before a dash; a number bound to the word
  or unit after it («2005 года», «XXI веке», "60th session"), and to its
  ending by a no-break hyphen («60‑й»); initials bound to each other and to
  the surname («А. Г. Лукашенко»); a short abbreviation to the next one
  («ГА ООН»).
- Soft hyphens at the breaks of the language's hyphenation dictionary, but
  not in a paragraph's last word.

Works on the HTML that ``reader.markdown.render_inline`` makes: tags and
character entities are set aside, the rules run on the text between them
(across tags, so «и <a>ДН</a>» is bound too), then everything is put back.
"""

from __future__ import annotations

import re

from reader import hyphenation

__all__ = ["NBSP", "NB_HYPHEN", "hyphenate_text", "script_words", "typeset", "typeset_text"]

NBSP = "\u00a0"
NB_HYPHEN = "\u2011"  # PT Serif and PT Sans have it
_TAG = "\x01"  # stands for a tag: neither a letter nor a space
_ENTITY = "\x02"  # stands for an entity such as &amp;: like punctuation
_MARKUP = re.compile(r"<[^>]*>|&#?\w+;")

_DASH = re.compile(r" (?=[\x01]*[—–](?:\s|$))")
_CYRILLIC_SHORT = re.compile(r"(?<![\w\-.])([а-яёА-ЯЁ][а-яё]?) (?=[\x01«„(\"]*[\w\d])")
_CYRILLIC_AFTER = re.compile(r"(?<=\w) (?=(?:же|ли|ль|бы|б)(?!\w))")
_ENGLISH_SHORT = re.compile(r"(?<![\w\-.'’])([aAI]) (?=[\x01“‘(\"]*\w)")
# 2005 года, 61 процент, 60-й сессии, 60th session, 5 km; XXI веке.
_NUMBER = re.compile(
    r"(?<![\w.,])(\d+(?:[.,]\d+)?(?:-[а-яё]{1,3}|st|nd|rd|th)?) (?=[\x01]*[^\W\d_])"
)
_NUMBER_ENDING = re.compile(r"(?<=\d)-(?=[а-яё]{1,3}(?![\w-]))")
_ROMAN = re.compile(r"(?<![\w.])([IVXLCDM]{1,7}) (?=[\x01]*[а-яёa-z])")
# А. Г. Лукашенко; J. F. Kennedy.
_INITIAL = re.compile(r"(?<![\w.])([A-ZА-ЯЁ]\.) (?=[\x01]*[A-ZА-ЯЁ])")
# An abbreviation that names a body with the next one: «ГА ООН».
_ABBREVIATIONS = re.compile(r"(?<![\w.])([А-ЯЁA-Z]{2,3}) (?=[\x01]*[А-ЯЁA-Z]{2,}(?![\w-]))")
_WORD = re.compile(r"([^\W\d_]+)")  # a group: split() keeps the words, at odd places
_CHUNK = re.compile(r"[^\s\xa0]+")
_ADDRESS = re.compile(r"://|@|/|\w\.\w")


def typeset_text(text: str, language: str, hyphenate: bool = True) -> str:
    """Plain text set for ``language`` (markup placeholders pass through)."""
    text = _DASH.sub(NBSP, text)
    text = _NUMBER.sub(rf"\1{NBSP}", text)
    text = _NUMBER_ENDING.sub(NB_HYPHEN, text)
    text = _ROMAN.sub(rf"\1{NBSP}", text)
    text = _INITIAL.sub(rf"\1{NBSP}", text)
    text = _ABBREVIATIONS.sub(rf"\1{NBSP}", text)
    if language == "ru":
        text = _CYRILLIC_SHORT.sub(rf"\1{NBSP}", text)
        text = _CYRILLIC_AFTER.sub(NBSP, text)
    elif language == "en":
        text = _ENGLISH_SHORT.sub(rf"\1{NBSP}", text)
    if hyphenate:
        text = hyphenate_text(text, keep_last=True)
    return text


def hyphenate_text(text: str, keep_last: bool = False) -> str:
    """Soft hyphens in every word of ``text``, by the dictionary of the word's script.

    ``keep_last``: the last word stays whole, so a paragraph never ends on a
    line holding two letters («миграци-» / «ей.»).
    """
    if _ADDRESS.search(text) is not None:  # a URL, a mail, a file name stays whole
        last = next(reversed(list(_WORD.finditer(text))), None) if keep_last else None
        if last is None:
            return _CHUNK.sub(_hyphenated_chunk, text)
        return _CHUNK.sub(_hyphenated_chunk, text[: last.start()]) + text[last.start() :]
    pieces = _WORD.split(text)  # a paragraph's words in one call
    end = len(pieces) - 2 if keep_last else len(pieces)
    pieces[1:end:2] = hyphenation.hyphenate_words(pieces[1:end:2])
    return "".join(pieces)


def _hyphenated_chunk(match: re.Match[str]) -> str:
    """The words of a run without spaces; an address (a URL, a mail, a file name) stays whole."""
    chunk = match.group(0)
    if _ADDRESS.search(chunk):
        return chunk
    return _WORD.sub(_hyphenated, chunk)


def script_words(text: str) -> dict[str, set[str]]:
    """The words of ``text`` that hyphenate_text would break, by the language of their script."""
    found: dict[str, set[str]] = {}
    for chunk in _CHUNK.finditer(text):
        if not _ADDRESS.search(chunk.group(0)):
            for word in _WORD.findall(chunk.group(0)):
                found.setdefault(hyphenation.script_language(word), set()).add(word)
    return found


def _hyphenated(match: re.Match[str]) -> str:
    """A word broken by the dictionary of its script: an English name in Russian text too."""
    return hyphenation.hyphenate_words([match.group(0)])[0]


def typeset(fragment: str, language: str, hyphenate: bool = True) -> str:
    """An HTML fragment set for ``language``; its tags and entities are left as they are."""
    kept: list[str] = []

    def set_aside(match: re.Match[str]) -> str:
        kept.append(match.group(0))
        return _TAG if match.group(0).startswith("<") else _ENTITY

    masked = _MARKUP.sub(set_aside, fragment)
    text = typeset_text(masked, language, hyphenate)
    pieces = iter(kept)
    return re.sub("[\x01\x02]", lambda _match: next(pieces), text)
