"""Checks for the bundled customer face art and app icon (assets/)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ASSETS = Path(__file__).resolve().parents[1] / "assets"
LOOKS = ("maria", "david", "priya", "tom", "grace", "kenji")
EXPRESSIONS = ("furious", "upset", "neutral", "warming", "delighted")
SVG_NS = "{http://www.w3.org/2000/svg}"
MAX_BYTES = 6 * 1024

FACES = [
    ASSETS / "faces" / look / f"{mood}.svg" for look in LOOKS for mood in EXPRESSIONS
]
ALL_SVGS = [*FACES, ASSETS / "icons" / "app.svg"]


def _ids(paths: list[Path]) -> list[str]:
    return [f"{p.parent.name}/{p.stem}" for p in paths]


@pytest.fixture(scope="module")
def qt_app() -> QGuiApplication:
    """Provide the QGuiApplication that painting needs."""
    app = QGuiApplication.instance()
    return app if app is not None else QGuiApplication(sys.argv)


def _local(tag: str) -> str:
    return tag.removeprefix(SVG_NS)


@pytest.mark.parametrize("path", ALL_SVGS, ids=_ids(ALL_SVGS))
def test_svg_is_small_safe_and_well_formed(path: Path) -> None:
    """Exists, parses, 256 viewBox, has a title, < 6 KB, nothing external."""
    assert path.is_file(), f"missing {path}"
    data = path.read_bytes()
    assert len(data) < MAX_BYTES
    root = ET.fromstring(data)
    assert _local(root.tag) == "svg"
    assert root.get("viewBox") == "0 0 256 256"
    tags = {_local(el.tag) for el in root.iter()}
    assert "title" in tags
    assert not tags & {"script", "image", "text", "foreignObject", "use"}
    for el in root.iter():
        for name, value in el.attrib.items():
            assert "href" not in name.lower(), f"{name}={value!r} in {path.name}"
            assert not name.lower().startswith("on"), f"event handler {name}"
            assert "http:" not in value, value
            assert "https:" not in value, value
            assert "url(" not in value or value.startswith("url(#"), value


@pytest.mark.parametrize("path", FACES, ids=_ids(FACES))
def test_face_title_names_look_and_mood(path: Path) -> None:
    """The accessible title reads like "Maria — furious"."""
    root = ET.fromstring(path.read_bytes())
    title = root.find(f"{SVG_NS}title")
    assert title is not None
    assert title.text == f"{path.parent.name.title()} \u2014 {path.stem}"


@pytest.mark.usefixtures("qt_app")
@pytest.mark.parametrize("path", ALL_SVGS, ids=_ids(ALL_SVGS))
def test_svg_renders_with_qt(path: Path) -> None:
    """Qt's own SVG renderer (the one the app uses) accepts and draws it."""
    renderer = QSvgRenderer(str(path))
    assert renderer.isValid()
    image = QImage(64, 64, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QColor(0, 0, 0, 0))
    painter = QPainter(image)
    renderer.render(painter, QRectF(0, 0, 64, 64))
    painter.end()
    assert image.pixelColor(32, 32).alpha() == 255  # something was drawn


def test_app_icon_png_is_256() -> None:
    """The pre-rendered PNG icon exists at 256x256."""
    image = QImage(str(ASSETS / "icons" / "app.png"))
    assert not image.isNull()
    assert (image.width(), image.height()) == (256, 256)
