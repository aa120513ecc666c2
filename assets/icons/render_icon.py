"""Render assets/icons/app.svg to app.png (256x256) with PySide6's SVG renderer.

Run after editing the SVG::

    python assets/icons/render_icon.py
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

HERE = Path(__file__).resolve().parent
SIZE = 256


def render(svg: Path, png: Path, size: int = SIZE) -> None:
    """Rasterise ``svg`` onto a transparent ``size`` x ``size`` PNG.

    Args:
        svg: Source SVG file.
        png: Destination PNG file (overwritten).
        size: Edge length in pixels.

    Raises:
        ValueError: If Qt cannot parse the SVG.
        OSError: If the PNG cannot be written.

    """
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    _app = QGuiApplication.instance() or QGuiApplication(sys.argv)
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        msg = f"invalid SVG: {svg}"
        raise ValueError(msg)
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QColor(0, 0, 0, 0))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    if not image.save(str(png)):
        msg = f"could not write {png}"
        raise OSError(msg)


if __name__ == "__main__":
    render(HERE / "app.svg", HERE / "app.png")
