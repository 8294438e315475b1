"""Icons: SVG files drawn in the theme's colours at whatever size is asked.

The toolbar's SVGs in ``resources/icons/`` draw with ``currentColor``; the
engine puts the theme's text colour in its place and renders for the exact
size and device pixel ratio asked, so icons are crisp on any screen and
readable on any theme. The application's own icon is drawn by the same
engine, as it is: Qt's SVG icon plugin would be one more library to load at
start-up.

What is drawn is kept in the user's cache folder as its premultiplied ARGB
pixels, under the SVG's checksum, colour and size: the next start reads
those and does not load the SVG module or parse an SVG before its first
frame. Raw pixels, not PNG: decoding the toolbar's eleven PNGs (and finding
Qt's image reader for them) took 1 ms of the start; a 24 px icon is 2.3 KB
either way. A missing or unreadable cache just means drawing again.
"""

from __future__ import annotations

import contextlib
import logging
import os
import zlib
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QIcon, QIconEngine, QImage, QPixmap

from reader import resources

# What drawing needs is loaded when a drawing is not in the cache: QPainter's
# type alone costs PySide a few milliseconds to build.
if TYPE_CHECKING:
    from PySide6.QtCore import QRect
    from PySide6.QtGui import QPainter
    from PySide6.QtSvg import QSvgRenderer

__all__ = ["SvgIconEngine", "svg_icon", "themed_icon"]

log = logging.getLogger(__name__)
# bump when the drawing or the file changes (2: raw pixels, not PNG; 3: their CRC-32 after)
CACHE_FORMAT = 3


@cache
def _svg_source(name: str) -> bytes:
    path = resources.icons_dir() / f"{name}.svg"
    try:
        return path.read_bytes()
    except OSError as error:
        log.warning("Icon %s could not be read: %s", path, error)
        return b""


class SvgIconEngine(QIconEngine):
    """Renders one SVG, recoloured for the normal and the disabled state (or as it is: "")."""

    def __init__(self, source: bytes, colour: str = "", disabled_colour: str = "") -> None:
        super().__init__()
        self._source = source
        self._colour = colour
        self._disabled_colour = disabled_colour
        self._renderers: dict[str, QSvgRenderer] = {}

    def _colour_for(self, mode: QIcon.Mode) -> str:
        return self._disabled_colour if mode == QIcon.Mode.Disabled else self._colour

    def _renderer(self, mode: QIcon.Mode) -> QSvgRenderer:
        colour = self._colour_for(mode)
        renderer = self._renderers.get(colour)
        if renderer is None:
            from PySide6.QtCore import QByteArray
            from PySide6.QtSvg import QSvgRenderer

            data = self._source
            if colour:
                data = data.replace(b"currentColor", colour.encode("ascii"))
            renderer = QSvgRenderer(QByteArray(data))
            self._renderers[colour] = renderer
        return renderer

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        from PySide6.QtCore import QRectF

        renderer = self._renderer(mode)
        if renderer.isValid():
            renderer.render(painter, QRectF(rect))

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        return self.scaledPixmap(size, mode, state, 1.0)

    def scaledPixmap(
        self, size: QSize, mode: QIcon.Mode, state: QIcon.State, scale: float
    ) -> QPixmap:
        width, height = max(1, round(size.width() * scale)), max(1, round(size.height() * scale))
        cached = _cache_path(self._source, self._colour_for(mode), width, height)
        pixmap = _load(cached, width, height) if cached is not None else None
        if pixmap is None:
            from PySide6.QtCore import QPoint, QRect
            from PySide6.QtGui import QPainter

            pixmap = QPixmap(width, height)
            pixmap.fill(Qt.GlobalColor.transparent)
            painter = QPainter(pixmap)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            self.paint(painter, QRect(QPoint(0, 0), pixmap.size()), mode, state)
            painter.end()
            if cached is not None:
                _store(pixmap, cached)
        pixmap.setDevicePixelRatio(scale)
        return pixmap

    def actualSize(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QSize:
        return size

    def isNull(self) -> bool:
        return not self._source

    def clone(self) -> QIconEngine:
        return SvgIconEngine(self._source, self._colour, self._disabled_colour)


def _cache_path(source: bytes, colour: str, width: int, height: int) -> Path | None:
    if not source:
        return None
    key = zlib.crc32(colour.encode("ascii", "replace"), zlib.crc32(source))
    name = f"{key:08x}-{len(source)}-{width}x{height}-{CACHE_FORMAT}.argb"
    return resources.user_cache_dir() / "icons" / name


def _load(path: Path, width: int, height: int) -> QPixmap | None:
    """A drawing kept by ``_store``; None if it is missing, not of this size or damaged
    (a file left zeroed by a power cut would be an icon drawn blank at every start)."""
    try:
        kept = path.read_bytes()
    except OSError:
        return None
    pixels, crc = kept[:-4], kept[-4:]
    if len(pixels) != width * height * 4 or zlib.crc32(pixels).to_bytes(4, "little") != crc:
        return None
    image = QImage(pixels, width, height, width * 4, QImage.Format.Format_ARGB32_Premultiplied)
    return QPixmap.fromImage(image.copy())  # a copy: ``image`` only borrows ``pixels``


def _store(pixmap: QPixmap, path: Path) -> None:
    """Keep a drawing for the next start; whole or not at all, quietly."""
    partial = path.with_name(f"{path.stem}.{os.getpid()}.part")
    image = pixmap.toImage().convertToFormat(QImage.Format.Format_ARGB32_Premultiplied)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        pixels = bytes(image.constBits())[: image.sizeInBytes()]
        partial.write_bytes(pixels + zlib.crc32(pixels).to_bytes(4, "little"))
        os.replace(partial, path)
    except OSError as error:
        log.info("Icon not cached in %s: %s", path.parent, error)
    finally:
        with contextlib.suppress(OSError):
            partial.unlink()


def themed_icon(name: str, colour: str, disabled_colour: str) -> QIcon:
    """The icon ``resources/icons/<name>.svg`` drawn in ``colour``."""
    return QIcon(SvgIconEngine(_svg_source(name), colour, disabled_colour))


def svg_icon(name: str) -> QIcon:
    """The icon ``resources/icons/<name>.svg`` in its own colours."""
    return QIcon(SvgIconEngine(_svg_source(name)))
