"""Pages on paper or in a PDF: one painter for print preview, printers and files.

``QTextDocument.print_`` neither numbers pages in a way we can translate nor
puts a running head on them, so pages are painted here: the job's HTML is laid
out on the device, then each page is drawn with its head and its footer
"Page N of M". A QGuiApplication must exist and the bundled fonts be loaded.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from xml.sax.saxutils import escape

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QIODevice,
    QLineF,
    QMarginsF,
    QRectF,
    QSizeF,
    Qt,
)
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QFont,
    QFontMetricsF,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
    QTextBlock,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)

from reader import __version__
from reader.i18n import _
from reader.printhtml import PRINT_STYLE_SHEET, ExportError, PrintJob, in_language

__all__ = ["PdfResult", "page_layout", "paint_job", "render_pdf"]

log = logging.getLogger(__name__)

MM = 1 / 25.4  # inches
MARGINS_MM = QMarginsF(20, 14, 20, 12)  # left, top, right, bottom
HEAD_MM = 9.0  # band above the text for the running head
FOOT_MM = 9.0  # band below the text for the page number
SANS = "PT Sans"
SERIF = "PT Serif"
HEAD_COLOR = QColor("#555555")
SPLIT_ROUNDS = 4


@dataclass(frozen=True)
class PdfResult:
    data: bytes
    pages: int


def page_layout() -> QPageLayout:
    """A4 portrait with margins that suit a printer's unprintable edge."""
    return QPageLayout(
        QPageSize(QPageSize.PageSizeId.A4),
        QPageLayout.Orientation.Portrait,
        MARGINS_MM,
        QPageLayout.Unit.Millimeter,
    )


def _text_document(job: PrintJob, device: QPagedPaintDevice, width: float) -> QTextDocument:
    document = QTextDocument()
    document.documentLayout().setPaintDevice(device)
    document.setDefaultStyleSheet(PRINT_STYLE_SHEET)
    document.setDefaultFont(QFont(SERIF, 11))
    document.setDocumentMargin(0)
    document.setTextWidth(width)
    document.setHtml(job.html())
    _honour_css_font_sizes(document)
    _no_ligatures(document)
    return document


def _no_ligatures(document: QTextDocument) -> None:
    """Keep "fi" two letters, so that text copied or searched in the PDF is plain."""
    features = QTextCharFormat()
    features.setFontFeatures({QFont.Tag("liga"): 0, QFont.Tag("clig"): 0})
    cursor = QTextCursor(document)
    cursor.select(QTextCursor.SelectionType.Document)
    cursor.mergeCharFormat(features)


def _honour_css_font_sizes(document: QTextDocument) -> None:
    """Let the style sheet's heading sizes count.

    Qt gives <h1>..<h6> a relative size (FontSizeAdjustment) that wins over a
    CSS ``font-size`` in points; dropping it where a size is set restores the
    sizes of PRINT_STYLE_SHEET.
    """
    adjustment = QTextFormat.Property.FontSizeAdjustment
    cursor = QTextCursor(document)
    cursor.beginEditBlock()  # one layout for all changes, not one per change
    block = document.begin()
    while block.isValid():
        if block.blockFormat().headingLevel():
            fragments = block.begin()
            while not fragments.atEnd():
                fragment = fragments.fragment()
                char_format = fragment.charFormat()
                if char_format.hasProperty(adjustment) and char_format.fontPointSize() > 0:
                    char_format.clearProperty(adjustment)
                    cursor.setPosition(fragment.position())
                    cursor.setPosition(
                        fragment.position() + fragment.length(), QTextCursor.MoveMode.KeepAnchor
                    )
                    cursor.setCharFormat(char_format)
                fragments += 1
        block = block.next()
    cursor.endEditBlock()


def _line_top(document: QTextDocument, block: QTextBlock, line: int = 0) -> float:
    """Where a line of ``block`` starts, in document coordinates (cells included)."""
    origin = document.documentLayout().blockBoundingRect(block).top()
    lines = block.layout()
    return origin + (lines.lineAt(line).y() if line < lines.lineCount() else 0.0)


