"""The filter bar every supervisor view shares: which scenario, which period.

Periods are the supervisor's local days turned into UTC instants, since sessions are stamped in
UTC: "last 7 days" means from local midnight six days ago to the end of today, wherever the PC is.
``today`` is injectable so tests don't depend on the date they run.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QComboBox, QDateEdit, QHBoxLayout, QWidget

from simulator.gui.style import literal, plain_label
from simulator.store.supervision import Filters

PERIODS = (("All time", None), ("Last 7 days", 7), ("Last 30 days", 30), ("Last 90 days", 90), ("Between dates…", -1))


def local_day_start(day: date) -> str:
    return datetime.combine(day, time.min).astimezone().astimezone(UTC).isoformat()


def local_day_end(day: date) -> str:
    return datetime.combine(day, time.max).astimezone().astimezone(UTC).isoformat()


class FilterBar(QWidget):
    """Scenario and period pickers; emits ``changed(Filters)`` whenever either moves."""

    changed = Signal(object)
    """The supervisor picked another scenario or period (a ``Filters`` with no trainee)."""

    def __init__(self, today: Callable[[], date] = date.today, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.today = today
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(8)
        self.scenario = QComboBox()
        self.scenario.setAccessibleName("Scenario filter")
        self.scenario.setMinimumContentsLength(16)  # 22 made the supervisor area 1043 px wide at a 200 % font
        self.scenario.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.period = QComboBox()
        self.period.setAccessibleName("Period filter")
        for label, days in PERIODS:
            self.period.addItem(label, days)
        self.since, self.until = QDateEdit(), QDateEdit()
        for edit, name in ((self.since, "From date"), (self.until, "To date")):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setAccessibleName(name)
            edit.setDate(_qdate(self.today()))
            edit.dateChanged.connect(self._emit)
            edit.hide()
        self.dash = plain_label("to", "muted", wrap=False)
        self.dash.hide()
        self.scenario_label = plain_label("Scenario", "muted", wrap=False)
        row.addWidget(self.scenario_label)
        row.addWidget(self.scenario)
        row.addSpacing(8)
        row.addWidget(plain_label("Period", "muted", wrap=False))
        for widget in (self.period, self.since, self.dash, self.until):
            row.addWidget(widget)
        self.scenario.currentIndexChanged.connect(self._emit)
        self.period.currentIndexChanged.connect(self._period_changed)

    def set_scenarios(self, scenarios: list[tuple[str, str]]) -> None:
        """(id, title) pairs; keeps the current choice when it is still there."""
        current = self.scenario.currentData()
        self.scenario.blockSignals(True)
        self.scenario.clear()
        self.scenario.addItem("All scenarios", None)
        for scenario_id, title in scenarios:
            self.scenario.addItem(literal(title or scenario_id), scenario_id)
            self.scenario.setItemData(self.scenario.count() - 1, scenario_id, 3)  # tooltip: the id
        found = self.scenario.findData(current)
        self.scenario.setCurrentIndex(max(0, found))
        self.scenario.blockSignals(False)

    def set_range(self, since: date, until: date) -> None:
        """Pick "between dates" with these days (tests and a remembered choice)."""
        self.blockSignals(True)
        self.period.setCurrentIndex(len(PERIODS) - 1)
        self.since.setDate(_qdate(since))
        self.until.setDate(_qdate(until))
        self.blockSignals(False)
        self._emit()

    def filters(self) -> Filters:
        scenario = self.scenario.currentData()
        days = self.period.currentData()
        if days is None:
            return Filters(scenario_id=scenario)
        if days == -1:
            first, last = _pydate(self.since.date()), _pydate(self.until.date())
            first, last = min(first, last), max(first, last)
        else:
            last = self.today()
            first = last - timedelta(days=days - 1)
        return Filters(None, scenario, local_day_start(first), local_day_end(last))

    def describe(self) -> str:
        """The filters in words, for export file names and headings."""
        scenario = self.scenario.currentText().replace("&&", "&") if self.scenario.currentData() else "All scenarios"
        if self.period.currentData() == -1:
            period = f"{self.since.date().toString('yyyy-MM-dd')} to {self.until.date().toString('yyyy-MM-dd')}"
        else:
            period = self.period.currentText().lower()
        return f"{scenario}, {period}"

    def _period_changed(self) -> None:
        custom = self.period.currentData() == -1
        for widget in (self.since, self.dash, self.until):
            widget.setVisible(custom)
        self._emit()

    def _emit(self) -> None:
        self.changed.emit(self.filters())


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())
