"""The customer: their face (one SVG per mood band) and a mood meter that moves.

Renderers are cached per file so a change of expression costs a repaint, not an SVG parse,
which keeps a click-to-next-node well inside one frame.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from PySide6.QtCore import QEasingCurve, QRectF, QSize, Qt, QVariantAnimation
from PySide6.QtGui import QColor, QLinearGradient, QPainter, QPen, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QSizePolicy, QWidget

from simulator.resources import assets_dir, face_path
from simulator.scenario.model import EXPRESSIONS

MOOD_WORDS = {
    "furious": "furious",
    "upset": "upset",
    "neutral": "calm but wary",
    "warming": "warming up",
    "delighted": "delighted",
}


@lru_cache(maxsize=64)
def _renderer(path: str) -> QSvgRenderer | None:
    renderer = QSvgRenderer(path)
    return renderer if renderer.isValid() else None


def resolve_face(face: str, look: str, scenario_folder: Path | None = None) -> Path | None:
    """The SVG file for an expression name, or a scenario's own face file (kept inside its folders)."""
    if face in EXPRESSIONS:
        path = face_path(look, face)
        return path if path.is_file() else face_path("maria", face)
    if not face.lower().endswith(".svg"):
        return None
    for folder in (scenario_folder, assets_dir()):
        if folder is None:
            continue
        candidate = (folder / face).resolve()
        if candidate.is_file() and candidate.is_relative_to(folder.resolve()):
            return candidate
    return None


class FaceView(QWidget):
    """Paints the customer's face, square and centred, at any size."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._renderer: QSvgRenderer | None = None
        self._cache: tuple[object, QPixmap | None] = (None, None)
        self.expression = ""
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.setMinimumSize(96, 96)
        self.setAccessibleName("Customer's face")

    def show_face(self, path: Path | None, expression: str, name: str) -> None:
        """Switch to another SVG; ``expression`` is what a screen reader hears."""
        self._renderer = _renderer(str(path)) if path else None
        self.expression = expression
        self.setAccessibleDescription(f"{name} looks {MOOD_WORDS.get(expression, expression)}")
        self.update()

    def sizeHint(self) -> QSize:
        side = max(160, self.fontMetrics().height() * 9)
        return QSize(side, side)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return width

    def paintEvent(self, _event: object) -> None:
        if self._renderer is None:
            return
        side = min(self.width(), self.height())
        ratio = self.devicePixelRatioF()
        key = (id(self._renderer), side, ratio)
        if self._cache[0] != key:  # render the SVG once per face and size, then blit
            pixmap = QPixmap(round(side * ratio), round(side * ratio))
            pixmap.setDevicePixelRatio(ratio)
            pixmap.fill(Qt.GlobalColor.transparent)
            painter = QPainter(pixmap)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            self._renderer.render(painter, QRectF(0, 0, side, side))
            painter.end()
            self._cache = (key, pixmap)
        cached = self._cache[1]
        if cached is not None:
            QPainter(self).drawPixmap((self.width() - side) // 2, (self.height() - side) // 2, cached)


class MoodMeter(QWidget):
    """A horizontal meter from furious (red) to delighted (green) whose marker glides to the mood."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.target = 50
        self._shown = 50.0
        self._anim = QVariantAnimation(self)
        self._anim.setDuration(450)
        self._anim.setEasingCurve(QEasingCurve.Type.OutCubic)
        self._anim.valueChanged.connect(self._step)
        self.setAccessibleName("Customer mood")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_mood(self, mood: int, animate: bool = True) -> None:
        self.target = mood
        self.setAccessibleDescription(f"{mood} out of 100")
        self._anim.stop()
        if animate and self.isVisible():
            self._anim.setStartValue(float(self._shown))
            self._anim.setEndValue(float(mood))
            self._anim.start()
        else:
            self._step(float(mood))

    def _step(self, value: object) -> None:
        self._shown = float(value)  # type: ignore[arg-type]
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(160, max(18, round(self.fontMetrics().height() * 1.1)))

    def paintEvent(self, _event: object) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        h = self.height()
        track = QRectF(h / 2, h * 0.3, self.width() - h, h * 0.4)
        gradient = QLinearGradient(track.topLeft(), track.topRight())
        for stop, colour in ((0.0, "#c0392b"), (0.3, "#e67e22"), (0.5, "#d4ac0d"), (0.7, "#7fb04b"), (1.0, "#2e8b57")):
            gradient.setColorAt(stop, QColor(colour))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(gradient)
        painter.drawRoundedRect(track, track.height() / 2, track.height() / 2)
        x = track.left() + track.width() * self._shown / 100
        painter.setPen(QPen(QColor("#102a43"), 2))
        painter.setBrush(QColor("#ffffff"))
        painter.drawEllipse(QRectF(x - h * 0.4, h * 0.1, h * 0.8, h * 0.8))