def _keep_headings_with_text(document: QTextDocument, page_height: float) -> None:
    """A heading that would end a page starts the next one, with its text."""
    document.documentLayout().documentSize()  # lay it all out once
    block = document.begin()
    while block.isValid():
        if block.blockFormat().headingLevel() == 0:
            block = block.next()
            continue
        first_heading = block
        while block.isValid() and block.blockFormat().headingLevel() > 0:
            block = block.next()
        if not block.isValid():
            break
        heading_top = _line_top(document, first_heading)
        text_page = _line_top(document, block) // page_height
        if heading_top % page_height >= 1 and heading_top // page_height != text_page:
            moved = first_heading.blockFormat()
            moved.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
            QTextCursor(first_heading).setBlockFormat(moved)
            document.documentLayout().documentSize()


def _split_blocks_at_page_ends(document: QTextDocument, page_height: float) -> None:
    """End every paragraph that runs on to the next page there; go on in a new one.

    Qt draws a block's last line above the clip too (QTextLayout::draw), so
    the end of page 1 would be drawn again on page 2: hidden by the clip, but
    found by search and copied with a selection. With no paragraph crossing a
    page end and the clip of ``_page_clips``, each line is drawn once.

    A split at a line that already starts the next page changes no line, so
    all splits found in one pass are made together (a table is laid out anew
    on every change); a second pass catches any that moved.
    """
    layout = document.documentLayout()
    for _round in range(SPLIT_ROUNDS):
        layout.documentSize()
        positions: list[int] = []
        block = document.begin()
        while block.isValid():
            lines = block.layout()
            count = lines.lineCount()
            if count > 1:
                origin = layout.blockBoundingRect(block).top()
                page = (origin + lines.lineAt(0).y()) // page_height
                if (origin + lines.lineAt(count - 1).y()) // page_height != page:
                    for index in range(1, count):
                        line = lines.lineAt(index)
                        line_page = (origin + line.y()) // page_height
                        if line_page != page:
                            positions.append(block.position() + line.textStart())
                            page = line_page
            block = block.next()
        if not positions:
            return
        cursor = QTextCursor(document)
        cursor.beginEditBlock()
        for position in sorted(positions, reverse=True):
            _split_block(cursor, position)
        cursor.endEditBlock()
    log.warning("Some paragraphs still cross a page end after %d passes", SPLIT_ROUNDS)


def _split_block(cursor: QTextCursor, position: int) -> None:
    """A new block from ``position``: same look, but not a new list item."""
    cursor.setPosition(position)
    cursor.insertBlock()
    block = cursor.block()
    indent = None
    # textList() on a block outside any list hurts None's refcount (PySide 6.12).
    if block.blockFormat().objectIndex() >= 0 and (listed := block.textList()) is not None:
        indent = listed.format().indent()
        listed.remove(block)
    block_format = cursor.blockFormat()
    block_format.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_Auto)
    block_format.setTopMargin(0)
    if indent is not None:
        block_format.setIndent(indent)
    cursor.setBlockFormat(block_format)


