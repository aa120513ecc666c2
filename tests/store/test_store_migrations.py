"""A database made by the first schema is upgraded in place without losing a row."""

from __future__ import annotations

import json
from pathlib import Path

from sqlite_utils import Database

from simulator.engine import FakeClock
from simulator.scenario import Scenario
from simulator.store import open_store
from simulator.store.schema import KNOWN, migrations

TRAINEE = "0b6f3a52-0000-4000-8000-000000000001"
DONE, OPEN = "5e55-done", "5e55-open"
AT = "2026-01-05T09:00:0{}+00:00"


def _first_schema_database(path: Path, scenario: Scenario) -> None:
    """Exactly what the first release wrote: m001 only, scores as JSON, no ``missed`` column."""
    db = Database(path)
    migrations.apply(db, stop_before=KNOWN[1])
    assert [m.name for m in migrations.applied(db)] == ["m001_initial"]
    db["trainees"].insert({"id": TRAINEE, "name": "Ann", "employee_id": "E1", "created": AT.format(0)})
    db["scenario_versions"].insert(
        {"content_hash": scenario.content_hash, "scenario_id": scenario.id, "title": scenario.title,
         "version": "1", "path": scenario.path, "content": scenario.source, "first_seen": AT.format(0)}
    )  # fmt: skip
    common = {"trainee_id": TRAINEE, "scenario_id": scenario.id, "scenario_title": scenario.title,
              "content_hash": scenario.content_hash, "scenario_path": scenario.path, "start_node": "greet",
              "mode": "practice", "started": AT.format(0), "updated": AT.format(3)}  # fmt: skip
    scores = {"alternatives": 0.0, "listening": 0.0, "emotional_repair": 0.0, "surprise": 0.0}
    db["sessions"].insert_all(
        [
            {**common, "id": DONE, "finished": AT.format(3), "ending_id": "lost", "outcome": "lost", "overall": 0.0,
             "passed": 0, "mood": 0, "scores": json.dumps(scores)},
            {**common, "id": OPEN},
        ]
    )  # fmt: skip
    moves = [(DONE, 1, "greet", 1), (DONE, 2, "excuse", 1), (OPEN, 1, "greet", 1), (OPEN, 2, "excuse", 0)]
    db["decisions"].insert_all(
        {"id": f"d-{sid}-{seq}", "session_id": sid, "seq": seq, "node": node, "choice_index": index,
         "number": index + 1, "text": "...", "target": "", "forced": 0, "points": "{}", "mood_before": 0,
         "mood_after": 0, "at": AT.format(seq), "response_ms": 1000, "tags": "[]"}
        for sid, seq, node, index in moves
    )  # fmt: skip
    db.close()


def test_upgrade_from_the_first_schema_keeps_every_row(db_path: Path, scenario: Scenario, scenario_file: Path) -> None:
    _first_schema_database(db_path, scenario)
    store = open_store(db_path)
    assert [name for (name,) in store.db.execute("SELECT name FROM _sqlite_migrations ORDER BY id")] == KNOWN
    assert store.db.execute("PRAGMA user_version").fetchone()[0] == len(KNOWN)
    for table, count in (("trainees", 1), ("sessions", 2), ("decisions", 4), ("scenario_versions", 1)):
        assert store.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == count  # noqa: S608
    # m002 turned the JSON scores into rows; m003 worked out the points each decision missed
    assert store.sessions()[0].scores["listening"] == 0.0
    assert store.db.execute("SELECT count(*) FROM session_scores WHERE session_id = ?", [DONE]).fetchone()[0] == 4
    missed = dict(store.db.execute("SELECT id, missed FROM decisions").fetchall())
    assert missed == {f"d-{DONE}-1": 7, f"d-{DONE}-2": 3, f"d-{OPEN}-1": 7, f"d-{OPEN}-2": 0}
    assert store.scenario_stats(scenario.id).hardest[0].node == "greet"
    # and the interrupted session of the old release resumes
    resumed = store.resume(OPEN, str(scenario_file), clock=FakeClock())
    assert resumed.session.state == "listen"
    resumed.session.choose(1)
    assert [r["seq"] for r in store.session_decisions(OPEN)] == [1, 2, 3]
    store.close()


def test_reopening_a_current_database_applies_nothing(db_path: Path) -> None:
    open_store(db_path).close()
    store = open_store(db_path)
    assert store.db.execute("SELECT count(*) FROM _sqlite_migrations").fetchone()[0] == len(KNOWN)
    store.close()


def test_upgrade_reads_each_stored_version_for_its_channel(db_path: Path, scenario: Scenario) -> None:
    """m006: versions kept before the channel field existed get it from their own stored text."""
    _first_schema_database(db_path, scenario)
    phone = scenario.source.replace("\ncustomer:", "\nchannel: phone\ncustomer:", 1)
    assert phone != scenario.source
    db = Database(db_path)
    db["scenario_versions"].insert(
        {"content_hash": "phone-version", "scenario_id": scenario.id, "title": scenario.title, "version": "2",
         "path": scenario.path, "content": phone, "first_seen": AT.format(5)}
    )  # fmt: skip
    db["scenario_versions"].insert(
        {"content_hash": "unreadable", "scenario_id": "x", "title": "x", "version": "1", "path": "",
         "content": "a: [unclosed", "first_seen": AT.format(6)}
    )  # fmt: skip
    db.close()
    store = open_store(db_path)
    channels = dict(store.db.execute("SELECT content_hash, channel FROM scenario_versions").fetchall())
    assert channels == {scenario.content_hash: "in-person", "phone-version": "phone", "unreadable": "in-person"}
    store.close()


def test_upgrade_gives_old_score_rows_their_mode_and_old_sessions_full_time(db_path: Path, scenario: Scenario) -> None:
    """m008: score rows learn their session's mode (so figures can leave practice out); old sessions
    were played with the scenario's own times and resume with a fresh timer, as they always did."""
    _first_schema_database(db_path, scenario)
    store = open_store(db_path)
    assert store.db.execute("SELECT DISTINCT mode FROM session_scores").fetchall() == [("practice",)]
    row = store.db.execute("SELECT shuffle_seed, time_factor, time_left FROM sessions WHERE id = ?", [OPEN]).fetchone()
    assert row == (None, 1.0, None)
    assert store.trainee(TRAINEE).extra_time == "off"
    query = "EXPLAIN QUERY PLAN SELECT trainee_id, avg(scaled) FROM session_scores WHERE mode = 'assessment' GROUP BY 1"
    plan = " ".join(str(r) for r in store.db.execute(query))
    assert "COVERING INDEX idx_session_scores_cohort" in plan
    store.close()
