"""Column widths for a table whose header labels wrap onto at most two lines.

A header is painted bold when its column holds a selected cell, and the sort arrow may be shown on
any column, so every width is measured in the bold font with the arrow's room kept (the style's
own label rectangle, ``SE_HeaderLabel``, says how much room it takes around the text). A label is split
where its two lines are most even, so "Company and customer" needs the width of "Company and",
not of the whole label; Qt's word wrap then never needs a third line.
"""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QHeaderView, QStyle, QStyleOptionHeader

SLACK = 2  # pixels: text layout and horizontalAdvance may round differently


def bold_metrics(header: QHeaderView) -> QFontMetrics:
    font = QFont(header.font())
    font.setBold(True)
    return QFontMetrics(font)


def two_lines(label: str, metrics: QFontMetrics) -> list[str]:
    """``label`` as one or two lines, split at the space that makes the wider line narrowest."""
    words = label.split()
    splits = [[label]] + [[" ".join(words[:cut]), " ".join(words[cut:])] for cut in range(1, len(words))]
    return min(splits, key=lambda lines: max(metrics.horizontalAdvance(line) for line in lines))


def label_room(header: QHeaderView, width: int) -> QRect:
    """Where the style draws a label in a section ``width`` wide, with the sort arrow shown."""
    option = QStyleOptionHeader()
    option.initFrom(header)
    option.rect = QRect(0, 0, width, two_line_height(header))
    option.state |= QStyle.StateFlag.State_Horizontal
    option.sortIndicator = QStyleOptionHeader.SortIndicator.SortDown
    return header.style().subElementRect(QStyle.SubElement.SE_HeaderLabel, option, header)


def label_width(header: QHeaderView, label: str) -> int:
    """The narrowest section that shows ``label`` bold, on at most two lines, with the sort arrow."""
    metrics = bold_metrics(header)
    probe = 1000
    chrome = probe - label_room(header, probe).width()
    return chrome + SLACK + max(metrics.horizontalAdvance(line) for line in two_lines(label, metrics))


def two_line_height(header: QHeaderView) -> int:
    """A header tall enough for two bold lines inside the style's margins."""
    margin = header.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
    return 2 * bold_metrics(header).lineSpacing() + 2 * margin + SLACK
