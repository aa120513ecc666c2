"""Every tooltip a screen can show, for the tests that check none of them renders data as markup:
widgets', item views' (each index and header, through the model) and graphics items'."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt
from PySide6.QtGui import Qt as GuiQt  # mightBeRichText lives in QtGui
from PySide6.QtWidgets import QAbstractItemView, QGraphicsView, QWidget

from simulator.gui.tooltips import MARK

TIP = Qt.ItemDataRole.ToolTipRole


def tooltips(root: QWidget) -> list[tuple[str, str]]:
    """(where, tooltip) for everything under ``root`` that has a tooltip."""
    found: list[tuple[str, str]] = []
    for widget in [root, *root.findChildren(QWidget)]:
        where = f"{type(widget).__name__} {widget.objectName() or widget.accessibleName()!r}"
        if widget.toolTip():
            found.append((where, widget.toolTip()))
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            found += [(f"{where} {cell}", tip) for cell, tip in _model_tips(widget.model())]
        if isinstance(widget, QGraphicsView) and widget.scene() is not None:
            found += [(f"{where} item", item.toolTip()) for item in widget.scene().items() if item.toolTip()]
    return found


def _model_tips(model: QAbstractItemModel, parent: QModelIndex | None = None) -> list[tuple[str, str]]:
    parent = parent or QModelIndex()
    found = []
    if not parent.isValid():
        for section in range(model.columnCount()):
            tip = model.headerData(section, Qt.Orientation.Horizontal, TIP)
            if tip:
                found.append((f"header {section}", str(tip)))
    for row in range(model.rowCount(parent)):
        for column in range(model.columnCount(parent)):
            index = model.index(row, column, parent)
            tip = model.data(index, TIP)
            if tip:
                found.append((f"row {row} column {column}", str(tip)))
        first = model.index(row, 0, parent)
        if model.rowCount(first) > 0:
            found += _model_tips(model, first)
    return found


def rendered_as_markup(tips: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The tooltips Qt would render as HTML without ``gui.tooltips.plain_tip`` having escaped them."""
    return [(where, tip) for where, tip in tips if GuiQt.mightBeRichText(tip) and not tip.startswith(MARK)]
