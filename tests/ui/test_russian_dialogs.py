"""Every dialog the reader can open, in Russian: no English word left on it.

Each dialog is opened the way a person opens it (a menu item, a key, a
failed export), its words are read off every visible widget, and any
Latin-script word that is not a key cap, a file name or "Reader"/"PDF" fails
the test.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialog,
    QFileDialog,
    QGroupBox,
    QLabel,
    QLineEdit,
    QTabWidget,
    QWidget,
)

from reader.ui import messages

from .test_mainwindow import action_named

# Latin words a Russian interface rightly shows: key caps as printed, names.
ALLOWED = {
    "Reader", "PDF", "Ctrl", "Shift", "Alt", "Esc", "Tab", "Enter", "Home", "End", "PgUp",
    "PgDown", "Del", "Backspace", "CUPS", "A4", "A3", "A5", "B5", "Letter", "Legal", "Tabloid",
    "Executive", "Ledger",
}  # fmt: skip
# Markup, paths, file patterns, F-keys, numbers; and a file's size, which Qt's
# file dialog writes in the system's locale (QLocale::system()), not the reader's.
_SKIP = re.compile(
    r"<[^>]*>|&\w+;|\S*[/\\]\S*|\*\.\w+|\bF\d{1,2}\b|\d[\d.,]*\s*(?:bytes|[KMGT]i?B)\b|\d[\w.]*"
)
_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z']+")


def words_on(widget: QWidget) -> list[str]:
    """What a person reads on a dialog: titles, labels, buttons, tips, lists, headers."""
    texts = [widget.windowTitle()]
    for child in [widget, *widget.findChildren(QWidget)]:
        if not child.isVisibleTo(widget) and child is not widget:
            continue
        texts.append(child.toolTip())
        if isinstance(child, QLabel | QAbstractButton):
            texts.append(child.text())
        if isinstance(child, QLineEdit):
            texts.append(child.placeholderText())
        if isinstance(child, QGroupBox):
            texts.append(child.title())
        if isinstance(child, QTabWidget):
            texts += [child.tabText(n) for n in range(child.count())]
        if isinstance(child, QComboBox):
            texts += [child.itemText(n) for n in range(child.count())]
        if isinstance(child, QAbstractItemView) and child.model() is not None:
            model, root = child.model(), child.rootIndex()
            texts += [
                str(model.headerData(column, Qt.Orientation.Horizontal) or "")
                for column in range(model.columnCount(root))
            ]
            texts += _item_texts(model, root)
        for action in child.actions():
            if isinstance(action, QAction) and action.isVisible():
                texts += [action.text(), action.toolTip()]
    return [text for text in texts if text]


def _item_texts(model, parent, depth: int = 0) -> list[str]:
    """The texts of the first rows of a model, two levels down (a grouped list)."""
    texts = []
    for row in range(min(model.rowCount(parent), 40)):
        for column in range(model.columnCount(parent)):
            index = model.index(row, column, parent)
            texts.append(str(index.data() or ""))
            if column == 0 and depth < 1:
                texts += _item_texts(model, index, depth + 1)
    return texts


def english_in(widget: QWidget, names: set[str] = frozenset()) -> list[str]:
    """The texts that hold an English word (file and folder names allowed)."""
    found = []
    for text in words_on(widget):
        plain = _SKIP.sub(" ", text.replace("&", ""))
        english = [w for w in _LATIN_WORD.findall(plain) if w not in ALLOWED | names]
        if english:
            found.append(text)
    return sorted(set(found))


def when_open(qtbot, kind: type[QWidget], look: Callable[[QWidget], None]) -> list[str]:
    """Run ``look`` on the next modal ``kind`` to open, then close it.

    Returns the list it fills: "looked" once the dialog was seen, then any problem.
    The caller asserts it is ``["looked"]`` after the action that opens the dialog.
    """
    seen: list[str] = []
    tries = [0]

    def poll() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, kind) or not dialog.isVisible():
            tries[0] += 1
            if tries[0] < 250:  # five seconds: then the dialog never came
                QTimer.singleShot(20, poll)
            return
        seen.append("looked")
        try:
            look(dialog)
        except AssertionError as error:
            seen.append(str(error))
        finally:
            dialog.reject()

    QTimer.singleShot(0, poll)
    return seen


@pytest.fixture
def russian(open_window, qtbot, tmp_path, monkeypatch):
    """The window in Russian, with dialogs shown (tests otherwise silence them)."""
    monkeypatch.setenv("HOME", str(tmp_path))
    (tmp_path / "Документы").mkdir()
    (tmp_path / "folder").mkdir()
    (tmp_path / "report.pdf").write_bytes(b"%PDF-")
    window = open_window("ru", section="osce")
    messages.set_dialogs_enabled(True)
    return window


def test_the_export_file_dialog_is_russian(russian, qtbot, tmp_path, monkeypatch):
    from PySide6.QtCore import QStandardPaths

    monkeypatch.setattr(
        QStandardPaths, "writableLocation", lambda _kind: str(tmp_path), raising=False
    )
    seen: dict[str, list[str]] = {}

    def look(dialog: QWidget) -> None:
        qtbot.waitUntil(
            lambda: (
                dialog.findChild(QAbstractItemView, "treeView")
                .model()
                .rowCount(dialog.findChild(QAbstractItemView, "treeView").rootIndex())
                >= 3
            )
        )
        seen["words"] = words_on(dialog)
        names = {
            "folder",
            "home",
            "report",
            "pdf",
            "root",
            *re.findall(r"[A-Za-z]+", str(tmp_path)),
        }
        seen["english"] = english_in(dialog, names)

    problems = when_open(qtbot, QFileDialog, look)
    action_named(russian.file_menu, "Экспорт в PDF…").trigger()
    assert problems == ["looked"]
    assert seen["english"] == [], seen["english"]
    words = " ".join(seen["words"])
    assert "&Папка:" in words and "&Тип файлов:" in words and "Папка" in words


def test_a_failed_export_is_told_in_russian(russian, qtbot, tmp_path):
    job = russian.printing.job(whole_document=True)
    assert not russian.printing.export_pdf(job, tmp_path / "нет такой папки" / "a.pdf")
    (box,) = messages.open_dialogs()
    assert english_in(box) == []
    assert "не удаётся записать" in box.text() and "не существует" in box.text()
    box.reject()


def test_print_preview_and_the_print_dialog_are_russian(russian, qtbot):
    from PySide6.QtPrintSupport import QPrintDialog, QPrintPreviewDialog

    action_named(russian.file_menu, "Печать раздела…").trigger()
    qtbot.waitUntil(lambda: russian.printing.preview is not None)
    preview = russian.printing.preview
    assert isinstance(preview, QPrintPreviewDialog)
    assert english_in(preview) == []
    problems = when_open(qtbot, QPrintDialog, lambda dialog: _no_english(dialog))
    print_action = next(
        a for a in preview.findChildren(QAction) if a.text() == "Печать" or a.toolTip() == "Печать"
    )
    print_action.trigger()
    assert problems == ["looked"]
    preview.reject()


def _no_english(dialog: QDialog) -> None:
    assert english_in(dialog) == [], english_in(dialog)


def test_about_shortcuts_and_link_questions_are_russian(russian, qtbot):
    from reader.ui.about import AboutDialog

    action_named(russian.help_menu, "О программе Reader").trigger()
    about = russian.findChild(AboutDialog)
    qtbot.waitExposed(about)
    # Names are not translated: the products, and the licences as their authors name them.
    names = {
        "Qt",
        "PySide",
        "GNU",
        "Lesser",
        "General",
        "Public",
        "License",
        "MIT",
        "so",
        "plugins",
    }
    assert english_in(about, names) == [], english_in(about, names)
    about.close()

    action_named(russian.help_menu, "Сочетания клавиш").trigger()
    dialog = russian.comfort.shortcuts_dialog
    qtbot.waitExposed(dialog)
    assert english_in(dialog) == []
    rows = " ".join(words_on(dialog))
    assert "Вверх, Вниз, Enter" in rows and "Help" not in rows
    dialog.close()

    from PySide6.QtCore import QUrl

    problems = when_open(qtbot, QDialog, _no_english)
    russian._follow_link(QUrl("https://example.org/"))  # a web link asks first
    assert problems == ["looked"]
    russian._follow_link(QUrl("ftp://example.org/"))
    (box,) = messages.open_dialogs()
    assert english_in(box, {"ftp", "example", "org"}) == []
    box.reject()


def test_the_checker_flags_english(russian, qtbot):
    """The walk would notice: an English label on a Russian dialog fails it."""
    dialog = QDialog(russian)
    label = QLabel("Files of type:", dialog)
    dialog.show()
    assert english_in(dialog) == ["Files of type:"]
    label.setText("&Тип файлов:")
    assert english_in(dialog) == []
    dialog.close()
