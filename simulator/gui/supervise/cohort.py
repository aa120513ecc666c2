"""The cohort table: every trainee, sortable and searchable, fast with 10,000 of them.

Model/view with no widget per row: ``CohortModel`` holds plain ``CohortLine`` rows and answers
``data()`` from them; ``CohortProxy`` filters by a search text (name or employee id) and by
"active in this period". Sorting is done by the source model with Python's ``sorted`` on a
precomputed key (a few milliseconds for 10,000 rows) instead of the proxy calling ``data()``
hundreds of thousands of times.

Opening the view runs one pass over the sessions (sessions, last activity, overall, trend, pass
rate). The per-dimension averages need every finished session's scores, so they are computed on
a second, read-only connection in a thread and fill their columns when ready (``details_loaded``);
``supervision.cohort`` gives the same lines in one call for exports and ``Store.cohort_summary``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from simulator.gui.supervise import headers
from simulator.gui.supervise.background import Background, reader
from simulator.gui.tooltips import plain_tip
from simulator.reports.data import weakest_dimension
from simulator.store import supervision
from simulator.store.supervision import CohortLine, Filters

Index = QModelIndex | QPersistentModelIndex
SORT_ROLE = Qt.ItemDataRole.UserRole
ID_ROLE = Qt.ItemDataRole.UserRole + 1
FIXED = ("Trainee", "Employee ID", "Sessions", "Last activity", "Overall", "Trend", "Pass rate", "Weakest")
NAME, EMPLOYEE, SESSIONS, LAST, OVERALL, TREND, PASS, WEAKEST = range(len(FIXED))
STEADY = 1.0  # points per week under which a trend shows as steady
UP, DOWN, FLAT = QColor("#1e5631"), QColor("#8a1c1c"), QColor("#52606d")
LOW, MIDDLE = QColor("#fde8e8"), QColor("#fff4d6")
NUMBER = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
HEADER_TIPS = (
    "Trainee: double-click a row or press Enter for the scorecard",
    "Employee ID: the search box finds it too",
    "Sessions started in this period",
    "Last activity: the day of the latest session",
    "Overall: mean score of finished sessions (0-100)",
    "Change in overall score per week (least-squares over finished sessions)",
    "Pass rate: share of finished sessions that passed",
    "Weakest: the dimension with the lowest mean score",
)
CONTENT_CHARS = {NAME: 22, EMPLOYEE: 8, SESSIONS: 6, LAST: 12, OVERALL: 4, TREND: 11, PASS: 5, WEAKEST: 28}
"""Average characters each fixed column's cells need; a dimension's cells need 4 ("100")."""


def day(iso: str | None) -> str:
    if not iso:
        return "–"
    return datetime.fromisoformat(iso).astimezone().strftime("%d %b %Y")


def trend_text(trend: float | None) -> str:
    if trend is None:
        return "–"
    arrow = "↑" if trend >= STEADY else "↓" if trend <= -STEADY else "→"
    return f"{arrow} {trend:+.1f}/wk".replace("-", "−")


def _score(value: float | None) -> str:
    return "–" if value is None else f"{value:.0f}"


class CohortModel(QAbstractTableModel):
    """Trainees as rows; the fixed columns, then one per rubric dimension."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.lines: list[CohortLine] = []
        self.dims: list[tuple[str, str]] = []
        self.complete = True  # False while the per-dimension details are loading

    def reset(self, lines: list[CohortLine], dims: list[tuple[str, str]]) -> None:
        self.beginResetModel()
        self.lines, self.dims, self.complete = lines, dims, False
        self.endResetModel()

    def set_details(self, details: dict[str, dict[str, float]]) -> None:
        supervision.fill(self.lines, details)
        self.complete = True
        if self.lines:
            self.dataChanged.emit(self.index(0, WEAKEST), self.index(len(self.lines) - 1, self.columnCount() - 1))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's own default argument
        return 0 if parent.isValid() else len(self.lines)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(FIXED) + len(self.dims)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < self.columnCount():
            return None
        title = FIXED[section] if section < len(FIXED) else self.dims[section - len(FIXED)][1]
        if role == Qt.ItemDataRole.DisplayRole:
            return title
        if role == Qt.ItemDataRole.ToolTipRole:
            if section >= len(FIXED):
                return plain_tip(f"{title}: mean score of finished sessions (0-100)")
            return plain_tip(HEADER_TIPS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: PLR0911 - one answer per role
        if not index.isValid():
            return None
        line, column = self.lines[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(line, column)
        if role == SORT_ROLE:
            return self.sort_key(column)(line)
        if role == ID_ROLE:
            return line.trainee_id
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return None if column in (NAME, EMPLOYEE, WEAKEST) else NUMBER
        if role == Qt.ItemDataRole.ForegroundRole and column == TREND and line.trend is not None:
            return QBrush(UP if line.trend >= STEADY else DOWN if line.trend <= -STEADY else FLAT)
        if role == Qt.ItemDataRole.BackgroundRole and column >= len(FIXED):
            value = (line.averages or {}).get(self.dims[column - len(FIXED)][0])
            return None if value is None or value >= 70 else QBrush(LOW if value < 40 else MIDDLE)
        if role == Qt.ItemDataRole.ToolTipRole and column == NAME:
            done = f"{line.finished} of {line.sessions} sessions finished"
            return plain_tip(f"{line.name}: {done}. Double-click for the scorecard.")
        return None

    def _text(self, line: CohortLine, column: int) -> str:  # noqa: PLR0911 - one answer per column
        if column == NAME:
            return line.name
        if column == EMPLOYEE:
            return line.employee_id or ""
        if column == SESSIONS:
            return f"{line.sessions:,}"
        if column == LAST:
            return day(line.last_activity)
        if column == OVERALL:
            return _score(line.overall)
        if column == TREND:
            return trend_text(line.trend)
        if column == PASS:
            return "–" if line.pass_rate is None else f"{100 * line.pass_rate:.0f}%"
        if line.averages is None:
            return "…"
        if column == WEAKEST:
            return self.weakest(line) or "–"
        return _score(line.averages.get(self.dims[column - len(FIXED)][0]))

    def weakest(self, line: CohortLine) -> str | None:
        dim = weakest_dimension(line.averages)
        if dim is None or line.averages is None:
            return None
        return f"{dict(self.dims).get(dim, dim)} ({line.averages[dim]:.0f})"

    def sort_key(self, column: int) -> Any:
        """A key that sorts missing values after real ones in ascending order."""
        missing = float("inf")
        if column == NAME:
            return lambda x: x.name.casefold()
        if column == EMPLOYEE:
            return lambda x: (x.employee_id is None, (x.employee_id or "").casefold())
        if column == LAST:
            return lambda x: x.last_activity or ""
        if column == WEAKEST:
            return lambda x: (self.weakest(x) is None, self.weakest(x) or "")
        fields = {SESSIONS: "sessions", OVERALL: "overall", TREND: "trend", PASS: "pass_rate"}
        if column in fields:
            name = fields[column]
            return lambda x: missing if getattr(x, name) is None else getattr(x, name)
        dim = self.dims[column - len(FIXED)][0]
        return lambda x: (x.averages or {}).get(dim, missing)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < self.columnCount():
            return
        self.layoutAboutToBeChanged.emit()
        before = list(self.lines)
        self.lines.sort(key=self.sort_key(column), reverse=order == Qt.SortOrder.DescendingOrder)
        where = {id(line): row for row, line in enumerate(self.lines)}
        old = self.persistentIndexList()
        self.changePersistentIndexList(old, [self.index(where[id(before[i.row()])], i.column()) for i in old])
        self.layoutChanged.emit()


class CohortProxy(QSortFilterProxyModel):
    """Search by name or employee id; optionally hide trainees with no session in the period."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.needle = ""
        self.active_only = False

    def set_search(self, text: str) -> None:
        self._refilter(lambda: setattr(self, "needle", " ".join(text.split()).casefold()))

    def set_active_only(self, on: bool) -> None:
        self._refilter(lambda: setattr(self, "active_only", on))

    def _refilter(self, change: Any) -> None:
        """Qt >= 6.9 brackets the change (invalidateRowsFilter is deprecated there); older Qt re-filters after."""
        if hasattr(self, "beginFilterChange"):
            self.beginFilterChange()
            change()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            change()
            self.invalidateRowsFilter()

    def filterAcceptsRow(self, row: int, parent: Index) -> bool:
        source = self.sourceModel()
        line = source.lines[row]  # type: ignore[attr-defined]
        if self.active_only and not line.sessions:
            return False
        return not self.needle or self.needle in line.name.casefold() or self.needle in (line.employee_id or "").casefold()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Delegated to the source model's key sort; the proxy keeps the source order."""
        self.sourceModel().sort(column, order)


class CohortTable(QTableView):
    """The table itself; emits ``trainee_opened(trainee_id)`` on double-click or Enter."""

    trainee_opened = Signal(str)
    """The supervisor asked for this trainee's scorecard."""

    details_loaded = Signal()
    """The per-dimension columns are filled for the current filter."""

    def __init__(self, store: Any, parent: Any = None) -> None:
        super().__init__(parent)
        self.store = store
        self.model_ = CohortModel(self)
        self.proxy = CohortProxy(self)
        self.proxy.setSourceModel(self.model_)
        self.setModel(self.proxy)
        self.filters = Filters()
        self._generation = 0
        self._worker: Background | None = None
        self.error: str | None = None
        self.setAccessibleName("Cohort: one row per trainee")
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setSortingEnabled(True)
        self.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        rows = self.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(round(self.fontMetrics().height() * 1.8))
        rows.hide()
        header = self.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)  # sized once per load, then the supervisor's
        header.setDefaultAlignment(
            Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap
        )  # "Offering alternatives" on two lines
        header.setHighlightSections(False)  # whole rows are selected: bolding every header would say nothing
        header.setMinimumHeight(headers.two_line_height(header))
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)  # wider than the window: scroll
        self.doubleClicked.connect(self._open)
        self.activated.connect(self._open)

    def load(self, filters: Filters) -> None:
        """Show every trainee for these filters now; the details follow from a thread."""
        self.filters = filters
        self._generation += 1
        lines = supervision.cohort_rows(self.store, filters)
        dims = supervision.dimensions(self.store, filters)
        self.model_.reset(lines, dims)
        header = self.horizontalHeader()
        if 0 <= header.sortIndicatorSection() < self.model_.columnCount():
            self.model_.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())  # keep the supervisor's order
        self._size_columns()
        self._start_details(self._generation, filters)

    def _size_columns(self) -> None:
        """Each column as wide as its cells or its label on two bold lines, whichever is wider."""
        char = self.fontMetrics().averageCharWidth()
        header = self.horizontalHeader()
        for column in range(self.model_.columnCount()):
            label = str(self.model_.headerData(column, Qt.Orientation.Horizontal) or "")
            cells = char * (CONTENT_CHARS.get(column, 4) + 2)  # plus the cell's padding
            self.setColumnWidth(column, max(cells, headers.label_width(header, label)))

    def _start_details(self, generation: int, filters: Filters) -> None:
        if self.store.path == ":memory:":  # nothing another connection could open: do it here
            self._got_details(generation, supervision.cohort_details(self.store, filters))
            return
        path = self.store.path

        def work(_progress: Any) -> Any:
            with reader(path) as store:
                return supervision.cohort_details(store, filters)

        self._worker = Background(self, work, lambda found: self._got_details(generation, found))
        self._worker.start()

    def _got_details(self, generation: int, details: Any) -> None:
        if generation != self._generation:
            return  # a newer filter is already loading
        if isinstance(details, Exception):
            self.error = str(details)
            details = {}
        self.model_.set_details(details)
        self.details_loaded.emit()

    def _open(self, index: QModelIndex) -> None:
        if index.isValid():
            self.trainee_opened.emit(index.data(ID_ROLE))

    def selected_trainee(self) -> str | None:
        rows = self.selectionModel().selectedRows()
        return rows[0].data(ID_ROLE) if rows else None
