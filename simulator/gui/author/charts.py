"""Two small charts for random playthroughs, painted by hand (QtCharts is not installed).

``ScoreHistogram``: finished walks per overall-score band, with the pass mark. ``EndingsChart``:
how often each ending was reached, coloured by outcome. Both describe themselves in words for
screen readers (``accessibleDescription``) since a picture alone says nothing to them.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

CENTRE = Qt.AlignmentFlag.AlignCenter
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter

INK, MUTED, GRID = QColor("#1f2933"), QColor("#52606d"), QColor("#d3dce6")
BAR, PASS = QColor("#5b9aa0"), QColor("#b7791f")
OUTCOME_BARS = {"loyal": "#2f8a4c", "neutral": "#7b8794", "lost": "#b83232"}


class ScoreHistogram(QWidget):
    """Bars for the score bands 0-9, 10-19 ... 90-99 and 100."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bins: list[int] = []
        self.pass_mark: float | None = None
        self.setAccessibleName("Overall scores of the random playthroughs")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumHeight(self.fontMetrics().height() * 9)

    def set_data(self, bins: list[int], pass_mark: float | None = None) -> None:
        self.bins = list(bins)
        self.pass_mark = pass_mark
        bands = [f"{band_label(i, len(bins))}: {n}" for i, n in enumerate(bins) if n]
        self.setAccessibleDescription("Walks per score band. " + ("; ".join(bands) if bands else "No finished walks."))
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(self.fontMetrics().averageCharWidth() * 50, self.fontMetrics().height() * 12)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = QFontMetricsF(self.font())
        line = metrics.height()
        plot = QRectF(16, line * 1.4, self.width() - 32, self.height() - line * 3.8)
        painter.setPen(QPen(GRID, 1))
        painter.drawLine(plot.bottomLeft(), plot.bottomRight())
        if not self.bins:
            painter.setPen(MUTED)
            painter.drawText(plot, CENTRE, "No walks yet")
            painter.end()
            return
        top = max(self.bins) or 1
        step = plot.width() / len(self.bins)
        every = 1 if step >= metrics.horizontalAdvance("100") + 6 else 2  # label every other band when crowded
        for i, count in enumerate(self.bins):
            height = (plot.height() - line * 0.2) * count / top
            bar = QRectF(plot.left() + i * step + step * 0.1, plot.bottom() - height, step * 0.8, height)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(BAR)
            painter.drawRect(bar)
            painter.setPen(INK)
            if count:
                painter.drawText(QRectF(bar.left() - 8, bar.top() - line, bar.width() + 16, line), CENTRE, str(count))
            x = plot.left() + i * step  # ticks at the band boundaries, where the pass mark line also sits
            painter.setPen(QPen(GRID, 1))
            painter.drawLine(QPointF(x, plot.bottom()), QPointF(x, plot.bottom() + 4))
            painter.setPen(MUTED)
            if i % every == 0 or i == len(self.bins) - 1:
                painter.drawText(QRectF(x - step, plot.bottom() + 3, 2 * step, line), CENTRE, str(i * 10))
        painter.setPen(MUTED)
        axis = QRectF(plot.left(), plot.bottom() + line + 2, plot.width(), line)
        painter.drawText(axis, CENTRE, "overall score")
        if self.pass_mark is not None:
            self._pass_line(painter, plot, step, line)
        painter.end()

    def _pass_line(self, painter: QPainter, plot: QRectF, step: float, line: float) -> None:
        x = plot.left() + step * min(self.pass_mark or 0.0, 100) / 10
        painter.setPen(QPen(PASS, 1.5, Qt.PenStyle.DashLine))
        painter.drawLine(QPointF(x, plot.top() - line * 0.2), QPointF(x, plot.bottom()))
        painter.setPen(PASS.darker(140))
        text = f"pass mark {self.pass_mark:g}"
        width = QFontMetricsF(self.font()).horizontalAdvance(text) + 8
        left = min(max(x - width / 2, plot.left()), plot.right() - width)
        painter.drawText(QRectF(left, plot.top() - line * 1.3, width, line), CENTRE, text)


def percent(count: int, total: int) -> str:
    """Whole percents, but never "0%" for something that did happen."""
    share = 100 * count / (total or 1)
    return "<1%" if 0 < share < 1 else f"{share:.0f}%"


def band_label(index: int, count: int) -> str:
    return "100" if index == count - 1 else f"{index * 10}-{index * 10 + 9}"


class EndingsChart(QWidget):
    """One horizontal bar per ending: how many walks ended there."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[tuple[str, str, int]] = []
        self.setAccessibleName("Endings reached by the random playthroughs")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_data(self, rows: list[tuple[str, str, int]]) -> None:
        """``rows``: (ending id, outcome, walks that ended there), in the order to show."""
        self.rows = rows
        total = sum(n for _, _, n in rows) or 1
        parts = [f"{name}: {n} ({percent(n, total)})" for name, _, n in rows]
        self.setAccessibleDescription("Walks per ending. " + ("; ".join(parts) if parts else "No finished walks."))
        self.setMinimumHeight(round(self.fontMetrics().height() * 1.15 * max(1, len(rows)) + 8))
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(
            self.fontMetrics().averageCharWidth() * 50, round(self.fontMetrics().height() * 1.6 * max(3, len(self.rows)))
        )

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = QFontMetricsF(self.font())
        line = metrics.height()
        if not self.rows:
            painter.setPen(MUTED)
            painter.drawText(self.rect(), CENTRE, "No walks yet")
            painter.end()
            return
        total = sum(n for _, _, n in self.rows) or 1
        top = max(n for _, _, n in self.rows) or 1
        name_width = min(self.width() * 0.5, max(metrics.horizontalAdvance(r[0]) for r in self.rows) + 12)
        count_width = metrics.horizontalAdvance("00000 (100%)") + 8
        room = max(10.0, self.width() - name_width - count_width - 8)
        pitch = max(line * 1.15, min(line * 1.6, (self.height() - 8) / len(self.rows)))  # closer rows when short of room
        for i, (name, outcome, count) in enumerate(self.rows):
            y = 4 + i * pitch
            painter.setPen(INK)
            shown = metrics.elidedText(name, Qt.TextElideMode.ElideMiddle, name_width - 12)
            painter.drawText(QRectF(0, y, name_width - 8, line * 1.3), RIGHT, shown)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(OUTCOME_BARS.get(outcome, "#5b9aa0")))
            if count:
                painter.drawRoundedRect(QRectF(name_width, y + line * 0.15, max(2.0, room * count / top), line * 0.95), 3, 3)
            painter.setPen(MUTED)
            right = QRectF(name_width + room * count / top + 6, y, count_width, line * 1.3)
            painter.drawText(right, LEFT, f"{count} ({percent(count, total)})")
        painter.end()
