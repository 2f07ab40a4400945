"""Render packaging/icons/sijil.svg into the raster icons the installers need:
sijil.png (256 px, Linux menus), sijil.ico (Windows) and sijil.icns (macOS).

The outputs are committed, so a Windows or macOS build needs neither make nor this script;
run it again (`make icons`) after changing the SVG.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from PIL import Image
from PySide6.QtCore import QBuffer, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

HERE = Path(__file__).resolve().parent / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512, 1024)


def render(renderer: QSvgRenderer, size: int) -> Image.Image:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return Image.open(io.BytesIO(bytes(buffer.data()))).convert("RGBA")


def main() -> int:
    _app = QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(HERE / "sijil.svg"))
    images = {size: render(renderer, size) for size in SIZES}
    images[256].save(HERE / "sijil.png", optimize=True)
    images[256].save(HERE / "sijil.ico", sizes=[(s, s) for s in SIZES if s <= 256])
    images[1024].save(HERE / "sijil.icns")
    return 0


if __name__ == "__main__":
    sys.exit(main())
