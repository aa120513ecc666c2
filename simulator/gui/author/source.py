"""A read-only view of a scenario file with line numbers and its problem lines marked.

Plain text only (``setPlainText``): the file is shown exactly as typed, whatever it contains.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QColor, QFontDatabase, QPainter, QPaintEvent, QResizeEvent, QTextCursor, QTextFormat
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QWidget

from simulator.scenario.problems import Problem

MARKS = {"error": QColor("#fde8e8"), "warning": QColor("#fff6dd")}
CURRENT = QColor("#f6d2d2")
SHOW_LIMIT = 4 * 1024 * 1024  # bytes shown; past this the view shows the start and says so


def read_source(path: str | Path) -> str:
    """The file as text for display: replacement characters for bad bytes, never an exception."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        return f"(the file can't be read: {exc.strerror or exc})"
    if b"\0" in data[:8192]:
        return "(a binary file: not shown)"
    text = data[:SHOW_LIMIT].decode("utf-8", errors="replace")
    if len(data) > SHOW_LIMIT:
        text += f"\n\n(only the first {SHOW_LIMIT // (1024 * 1024)} MiB are shown)"
    return text


class SourceView(QPlainTextEdit):
    """The file's lines; ``mark`` tints the lines with problems, ``go_to`` shows one of them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        flags = Qt.TextInteractionFlag
        self.setTextInteractionFlags(flags.TextSelectableByKeyboard | flags.TextSelectableByMouse)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSizeF(max(font.pointSizeF(), self.font().pointSizeF() * 0.95))
        self.setFont(font)
        self.setAccessibleName("Source of the scenario file (read-only)")
        self.setStyleSheet("QPlainTextEdit { background: #ffffff; border: 1px solid #bcccdc; border-radius: 4px; }")
        self._gutter = _Gutter(self)
        self._marks: list[QTextEdit.ExtraSelection] = []
        self._current: QTextEdit.ExtraSelection | None = None
        self.blockCountChanged.connect(lambda _n: self._fit_gutter())
        self.updateRequest.connect(self._scroll_gutter)
        self._fit_gutter()

    def show_text(self, text: str, problems: list[Problem]) -> None:
        self.setPlainText(text)
        self._current = None
        self._marks = [self._selection(p.line, MARKS.get(p.severity, MARKS["warning"])) for p in problems if p.line > 0]
        self._apply()

    def go_to(self, line: int, col: int = 1) -> None:
        """Put the cursor at ``line``:``col``, highlight that line and scroll it to the middle."""
        block = self.document().findBlockByNumber(max(0, line - 1))
        if not block.isValid():
            return
        cursor = QTextCursor(block)
        # setPosition is O(1); moving Right col-1 times re-lays the line each step (quadratic on a 1 MB line)
        cursor.setPosition(block.position() + max(0, min(col - 1, block.length() - 1)))
        self.setTextCursor(cursor)
        self._current = self._selection(line, CURRENT)
        self._apply()
        self.centerCursor()

    def _selection(self, line: int, colour: QColor) -> QTextEdit.ExtraSelection:
        selection = QTextEdit.ExtraSelection()
        selection.format.setBackground(colour)
        selection.format.setProperty(QTextFormat.Property.FullWidthSelection, True)
        selection.cursor = QTextCursor(self.document().findBlockByNumber(max(0, line - 1)))
        return selection

    def _apply(self) -> None:
        self.setExtraSelections(self._marks + ([self._current] if self._current else []))

    # -- the line-number gutter ------------------------------------------------------------
    def gutter_width(self) -> int:
        digits = len(str(max(1, self.blockCount())))
        return 14 + self.fontMetrics().horizontalAdvance("9") * max(3, digits)

    def _fit_gutter(self) -> None:
        self.setViewportMargins(self.gutter_width(), 0, 0, 0)

    def _scroll_gutter(self, rect: QRect, dy: int) -> None:
        if dy:
            self._gutter.scroll(0, dy)
        else:
            self._gutter.update(0, rect.y(), self._gutter.width(), rect.height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        inner = self.contentsRect()
        self._gutter.setGeometry(QRect(inner.left(), inner.top(), self.gutter_width(), inner.height()))

    def paint_gutter(self, event: QPaintEvent) -> None:
        painter = QPainter(self._gutter)
        painter.fillRect(event.rect(), QColor("#f4f6f8"))
        marked = {s.cursor.blockNumber() for s in self._marks}
        block = self.firstVisibleBlock()
        top = round(self.blockBoundingGeometry(block).translated(self.contentOffset()).top())
        height = self.fontMetrics().height()
        while block.isValid() and top <= event.rect().bottom():
            if block.isVisible():
                number = block.blockNumber()
                painter.setPen(QColor("#8a1c1c") if number in marked else QColor("#616e7c"))
                rect = QRect(0, top, self._gutter.width() - 6, height)
                painter.drawText(rect, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, str(number + 1))
            top += round(self.blockBoundingRect(block).height())
            block = block.next()
        painter.end()


class _Gutter(QWidget):
    def __init__(self, view: SourceView) -> None:
        super().__init__(view)
        self.view = view

    def sizeHint(self) -> QSize:
        return QSize(self.view.gutter_width(), 0)

    def paintEvent(self, event: QPaintEvent) -> None:
        self.view.paint_gutter(event)
