"""The Tests tab: the playthroughs a file declares under ``tests:``, and seeded random walks.

Both run headless through the same code as ``simulator test`` (``run_playtests``,
``random_walks``), so what the trainer sees here is what CI will say. A failing playthrough names
its line in the file; double-click shows that line in the source view.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from simulator.authoring.playtests import PlayTestResult, run_playtests
from simulator.authoring.walks import WalkReport, random_walks
from simulator.gui.author.charts import EndingsChart, ScoreHistogram
from simulator.gui.author.folders import status_icon
from simulator.gui.style import plain_label
from simulator.gui.tooltips import plain_tip
from simulator.scenario.model import Scenario

AUTO_WALK_PLACES = 2000  # larger scenarios walk only when asked (Run), not on every save
MAX_STEPS = 500


class TestsPanel(QWidget):
    """Declared playthroughs with pass/fail, then random walks with their charts."""

    line_requested = Signal(int)
    """Show this line of the file (a declared playthrough was double-clicked)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.scenario: Scenario | None = None
        self.results: list[PlayTestResult] = []
        self.report: WalkReport | None = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 8, 0, 0)
        split = QSplitter(Qt.Orientation.Vertical)  # the trainer decides how much room each half gets
        split.setChildrenCollapsible(False)
        outer.addWidget(split)
        top, bottom = QWidget(), QWidget()
        split.addWidget(top)
        split.addWidget(bottom)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        self._declared(top)
        self._random(bottom)

    def _declared(self, top: QWidget) -> None:
        column = QVBoxLayout(top)
        column.setContentsMargins(0, 0, 0, 4)
        column.setSpacing(6)
        column.addWidget(plain_label("Declared playthroughs", "heading"))
        self.tests_summary = plain_label("", "muted")
        column.addWidget(self.tests_summary)
        self.tests = QTreeWidget()
        self.tests.setColumnCount(3)
        self.tests.setHeaderLabels(["Playthrough", "Line", "Result"])
        self.tests.setRootIsDecorated(False)
        self.tests.setAccessibleName("Declared playthroughs and their results")
        header = self.tests.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.tests.itemDoubleClicked.connect(lambda item, _c: self.line_requested.emit(item.data(0, Qt.ItemDataRole.UserRole)))
        self.tests.setMinimumHeight(self.fontMetrics().height() * 5)
        column.addWidget(self.tests, 1)

    def _random(self, bottom: QWidget) -> None:
        column = QVBoxLayout(bottom)
        column.setContentsMargins(0, 4, 0, 0)
        column.setSpacing(6)
        column.addWidget(plain_label("Random playthroughs", "heading"))
        column.addLayout(self._walk_controls())
        self.walk_summary = plain_label("", "muted")
        column.addWidget(self.walk_summary)
        self.walk_problems = plain_label("", name="feedbackLine")
        self.walk_problems.setProperty("tone", "bad")
        self.walk_problems.hide()
        column.addWidget(self.walk_problems)
        charts = QGridLayout()
        charts.setHorizontalSpacing(24)
        charts.addWidget(plain_label("Endings reached", "small"), 0, 0)
        charts.addWidget(plain_label("Overall scores", "small"), 0, 1)
        self.endings_chart = EndingsChart()
        self.histogram = ScoreHistogram()
        charts.addWidget(self.endings_chart, 1, 0, Qt.AlignmentFlag.AlignTop)
        charts.addWidget(self.histogram, 1, 1)
        charts.setColumnStretch(0, 1)
        charts.setColumnStretch(1, 1)
        column.addLayout(charts, 1)

    def _walk_controls(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.walks = QSpinBox()
        self.walks.setRange(1, 100_000)
        self.walks.setValue(200)
        self.walks.setAccessibleName("Number of random walks")
        self.seed = QSpinBox()
        self.seed.setRange(0, 2_000_000_000)
        self.seed.setAccessibleName("Random seed")
        self.seed.setToolTip("The same seed plays the same walks, like simulator test --seed")
        self.run_button = QPushButton("R&un walks")
        self.run_button.setAccessibleName("Run the random walks")
        self.run_button.clicked.connect(self.run_walks)
        for text, box in (("&Walks:", self.walks), ("&Seed:", self.seed)):
            label = QLabel(text)
            label.setBuddy(box)
            row.addWidget(label)
            row.addWidget(box)
        row.addWidget(self.run_button)
        row.addStretch(1)
        return row

    def show_scenario(self, scenario: Scenario | None) -> None:
        """Run the declared playthroughs (and, for small scenarios, the walks) of ``scenario``."""
        self.scenario = scenario
        self.tests.clear()
        self.report = None
        self.walk_problems.hide()
        self.run_button.setEnabled(scenario is not None)
        if scenario is None:
            self.results = []
            self.tests_summary.setText("The playthroughs run once the file has no errors: see Problems.")
            self.walk_summary.setText("")
            self.endings_chart.set_data([])
            self.histogram.set_data([])
            return
        self.results = run_playtests(scenario)
        self._fill_tests()
        if len(scenario.nodes) + len(scenario.endings) <= AUTO_WALK_PLACES:
            self.run_walks()
        else:
            self.walk_summary.setText("A large scenario: press Run walks to play them.")
            self.endings_chart.set_data([])
            self.histogram.set_data([])

    def _fill_tests(self) -> None:
        failed = [r for r in self.results if not r.passed]
        if not self.results:
            self.tests_summary.setText(
                "This file declares no playthroughs. Add some under tests: (the Report tab can copy one for every ending)."
            )
        elif failed:
            self.tests_summary.setText(f"{len(failed)} of {len(self.results)} failed.")
        else:
            self.tests_summary.setText(f"All {len(self.results)} pass.")
        for result in self.results:
            detail = result.message if not result.passed else f"passed: {result.message}"
            item = QTreeWidgetItem([result.name, str(result.line), detail])
            item.setIcon(0, status_icon("ok" if result.passed else "errors"))
            item.setData(0, Qt.ItemDataRole.UserRole, result.line)
            item.setToolTip(0, plain_tip(result.name))
            item.setToolTip(2, plain_tip(detail))
            item.setData(1, Qt.ItemDataRole.AccessibleTextRole, f"line {result.line}")
            self.tests.addTopLevelItem(item)
        self.tests.setColumnWidth(0, min(420, max(160, self.tests.sizeHintForColumn(0) + 8)))

    def run_walks(self) -> None:
        scenario = self.scenario
        if scenario is None:
            return
        report = random_walks(scenario, self.walks.value(), self.seed.value(), MAX_STEPS)
        self.report = report
        finished = sum(report.endings.values())
        kinds = {k: sum(p.kind == k for p in report.problems) for k in ("crash", "too-long", "stuck")}
        verdict = (
            "no crashes, no endless loops, no stuck walks."
            if not report.problems
            else f"{kinds['crash']} crashed, {kinds['too-long']} went on past {MAX_STEPS} replies, {kinds['stuck']} got stuck."
        )
        self.walk_summary.setText(
            f"{report.walks:,} walks (seed {report.seed}), {report.steps:,} replies; {finished:,} reached an ending: {verdict}"
        )
        if report.problems:
            lines = [f"walk {p.walk}: {p.kind} at “{p.at}”: {p.message}" for p in report.problems[:5]]
            more = len(report.problems) - len(lines)
            self.walk_problems.setText("\n".join(lines) + (f"\n… and {more} more" if more > 0 else ""))
            self.walk_problems.show()
        else:
            self.walk_problems.hide()
        order = {"loyal": 0, "neutral": 1, "lost": 2}
        rows = [(e, ending.outcome, report.endings.get(e, 0)) for e, ending in scenario.endings.items()]
        rows.sort(key=lambda r: (order.get(r[1], 3), -r[2]))
        self.endings_chart.set_data(rows)
        self.histogram.set_data(report.histogram(), scenario.pass_mark)
