"""The map's drawing pieces: a place box and an arrow, both painted by hand.

One item per place (box and text in a single ``paint``) and one per arrow keeps a 200-place map
to a few hundred items, which is what lets the scene build and draw in well under a second.
Text is drawn with ``drawText``, which never interprets markup: ids and lines from the file show
exactly as typed.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPainterPathStroker, QPen, QPolygonF
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from simulator.gui.tooltips import plain_tip

PAD_X, PAD_Y, LINE_GAP = 10.0, 6.0, 2.0
MIN_WIDTH, MAX_WIDTH, CAPTION_WIDTH = 96.0, 280.0, 170.0
INK, MUTED = QColor("#102a43"), QColor("#52606d")


@dataclass(frozen=True)
class Look:
    fill: str
    border: str
    label: str  # the word under the id: what kind of place this is


LOOKS = {
    "start": Look("#d5eef0", "#0b6e79", "start"),
    "node": Look("#ffffff", "#7b8794", "node"),
    "loyal": Look("#e3f4e8", "#2f8a4c", "loyal"),
    "neutral": Look("#eef0f2", "#616e7c", "neutral"),
    "lost": Look("#fde8e8", "#b83232", "lost"),
}
DEAD_END = Look("#fff1e0", "#c05621", "dead end")
UNREACHABLE_FILL, UNREACHABLE_BORDER = "#f4f6f8", "#7b8794"
SELECTED = QColor("#102a43")
EDGE_COLOURS = {"choice": "#829ab1", "timeout": "#627d98", "mood": "#c05621"}
EDGE_STYLES = {"choice": Qt.PenStyle.SolidLine, "timeout": Qt.PenStyle.DashLine, "mood": Qt.PenStyle.DotLine}
EDGE_HIGHLIGHT = "#0b6e79"


class Fonts:
    """The two fonts of the map and their metrics, measured once per scene."""

    def __init__(self, base: QFont) -> None:
        self.title = QFont(base)
        self.title.setBold(True)
        self.small = QFont(base)
        self.small.setPointSizeF(max(6.0, base.pointSizeF() * 0.85))
        self.title_metrics = QFontMetricsF(self.title)
        self.small_metrics = QFontMetricsF(self.small)

    def box_size(self, title: str, subtitle: str) -> tuple[float, float]:
        """The id sets the width (up to a limit); the caption only fills what is there, up to its own limit."""
        caption = min(CAPTION_WIDTH, self.small_metrics.horizontalAdvance(subtitle))
        width = max(self.title_metrics.horizontalAdvance(title), caption)
        height = self.title_metrics.height() + LINE_GAP + self.small_metrics.height()
        return min(MAX_WIDTH, max(MIN_WIDTH, width + 2 * PAD_X)), height + 2 * PAD_Y


class NodeItem(QGraphicsItem):
    """One place of the scenario: a rounded box with its id and what kind of place it is."""

    def __init__(self, place: str, kind: str, fonts: Fonts, *, unreachable: bool, dead_end: bool, caption: str, tip: str) -> None:
        super().__init__()
        self.place = place
        self.kind = kind
        self.unreachable = unreachable
        self.dead_end = dead_end
        self.fonts = fonts
        look = DEAD_END if dead_end else LOOKS.get(kind, LOOKS["node"])
        self.look = look
        words = ["unreachable"] if unreachable else []
        words += ["dead end"] if dead_end else [look.label] if kind in ("start", "loyal", "neutral", "lost") else []
        self.subtitle = " · ".join([*words, caption] if caption else words) or look.label
        width, height = fonts.box_size(place, self.subtitle)
        self.rect = QRectF(-width / 2, -height / 2, width, height)
        self.title = fonts.title_metrics.elidedText(place, Qt.TextElideMode.ElideMiddle, width - 2 * PAD_X)
        self.edges: list[EdgeItem] = []
        self.setFlags(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable | QGraphicsItem.GraphicsItemFlag.ItemIsFocusable)
        self.setAcceptHoverEvents(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip(plain_tip(tip))
        self.setZValue(1)

    @property
    def is_ending(self) -> bool:
        return self.kind in ("loyal", "neutral", "lost")

    def boundingRect(self) -> QRectF:
        return self.rect.adjusted(-3, -3, 3, 3)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        fill, border = QColor(self.look.fill), QColor(self.look.border)
        pen = QPen(border, 2.5 if self.dead_end or self.kind == "start" else 1.4)
        if self.unreachable:
            fill, pen = QColor(UNREACHABLE_FILL), QPen(QColor(UNREACHABLE_BORDER), 1.6, Qt.PenStyle.DashLine)
        if self.isSelected():
            pen = QPen(SELECTED, 3)
        painter.setPen(pen)
        painter.setBrush(fill)
        radius = 10.0 if self.is_ending else 5.0
        painter.drawRoundedRect(self.rect, radius, radius)
        if self.unreachable:
            painter.setBrush(QBrush(QColor(UNREACHABLE_BORDER).lighter(150), Qt.BrushStyle.BDiagPattern))
            painter.setPen(Qt.PenStyle.NoPen)
            painter.drawRoundedRect(self.rect.adjusted(1, 1, -1, -1), radius, radius)
        self._paint_text(painter)

    def _paint_text(self, painter: QPainter) -> None:
        fonts = self.fonts
        inner = self.rect.adjusted(PAD_X, PAD_Y, -PAD_X, -PAD_Y)
        title_height = fonts.title_metrics.height()
        painter.setPen(INK)
        painter.setFont(fonts.title)
        painter.drawText(QRectF(inner.left(), inner.top(), inner.width(), title_height), Qt.AlignmentFlag.AlignLeft, self.title)
        painter.setPen(QColor(self.look.border).darker(130) if self.dead_end else MUTED)
        painter.setFont(fonts.small)
        sub = fonts.small_metrics.elidedText(self.subtitle, Qt.TextElideMode.ElideRight, inner.width())
        top = inner.top() + title_height + LINE_GAP
        painter.drawText(QRectF(inner.left(), top, inner.width(), fonts.small_metrics.height()), Qt.AlignmentFlag.AlignLeft, sub)

    def itemChange(self, change: QGraphicsItem.GraphicsItemChange, value: object) -> object:
        if change == QGraphicsItem.GraphicsItemChange.ItemSelectedHasChanged:
            for edge in self.edges:
                edge.set_highlight(bool(value))
        return super().itemChange(change, value)


class EdgeItem(QGraphicsItem):
    """An arrow for every move of one kind between two places (choices, timeout or mood rule)."""

    def __init__(self, source: NodeItem, target: NodeItem, kind: str, tip: str, via: list[QPointF] | None = None) -> None:
        super().__init__()
        self.source, self.target, self.kind = source, target, kind
        self.via = via or []
        self.highlight = False
        self.setToolTip(plain_tip(tip))
        self.setAcceptHoverEvents(True)
        self.path = QPainterPath()
        self.arrow = QPolygonF()
        self._bounds = QRectF()
        self._shape: QPainterPath | None = None
        source.edges.append(self)
        target.edges.append(self)
        self.route()

    def route(self) -> None:
        """Side to side through the bend points, a loop for a place to itself, a swing below within a column."""
        self.prepareGeometryChange()
        a = self.source.sceneBoundingRect().adjusted(3, 3, -3, -3)
        b = self.target.sceneBoundingRect().adjusted(3, 3, -3, -3)
        offset = {"choice": 0.0, "timeout": 4.0, "mood": -4.0}[self.kind]
        if self.source is self.target:
            path, end, back = _self_loop(a)
        elif b.left() > a.right() + 4 or a.left() > b.right() + 4:
            forward = b.left() > a.right()
            start = QPointF(a.right() if forward else a.left(), a.center().y() + offset)
            end = QPointF(b.left() if forward else b.right(), b.center().y() + offset)
            path = _through([start, *self.via, end])
            back = QPointF(-1 if forward else 1, 0)
        else:
            start, end = QPointF(a.center().x() + offset, a.bottom()), QPointF(b.center().x() + offset, b.bottom())
            depth = 34.0 + min(160.0, abs(end.x() - start.x()) * 0.15)
            path = QPainterPath(start)
            path.cubicTo(start + QPointF(0, depth), end + QPointF(0, depth), end)
            back = QPointF(0, 1)
        self.path = path
        self.arrow = _arrow_head(end, back)
        self._shape = None
        self._bounds = path.boundingRect().united(self.arrow.boundingRect()).adjusted(-4, -4, 4, 4)

    def set_highlight(self, on: bool) -> None:
        self.highlight = on
        self.setZValue(0.5 if on else 0)
        self.update()

    def boundingRect(self) -> QRectF:
        return self._bounds

    def shape(self) -> QPainterPath:
        if self._shape is None:
            stroker = QPainterPathStroker()
            stroker.setWidth(8)
            self._shape = stroker.createStroke(self.path)
        return self._shape

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        colour = QColor(EDGE_HIGHLIGHT if self.highlight else EDGE_COLOURS[self.kind])
        pen = QPen(colour, 2.4 if self.highlight else 1.3, EDGE_STYLES[self.kind])
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(self.path)
        painter.setPen(QPen(colour, 1))
        painter.setBrush(colour)
        painter.drawPolygon(self.arrow)


def _through(points: list[QPointF]) -> QPainterPath:
    """A smooth curve through ``points``, level at each one, like a river between the columns."""
    path = QPainterPath(points[0])
    for here, there in itertools.pairwise(points):
        reach = (there.x() - here.x()) * 0.5
        path.cubicTo(QPointF(here.x() + reach, here.y()), QPointF(there.x() - reach, there.y()), there)
    return path


def _self_loop(rect: QRectF) -> tuple[QPainterPath, QPointF, QPointF]:
    start, end = QPointF(rect.right() - 14, rect.bottom()), QPointF(rect.left() + 14, rect.bottom())
    path = QPainterPath(start)
    path.cubicTo(start + QPointF(20, 36), end + QPointF(-20, 36), end)
    return path, end, QPointF(-20, 36)


def _arrow_head(tip: QPointF, back: QPointF, size: float = 8.0) -> QPolygonF:
    """A small triangle at ``tip`` pointing away from the direction ``back``."""
    length = (back.x() ** 2 + back.y() ** 2) ** 0.5 or 1.0
    ux, uy = back.x() / length, back.y() / length
    base = QPointF(tip.x() + ux * size, tip.y() + uy * size)
    side = QPointF(-uy * size * 0.5, ux * size * 0.5)
    return QPolygonF([tip, base + side, base - side])
