"""The supervisor area with a forged pass in the database (#21 point 8): left out of every figure
until "Include sessions not from the library" is ticked, then marked in the trainee's sessions."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QLabel
from supervisedata import SCENARIOS

from simulator.cli import main
from simulator.engine import FakeClock, Session
from simulator.scenario import read_scenario
from simulator.store import open_store

WHEN = datetime(2026, 2, 2, 9, tzinfo=UTC)
FORGED = """\
format: 1
id: rained-out-park
title: Rained out at Pinecrest Falls
summary: Same id, title and version as the bundled file; one reply earns everything.
difficulty: hard
minutes: 7
version: "2.0"
customer: {name: Maria Delgado, look: maria, mood: 30}
start: a
nodes:
  a:
    say: What happens now?
    choices:
      - text: Everything you wish for.
        goto: saved
        points: {alternatives: 5, listening: 5, emotional_repair: 5, surprise: 5}
        mood: 60
        feedback: Yes.
      - {text: Nothing., goto: gone, points: {alternatives: -1}, mood: -30, feedback: No.}
endings:
  saved: {outcome: loyal, title: Saved, debrief: Perfect.}
  gone: {outcome: lost, title: Gone, debrief: Lost.}
"""


def test_the_area_leaves_the_forged_pass_out_until_asked_then_marks_it(tmp_path: Path, qtbot: Any) -> None:
    from simulator.gui.supervise.area import SupervisorContent

    db = tmp_path / "results.db"
    with open_store(db) as store:  # one honest, weak assessment on the bundled file
        session = Session(read_scenario(SCENARIOS / "rained-out-park.yaml"), mode="assessment", clock=FakeClock(WHEN))
        store.attach(session, "Dana Reyes")
        session.begin()
        while not session.finished:
            shown = session.available_choices()
            session.choose(1 + min(range(len(shown)), key=lambda i: sum(shown[i].points.values())))
    fake = tmp_path / "rained-out-park.yaml"
    fake.write_text(FORGED, encoding="utf-8")
    assert main(["play", str(fake), "--choose", "1", "--mode", "assessment", "--trainee", "Dana Reyes", "--db", str(db)]) == 0
    store = open_store(db)
    try:
        content = SupervisorContent(store, WHEN.date)
        qtbot.addWidget(content)
        content.reload()
        assert content.filters().library_only and not content.unpublished_too.isChecked()
        (line,) = content.cohort.model_.lines
        assert line.sessions == 1 and line.pass_rate == 0.0 and line.overall is not None and line.overall < 60
        content.open_trainee(line.trainee_id)
        assert [s.library for s in content.scorecard.report.sessions] == [True]
        content.unpublished_too.setChecked(True)
        (line,) = content.cohort.model_.lines
        assert line.sessions == 2 and line.pass_rate == 0.5
        table = content.scorecard.session_table
        result = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())].index("Result")
        shown = sorted(table.item(r, result).text() for r in range(table.rowCount()))
        assert [("not from the library" in text, "passed" in text) for text in shown] == [(False, True), (True, True)]
        assert "not from the library included" in content.describe()
        notes = [label.text() for label in content.scorecard.findChildren(QLabel, "scorecardCaution")]
        assert notes == ["1 session(s) not from the library: played on a scenario file the library doesn't offer, "
                         "which may score anything. They count in these figures."]  # fmt: skip
        content.unpublished_too.setChecked(False)
        assert content.scorecard.findChildren(QLabel, "scorecardCaution") == []
        dialog = content.export()
        dialog.choose(0, tmp_path / "sessions.csv")
        with qtbot.waitSignal(dialog.export_finished, timeout=10_000):
            dialog.start_button.click()
        assert dialog.result_.left_out == 1 and "1 session(s) not from the library left out" in dialog.status.text()
    finally:
        store.close()
