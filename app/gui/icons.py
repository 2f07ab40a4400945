"""Bundled Lucide icons (ISC licence, resources/icons), tinted for the current palette.

The SVGs draw with `currentColor`, which Qt's renderer does not know; we substitute a
colour and render the pixmaps ourselves so icons stay crisp at every size.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QIcon, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

from app.core import paths

INK = "#3a4150"


@cache
def icon(name: str, color: str = INK) -> QIcon:
    """QIcon for resources/icons/<name>.svg; an empty icon if the file is missing."""
    try:
        svg = paths.resource("icons", f"{name}.svg").read_text(encoding="utf-8")
    except OSError:
        return QIcon()
    renderer = QSvgRenderer(QByteArray(svg.replace("currentColor", color).encode()))
    result = QIcon()
    for size in (16, 20, 24, 32, 48, 64):
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        renderer.render(painter)
        painter.end()
        result.addPixmap(pixmap)
    return result
