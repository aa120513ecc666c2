"""Chart painting shared by the PDF scorecard and the GUI: QtCore and QtGui only, no widgets.

Each ``paint_*`` function draws into a rectangle of any ``QPainter`` (a widget, a ``QPdfWriter``)
and sizes everything from the painter's font, so a 300 dpi page and a 200 % screen font both come
out in proportion. The colours and score bands are the practice window's too, so a 65 is the same
amber everywhere. May import PySide6.QtCore/QtGui and nothing of ``simulator``: ``reports`` and
``gui`` import it, never the reverse.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import datetime

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen

TRACK = QColor("#e4e7eb")
TEXT = QColor("#1f2933")
MUTED = QColor("#52606d")
PASS_LINE = QColor("#102a43")
LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
CENTRE = Qt.AlignmentFlag.AlignCenter
COHORT = QColor("#102a43")
GRID = QColor("#d3dce6")
OUTCOME_COLOURS = {"loyal": QColor("#2f8a4c"), "neutral": QColor("#7b8794"), "lost": QColor("#b83232")}
OUTCOME_NAMES = {"loyal": "won back", "neutral": "settled", "lost": "lost"}
MOOD_BANDS = ("furious", "upset", "calm but wary", "warming up", "delighted")  # 0-19, 20-39, ... as the face shows
MOOD_COLOURS = ("#c0392b", "#e67e22", "#d4ac0d", "#7fb04b", "#2e8b57")  # the play screen's mood meter, low to high


def bar_colour(score: float) -> QColor:
    """Red under 40, amber under 70, green from 70: the same bands the debrief text uses."""
    return QColor("#b83232") if score < 40 else QColor("#c27c0e") if score < 70 else QColor("#2f8a4c")


Row = tuple[str, float | None, float | None]  # label, this trainee's score, the cohort's
Point = tuple[datetime, float]


def _elide(painter: QPainter, text: str, width: float) -> str:
    return painter.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, round(width))


def paint_comparison(painter: QPainter, rect: QRectF, rows: Sequence[Row]) -> None:
    """A bar per dimension (0-100, coloured by band) with a dark mark at the cohort's average.

    The legend is drawn only when there are cohort marks to explain.
    """
    metrics = painter.fontMetrics()
    line = metrics.height()
    legend_h = line * 1.6
    row_h = min(line * 2.0, (rect.height() - legend_h) / max(1, len(rows)))
    label_w = min(max((metrics.horizontalAdvance(r[0]) for r in rows), default=0) + line, rect.width() * 0.34)
    number_w = metrics.horizontalAdvance("100") + line * 0.6
    track_w = max(10.0, rect.width() - label_w - number_w)
    bar_h = line * 0.75
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    for i, (label, value, cohort) in enumerate(rows):
        top = rect.top() + i * row_h
        painter.setPen(TEXT)
        painter.drawText(
            QRectF(rect.left(), top, label_w - line * 0.5, row_h), LEFT, _elide(painter, label, label_w - line * 0.5)
        )
        track = QRectF(rect.left() + label_w, top + (row_h - bar_h) / 2, track_w, bar_h)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(TRACK)
        painter.drawRoundedRect(track, bar_h / 3, bar_h / 3)
        if value is None:
            painter.setPen(MUTED)
            painter.drawText(track.adjusted(line * 0.4, 0, 0, 0), LEFT, "no finished session scores this")
        elif value > 0:
            painter.setBrush(bar_colour(value))
            painter.drawRoundedRect(QRectF(track.left(), track.top(), track_w * value / 100, bar_h), bar_h / 3, bar_h / 3)
        if cohort is not None:
            x = track.left() + track_w * cohort / 100
            painter.setPen(QPen(COHORT, max(1.5, line * 0.12)))
            painter.drawLine(QPointF(x, track.top() - line * 0.2), QPointF(x, track.bottom() + line * 0.2))
        painter.setPen(TEXT)
        shown = "–" if value is None else f"{value:.0f}"
        painter.drawText(QRectF(track.right(), top, number_w, row_h), RIGHT, shown)
    if any(cohort is not None for _, _, cohort in rows):
        _legend(painter, QRectF(rect.left() + label_w, rect.top() + len(rows) * row_h + line * 0.3, track_w, line))


def _legend(painter: QPainter, rect: QRectF) -> None:
    line = painter.fontMetrics().height()
    painter.setPen(Qt.PenStyle.NoPen)
    for i, score in enumerate((20, 55, 85)):  # the bars are red, amber or green by score: so is the swatch
        painter.setBrush(bar_colour(score))
        painter.drawRect(QRectF(rect.left() + i * line * 0.4, rect.top() + line * 0.2, line * 0.4, line * 0.6))
    painter.setPen(MUTED)
    mine = painter.fontMetrics().horizontalAdvance("this trainee")
    painter.drawText(QRectF(rect.left() + line * 1.6, rect.top(), mine + line, line), LEFT, "this trainee")
    x = rect.left() + line * 2.8 + mine
    painter.setPen(QPen(COHORT, max(1.5, line * 0.12)))
    painter.drawLine(QPointF(x, rect.top()), QPointF(x, rect.bottom()))
    painter.setPen(MUTED)
    painter.drawText(QRectF(x + line * 0.5, rect.top(), line * 12, line), LEFT, "cohort average")


def paint_trend(painter: QPainter, rect: QRectF, points: Sequence[Point], caption: str = "") -> None:
    """Scores 0-100 over time: a line through each finished session, dots coloured by band."""
    metrics = painter.fontMetrics()
    line = metrics.height()
    axis_w = metrics.horizontalAdvance("100") + line * 0.5
    plot = QRectF(rect.left() + axis_w, rect.top() + line * 0.5, rect.width() - axis_w - line * 0.5, rect.height() - line * 2.2)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    for mark in (0, 25, 50, 75, 100):
        y = plot.bottom() - plot.height() * mark / 100
        painter.setPen(QPen(GRID, 1, Qt.PenStyle.SolidLine if mark in (0, 100) else Qt.PenStyle.DotLine))
        painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
        if mark % 50 == 0:
            painter.setPen(MUTED)
            painter.drawText(QRectF(rect.left(), y - line / 2, axis_w - line * 0.3, line), RIGHT, str(mark))
    if not points:
        painter.setPen(MUTED)
        painter.drawText(plot, CENTRE, "No finished sessions in this period")
        return
    first, last = points[0][0], points[-1][0]
    span = max((last - first).total_seconds(), 1.0)

    def at(when: datetime, value: float) -> QPointF:
        x = plot.left() + (plot.width() * (when - first).total_seconds() / span if len(points) > 1 else plot.width() / 2)
        return QPointF(x, plot.bottom() - plot.height() * value / 100)

    path = QPainterPath(at(*points[0]))
    for point in points[1:]:
        path.lineTo(at(*point))
    painter.setPen(QPen(QColor("#627d98"), max(1.5, line * 0.1)))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawPath(path)
    radius = line * 0.22
    for when, value in points:
        painter.setPen(QPen(QColor("#ffffff"), 1))
        painter.setBrush(bar_colour(value))
        painter.drawEllipse(at(when, value), radius, radius)
    painter.setPen(MUTED)
    below = QRectF(plot.left(), plot.bottom() + line * 0.3, plot.width(), line)
    painter.drawText(below, LEFT, first.strftime("%d %b"))
    if len(points) > 1:
        painter.drawText(below, RIGHT, last.strftime("%d %b"))
    if caption:
        painter.drawText(below, CENTRE, caption)


def paint_outcomes(painter: QPainter, rect: QRectF, outcomes: dict[str, int]) -> None:
    """One bar split into won back / settled / lost, each part labelled with its share."""
    total = sum(outcomes.values())
    line = painter.fontMetrics().height()
    bar = QRectF(rect.left(), rect.top(), rect.width(), min(rect.height(), line * 1.8))
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    if not total:
        painter.setPen(MUTED)
        painter.drawText(bar, LEFT, "No finished sessions in this period")
        return
    x = bar.left()
    for outcome in ("loyal", "neutral", "lost"):
        count = outcomes.get(outcome, 0)
        if not count:
            continue
        part = QRectF(x, bar.top(), bar.width() * count / total, bar.height())
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(OUTCOME_COLOURS[outcome])
        painter.drawRect(part)
        text = f"{OUTCOME_NAMES[outcome]} {100 * count / total:.0f}%"
        if painter.fontMetrics().horizontalAdvance(text) + line < part.width():
            painter.setPen(QColor("#ffffff"))
            painter.drawText(part, CENTRE, text)
        x = part.right()


def describe_outcomes(outcomes: dict[str, int]) -> str:
    total = sum(outcomes.values()) or 1
    return "; ".join(f"{OUTCOME_NAMES[o]}: {outcomes.get(o, 0)} ({100 * outcomes.get(o, 0) / total:.0f}%)" for o in OUTCOME_NAMES)


def paint_mood(painter: QPainter, rect: QRectF, trail: Sequence[int], bands: Sequence[str] = MOOD_BANDS) -> None:
    """The customer's mood (0-100) from the start through each reply: tinted bands named on the left,
    a line through one dot per reply, so the reply that made things worse stands out as a drop."""
    metrics = painter.fontMetrics()
    line = metrics.height()
    label_w = min(max(metrics.horizontalAdvance(b) for b in bands) + line * 0.6, rect.width() * 0.3)
    plot = QRectF(rect.left() + label_w, rect.top() + line * 0.3, rect.width() - label_w - line * 1.2,
                  rect.height() - line * 1.8)  # fmt: skip
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    band_h = plot.height() / len(bands)
    for i, name in enumerate(bands):
        band = QRectF(plot.left(), plot.bottom() - (i + 1) * band_h, plot.width(), band_h)
        tint = QColor(MOOD_COLOURS[i % len(MOOD_COLOURS)])
        tint.setAlpha(34)
        painter.fillRect(band, tint)
        painter.setPen(MUTED)
        painter.drawText(QRectF(rect.left(), band.top(), label_w - line * 0.4, band_h), RIGHT,
                         _elide(painter, name, label_w - line * 0.4))  # fmt: skip
    if not trail:
        return
    step = plot.width() / max(1, len(trail) - 1)

    def at(i: int, mood: int) -> QPointF:
        x = plot.left() + (i * step if len(trail) > 1 else plot.width() / 2)
        return QPointF(x, plot.bottom() - plot.height() * min(max(mood, 0), 100) / 100)

    path = QPainterPath(at(0, trail[0]))
    for i, mood in enumerate(trail[1:], 1):
        path.lineTo(at(i, mood))
    painter.setPen(QPen(PASS_LINE, max(1.5, line * 0.12)))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawPath(path)
    radius = line * 0.25
    below = plot.bottom() + line * 0.3
    every = max(1, math.ceil(metrics.horizontalAdvance(" 00 ") / step)) if step > 0 else 1  # labels never overlap
    for i, mood in enumerate(trail):
        point = at(i, mood)
        painter.setPen(QPen(QColor("#ffffff"), 1))
        painter.setBrush(QColor(MOOD_COLOURS[min(max(mood, 0) // 20, 4)]))
        painter.drawEllipse(point, radius, radius)
        if i % every == 0 or i == len(trail) - 1:
            painter.setPen(MUTED)
            text = "start" if i == 0 else str(i)
            width = metrics.horizontalAdvance(text) + line
            painter.drawText(QRectF(point.x() - width / 2, below, width, line), CENTRE, text)


def describe_mood(trail: Sequence[int], bands: Sequence[str] = MOOD_BANDS) -> str:
    """The curve in words, for screen readers: where the customer started, their low point and where they ended."""
    if not trail:
        return "No replies yet"

    def word(mood: int) -> str:
        return bands[min(max(mood, 0) // 20, len(bands) - 1)]

    low = min(range(len(trail)), key=lambda i: trail[i])
    where = "at the start" if low == 0 else f"after reply {low}"
    return f"Started {word(trail[0])} ({trail[0]}), lowest {where} ({trail[low]}), ended {word(trail[-1])} ({trail[-1]})"
