"""One scenario across the cohort: how often it is finished, how it ends, where points are lost.

"Hardest places" ranks the scenario's nodes by the points a reply there leaves on the table on
average (nodes seen at least a few times); "most-taken wrong replies" lists the replies that cost
points, most frequent first, with the scenario's own feedback saying why. Texts come from the
latest version of the scenario that was played in the period, as plain text.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QComboBox, QFrame, QGridLayout, QHBoxLayout, QScrollArea, QVBoxLayout, QWidget

from simulator.gui.scrolling import scroll_body, scroll_page
from simulator.gui.style import literal, plain_label, shorten
from simulator.gui.supervise.charts import OutcomeBar
from simulator.gui.supervise.scorecard import fill, panel, table
from simulator.gui.tooltips import plain_tip
from simulator.reports import data
from simulator.store import supervision
from simulator.store.supervision import Filters


def _percent(value: float | None) -> str:
    return "–" if value is None else f"{100 * value:.0f}%"


class ScenarioView(QScrollArea):
    """Pick a scenario; the period (and scenario, if set) come from the area's filter bar."""

    def __init__(self, store: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.filters = Filters()
        self._area_scenario: str | None = None
        self.report: data.ScenarioReport | None = None
        scroll_page(self, "Scenario results")
        outer, self.column = scroll_body()
        picker = QHBoxLayout()
        picker.addWidget(plain_label("Scenario", "muted", wrap=False))
        self.picker = QComboBox()
        self.picker.setAccessibleName("Scenario to show")
        self.picker.setMinimumContentsLength(30)
        self.picker.currentIndexChanged.connect(self.refresh)
        picker.addWidget(self.picker)
        picker.addStretch(1)
        self.column.addLayout(picker)
        self.body = QVBoxLayout()
        self.body.setSpacing(12)
        self.column.addLayout(self.body)
        self.column.addStretch(1)
        self.setWidget(outer)

    def set_filters(self, filters: Filters) -> None:
        """Follow the area's filters; a scenario newly chosen there is selected here, otherwise the one
        picked here stays (the area's picker is hidden on this tab: a period change must not undo a pick)."""
        self.filters = filters
        moved = filters.scenario_id != self._area_scenario
        self._area_scenario = filters.scenario_id
        current = filters.scenario_id if moved and filters.scenario_id else self.picker.currentData()
        self.picker.blockSignals(True)
        self.picker.clear()
        for scenario_id, title in supervision.scenarios(self.store):
            self.picker.addItem(literal(title or scenario_id), scenario_id)
        self.picker.setCurrentIndex(max(0, self.picker.findData(current)))
        self.picker.blockSignals(False)
        self.refresh()

    def refresh(self) -> None:
        while self.body.count():
            item = self.body.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        scenario_id = self.picker.currentData()
        if scenario_id is None:
            self.body.addWidget(plain_label("No scenario has been played yet.", "muted"))
            return
        period = self.filters.but(trainee_id=None, scenario_id=scenario_id)
        self.report = data.scenario_report(self.store, scenario_id, period)
        self.body.addWidget(self._summary(self.report))
        self.body.addWidget(self._hardest(self.report))
        self.body.addWidget(self._wrong(self.report))

    def _summary(self, r: data.ScenarioReport) -> QFrame:
        frame, column = panel(r.title)
        grid = QGridLayout()
        grid.setHorizontalSpacing(28)
        facts = (
            ("Sessions", f"{r.sessions:,}"), ("Finished", _percent(r.completion)), ("Abandoned", f"{r.abandoned:,}"),
            ("Average overall", "–" if r.average is None else f"{r.average:.0f}"), ("Passed", _percent(r.pass_rate)),
        )  # fmt: skip
        for col, (name, value) in enumerate(facts):
            grid.addWidget(plain_label(value, "heading", wrap=False), 0, col)
            grid.addWidget(plain_label(name, "small", wrap=False), 1, col)
        grid.setColumnStretch(len(facts), 1)
        column.addLayout(grid)
        column.addWidget(plain_label("How the finished conversations ended", "muted"))
        self.outcomes = OutcomeBar()
        self.outcomes.set_outcomes(r.outcomes)
        column.addWidget(self.outcomes)
        return frame

    def _hardest(self, r: data.ScenarioReport) -> QFrame:
        frame, column = panel("Hardest places", "Where a reply falls furthest below the best one, on average.")
        headers = ["The customer says", "Visits", "Lost per visit", "Most common costly reply"]
        self.hardest = table(headers, "Hardest places", stretch=(0, 3))
        rows = [[shorten(h.said or h.node, 90), f"{h.visits:,}", f"{h.missed:.1f}",
                 shorten(h.worst.text, 70) + f" ({h.worst.times}×)" if h.worst else "–"] for h in r.hardest]  # fmt: skip
        fill(self.hardest, rows, numbers=[1, 2])
        for row, h in enumerate(r.hardest):
            said, costly = self.hardest.item(row, 0), self.hardest.item(row, 3)
            if said is not None:
                said.setToolTip(plain_tip(h.said))
            if h.worst and costly is not None:
                costly.setToolTip(plain_tip(h.worst.text))
        column.addWidget(self.hardest if rows else plain_label("No points lost here in this period.", "muted"))
        return frame

    def _wrong(self, r: data.ScenarioReport) -> QFrame:
        frame, column = panel("Most-taken wrong replies", "Replies that cost points, the most frequent first, and why.")
        for reply in r.wrong:
            share = f"{reply.times:,} times, {100 * reply.share:.0f}% of the visits there, −{reply.missed} points each"
            column.addWidget(plain_label(f"“{shorten(reply.text, 220)}”"))
            column.addWidget(plain_label(f"{share} · after “{shorten(reply.said, 90)}”", "small"))
            if reply.feedback:
                column.addWidget(plain_label(reply.feedback.strip(), name="feedbackLine"))
            column.addSpacing(4)
        if not r.wrong:
            column.addWidget(plain_label("No reply cost points in this period.", "muted"))
        return frame
