"""The supervisor's chart widgets: thin wrappers over ``simulator.charts`` painting.

Each also describes its chart in words for screen readers.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from simulator.charts import Point, Row, describe_outcomes, paint_comparison, paint_outcomes, paint_trend


class _Chart(QWidget):
    def __init__(self, name: str, lines: float, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lines = lines
        self.setAccessibleName(name)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:
        return QSize(self.fontMetrics().averageCharWidth() * 60, round(self.fontMetrics().height() * self.lines))

    def minimumSizeHint(self) -> QSize:
        return QSize(self.fontMetrics().averageCharWidth() * 30, self.sizeHint().height())

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        self.paint(painter, QRectF(self.rect()).adjusted(2, 2, -2, -2))
        painter.end()

    def paint(self, painter: QPainter, rect: QRectF) -> None:
        raise NotImplementedError


class ComparisonChart(_Chart):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Scores per dimension against the cohort average", 4, parent)
        self.rows: list[Row] = []

    def set_rows(self, rows: list[Row]) -> None:
        self.rows = rows
        self.lines = 2.0 * max(1, len(rows)) + 2
        said = [f"{label}: {'no score' if v is None else f'{v:.0f}'}" + ("" if c is None else f", cohort {c:.0f}")
                for label, v, c in rows]  # fmt: skip
        self.setAccessibleDescription("; ".join(said))
        self.updateGeometry()
        self.update()

    def paint(self, painter: QPainter, rect: QRectF) -> None:
        paint_comparison(painter, rect, self.rows)


class TrendChart(_Chart):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Scores over time", 11, parent)
        self.points: list[Point] = []

    def set_points(self, points: list[Point]) -> None:
        self.points = points
        said = ", ".join(f"{when:%d %b}: {value:.0f}" for when, value in points[-12:])
        self.setAccessibleDescription(f"{len(points)} finished sessions. Latest: {said}" if points else "No finished sessions")
        self.update()

    def paint(self, painter: QPainter, rect: QRectF) -> None:
        paint_trend(painter, rect, self.points)


class OutcomeBar(_Chart):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("How conversations ended", 2, parent)
        self.outcomes: dict[str, int] = {}

    def set_outcomes(self, outcomes: dict[str, int]) -> None:
        self.outcomes = outcomes
        self.setAccessibleDescription(describe_outcomes(outcomes))
        self.update()

    def paint(self, painter: QPainter, rect: QRectF) -> None:
        paint_outcomes(painter, rect, self.outcomes)
