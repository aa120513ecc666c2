"""One trainee's scorecard: how they compare, how they are moving, what to practise next.

Top to bottom, in the order a supervisor's questions come: who and how well overall; each
dimension against the cohort (chart) with first / best / latest (table); the trend over time;
strengths and what to practise; the replies that earned and cost the most; every session with its
transcript. Everything comes from ``reports.data.trainee_report`` (the PDF page uses the same),
and every name and scenario text is shown as plain text.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QBoxLayout,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from simulator.gui.scrolling import scroll_body, scroll_page
from simulator.gui.style import plain_label, repolish, set_role, shorten
from simulator.gui.supervise.charts import ComparisonChart, TrendChart
from simulator.gui.supervise.cohort import day, trend_text
from simulator.gui.tooltips import plain_tip
from simulator.reports import data
from simulator.store.library import NOT_LIBRARY
from simulator.store.supervision import Filters

OUTCOMES = {"loyal": "won back", "neutral": "settled", "lost": "lost"}
NUMBER = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def panel(title: str, hint: str = "") -> tuple[QFrame, QVBoxLayout]:
    frame = QFrame()
    frame.setObjectName("panel")
    column = QVBoxLayout(frame)
    column.setContentsMargins(18, 12, 18, 14)
    column.setSpacing(8)
    column.addWidget(plain_label(title, "heading"))
    if hint:
        column.addWidget(plain_label(hint, "small"))
    return frame, column


def table(headers: list[str], name: str, stretch: Iterable[int] = (0,)) -> QTableWidget:
    """A small read-only table whose cells are plain text by construction (QTableWidgetItem)."""
    widget = QTableWidget(0, len(headers))
    widget.setHorizontalHeaderLabels(headers)
    widget.setAccessibleName(name)
    widget.verticalHeader().hide()
    widget.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    widget.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    widget.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    widget.setWordWrap(False)
    widget.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    for column in stretch:
        widget.horizontalHeader().setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
    return widget


def fill(widget: QTableWidget, rows: list[list[str]], numbers: Iterable[int] = range(1, 99)) -> None:
    """Rows of plain text; the ``numbers`` columns right-aligned."""
    numeric = set(numbers)
    widget.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            item = QTableWidgetItem(text)
            if c in numeric:
                item.setTextAlignment(NUMBER)
            widget.setItem(r, c, item)
    height = widget.horizontalHeader().sizeHint().height() + sum(widget.rowHeight(r) for r in range(len(rows))) + 4
    widget.setFixedHeight(min(height, widget.fontMetrics().height() * 22))


def _num(value: float | None, signed: bool = False) -> str:
    if value is None:
        return "–"
    if signed and round(value) == 0:
        return "0"
    return (f"{value:+.0f}" if signed else f"{value:.0f}").replace("-", "−")


EXTRA_TIME_WORDS = {"off": "None (the scenario's times)", "1.5x": "1.5 x the time", "2x": "2 x the time",
                    "none": "No time limits"}  # fmt: skip


def moment_note(m: data.KeyMoment) -> str:
    """"+17 points. Why.": only the sign is a minus sign; a hyphen in the feedback stays one."""
    return f"{_num(m.impact, True)} points. {m.feedback.strip()}"


def time_words(factor: float | None) -> str:
    """How a session was timed, for the sessions table."""
    if factor is None:
        return "no limits"
    return "as written" if factor == 1.0 else f"{factor:g} x"


class ScorecardView(QScrollArea):
    """Shows ``show_trainee(trainee_id, filters)``; emits ``export_requested(trainee_id)``."""

    export_requested = Signal(str)
    """The supervisor asked for this trainee's PDF scorecard."""

    def __init__(self, store: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.report: data.TraineeReport | None = None
        scroll_page(self, "Trainee scorecard")
        self._empty()

    def _empty(self) -> None:
        body, column = scroll_body(margins=None, spacing=None)
        column.addWidget(plain_label("Pick a trainee in the Cohort tab (double-click a row) to see their scorecard.", "muted"))
        column.addStretch(1)
        self.setWidget(body)

    def show_trainee(self, trainee_id: str, filters: Filters) -> None:
        self.report = data.trainee_report(self.store, trainee_id, filters)
        self.pair = None
        if self.report is None:
            self._empty()
            return
        body, column = scroll_body()
        column.addWidget(self._header(self.report))
        for note in data.cautions(self.report):  # forged-looking sessions counted, unreadable ones left out
            label = plain_label(note, "muted", name="scorecardCaution")
            set_role(label, "problem")
            column.addWidget(label)
        self.pair = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.pair.setSpacing(12)
        self.pair.addWidget(self._chart(self.report), 5)
        self.pair.addWidget(self._dimension_table(self.report), 6)
        column.addLayout(self.pair)
        self._arrange()
        column.addWidget(self._trend(self.report))
        column.addWidget(self._advice(self.report))
        column.addWidget(self._moments(self.report))
        column.addWidget(self._sessions(self.report))
        column.addStretch(1)
        self.setWidget(body)
        self.verticalScrollBar().setValue(0)

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        self._arrange()

    def _arrange(self) -> None:
        """Chart and table side by side when there is room, one above the other when not."""
        pair = getattr(self, "pair", None)
        if pair is None:
            return
        wide = self.viewport().width() >= self.fontMetrics().averageCharWidth() * 150
        pair.setDirection(QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom)

    def _header(self, r: data.TraineeReport) -> QFrame:
        frame = QFrame()
        frame.setObjectName("panel")
        row = QHBoxLayout(frame)
        row.setContentsMargins(20, 14, 20, 14)
        text = QVBoxLayout()
        text.addWidget(plain_label(r.trainee.name, "title", name="traineeName"))
        who = f"Employee ID {r.trainee.employee_id}" if r.trainee.employee_id else "No employee ID"
        done = r.finished
        span = f" · {day(r.sessions[0].started)} to {day(r.sessions[-1].started)}" if r.sessions else ""
        text.addWidget(plain_label(f"{who} · {len(r.sessions)} sessions, {len(done)} finished{span}", "muted"))
        passed = "–" if r.pass_rate is None else f"{100 * r.pass_rate:.0f}%"
        text.addWidget(plain_label(f"Trend {trend_text(r.trend)} · passed {passed} of finished sessions", "muted"))
        practice = [s for s in r.sessions if s.mode == "practice"]
        if practice:
            backs = sum(s.step_backs for s in practice)
            text.addWidget(plain_label(f"Step-backs used: {backs} in {len(practice)} practice sessions", "muted"))
        text.addLayout(self._extra_time(r))
        row.addLayout(text, 1)
        score = QVBoxLayout()
        number = plain_label(_num(r.overall.average), "score", wrap=False)
        number.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        number.setAccessibleName(f"Average overall score {_num(r.overall.average)} out of 100")
        score.addWidget(number)
        score.addWidget(plain_label("average overall", "small", wrap=False), 0, Qt.AlignmentFlag.AlignHCenter)
        row.addLayout(score)
        self.export_button = QPushButton("Export PDF…")
        self.export_button.setAccessibleName(f"Export {r.trainee.name}'s scorecard as PDF")
        self.export_button.clicked.connect(lambda: self.export_requested.emit(r.trainee.id))
        row.addWidget(self.export_button, 0, Qt.AlignmentFlag.AlignTop)
        return frame

    def _extra_time(self, r: data.TraineeReport) -> QHBoxLayout:
        """The trainee's extra time (WCAG 2.2.1): set here, used by their next sessions."""
        line = QHBoxLayout()
        label = plain_label("Extra time for new sessions:", "muted", wrap=False)
        self.extra_time = QComboBox()
        self.extra_time.setAccessibleName(f"Extra time for {r.trainee.name}")
        for key, words in EXTRA_TIME_WORDS.items():
            self.extra_time.addItem(words, key)
        self.extra_time.setCurrentIndex(max(0, self.extra_time.findData(r.trainee.extra_time)))
        self.extra_time.currentIndexChanged.connect(lambda _i: self._set_extra_time(r.trainee.id))
        label.setBuddy(self.extra_time)
        line.addWidget(label)
        line.addWidget(self.extra_time)
        line.addStretch(1)
        return line

    def _set_extra_time(self, trainee_id: str) -> None:
        from simulator.store import StoreError

        try:
            self.store.set_extra_time(trainee_id, self.extra_time.currentData())
        except StoreError as exc:
            self.extra_time.setToolTip(plain_tip(f"Not saved: {exc}"))

    def _chart(self, r: data.TraineeReport) -> QFrame:
        frame, column = panel("Against the cohort", "Average per dimension; the dark mark is the cohort's average.")
        self.chart = ComparisonChart()
        self.chart.set_rows([(d.label, d.average, d.cohort) for d in r.dimensions])
        column.addWidget(self.chart)
        column.addStretch(1)
        return frame

    def _dimension_table(self, r: data.TraineeReport) -> QFrame:
        frame, column = panel("Progress per dimension", "Finished sessions in this period, oldest to newest.")
        self.dimensions = table(["Dimension", "First", "Best", "Latest", "Change", "Average", "Cohort"], "Progress per dimension")
        rows = [[d.label, _num(d.first), _num(d.best), _num(d.latest), _num(d.change, True), _num(d.average), _num(d.cohort)]
                for d in [*r.dimensions, r.overall]]  # fmt: skip
        fill(self.dimensions, rows)
        column.addWidget(self.dimensions)
        column.addStretch(1)
        return frame

    def _trend(self, r: data.TraineeReport) -> QFrame:
        frame, column = panel("Over time", "Each dot is a finished session.")
        self.series = QComboBox()
        self.series.setAccessibleName("Score shown over time")
        self.series.addItem("Overall", "overall")
        for d in r.dimensions:
            self.series.addItem(d.label, d.id)
        self.series.currentIndexChanged.connect(self._plot)
        column.addWidget(self.series, 0, Qt.AlignmentFlag.AlignLeft)
        self.trend_chart = TrendChart()
        column.addWidget(self.trend_chart)
        self._plot()
        return frame

    def _plot(self) -> None:
        if self.report is None:
            return
        self.trend_chart.set_points(self.report.over_time(self.series.currentData()))

    def _advice(self, r: data.TraineeReport) -> QFrame:
        frame, column = panel("Strengths and what to practise next")
        grid = QGridLayout()
        grid.setHorizontalSpacing(24)
        for col, (title, lines, tone) in enumerate((("Strengths", r.strengths, "good"), ("Practise next", r.practise, "bad"))):
            grid.addWidget(plain_label(title, "muted"), 0, col)
            box = QVBoxLayout()
            for line in lines or ["Nothing stands out yet."]:
                label = plain_label(line, name="feedbackLine")
                label.setProperty("tone", tone)
                repolish(label)
                box.addWidget(label)
            box.addStretch(1)
            grid.addLayout(box, 1, col)
            grid.setColumnStretch(col, 1)
        column.addLayout(grid)
        return frame

    def _moments(self, r: data.TraineeReport) -> QFrame:
        frame, column = panel("Key moments", f"From the latest {data.MOMENT_SESSIONS} finished sessions at most.")
        grid = QGridLayout()
        grid.setHorizontalSpacing(24)
        for col, (title, moments, tone) in enumerate((("What worked", r.gains, "good"), ("What cost points", r.losses, "bad"))):
            grid.addWidget(plain_label(title, "muted"), 0, col)
            box = QVBoxLayout()
            for m in moments:
                again = f" · {m.times} times" if m.times > 1 else ""
                box.addWidget(plain_label(f"{m.scenario_title}{again}", "small"))
                box.addWidget(plain_label(f"{m.speaker or 'Customer'}: “{shorten(m.said, 140)}”", "small"))
                if m.typed:
                    box.addWidget(plain_label(f"Wrote: “{shorten(m.typed, 200)}”"))
                box.addWidget(plain_label(f"{'Meant' if m.typed else 'Reply'}: “{shorten(m.text, 200)}”"))
                note = plain_label(moment_note(m), name="feedbackLine")
                note.setProperty("tone", tone)
                repolish(note)
                box.addWidget(note)
                box.addSpacing(6)
            if not moments:
                box.addWidget(plain_label("None in this period.", "muted"))
            box.addStretch(1)
            grid.addLayout(box, 1, col)
            grid.setColumnStretch(col, 1)
        column.addLayout(grid)
        return frame

    def _sessions(self, r: data.TraineeReport) -> QFrame:
        frame, column = panel("Sessions", "Select one to read its transcript, with the feedback the trainee got.")
        self.session_table = table(["Scenario", "Started", "Mode", "Step-backs", "Time", "Result", "Overall"], "Sessions")
        rows = []
        for s in reversed(r.sessions):
            result = (
                OUTCOMES.get(s.outcome or "", s.outcome or "") if s.finished else ("abandoned" if s.abandoned else "unfinished")
            )
            if s.finished:
                result += ", passed" if s.passed else ", not passed"
            if not s.library:
                result += f" ({NOT_LIBRARY})"
            when = datetime.fromisoformat(s.started).astimezone().strftime("%d %b %Y %H:%M")
            step_backs = str(s.step_backs) if s.mode == "practice" else "–"  # assessment allows none
            rows.append([s.scenario_title, when, s.mode, step_backs, time_words(s.time_factor), result, _num(s.overall)])
        fill(self.session_table, rows, numbers=[3, 6])
        self.session_table.itemSelectionChanged.connect(self._show_transcript)
        column.addWidget(self.session_table)
        self.transcript = QPlainTextEdit()
        self.transcript.setReadOnly(True)
        self.transcript.setAccessibleName("Transcript of the selected session")
        self.transcript.setPlaceholderText("Select a session above to read its transcript.")
        self.transcript.setMinimumHeight(self.fontMetrics().height() * 16)
        column.addWidget(self.transcript)
        return frame

    def _show_transcript(self) -> None:
        rows = self.session_table.selectionModel().selectedRows()
        if not rows or self.report is None:
            return
        summary = list(reversed(self.report.sessions))[rows[0].row()]
        self.transcript.setPlainText(data.session_transcript(self.store, summary))
