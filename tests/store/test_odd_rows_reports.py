"""Reports never break on odd data (#21 point 3): one bad row is skipped and named, the rest reported.

The rows are planted straight into a real SQLite file, as a hand edit, another tool or a merge from
before the merge rules could leave them (the red team's h08 cases): scores that aren't JSON, a start
time that is a number, an overall that is text, a choice's points as a blob and its tags broken.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QLabel

from simulator.cli import main
from simulator.engine import FakeClock, Session
from simulator.resources import scenarios_dir
from simulator.scenario import read_scenario
from simulator.store import open_store

PARK = scenarios_dir() / "rained-out-park.yaml"


@pytest.fixture(autouse=True)
def _qt(qapp: Any) -> None:
    """A QApplication first: the PDF writer would otherwise make a bare QGuiApplication, and the views need widgets."""


def _play(store: Any, trainee: str, pick: int) -> str:
    session = Session(read_scenario(PARK), clock=FakeClock(), mode="assessment")
    store.attach(session, trainee)
    session.begin()
    while not session.finished:
        session.choose(min(pick, len(session.available_choices())))
    return session.id


@pytest.fixture
def odd(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """Ann: 3 sessions, two of them broken; Bo: 2, one broken in its choices; Cy: 1, fine."""
    path = tmp_path / "results.db"
    with open_store(path) as store:
        ids = {name: _play(store, name.split()[0], pick) for name, pick in
               (("Ann ok", 1), ("Ann scores", 2), ("Ann started", 1), ("Bo ok", 2), ("Bo points", 1), ("Cy ok", 1))}  # fmt: skip
    conn = sqlite3.connect(path)
    conn.execute("UPDATE sessions SET scores = 'not json', overall = 'lots' WHERE id = ?", [ids["Ann scores"]])
    conn.execute("UPDATE sessions SET started = 12345 WHERE id = ?", [ids["Ann started"]])
    conn.execute("UPDATE decisions SET points = X'00ff', tags = '[broken' WHERE session_id = ? AND seq = 1", [ids["Bo points"]])
    for sid in ids.values():  # as if merged from another PC: statements are rebuilt from these rows
        conn.execute("DELETE FROM xapi_outbox WHERE session_id = ?", [sid])
    conn.commit()
    conn.close()
    return path, ids


def _stderr_names(err: str, *ids: str) -> bool:
    return "skipped" in err and all(i in err for i in ids)


def test_sessions_list_skips_and_names_the_unreadable_ones(odd: Any, capsys: Any) -> None:
    path, ids = odd
    assert main(["sessions", "--format", "json", "--db", str(path)]) == 0
    out, err = capsys.readouterr()
    listed = {s["id"] for s in json.loads(out)}
    assert listed == set(ids.values()) - {ids["Ann scores"], ids["Ann started"]}
    assert _stderr_names(err, ids["Ann scores"], ids["Ann started"]) and "overall: not real" in err


def test_json_export_skips_bad_sessions_and_names_them_in_the_document(odd: Any, tmp_path: Path, capsys: Any) -> None:
    path, ids = odd
    out = tmp_path / "cohort.json"
    assert main(["export", "--format", "json", "--decisions", "--out", str(out), "--db", str(path)]) == 0
    doc = json.loads(out.read_text(encoding="utf-8"))
    bad = {ids["Ann scores"], ids["Ann started"], ids["Bo points"]}
    assert {s["id"] for s in doc["sessions"]} == set(ids.values()) - bad
    assert {s["session"] for s in doc["skipped"]} == bad
    problems = {s["session"]: s["problem"] for s in doc["skipped"]}
    assert problems[ids["Bo points"]].startswith("choice 1: points")
    assert problems[ids["Ann started"]] == "started: not a date and time"
    assert _stderr_names(capsys.readouterr().err, *bad)
    assert main(["export", "--format", "json", "--out", str(out), "--db", str(path)]) == 0  # without choices
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert {s["session"] for s in doc["skipped"]} == {ids["Ann scores"], ids["Ann started"]}


def test_pdf_export_skips_them_and_says_so(odd: Any, tmp_path: Path, capsys: Any) -> None:
    path, ids = odd
    for extra in ([], ["--trainee", "Ann"]):
        out = tmp_path / f"scorecards{len(extra)}.pdf"
        assert main(["export", "--format", "pdf", "--out", str(out), "--db", str(path), *extra]) == 0
        assert out.read_bytes().startswith(b"%PDF")
        assert _stderr_names(capsys.readouterr().err, ids["Ann scores"], ids["Ann started"])


def test_xapi_export_skips_a_session_that_cannot_be_rebuilt(odd: Any, tmp_path: Path, capsys: Any) -> None:
    path, ids = odd
    out = tmp_path / "statements.json"
    assert main(["export", "--format", "xapi", "--out", str(out), "--db", str(path)]) == 0
    registrations = {s["context"]["registration"] for s in json.loads(out.read_text(encoding="utf-8")) if "context" in s}
    assert ids["Ann ok"] in registrations and ids["Cy ok"] in registrations
    assert ids["Ann started"] not in registrations and ids["Bo points"] not in registrations
    assert _stderr_names(capsys.readouterr().err, ids["Ann started"], ids["Bo points"])


def test_the_supervisor_views_skip_them_and_say_so(odd: Any, qtbot: Any) -> None:
    """The cohort table paints every cell and Ann's scorecard opens, naming her two unreadable sessions."""
    from PySide6.QtCore import Qt

    from simulator.gui.supervise.area import SupervisorContent

    path, ids = odd
    with open_store(path) as store:
        content = SupervisorContent(store, lambda: FakeClock().now().date())
        qtbot.addWidget(content)
        content.reload()
        model = content.cohort.model_
        cells = [model.data(model.index(r, c), role) for r in range(model.rowCount()) for c in range(model.columnCount())
                 for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole)]  # fmt: skip
        assert "Ann" in cells and not content.message.isVisibleTo(content)
        ann = next(line for line in model.lines if line.name == "Ann")
        content.open_trainee(ann.trainee_id)
        report = content.scorecard.report
        assert [s.id for s in report.sessions] == [ids["Ann ok"]]
        assert {s.session_id for s in report.skipped} == {ids["Ann scores"], ids["Ann started"]}
        (note,) = [label.text() for label in content.scorecard.findChildren(QLabel, "scorecardCaution")]
        assert ids["Ann started"] in note and "started: not a date and time" in note


