"""Every dialog that reports a problem goes through here.

``set_dialogs_enabled(False)`` (the ``--no-error-dialogs`` option, and tests)
turns the dialogs into log entries, so nothing waits for a click.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from reader.i18n import _

__all__ = ["confirm", "set_dialogs_enabled", "show_crash", "show_error", "show_fatal"]

log = logging.getLogger(__name__)
_enabled = True
_open_boxes: list[QMessageBox] = []


def set_dialogs_enabled(enabled: bool) -> None:
    global _enabled
    _enabled = enabled


def dialogs_enabled() -> bool:
    return _enabled


def _parent() -> QWidget | None:
    app = QApplication.instance()
    return app.activeWindow() if isinstance(app, QApplication) else None


def _show(icon: QMessageBox.Icon, title: str, text: str, details: str | None) -> None:
    log.error("%s: %s", title, text)
    if not _enabled or not isinstance(QApplication.instance(), QApplication):
        return
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, _parent())
    if details:
        box.setDetailedText(details)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    _open_boxes.append(box)
    box.finished.connect(lambda _result, box=box: _open_boxes.remove(box))
    box.open()


def show_error(title: str, text: str, details: str | None = None) -> None:
    """A problem the person should know about; the app goes on."""
    _show(QMessageBox.Icon.Warning, title, text, details)


def show_crash(error: BaseException, details: str, log_file: Path | None) -> None:
    """An unexpected exception: what happened, where the log is, and go on."""
    text = _("Something went wrong, but Reader is still running.") + "\n\n" + str(error)
    if log_file is not None:
        text += "\n\n" + _("The details were written to {path}.").format(path=log_file)
    _show(QMessageBox.Icon.Critical, _("Unexpected error"), text, details)


def confirm(title: str, text: str) -> bool:
    """Ask yes or no; without dialogs the answer is no."""
    if not _enabled:
        log.info("Not asked (dialogs are off): %s: %s", title, text)
        return False
    answer = QMessageBox.question(_parent(), title, text)
    return answer == QMessageBox.StandardButton.Yes


def show_fatal(title: str, text: str) -> None:
    """A problem that stops the app before its window exists: wait for OK."""
    log.error("%s: %s", title, text)
    if _enabled and isinstance(QApplication.instance(), QApplication):
        QMessageBox.critical(None, title, text)
