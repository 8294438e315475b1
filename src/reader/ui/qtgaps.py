"""Qt's own strings that its Russian catalog lacks, translated through ours.

Qt 6.11 renamed a few labels of its file and print dialogs ("&Look in:",
"Files of &type:", "Page &Set:") and the file type names "Folder" and
"Drive"; ``qtbase_ru.qm`` still has only the old ones, so a Russian file
dialog shows them in English; and its "OK" stays Latin where Russian
interfaces write «ОК» in Cyrillic. This translator answers for exactly those
strings, from reader.po (so they are translated where every other string of
ours is); it is asked before qtbase_ru and says "not mine" to everything else.
"""

from __future__ import annotations

from PySide6.QtCore import QTranslator

from reader import i18n
from reader.i18n import N_, _

__all__ = ["QT_GAPS", "QtGapsTranslator"]

# (Qt's translation context, its English source): the msgid in reader.po.
QT_GAPS: dict[tuple[str, str], str] = {
    ("QFileDialog", "&Look in:"): N_("&Look in:"),
    ("QFileDialog", "Files of &type:"): N_("Files of &type:"),
    ("QAbstractFileIconProvider", "Folder"): N_("Folder"),
    ("QAbstractFileIconProvider", "Drive"): N_("Drive"),
    ("QAbstractFileIconProvider", "File"): N_("File"),
    ("QPrintSettingsOutput", "Page &Set:"): N_("Page &Set:"),
    ("QShortcut", "Help"): N_("Help"),
    ("QPlatformTheme", "OK"): N_("OK"),
    ("QDialogButtonBox", "OK"): N_("OK"),
}


class QtGapsTranslator(QTranslator):
    """Install after ``qtbase_<lang>``: Qt asks the last installed first."""

    def isEmpty(self) -> bool:
        return False

    def translate(self, context: str, source: str, disambiguation=None, n: int = -1):
        message = QT_GAPS.get((context, source))
        if message is None or i18n.current_language() == i18n.DEFAULT_LANGUAGE:
            return None  # a null string: "not mine", Qt goes on to the source text
        return _(message)
