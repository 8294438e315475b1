"""The File menu's printing: print with preview, and export as PDF.

The pages come from ``reader.pdf``, the same painter the command line uses,
so what the preview shows is what the printer and the PDF get.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication

from reader.content import ContentError
from reader.i18n import _
from reader.ui import messages

# The painter, the print dialogs, the export helpers and their libraries load
# on first use, not at start-up: the first screen needs only the menu items.
if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog

    from reader.printhtml import PrintJob
    from reader.ui.mainwindow import MainWindow

__all__ = ["PrintActions"]

log = logging.getLogger(__name__)


class PrintActions(QObject):
    """ "Print Section…", "Print Document…" and "Export as PDF…" for a main window.

    The window needs ``document``, ``app`` (for the language), ``section_id``,
    ``file_menu`` and ``quit_action``; the items go in just above Quit.
    """

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.preview: QPrintPreviewDialog | None = None
        self.parallel = False  # the side-by-side view is on: both languages, in columns

        self.print_section_action = QAction(window)
        self.print_section_action.setObjectName("printSectionAction")
        self.print_section_action.setShortcut(QKeySequence.StandardKey.Print)
        self.print_section_action.triggered.connect(self.print_section)
        self.print_document_action = QAction(window)
        self.print_document_action.setObjectName("printDocumentAction")
        self.print_document_action.setShortcut(QKeySequence("Ctrl+Shift+P"))
        self.print_document_action.triggered.connect(self.print_document)
        self.export_pdf_action = QAction(window)
        self.export_pdf_action.setObjectName("exportPdfAction")
        self.export_pdf_action.triggered.connect(self.ask_and_export_pdf)

        menu = window.file_menu
        before = window.quit_action
        for action in (self.print_section_action, self.print_document_action):
            menu.insertAction(before, action)
        menu.insertSeparator(before)
        menu.insertAction(before, self.export_pdf_action)
        menu.insertSeparator(before)
        window.app.languageChanged.connect(self.retranslate)
        self.retranslate()

    def retranslate(self, _language: str = "") -> None:
        self.print_section_action.setText(_("&Print Section…"))
        self.print_document_action.setText(_("Print &Document…"))
        if self.parallel:
            self.export_pdf_action.setText(_("&Export Side by Side as PDF…"))
        else:
            self.export_pdf_action.setText(_("&Export as PDF…"))

    def set_parallel(self, parallel: bool) -> None:
        """Print and export what the side-by-side view shows: two languages in columns."""
        self.parallel = parallel
        self.retranslate()

    def job(self, whole_document: bool) -> PrintJob:
        from reader.printhtml import PrintJob

        window = self.window
        section_id = None if whole_document else window.section_id
        return PrintJob(window.document, window.app.language, section_id, parallel=self.parallel)

    # -- printing ----------------------------------------------------------

    def print_section(self) -> None:
        self.open_preview(self.job(whole_document=False))

    def print_document(self) -> None:
        self.open_preview(self.job(whole_document=True))

    def open_preview(self, job: PrintJob) -> QPrintPreviewDialog | None:
        """Show the print preview; its Print button goes on to the printer."""
        from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog

        from reader.pdf import page_layout

        try:
            job.html()  # unreadable content is reported now, not as blank pages
        except ContentError as error:
            messages.show_error(_("Cannot print"), str(error))
            return None
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageLayout(page_layout())
        printer.setDocName(job.title())
        dialog = QPrintPreviewDialog(printer, self.window)
        dialog.setObjectName("printPreview")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.paintRequested.connect(lambda device: self.print_job(job, device))
        dialog.destroyed.connect(self._preview_closed)
        self._preview_printer = printer  # the dialog does not own it: keep it alive
        self.preview = dialog
        dialog.open()
        return dialog

    def _preview_closed(self) -> None:
        self.preview = None

    def print_job(self, job: PrintJob, printer: QPrinter) -> None:
        """Paint ``job`` on the printer (or the preview), the pages it asks for."""
        from reader.export import ExportError
        from reader.pdf import paint_job

        ranges = printer.pageRanges()
        wanted = None if ranges.isEmpty() else ranges.contains
        try:
            paint_job(job, printer, wanted)
        except (ContentError, ExportError) as error:
            messages.show_error(_("Cannot print"), str(error))

    # -- PDF ---------------------------------------------------------------

    def ask_and_export_pdf(self) -> None:
        """Ask where, then write the whole document in the current language.

        In the side-by-side view: both languages in columns, the current one on the left.
        """
        from PySide6.QtCore import QStandardPaths
        from PySide6.QtWidgets import QFileDialog

        from reader.export import default_file_name

        job = self.job(whole_document=True)
        # Qt names ~/Documents even where it does not exist (a new account, a
        # stand's), and the dialog then opens in the working directory.
        documents = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation
        )
        folder = documents if documents and Path(documents).is_dir() else str(Path.home())
        suggested = str(Path(folder) / default_file_name(job.title()))
        chosen, _filter = QFileDialog.getSaveFileName(
            self.window, _("Export as PDF"), suggested, _("PDF files (*.pdf)")
        )
        if not chosen:
            return
        path = Path(chosen)
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        self.export_pdf(job, path)

    def export_pdf(self, job: PrintJob, path: Path) -> bool:
        """Write ``job`` to ``path``; tells the person if it fails."""
        from reader.export import ExportError, check_output_path, save_bytes
        from reader.pdf import render_pdf

        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            target = check_output_path(path, job.document)
            result = render_pdf(job)
            save_bytes(result.data, target)
        except (ContentError, ExportError) as error:
            QApplication.restoreOverrideCursor()
            messages.show_error(
                _("The PDF was not saved"),
                _("Reader could not write the PDF:") + "\n\n" + str(error),
            )
            return False
        QApplication.restoreOverrideCursor()
        log.info("Exported %s (%d pages)", target, result.pages)
        self.window.statusBar().showMessage(_("Saved {path}").format(path=target), 8000)
        return True