def test_the_cohort_never_shows_an_odd_last_activity(odd: Any) -> None:
    """A trainee's latest ``updated`` that isn't a time leaves the cohort's last activity empty, not garbage."""
    from simulator.store import supervision

    path, ids = odd
    conn = sqlite3.connect(path)
    conn.execute("UPDATE sessions SET updated = 'soon' WHERE id = ?", [ids["Cy ok"]])  # 'soon' sorts after every date
    conn.commit()
    conn.close()
    with open_store(path) as store:
        lines = {line.name: line for line in supervision.cohort(store, supervision.Filters())}
    assert lines["Cy"].sessions == 1 and lines["Cy"].last_activity is None
    assert lines["Ann"].last_activity is not None and lines["Ann"].last_activity.startswith("20")


def test_json_of_the_wrong_shape_is_skipped_by_every_reader(odd: Any, tmp_path: Path, capsys: Any) -> None:
    """Valid JSON that isn't what a reader relies on (scores as a list, a point as text): the merge rules
    in SQL pass it as JSON, ``merge_rules.parsed`` refuses its shape in the sessions list, JSON and xAPI."""
    path, ids = odd
    conn = sqlite3.connect(path)
    conn.execute("UPDATE sessions SET scores = '[1, 2]' WHERE id = ?", [ids["Cy ok"]])
    conn.execute("UPDATE decisions SET points = '{\"listening\": \"lots\"}' WHERE session_id = ? AND seq = 1", [ids["Bo ok"]])
    conn.commit()
    conn.close()
    assert main(["sessions", "--format", "json", "--db", str(path)]) == 0
    out, err = capsys.readouterr()
    assert ids["Cy ok"] not in {s["id"] for s in json.loads(out)} and "scores: not a JSON object" in err
    doc_path = tmp_path / "cohort.json"
    assert main(["export", "--format", "json", "--decisions", "--out", str(doc_path), "--db", str(path)]) == 0
    problems = {s["session"]: s["problem"] for s in json.loads(doc_path.read_text(encoding="utf-8"))["skipped"]}
    assert problems[ids["Cy ok"]] == "scores: not a JSON object"
    assert problems[ids["Bo ok"]] == "choice 1: points: holds a value of the wrong kind"
    statements = tmp_path / "statements.json"
    assert main(["export", "--format", "xapi", "--out", str(statements), "--db", str(path)]) == 0
    registrations = {s["context"]["registration"] for s in json.loads(statements.read_text(encoding="utf-8")) if "context" in s}
    assert ids["Ann ok"] in registrations and ids["Bo ok"] not in registrations
