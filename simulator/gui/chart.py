"""A horizontal bar chart of the rubric dimensions, painted with QPainter (no QtCharts needed).

Bars beat a radar here: labels stay readable at any font size, each score has its own row, and
a dimension the scenario can't score is said in words instead of drawn as a misleading zero.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from simulator.charts import MUTED, PASS_LINE, TEXT, TRACK, bar_colour, describe_mood, paint_mood


class RubricChart(QWidget):
    """One row per dimension: label, a 0-100 bar and the number; a mark shows the pass mark."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[tuple[str, float | None]] = []
        self.pass_mark: float | None = None
        self.setAccessibleName("Score per rubric dimension")
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setSizePolicy(policy)

    def set_scores(self, dimensions: list[Any], pass_mark: float | None = None) -> None:
        """``dimensions`` are the scorecard's ``DimensionScore`` rows (label, scaled)."""
        self.rows = [(d.label, d.scaled) for d in dimensions]
        self.pass_mark = pass_mark
        described = [f"{label}: {'not scored' if s is None else f'{s:.0f} out of 100'}" for label, s in self.rows]
        self.setAccessibleDescription("; ".join(described))
        self.updateGeometry()
        self.update()

    def _row_height(self) -> int:
        return round(self.fontMetrics().height() * 2.0)

    def sizeHint(self) -> QSize:
        return QSize(self.fontMetrics().averageCharWidth() * 60, self._row_height() * max(1, len(self.rows)) + 8)

    def minimumSizeHint(self) -> QSize:
        return QSize(self.fontMetrics().averageCharWidth() * 36, self.sizeHint().height())

    def _label_width(self) -> int:
        metrics = self.fontMetrics()
        widest = max((metrics.horizontalAdvance(label) for label, _ in self.rows), default=0)
        return min(widest + 16, self.width() // 3)

    def paintEvent(self, _event: object) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = self.fontMetrics()
        label_w = self._label_width()
        number_w = metrics.horizontalAdvance("100") + 16
        track_w = max(10, self.width() - label_w - number_w)
        row_h = self._row_height()
        bar_h = metrics.height() * 0.8
        for i, (label, score) in enumerate(self.rows):
            top = 4 + i * row_h
            painter.setPen(TEXT)
            text_rect = QRectF(0, top, label_w - 12, row_h)
            painter.drawText(text_rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                             metrics.elidedText(label, Qt.TextElideMode.ElideRight, label_w - 12))
            track = QRectF(label_w, top + (row_h - bar_h) / 2, track_w, bar_h)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(TRACK)
            painter.drawRoundedRect(track, bar_h / 3, bar_h / 3)
            if score is None:
                painter.setPen(MUTED)
                painter.drawText(track.adjusted(8, 0, 0, 0), Qt.AlignmentFlag.AlignVCenter, "not scored in this scenario")
                continue
            if score > 0:
                painter.setBrush(bar_colour(score))
                painter.drawRoundedRect(QRectF(track.left(), track.top(), track_w * score / 100, bar_h), bar_h / 3, bar_h / 3)
            painter.setPen(TEXT)
            painter.drawText(QRectF(label_w + track_w, top, number_w, row_h),
                             Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight, f"{score:.0f}")
        if self.pass_mark is not None and self.rows:
            x = label_w + track_w * self.pass_mark / 100
            painter.setPen(QPen(PASS_LINE, 1.5, Qt.PenStyle.DashLine))
            painter.drawLine(round(x), 2, round(x), 4 + len(self.rows) * row_h)


class MoodCurve(QWidget):
    """The customer's mood through the conversation, painted by ``charts.paint_mood`` (as the PDF could)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.trail: list[int] = []
        self.setAccessibleName("The customer's mood, reply by reply")
        self.setSizePolicy(QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed))

    def set_trail(self, trail: list[int]) -> None:
        """``trail``: the mood at the start, then after each reply (``Scorecard.mood_trail``)."""
        self.trail = list(trail)
        self.setAccessibleDescription(describe_mood(self.trail))
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(self.fontMetrics().averageCharWidth() * 60, self.fontMetrics().height() * 9)

    def minimumSizeHint(self) -> QSize:
        return QSize(self.fontMetrics().averageCharWidth() * 30, self.sizeHint().height())

    def paintEvent(self, _event: object) -> None:
        painter = QPainter(self)
        paint_mood(painter, QRectF(self.rect()), self.trail)