def _page_clips(document: QTextDocument, page_height: float, total: int) -> list[QRectF]:
    """The layout clip of each page: below the line spacing that spills over from the last.

    A page's last line may reach over the page end with its extra line
    spacing; starting the clip below that keeps Qt from drawing it again.
    """
    spill = [0.0] * total
    width = document.pageSize().width()
    block = document.begin()
    while block.isValid():
        lines = block.layout()
        if lines.lineCount():
            page = int(_line_top(document, block) // page_height)
            top = document.documentLayout().blockBoundingRect(block).top()
            over = top + lines.boundingRect().bottom() - (page + 1) * page_height
            if over > 0 and page + 1 < total:
                spill[page + 1] = max(spill[page + 1], over)
        block = block.next()
    return [
        QRectF(0, index * page_height + spill[index] + 1, width, page_height - spill[index] - 2)
        for index in range(total)
    ]


def paint_job(
    job: PrintJob,
    device: QPagedPaintDevice,
    wanted: Callable[[int], bool] | None = None,
) -> int:
    """Paint every page of ``job`` on ``device``; returns the number of pages.

    ``wanted(n)`` (1-based) picks pages, as a printer's page range does. Raises
    ContentError for unreadable content and ExportError if the device refuses.
    """
    # Both devices passed here, QPrinter and QPdfWriter, have a resolution;
    # their common base class does not declare it.
    resolution = device.resolution()  # type: ignore[attr-defined]
    dots = resolution * MM  # device pixels per millimetre
    paint_rect = device.pageLayout().paintRectPixels(resolution)
    width, height = float(paint_rect.width()), float(paint_rect.height())
    head, foot = HEAD_MM * dots, FOOT_MM * dots
    body_height = float(int(height - head - foot))  # whole pixels: Qt pages at fixed point

    document = _text_document(job, device, width)
    document.setPageSize(QSizeF(width, body_height))
    if not job.parallel:
        _keep_headings_with_text(document, body_height)
    _split_blocks_at_page_ends(document, body_height)
    total = document.pageCount()
    clips = _page_clips(document, body_height, total)
    pages = [n for n in range(1, total + 1) if wanted is None or wanted(n)]

    painter = QPainter()
    if not painter.begin(device):
        raise ExportError(_("The printer or file cannot be written to."))
    try:
        running_head = job.running_head()
        for position, number in enumerate(pages):
            if position and not device.newPage():
                raise ExportError(_("The printer or file cannot be written to."))
            painter.save()
            top = (number - 1) * body_height
            painter.translate(0, head - top)
            painter.setClipRect(QRectF(0, top, width, body_height + foot / 2))
            context = QAbstractTextDocumentLayout.PaintContext()
            context.clip = clips[number - 1]
            document.documentLayout().draw(painter, context)
            painter.restore()
            footer = in_language(
                job.language, lambda n=number: _("Page {n} of {total}").format(n=n, total=total)
            )
            _paint_margins(painter, width, height, head, foot, running_head, footer, number)
    finally:
        painter.end()
    return total


def _paint_margins(
    painter: QPainter,
    width: float,
    height: float,
    head: float,
    foot: float,
    running_head: str,
    footer: str,
    number: int,
) -> None:
    """The running head (from page 2 on: page 1 has the title) and the page number."""
    font = QFont(SANS)
    font.setPointSizeF(8.5)
    painter.setFont(font)
    pen = QPen(HEAD_COLOR)
    pen.setWidthF(head / 90)
    painter.setPen(pen)
    if number > 1:
        band = QRectF(0, 0, width, head * 0.6)
        metrics = QFontMetricsF(font, painter.device())
        text = metrics.elidedText(running_head, Qt.TextElideMode.ElideRight, width)
        painter.drawText(band, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom, text)
        rule = band.bottom() + head * 0.12
        painter.drawLine(QLineF(0, rule, width, rule))
    band = QRectF(0, height - foot * 0.7, width, foot * 0.7)
    painter.drawText(band, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom, footer)


def _xmp(job: PrintJob) -> bytes:
    """XMP with the title and the language(s): what catalogues and screen readers read."""
    title = escape(job.title())
    languages = "".join(f"<rdf:li>{escape(lang)}</rdf:li>" for lang in job.languages)
    return (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">\n'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
        '<rdf:Description rdf:about=""'
        ' xmlns:dc="http://purl.org/dc/elements/1.1/"'
        ' xmlns:xmp="http://ns.adobe.com/xap/1.0/"'
        ' xmlns:pdf="http://ns.adobe.com/pdf/1.3/">\n'
        f'<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{title}</rdf:li></rdf:Alt></dc:title>\n'
        f"<dc:language><rdf:Bag>{languages}</rdf:Bag></dc:language>\n"
        "<dc:format>application/pdf</dc:format>\n"
        f"<xmp:CreatorTool>Reader {escape(__version__)}</xmp:CreatorTool>\n"
        "</rdf:Description>\n"
        "</rdf:RDF>\n"
        "</x:xmpmeta>\n"
        '<?xpacket end="w"?>'
    ).encode()


def render_pdf(job: PrintJob) -> PdfResult:
    """The job as PDF bytes: real, searchable text with the fonts embedded."""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setPageLayout(page_layout())
    writer.setTitle(job.title())
    writer.setCreator(f"Reader {__version__}")
    writer.setDocumentXmpMetadata(QByteArray(_xmp(job)))
    pages = paint_job(job, writer)  # the PDF is complete when its painter ends
    buffer.close()
    return PdfResult(bytes(buffer.data().data()), pages)
