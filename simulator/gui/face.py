"""The customer: their face (one SVG per mood band) and a mood meter that moves.

Faces come from ``face_render``, kept per file and size, so a change of expression costs a blit.
A scenario's own face is drawn in another process; until it arrives, and for good if it is
refused or too slow, the view shows the plain face for the mood: the window never waits.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEasingCurve, QRect, QRectF, QSize, Qt, QVariantAnimation
from PySide6.QtGui import QColor, QImage, QLinearGradient, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from simulator.gui import face_render
from simulator.resources import assets_dir, face_path
from simulator.scenario.model import EXPRESSIONS

MOOD_WORDS = {
    "furious": "furious",
    "upset": "upset",
    "neutral": "calm but wary",
    "warming": "warming up",
    "delighted": "delighted",
}


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
        self._path = ""
        self._fallback = ""
        self._image: tuple[str, QImage] | None = None  # the last one painted, scaled while a size is drawn
        self.showing = ""  # what the last paint showed: "face", "plain face" or "" (nothing)
        self.expression = ""
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.setMinimumSize(96, 96)
        self.setAccessibleName("Customer's face")
        face_render.drawer().arrived.connect(self._arrived)

    def show_face(self, path: Path | None, expression: str, name: str, fallback: Path | None = None) -> None:
        """Switch to another SVG; ``expression`` is what a screen reader hears; ``fallback``, the look's
        plain face for the mood, stands in while a scenario's own face is drawn or if it can't be."""
        self._path = str(path) if path else ""
        self._fallback = str(fallback) if fallback else ""
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

    def _arrived(self, path: str) -> None:
        if path in (self._path, self._fallback):
            self.update()

    def _pick(self, pixels: int) -> tuple[str, QImage] | None:
        """The face drawn at this size; else the same face at its last size; else the plain face."""
        drawer = face_render.drawer()
        if self._path and self._path not in drawer.given_up:
            image = drawer.image(self._path, pixels)
            if image is not None:
                return "face", image
            if self._image is not None and self._image[0] == self._path:
                return "face", self._image[1]
        image = drawer.image(self._fallback, pixels) if self._fallback else None
        return ("plain face", image) if image is not None else None

    def paintEvent(self, _event: object) -> None:
        side = min(self.width(), self.height())
        picked = self._pick(round(side * self.devicePixelRatioF()))
        self.showing = picked[0] if picked else ""
        if picked is None:
            return
        self._image = (self._path if picked[0] == "face" else self._fallback, picked[1])
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.drawImage(QRect((self.width() - side) // 2, (self.height() - side) // 2, side, side), picked[1])


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
