"""Autosave: every event of a session becomes rows, committed as it happens."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from storehelp import play

from simulator.engine import FakeClock, Session
from simulator.store import Trainee, open_store


def _other_connection_sees(db_path: Path, sql: str) -> list[tuple]:
    """Read through a separate connection: only committed rows are visible there."""
    conn = sqlite3.connect(db_path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_trainees_are_found_by_name_in_any_case(store) -> None:
    ann = store.add_trainee("Ann Lee", employee_id="E-17")
    assert isinstance(ann, Trainee) and len(ann.id) == 36
    assert store.add_trainee("  ann   LEE ") == ann
    bob = store.add_trainee("Bob")
    assert store.add_trainee("bob", employee_id="E-2").employee_id == "E-2"  # filled in later
    assert [t.name for t in store.trainees()] == ["Ann Lee", "Bob"]
    assert store.trainee(bob.id).employee_id == "E-2"
    assert store.find_trainee("nobody") is None
    with pytest.raises(ValueError, match="name"):
        store.add_trainee("   ")


def test_each_decision_is_committed_as_it_is_made(store, scenario, db_path: Path) -> None:
    session = Session(scenario, clock=FakeClock())
    store.attach(session, trainee="Ann")
    session.begin()
    assert _other_connection_sees(db_path, "SELECT count(*) FROM sessions") == [(1,)]
    for seq in (1, 2):
        session.clock.advance(4)
        session.choose(1)
        assert _other_connection_sees(db_path, "SELECT max(seq) FROM decisions") == [(seq,)]
    rows = store.session_decisions(session.id)
    first = rows[0]
    assert first["node"] == "greet" and first["choice_index"] == 0 and first["number"] == 1
    assert first["text"].startswith("I'm so sorry")
    assert first["points"] == {"listening": 2, "emotional_repair": 2}
    assert (first["mood_before"], first["mood_after"]) == (40, 55)
    assert first["response_ms"] == 4000
    assert first["at"] == "2026-01-05T09:00:04+00:00"
    assert first["target"] == "listen" and first["forced"] is False
    assert first["missed"] == 0


def test_finishing_records_outcome_and_scores(store, scenario) -> None:
    session = play(store, scenario, [2, 1, "t", 2])
    summary = store.sessions()[0]
    assert summary.finished and summary.outcome == "neutral" and summary.ending_id == "ok"
    assert summary.overall is not None and summary.passed is False
    assert set(summary.scores) == {"alternatives", "listening", "emotional_repair", "surprise"}
    assert summary.decisions == 4
    rows = store.db.execute(
        "SELECT dimension, earned, best, scaled FROM session_scores WHERE session_id = ? ORDER BY dimension", [session.id]
    ).fetchall()
    assert ("listening", -2, 2, 0.0) in rows
    timeout = store.session_decisions(session.id)[2]
    assert timeout["choice_index"] == -1 and timeout["number"] == 0 and timeout["missed"] == 3


def test_scenario_version_is_kept_with_its_content(store, scenario, scenario_file: Path) -> None:
    play(store, scenario, [1])
    content, path = store.db.execute("SELECT content, path FROM scenario_versions").fetchone()
    assert content == scenario_file.read_text(encoding="utf-8")
    assert path == str(scenario_file.resolve())


def test_stepping_back_marks_the_decision_undone(store, scenario) -> None:
    session = play(store, scenario, [2])
    session.undo()
    session.choose(1)
    active = store.session_decisions(session.id)
    everything = store.session_decisions(session.id, include_undone=True)
    assert [(r["seq"], r["node"], r["choice_index"]) for r in active] == [(1, "greet", 0)]
    assert len(everything) == 2
    assert [r["undone"] is not None for r in everything if r["choice_index"] == 1] == [True]


def test_attaching_late_keeps_decisions_already_made(store, scenario) -> None:
    session = Session(scenario, clock=FakeClock())
    session.begin()
    session.choose(1)
    store.attach(session, trainee=store.add_trainee("Ann"))
    session.choose(1)
    assert [r["seq"] for r in store.session_decisions(session.id)] == [1, 2]


def test_settings_round_trip_any_json_value(store, db_path: Path) -> None:
    assert store.get_setting("timer", default=True) is True
    store.set_setting("timer", False)
    store.set_setting("lrs", {"endpoint": "https://lrs.example", "batch": 20})
    store.close()
    again = open_store(db_path)
    assert again.get_setting("timer") is False
    assert again.get_setting("lrs")["batch"] == 20
    again.close()


def test_abandoned_sessions_are_no_longer_offered(store, scenario) -> None:
    session = play(store, scenario, [1])
    assert [s.id for s in store.unfinished()] == [session.id]
    store.abandon(session.id)
    assert store.unfinished() == []
    assert store.sessions()[0].abandoned is not None


def test_decision_ids_are_uuid7_in_time_order(store, scenario) -> None:
    import time
    import uuid

    from simulator.store.recorder import time_ordered_id

    first = time_ordered_id()
    time.sleep(0.002)
    second = time_ordered_id()
    assert uuid.UUID(first).version == 7 and uuid.UUID(first).variant == uuid.RFC_4122
    assert first < second
    session = play(store, scenario, [1, 1, 1])
    ids = [r["id"] for r in store.session_decisions(session.id)]
    assert all(uuid.UUID(i).version == 7 for i in ids)


def test_attaching_twice_records_once(store, scenario) -> None:
    session = Session(scenario, clock=FakeClock())
    store.attach(session, trainee="Ann")
    store.attach(session, trainee="Ann")
    session.begin()
    session.choose(1)
    assert [r["seq"] for r in store.session_decisions(session.id)] == [1]
