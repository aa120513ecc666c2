"""A wide table's first column, pinned: it stays at the left edge while the others scroll sideways.

At 1024x700, and more so at a 200 % font, the cohort table is wider than the window; scrolled to
the dimension columns without the trainee's name in view, a row of scores says nothing. This is
Qt's "frozen column" recipe: a second view of the same model and selection, showing column 0
only, laid over the table's left edge and scrolled up and down with it. It never takes keyboard
focus (the table keeps it); clicking its header sorts the table by that column.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QFrame, QHeaderView, QTableView


class PinnedColumn(QTableView):
    """Column 0 of ``table``, over its left edge; the table calls ``place()`` when its geometry changes."""

    def __init__(self, table: QTableView) -> None:
        super().__init__(table)
        self.table = table
        self.setModel(table.model())
        self.setSelectionModel(table.selectionModel())
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setFrameShape(QFrame.Shape.NoFrame)  # inside the table's own frame
        self.setAccessibleName(f"{table.accessibleName()}: the first column, kept in view")
        self.setSelectionBehavior(table.selectionBehavior())
        self.setSelectionMode(table.selectionMode())
        self.setVerticalScrollMode(table.verticalScrollMode())  # the same steps: the scroll bars' values agree
        self.setAlternatingRowColors(table.alternatingRowColors())
        self.setWordWrap(False)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._copy_headers()
        table.viewport().stackUnder(self)
        self.verticalScrollBar().valueChanged.connect(table.verticalScrollBar().setValue)
        table.verticalScrollBar().valueChanged.connect(self.verticalScrollBar().setValue)
        theirs = table.horizontalHeader()
        theirs.sectionResized.connect(self._resized)
        theirs.sortIndicatorChanged.connect(self.horizontalHeader().setSortIndicator)
        theirs.geometriesChanged.connect(self.place)
        self.horizontalHeader().sectionClicked.connect(self._sort)
        model = table.model()
        for signal in (model.modelReset, model.columnsInserted, model.layoutChanged):
            signal.connect(self.show_first_only)
        self.show_first_only()

    def _copy_headers(self) -> None:
        rows, theirs = self.verticalHeader(), self.table.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(theirs.defaultSectionSize())
        rows.hide()
        header, theirs = self.horizontalHeader(), self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header.setDefaultAlignment(theirs.defaultAlignment())
        header.setHighlightSections(theirs.highlightSections())
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(theirs.isSortIndicatorShown())
        header.setSortIndicator(theirs.sortIndicatorSection(), theirs.sortIndicatorOrder())

    def show_first_only(self) -> None:
        for column in range(1, self.model().columnCount()):
            self.setColumnHidden(column, True)
        self.setColumnWidth(0, self.table.columnWidth(0))
        self.place()

    def place(self) -> None:
        """Over the table's first column, from the top of its header to the bottom of its viewport."""
        table = self.table
        frame = table.frameWidth()
        self.horizontalHeader().setFixedHeight(table.horizontalHeader().height())
        self.setGeometry(frame, frame, table.columnWidth(0), table.viewport().height() + table.horizontalHeader().height())
        self.verticalScrollBar().setValue(table.verticalScrollBar().value())

    def _resized(self, column: int, _old: int, _new: int) -> None:
        if column == 0:
            self.show_first_only()

    def _sort(self, column: int) -> None:
        """As a click on the table's own header would: ascending first, then flip."""
        theirs = self.table.horizontalHeader()
        flip = theirs.sortIndicatorSection() == column and theirs.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder
        self.table.sortByColumn(column, Qt.SortOrder.DescendingOrder if flip else Qt.SortOrder.AscendingOrder)

    def uncover(self, current: QModelIndex | QPersistentModelIndex) -> None:
        """Scroll the table sideways so the cell at ``current`` is not under the pinned column."""
        if current.isValid() and current.column() > 0:
            left = self.table.visualRect(current).left()
            if left < self.table.columnWidth(0):
                bar = self.table.horizontalScrollBar()
                bar.setValue(bar.value() + left - self.table.columnWidth(0))
