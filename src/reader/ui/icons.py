"""Icons: SVG files drawn in the theme's colours at whatever size is asked.

The toolbar's SVGs in ``resources/icons/`` draw with ``currentColor``; the
engine puts the theme's text colour in its place and renders for the exact
size and device pixel ratio asked, so icons are crisp on any screen and
readable on any theme. The application's own icon is drawn by the same
engine, as it is: Qt's SVG icon plugin would be one more library to load at
start-up.
"""

from __future__ import annotations

import logging
from functools import cache

from PySide6.QtCore import QByteArray, QPoint, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QIcon, QIconEngine, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

from reader import resources

__all__ = ["SvgIconEngine", "svg_icon", "themed_icon"]

log = logging.getLogger(__name__)


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

    def _renderer(self, mode: QIcon.Mode) -> QSvgRenderer:
        colour = self._disabled_colour if mode == QIcon.Mode.Disabled else self._colour
        renderer = self._renderers.get(colour)
        if renderer is None:
            data = self._source
            if colour:
                data = data.replace(b"currentColor", colour.encode("ascii"))
            renderer = QSvgRenderer(QByteArray(data))
            self._renderers[colour] = renderer
        return renderer

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        renderer = self._renderer(mode)
        if renderer.isValid():
            renderer.render(painter, QRectF(rect))

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        return self.scaledPixmap(size, mode, state, 1.0)

    def scaledPixmap(
        self, size: QSize, mode: QIcon.Mode, state: QIcon.State, scale: float
    ) -> QPixmap:
        pixmap = QPixmap(max(1, round(size.width() * scale)), max(1, round(size.height() * scale)))
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.paint(painter, QRect(QPoint(0, 0), pixmap.size()), mode, state)
        painter.end()
        pixmap.setDevicePixelRatio(scale)
        return pixmap

    def actualSize(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QSize:
        return size

    def isNull(self) -> bool:
        return not self._source

    def clone(self) -> QIconEngine:
        return SvgIconEngine(self._source, self._colour, self._disabled_colour)


def themed_icon(name: str, colour: str, disabled_colour: str) -> QIcon:
    """The icon ``resources/icons/<name>.svg`` drawn in ``colour``."""
    return QIcon(SvgIconEngine(_svg_source(name), colour, disabled_colour))


def svg_icon(name: str) -> QIcon:
    """The icon ``resources/icons/<name>.svg`` in its own colours."""
    return QIcon(SvgIconEngine(_svg_source(name)))
