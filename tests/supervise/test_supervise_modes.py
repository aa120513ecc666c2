"""Practice and assessment apart: every supervisor figure counts assessment only unless practice is
asked for; exports say each session's mode and take ``--mode``; the scorecard shows step-backs."""

from __future__ import annotations

import csv
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from supervisedata import SCENARIOS

from simulator.engine import FakeClock, Session
from simulator.reports import data
from simulator.scenario import read_scenario
from simulator.store import open_store, supervision
from simulator.store.supervision import Filters

WHEN = datetime(2026, 2, 2, 9, tzinfo=UTC)


def _play(store: Any, trainee: str, mode: str, *, best: bool, day: int, step_backs: int = 0) -> Session:
    """Always the best (or the worst) reply shown; in practice, ``step_backs`` replies taken back first."""
    scenario = read_scenario(SCENARIOS / "rained-out-park.yaml")
    session = Session(scenario, mode=mode, clock=FakeClock(WHEN + timedelta(days=day)))
    store.attach(session, trainee)
    session.begin()
    while not session.finished:
        shown = session.available_choices()
        ranked = sorted(range(len(shown)), key=lambda i: sum(shown[i].points.values()), reverse=best)
        if step_backs and session.decisions:
            session.choose(ranked[-1] + 1)
            session.undo()
            step_backs -= 1
        session.choose(ranked[0] + 1)
    session.close()
    return session


@pytest.fixture
def dana(tmp_path: Path) -> Any:
    """Dana's practice (best replies, after two step-backs) and a weak assessment a day later:
    the walkthrough's "First 100 -> Latest 33, Change -67" came from mixing the two."""
    store = open_store(tmp_path / "modes.db")
    store.add_trainee("Dana Reyes")
    practice = _play(store, "Dana Reyes", "practice", best=True, day=0, step_backs=2)
    assessment = _play(store, "Dana Reyes", "assessment", best=False, day=1)
    yield store, practice, assessment
    store.close()


def _overall(store: Any, session: Session) -> float:
    return store.db.execute("SELECT overall FROM sessions WHERE id = ?", [session.id]).fetchone()[0]


def test_every_supervisor_figure_leaves_practice_out_when_asked(dana: Any) -> None:
    store, practice, assessment = dana
    low, high = _overall(store, assessment), _overall(store, practice)
    assert high > low
    only = Filters(mode="assessment")
    (line,) = supervision.cohort_rows(store, only)
    assert (line.sessions, line.overall) == (1, low) and line.pass_rate == 0
    details = supervision.cohort_details(store, only)[line.trainee_id]
    scaled = dict(store.db.execute("SELECT dimension, scaled FROM session_scores WHERE session_id = ?", [assessment.id]))
    assert details == pytest.approx(scaled)
    assert supervision.cohort_overall(store, only) == low
    report = data.trainee_report(store, line.trainee_id, only)
    assert [s.mode for s in report.sessions] == ["assessment"]
    assert report.overall.first == report.overall.latest == low and report.overall.change == 0
    scenario = data.scenario_report(store, "rained-out-park", only)
    assert scenario.sessions == 1
    taken = sum(n for _, _, n, _ in supervision.choice_counts(store, "rained-out-park", only))
    assert taken == len(assessment.decisions)
    both = data.trainee_report(store, line.trainee_id, Filters())
    assert both.overall.first == high and both.overall.latest == low  # practice counts only when asked for


def test_the_scorecard_data_counts_step_backs(dana: Any) -> None:
    store, _, _ = dana
    (summary, later) = store.trainee_history(store.trainees()[0].id)
    assert (summary.mode, summary.step_backs) == ("practice", 2)
    assert (later.mode, later.step_backs) == ("assessment", 0)


def test_export_mode_filter_and_column(dana: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from simulator.cli import main

    store, _, _ = dana
    path = str(store.path)
    runs = {}
    for mode in ("practice", "assessment", "all"):
        out = tmp_path / f"{mode}.csv"
        assert main(["export", "--format", "csv", "--out", str(out), "--mode", mode, "--db", path]) == 0
        with out.open(encoding="utf-8-sig", newline="") as handle:
            runs[mode] = [row["mode"] for row in csv.DictReader(handle)]
    assert runs == {"practice": ["practice"], "assessment": ["assessment"], "all": ["practice", "assessment"]}
    assert main(["export", "--format", "json", "--out", str(tmp_path / "a.json"), "--mode", "assessment", "--db", path]) == 0
    import json

    exported = json.loads((tmp_path / "a.json").read_text(encoding="utf-8"))
    assert exported["filters"]["mode"] == "assessment" and [s["mode"] for s in exported["sessions"]] == ["assessment"]
    capsys.readouterr()
    with pytest.raises(SystemExit):
        main(["export", "--help"])
    assert "(default: all)" in " ".join(capsys.readouterr().out.split())


def test_the_supervisor_area_counts_assessment_until_practice_is_included(dana: Any, qtbot: Any) -> None:
    from simulator.gui.supervise.area import SupervisorContent

    store, _practice, assessment = dana
    content = SupervisorContent(store, WHEN.date)
    qtbot.addWidget(content)
    content.reload()
    assert content.filters().mode == "assessment" and not content.practice_too.isChecked()
    (line,) = content.cohort.model_.lines
    assert (line.sessions, line.overall) == (1, _overall(store, assessment))
    content.open_trainee(line.trainee_id)
    assert [s.mode for s in content.scorecard.report.sessions] == ["assessment"]
    content.practice_too.setChecked(True)
    assert content.filters().mode is None
    (line,) = content.cohort.model_.lines
    assert line.sessions == 2
    table = content.scorecard.session_table
    columns = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    backs = columns.index("Step-backs")
    assert sorted(table.item(r, backs).text() for r in range(table.rowCount())) == ["2", "–"]
    assert "assessment only" not in content.describe()
    content.practice_too.setChecked(False)
    assert content.describe().endswith("assessment only")
