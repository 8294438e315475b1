"""Every dialog that reports a problem goes through here.

``set_dialogs_enabled(False)`` (the ``--no-error-dialogs`` option, and tests)
turns the dialogs into log entries, so nothing waits for a click.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from reader.i18n import _

# QMessageBox is loaded when the first box opens: most runs never show one.
if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox

__all__ = [
    "confirm",
    "open_dialogs",
    "set_dialogs_enabled",
    "show_crash",
    "show_error",
    "show_fatal",
]

log = logging.getLogger(__name__)
CRASH_DIALOG = "crashDialog"
MAX_SUMMARY = 400
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


def _show(
    title: str,
    text: str,
    details: str | None,
    critical: bool = False,
    name: str = "errorDialog",
    wait: bool = False,
) -> None:
    log.error("%s: %s", title, text)
    if not _enabled or not isinstance(QApplication.instance(), QApplication):
        return
    from PySide6.QtWidgets import QMessageBox

    icon = QMessageBox.Icon.Critical if critical else QMessageBox.Icon.Warning
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, _parent())
    box.setObjectName(name)
    if details:
        box.setDetailedText(details)
    box.setTextFormat(Qt.TextFormat.PlainText)  # file names and content are never markup
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    _open_boxes.append(box)
    box.finished.connect(lambda _result, box=box: _open_boxes.remove(box))
    if wait:
        box.exec()
    else:
        box.open()


def open_dialogs() -> list[QMessageBox]:
    """The error dialogs on screen now, oldest first (for tests and screenshots)."""
    return list(_open_boxes)


def show_error(title: str, text: str, details: str | None = None) -> None:
    """A problem the person should know about; the app goes on."""
    _show(title, text, details)


def show_crash(
    error: BaseException, details: str, log_file: Path | None, fatal: bool = False
) -> None:
    """An unexpected exception: what happened, where the log is, and go on.

    One crash dialog at a time: an error that repeats (in a repaint, say) is
    logged each time but does not bury the window under dialogs. ``fatal``
    is for errors before the window exists: the dialog waits for OK.
    """
    summary = str(error).strip() or type(error).__name__
    if len(summary) > MAX_SUMMARY:
        summary = summary[: MAX_SUMMARY - 1] + "…"
    if fatal:
        text = _("Reader could not start.")
    else:
        text = _("Something went wrong, but Reader is still running.")
    text += "\n\n" + summary
    if log_file is not None:
        text += "\n\n" + _("The details were written to this file:") + "\n" + str(log_file)
    if not fatal and any(box.objectName() == CRASH_DIALOG for box in _open_boxes):
        log.error("%s (a crash dialog is already open)", summary)
        return
    _show(_("Unexpected error"), text, details, critical=True, name=CRASH_DIALOG, wait=fatal)


def confirm(title: str, text: str) -> bool:
    """Ask yes or no; without dialogs the answer is no."""
    if not _enabled:
        log.info("Not asked (dialogs are off): %s: %s", title, text)
        return False
    from PySide6.QtWidgets import QMessageBox

    buttons = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
    box = QMessageBox(QMessageBox.Icon.Question, title, text, buttons, _parent())
    box.setObjectName("confirmDialog")
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setDefaultButton(QMessageBox.StandardButton.No)
    return box.exec() == QMessageBox.StandardButton.Yes


def show_fatal(title: str, text: str) -> None:
    """A problem that stops the app before its window exists: wait for OK."""
    log.error("%s: %s", title, text)
    if _enabled and isinstance(QApplication.instance(), QApplication):
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QMessageBox.Icon.Critical, title, text, QMessageBox.StandardButton.Ok)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.exec()
