"""Checks for the bundled customer face art and app icon (assets/)."""

from __future__ import annotations

import importlib.util
import math
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ASSETS = Path(__file__).resolve().parents[1] / "assets"
LOOKS = (
    *("maria", "david", "priya", "tom", "grace", "kenji", "daniela", "marcus"),
    *("hector", "ray", "jess", "loretta", "siobhan", "ines"),
)
EXPRESSIONS = ("furious", "upset", "neutral", "warming", "delighted")
SVG_NS = "{http://www.w3.org/2000/svg}"
MAX_BYTES = 6 * 1024

FACES = [
    ASSETS / "faces" / look / f"{mood}.svg" for look in LOOKS for mood in EXPRESSIONS
]
ALL_SVGS = [*FACES, ASSETS / "icons" / "app.svg"]


def _ids(paths: list[Path]) -> list[str]:
    return [f"{p.parent.name}/{p.stem}" for p in paths]


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


@pytest.mark.usefixtures("qapp")  # pytest-qt's QApplication, shared with the GUI tests
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


def _generator():
    """Import assets/faces/make_faces.py (a script, not a package)."""
    spec = importlib.util.spec_from_file_location("make_faces", ASSETS / "faces" / "make_faces.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclass looks its own module up
    spec.loader.exec_module(module)
    return module


def test_face_files_match_the_generator() -> None:
    """The committed SVGs are exactly what make_faces.py writes, for the same looks."""
    make_faces = _generator()
    assert tuple(make_faces.LOOKS) == LOOKS
    assert tuple(make_faces.EXPRESSIONS) == EXPRESSIONS
    for look in LOOKS:
        built = getattr(make_faces, look)()
        for mood in EXPRESSIONS:
            path = ASSETS / "faces" / look / f"{mood}.svg"
            assert path.read_text(encoding="utf-8") == make_faces.render(built, mood), (
                f"{look}/{mood}.svg is stale: run python assets/faces/make_faces.py"
            )


@pytest.mark.usefixtures("qapp")
@pytest.mark.parametrize("path", FACES, ids=_ids(FACES))
def test_face_stays_inside_its_circle(path: Path) -> None:
    """Qt ignores clipPath, so nothing may be painted outside the background circle."""
    size = 128
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(QColor(0, 0, 0, 0))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    QSvgRenderer(str(path)).render(painter, QRectF(0, 0, size, size))
    painter.end()
    limit = size / 2 * 123.5 / 128  # the circle's radius is 122 of 128, plus antialiasing
    stray = [
        (x, y)
        for y in range(size)
        for x in range(size)
        if math.hypot(x + 0.5 - size / 2, y + 0.5 - size / 2) > limit
        and image.pixelColor(x, y).alpha() > 0
    ]
    assert not stray, f"{len(stray)} pixels outside the circle, e.g. {stray[:3]}"


def test_app_icon_png_is_256() -> None:
    """The pre-rendered PNG icon exists at 256x256."""
    image = QImage(str(ASSETS / "icons" / "app.png"))
    assert not image.isNull()
    assert (image.width(), image.height()) == (256, 256)
