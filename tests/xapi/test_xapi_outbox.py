"""The outbox in the results database: written in the decision's own transaction, rebuilt identically, exported."""

from __future__ import annotations

import json
import random
import sqlite3
from pathlib import Path

import pytest
from xapihelp import bundled, outbox_ids, record

from simulator.cli import main
from simulator.engine import FakeClock, Session
from simulator.store import StoreError, open_store
from simulator.store.outbox import Outbox
from simulator.xapi.history import session_statements
from simulator.xapi.queue import StatementRows, queue_history

SCENARIOS = bundled()


def test_a_decision_and_its_statement_are_committed_together_or_not_at_all(store, tmp_path: Path) -> None:
    errors: list[StoreError] = []
    session = Session(SCENARIOS[0], clock=FakeClock())
    store.attach(session, trainee="Ana Lima", on_error=errors.append, rows=StatementRows)
    session.begin()
    # The outbox insert fails (as a full disk would): the decision must not be saved without it.
    store.db.execute(
        "CREATE TRIGGER fail_outbox BEFORE INSERT ON xapi_outbox WHEN NEW.verb = 'answered' "
        "BEGIN SELECT RAISE(ABORT, 'simulated failure'); END"
    )
    session.clock.advance(3)  # type: ignore[attr-defined]
    session.choose(1)
    assert errors, "the failed write is reported"
    other = sqlite3.connect(tmp_path / "results.db")
    assert other.execute("SELECT count(*) FROM decisions").fetchone() == (0,)
    assert other.execute("SELECT verb FROM xapi_outbox").fetchall() == [("initialized",)]
    store.db.execute("DROP TRIGGER fail_outbox")
    store.flush()  # the queued step goes out whole
    assert other.execute("SELECT count(*) FROM decisions").fetchone() == (1,)
    assert other.execute("SELECT verb FROM xapi_outbox ORDER BY n").fetchall() == [("initialized",), ("answered",)]
    other.close()


def test_every_event_has_its_statements_and_they_match_a_rebuild_from_the_stored_rows(store) -> None:
    sessions = [record(store, SCENARIOS[i % len(SCENARIOS)], seed=i, undo=0.25) for i in range(12)]
    verbs = dict(store.db.execute("SELECT verb, count(*) FROM xapi_outbox GROUP BY verb").fetchall())
    decisions = store.db.execute("SELECT count(*) FROM decisions").fetchone()[0]
    undone = store.db.execute("SELECT count(*) FROM decisions WHERE undone IS NOT NULL").fetchone()[0]
    assert verbs["answered"] == decisions and verbs.get("voided", 0) == undone > 0
    assert verbs["initialized"] == verbs["completed"] == verbs.get("passed", 0) + verbs.get("failed", 0) == 12
    assert Outbox(store).counts() == {"pending": sum(verbs.values()), "sent": 0, "held": 0}
    for session in sessions:
        live = [
            json.loads(t)
            for (t,) in store.db.execute("SELECT statement FROM xapi_outbox WHERE session_id = ? ORDER BY n", [session.id])
        ]
        rebuilt = {s["id"]: s for s in session_statements(store, session.id)}
        assert sorted(rebuilt) == sorted(s["id"] for s in live)  # a rebuild puts each step back right after its answer
        for theirs in live:
            if not theirs["verb"]["id"].endswith("voided"):  # a voiding's timestamp is taken twice from the clock
                assert rebuilt[theirs["id"]] == theirs
    assert queue_history(store) == (0, [])


def test_a_resumed_session_goes_on_with_new_ids_and_no_second_start(tmp_path: Path) -> None:
    db = tmp_path / "results.db"
    with open_store(db) as store:
        session = Session(SCENARIOS[0], clock=FakeClock())  # its first three answers don't end it
        store.attach(session, trainee="Ana Lima", rows=StatementRows)
        session.begin()
        for _ in range(3):
            session.clock.advance(5)  # type: ignore[attr-defined]
            session.choose(1)
        session.undo()
        session_id = session.id  # the app closes here, mid-scenario
    with open_store(db) as store:
        resumed = store.resume(session_id, clock=FakeClock(), rows=StatementRows).session
        rng = random.Random(9)
        while not resumed.finished:
            resumed.clock.advance(2)  # type: ignore[attr-defined]
            resumed.choose(rng.randint(1, len(resumed.available_choices())))
        ids = outbox_ids(store, session_id)
        assert len(ids) == len(set(ids))
        verbs = [v for (v,) in store.db.execute("SELECT verb FROM xapi_outbox WHERE session_id = ? ORDER BY n", [session_id])]
        assert verbs.count("initialized") == 1 and verbs[-2] == "completed"
        assert [s["id"] for s in session_statements(store, session_id)] == ids


