"""``reader export``: the document as a PDF, written without a window.

Everything that can go wrong before painting (content, section id, output
path) is checked here, free of Qt, so a mistake is reported at once; the pages
themselves are painted by ``reader.pdf``. Exit codes: 0 written, 1 the content
or the file failed, 2 the command line asked for something that is not there.
"""

from __future__ import annotations

import argparse
import difflib
import errno
import logging
import os
import re
import sys
import tempfile
import time
from pathlib import Path

from reader import i18n, resources
from reader.content import ContentError, Document, load_document
from reader.i18n import _
from reader.printhtml import ExportError  # defined beside PrintJob: pdf.py needs it, not export

__all__ = [
    "ExportError",
    "add_arguments",
    "check_output_path",
    "default_file_name",
    "run_export",
    "save_bytes",
]

log = logging.getLogger(__name__)
PROG = "reader export"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of ``reader export``.

    Options also known to the main parser default to SUPPRESS, so
    ``reader --lang ru export`` and ``reader export --lang ru`` agree.
    """
    parser.add_argument(
        "--lang",
        choices=i18n.LANGUAGES,
        default=argparse.SUPPRESS,
        help="language of the text (with --parallel: the left column)",
    )
    parser.add_argument("--out", required=True, type=Path, metavar="FILE.pdf", help="PDF to write")
    parser.add_argument(
        "--section", metavar="ID", default=argparse.SUPPRESS, help="only this section"
    )
    parser.add_argument(
        "--content", metavar="DIR", type=Path, default=argparse.SUPPRESS, help="content folder"
    )
    parser.add_argument(
        "--parallel",
        action="store_true",
        help="both languages side by side, paragraph beside paragraph",
    )


def default_file_name(title: str) -> str:
    """A file name made from a title, safe on every system: ``Title.pdf``."""
    name = re.sub(r'[<>:"/\\|?*\x00-\x1f]+', " ", title)
    name = re.sub(r"\s+", " ", name).strip(" .")[:120].rstrip(" .")
    return f"{name or 'document'}.pdf"


def check_output_path(path: Path, document: Document | None = None) -> Path:
    """The absolute path to write; raises ExportError for a path that cannot be used."""
    target = path.expanduser().absolute()
    if target.is_dir():
        raise ExportError(_("{path} is a folder, not a file").format(path=path))
    folder = target.parent
    if not folder.is_dir():
        raise ExportError(
            _("cannot write {path}: folder {folder} does not exist").format(
                path=path, folder=folder
            )
        )
    if not os.access(folder, os.W_OK) or (target.exists() and not os.access(target, os.W_OK)):
        raise ExportError(_("cannot write {path}: permission denied").format(path=path))
    protected = [resources.content_dir()]
    if document is not None:
        protected.append(document.root)
    for root in protected:
        try:
            if target.resolve().is_relative_to(root.resolve()):
                raise ExportError(
                    _("will not write {path} into the content folder {root}").format(
                        path=path, root=root
                    )
                )
        except OSError:
            continue
    return target


def _file_mode(target: Path) -> int:
    """The mode a plain new file would get (mkstemp's is private to the owner)."""
    try:
        return target.stat().st_mode & 0o777
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask


def save_bytes(data: bytes, target: Path) -> None:
    """Write ``data`` to ``target`` whole or not at all."""
    handle, temporary = tempfile.mkstemp(prefix=".reader-", suffix=".pdf", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, _file_mode(target))
        os.replace(temporary, target)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise ExportError(
            _("cannot write {path}: {reason}").format(path=target, reason=_reason(error))
        ) from None


def _reason(error: OSError) -> str:
    """Why the system refused, in the reader's language (strerror follows the C locale)."""
    reasons = {
        errno.ENOSPC: _("the disk is full"),
        errno.EDQUOT: _("the disk quota is used up"),
        errno.EACCES: _("permission denied"),
        errno.EPERM: _("permission denied"),
        errno.EROFS: _("the disk is read-only"),
        errno.ENOENT: _("the folder does not exist"),
        errno.ENAMETOOLONG: _("the file name is too long"),
    }
    reason = reasons.get(error.errno or 0)
    if reason is not None:
        return reason
    return _("the system reported: {error}").format(error=error.strerror or error)


def _gui_application():
    """A QGuiApplication for fonts and painting; offscreen where there is no display."""
    if (
        sys.platform.startswith("linux")
        and not os.environ.get("DISPLAY")
        and not os.environ.get("WAYLAND_DISPLAY")
    ):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    from reader.ui.application import load_fonts

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    load_fonts()
    return app


def _fail(message: str, code: int) -> int:
    print(f"{PROG}: {message}", file=sys.stderr)
    return code


def run_export(args: argparse.Namespace) -> int:
    """``reader export``; never raises for the person's mistakes, only prints them."""
    language: str | None = getattr(args, "lang", None)
    section_id: str | None = getattr(args, "section", None)
    parallel: bool = getattr(args, "parallel", False)
    if language is None and not parallel:
        return _fail("choose the language of the text with --lang en or --lang ru", 2)
    root: Path = getattr(args, "content", None) or resources.content_dir()
    try:
        document = load_document(root)
    except ContentError as error:
        return _fail(f"cannot open the document: {error}", 1)
    language = language or document.languages[0]
    if language not in document.languages:
        have = ", ".join(document.languages)
        return _fail(f"the document has no text in {language!r} (it has: {have})", 2)
    if section_id is not None and document.manifest.entry(section_id) is None:
        close = difflib.get_close_matches(section_id, document.manifest.ids(), n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        return _fail(f"no section {section_id!r}{hint}", 2)
    if parallel and len(document.languages) < 2:
        return _fail("--parallel needs a document in two languages", 2)
    try:
        target = check_output_path(args.out, document)
    except ExportError as error:
        return _fail(str(error), 1)

    started = time.perf_counter()
    _app = _gui_application()
    from reader.pdf import render_pdf
    from reader.printhtml import PrintJob

    try:
        job = PrintJob(document, language, section_id, parallel=parallel)
        result = render_pdf(job)
        save_bytes(result.data, target)
    except ContentError as error:
        return _fail(f"bad content: {error}", 1)
    except ExportError as error:
        return _fail(str(error), 1)
    log.info(
        "Exported %s: %d pages, %d bytes in %.2f s",
        target,
        result.pages,
        len(result.data),
        time.perf_counter() - started,
    )
    print(f"{target}: {result.pages} page{'' if result.pages == 1 else 's'}")
    return 0
