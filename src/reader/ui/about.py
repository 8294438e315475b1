"""Help › About: what this is, its edition, and the licences of everything it ships.

The LGPL under which Qt and PySide6 come asks that people can learn what the
program uses, where its sources are and how to put other builds of those
libraries in place; the other licences ask for their texts to travel with the
program. This dialog shows all of it in the user's language (the licence texts
themselves are legal texts, shown as written). Everything taken from the
content, such as the document's title, is shown as plain text, never as markup.
Loaded on first use: the first screen does not need it.
"""

from __future__ import annotations

import sys

import PySide6
from PySide6.QtCore import Qt, qVersion
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from reader import __version__, i18n, licences
from reader.content import Document
from reader.i18n import N_, _
from reader.ui.application import ReaderApplication

__all__ = ["AboutDialog", "show_about"]

QT_SOURCES = "https://download.qt.io/official_releases/qt/"
PYSIDE_SOURCES = "https://download.qt.io/official_releases/QtForPython/"

# components.toml is read by the packaging too, in English, and pybabel reads
# only the code: its words that are not proper names are marked here, so the
# list and the headings of the Licences tab are in the reader's language.
# Anything in the file that is not here is shown as written.
COMPONENT_WORDS = (
    N_("Foreign Multilateral Co-operation (the document)"),
    N_("PySide6 and Shiboken6 (Qt for Python)"),
    N_("ICU (bundled with Qt)"),
    N_("SQLite (with Python)"),
    N_("PT Serif and PT Sans fonts"),
    N_("PyInstaller bootloader"),
    N_("see the file"),
    N_("its publisher"),
    N_("The Qt Company Ltd. and other contributors"),
    N_("none: the authors dedicated it to the public domain"),
    N_("2013-2026 the Babel Team"),
    N_("this repository"),
    N_("Debian's fonts-paratype"),
)


def _plain_label(parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)  # content and names are never markup
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def _qt_library_files() -> str:
    """Where the Qt libraries are in this platform's frozen build."""
    if sys.platform == "win32":
        return r"_internal\PySide6\Qt6*.dll, _internal\PySide6\*.pyd, _internal\shiboken6"
    if sys.platform == "darwin":
        return "Contents/Frameworks/PySide6/Qt/lib/Qt*.framework, PySide6/*.so, shiboken6"
    return "_internal/libQt6*.so.6, _internal/PySide6/ (Qt*.abi3.so, plugins), _internal/shiboken6"


class AboutDialog(QDialog):
    """Two tabs: the program and its document; the licences, one text at a time."""

    def __init__(self, parent: QWidget, app: ReaderApplication, document: Document) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.app = app
        self.document = document
        self.components = licences.components()
        self.resize(880, 560)

        self.tabs = QTabWidget(self)
        about = QWidget(self.tabs)
        self.title = _plain_label(about)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.title.setFont(font)
        self.version = _plain_label(about)
        self.edition = _plain_label(about)
        self.offline = _plain_label(about)
        self.code_licence = _plain_label(about)
        self.lgpl = _plain_label(about)
        layout = QVBoxLayout(about)
        for label in (
            self.title,
            self.version,
            self.edition,
            self.offline,
            self.code_licence,
            self.lgpl,
        ):
            layout.addWidget(label)
        layout.addStretch(1)

        licences_tab = QSplitter(Qt.Orientation.Horizontal, self.tabs)
        self.component_list = QListWidget(licences_tab)
        self.component_list.addItems([_(component.name) for component in self.components])
        self.licence_view = QPlainTextEdit(licences_tab)
        self.licence_view.setReadOnly(True)
        # The texts are wrapped by their authors; wrapped again they break mid-sentence.
        self.licence_view.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        licences_tab.addWidget(self.component_list)
        licences_tab.addWidget(self.licence_view)
        licences_tab.setStretchFactor(1, 1)
        licences_tab.setSizes([280, 600])
        self.component_list.currentRowChanged.connect(self._show_licence)

        self.tabs.addTab(about, "")
        self.tabs.addTab(licences_tab, "")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.reject)
        outer = QVBoxLayout(self)
        outer.addWidget(self.tabs)
        outer.addWidget(self.buttons)

        app.languageChanged.connect(self.retranslate)
        self.retranslate()
        self.component_list.setCurrentRow(0)

    def retranslate(self, _language: str = "") -> None:
        language = self.app.language
        manifest = self.document.manifest
        self.setWindowTitle(_("About Reader"))
        self.tabs.setTabText(0, _("About"))
        self.tabs.setTabText(1, _("Licences"))
        self.title.setText(self.document.title(language))
        self.version.setText(_("Reader {version}").format(version=__version__))
        self.edition.setText(
            _("Edition of {date}, document version {version}").format(
                date=i18n.format_date(manifest.edition, language), version=manifest.version
            )
        )
        self.offline.setText(_("Works offline: the document is part of the application."))
        self.code_licence.setText(
            _(
                "Reader is free software under the MIT licence. The document's origin and "
                "terms, and the licences of the libraries, fonts and runtime it ships with, "
                "are on the Licences tab."
            )
        )
        self.lgpl.setText(
            _(
                "Reader uses Qt {qt} and PySide6 {pyside} under the GNU Lesser General Public "
                "License, version 3. Their source code is available at {qt_sources} and "
                "{pyside_sources}. You may replace these libraries with your own builds of a "
                "compatible version: in the program's folder, replace {files}."
            ).format(
                qt=qVersion(),
                pyside=PySide6.__version__,
                qt_sources=QT_SOURCES,
                pyside_sources=PYSIDE_SOURCES,
                files=_qt_library_files(),
            )
        )
        for row, component in enumerate(self.components):
            self.component_list.item(row).setText(_(component.name))
        self.component_list.setAccessibleName(_("Components"))
        self.licence_view.setAccessibleName(_("Licence text"))
        self._show_licence(self.component_list.currentRow())

    def _show_licence(self, row: int) -> None:
        if not 0 <= row < len(self.components):
            return
        component = self.components[row]
        header = "\n".join(
            (
                _(component.name),
                _("Licence: {licence}").format(licence=_(component.license)),
                _("Copyright: {holders}").format(holders=_(component.copyright)),
                _("Source: {where}").format(where=_(component.source)),
            )
        )
        self.licence_view.setPlainText(header + "\n\n" + licences.licence_text(component))


def show_about(parent: QWidget, app: ReaderApplication, document: Document) -> AboutDialog:
    """Open the About box (one per window), or bring the open one to the front."""
    dialog = parent.findChild(AboutDialog)
    if dialog is None:
        dialog = AboutDialog(parent, app, document)
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    return dialog