def test_a_statement_that_cannot_be_built_is_held_and_the_decision_still_saved(store) -> None:
    store.set_setting("xapi.actor", "mbox")  # without xapi.mbox_domain: no valid actor
    session = record(store, SCENARIOS[0], seed=1)
    assert len(store.session_decisions(session.id)) == len(session.decisions)
    held = Outbox(store).held()
    assert held and all(kind == "unbuilt" and "mbox_domain" in problem for _, kind, problem, _ in held)
    assert Outbox(store).counts()["pending"] == 0
    store.set_setting("xapi.mbox_domain", "example.com")
    added, failed = queue_history(store)
    assert failed == [] and added == len(session.decisions) + 3
    assert Outbox(store).counts() == {"pending": added, "sent": 0, "held": 0}
    statement = json.loads(store.db.execute("SELECT statement FROM xapi_outbox ORDER BY n LIMIT 1").fetchone()[0])
    assert statement["actor"]["mbox"].endswith("@example.com")


def test_sessions_from_before_the_outbox_are_queued_on_request(tmp_path: Path) -> None:
    db = tmp_path / "results.db"
    with open_store(db) as store:
        sessions = [record(store, SCENARIOS[2], seed=i, undo=0.2) for i in range(3)]
        before = {s.id: outbox_ids(store, s.id) for s in sessions}
    old = sqlite3.connect(db)  # make it the file an older app wrote: no outbox step, no table
    old.execute("DROP TABLE xapi_outbox")
    old.execute("DELETE FROM _sqlite_migrations WHERE name = 'm004_xapi_outbox'")
    old.execute("PRAGMA user_version = 3")
    old.commit()
    old.close()
    with open_store(db) as store:
        assert Outbox(store).counts()["pending"] == 0
        added, failed = queue_history(store)
        assert failed == [] and added == sum(len(ids) for ids in before.values())
        assert {s.id: outbox_ids(store, s.id) for s in sessions} == before


def test_export_writes_a_json_array_of_the_statements_with_filters(store, tmp_path: Path, capsys) -> None:
    for i in range(4):
        record(store, SCENARIOS[i % 2], seed=i, trainee="Ana Lima" if i % 2 else "Bo Chen")
    store.db.execute("DELETE FROM xapi_outbox WHERE session_id = (SELECT id FROM sessions LIMIT 1)")  # as if merged in
    total = store.db.execute("SELECT count(*) FROM xapi_outbox").fetchone()[0]
    db = store.path
    store.close()
    out = tmp_path / "statements.json"
    assert main(["export", "--format", "xapi", "--out", str(out), "--db", db]) == 0
    everything = json.loads(out.read_text())
    assert len(everything) > total and len({s["id"] for s in everything}) == len(everything)
    assert f"{len(everything)} statement(s) written" in capsys.readouterr().err
    assert main(["--db", db, "export", "--format", "xapi", "--out", str(out), "--trainee", "ana lima"]) == 0
    ana = json.loads(out.read_text())
    assert ana and {s["actor"]["name"] for s in ana} == {"Ana Lima"}
    assert main(["export", "--format", "xapi", "--out", str(out), "--since", "2100-01-01", "--db", db]) == 0
    assert json.loads(out.read_text()) == []


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["export", "--out", "x.json"], "--format"),
        (["export", "--format", "xml", "--out", "x.json"], "invalid choice"),
        (["export", "--format", "xapi", "--out", "/no/such/folder/x.json"], "does not exist"),
    ],
)
def test_export_usage_errors_exit_2_without_a_traceback(argv: list[str], message: str, capsys) -> None:
    try:
        code = main(argv)
    except SystemExit as exit_:  # argparse's own usage errors
        code = exit_.code
    err = capsys.readouterr().err
    assert code == 2 and message in err and "Traceback" not in err
