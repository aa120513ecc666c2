"""Against a real LRS (Learning Locker's statements service on 127.0.0.1): nothing lost, nothing sent twice."""

from __future__ import annotations

import json
import math
import time
from pathlib import Path

import pytest
from lrs_server import AuthServer, LrsServer, all_statement_ids, lrs_get, statements_for
from xapihelp import bundled, outbox_ids, record

from simulator.cli import main
from simulator.store import Store, open_store
from simulator.store.outbox import Outbox
from simulator.xapi.lrs_client import LrsClient, Request, Response, urllib_transport
from simulator.xapi.sync import sync

SCENARIOS = bundled()


def expected_in_lrs(store: Store, session_id: str | None = None) -> list[str]:
    """Outbox ids minus the statements that a later one voids (an LRS hides those from queries)."""
    voided = {
        json.loads(t)["object"]["id"] for (t,) in store.db.execute("SELECT statement FROM xapi_outbox WHERE verb = 'voided'")
    }
    return [i for i in outbox_ids(store, session_id) if i not in voided]


def sent_so_far(store: Store, count: int) -> set[str]:
    """What an LRS shows after the first ``count`` statements: those, minus any that one of them voids.

    A statement voided by a later one still outside that set is still shown.
    """
    first = outbox_ids(store)[:count]
    voiding = store.db.execute("SELECT id, statement FROM xapi_outbox WHERE verb = 'voided'").fetchall()
    hidden = {json.loads(statement)["object"]["id"] for sid, statement in voiding if sid in set(first)}
    return set(first) - hidden


def test_the_lrs_listens_on_loopback_only(lrs: LrsServer) -> None:
    addresses = lrs.listening_addresses()
    assert addresses and all(a.startswith("127.0.0.1:") for a in addresses)


def test_a_full_session_is_synced_and_read_back_by_registration(lrs: LrsServer, store: Store, monkeypatch, capsys) -> None:
    session = record(store, SCENARIOS[0], seed=21, undo=0.3)
    monkeypatch.setenv("SIMULATOR_LRS_PASSWORD", "test")
    assert main(["sync", "--endpoint", lrs.endpoint, "--user", "test", "--db", store.path]) == 0
    assert "0 pending, 0 held" in capsys.readouterr().out
    stored = statements_for(lrs.endpoint, session.id)
    assert sorted(s["id"] for s in stored) == sorted(expected_in_lrs(store, session.id))
    ours = {json.loads(t)["id"]: json.loads(t) for (t,) in store.db.execute("SELECT statement FROM xapi_outbox")}
    for statement in stored:
        mine = ours[statement["id"]]
        assert statement["verb"] == mine["verb"] and statement["actor"] == mine["actor"]
        assert statement["object"]["id"] == mine["object"]["id"]
        assert statement.get("result", {}).get("score") == mine.get("result", {}).get("score")
        assert statement["context"]["registration"] == session.id
    finals = [s for s in stored if s["verb"]["id"].endswith(("passed", "failed"))]
    assert len(finals) == 1 and 0 <= finals[0]["result"]["score"]["scaled"] <= 1
    voided = [
        json.loads(t)["object"]["id"] for (t,) in store.db.execute("SELECT statement FROM xapi_outbox WHERE verb = 'voided'")
    ]
    if voided:  # the voided answer is still there, but only through voidedStatementId
        assert lrs_get(lrs.endpoint, f"statements?statementId={voided[0]}")[0] == 404
        assert lrs_get(lrs.endpoint, f"statements?voidedStatementId={voided[0]}")[0] == 200
    assert Outbox(store).counts()["pending"] == 0


def test_sending_everything_again_stores_nothing_twice(lrs: LrsServer, store: Store) -> None:
    sessions = [record(store, SCENARIOS[i % len(SCENARIOS)], seed=100 + i) for i in range(5)]
    client = LrsClient(lrs.endpoint, "test", "test")
    assert sync(Outbox(store), client).ok
    store.db.execute("UPDATE xapi_outbox SET sent = NULL")  # as if every confirmation had been lost
    store.db.conn.commit()
    again = sync(Outbox(store), client)
    assert again.ok and again.sent == len(outbox_ids(store))
    for session in sessions:
        ids = [s["id"] for s in statements_for(lrs.endpoint, session.id)]
        assert sorted(ids) == sorted(expected_in_lrs(store, session.id))


class Interrupting:
    """A transport that lets ``after`` POSTs through, then calls ``action`` before the next one."""

    def __init__(self, after: int, action) -> None:
        self.after, self.action, self.posts = after, action, 0

    def __call__(self, request: Request) -> Response:
        if request.method == "POST":
            self.posts += 1
            if self.posts == self.after + 1:
                self.action()
        return urllib_transport(request)


def test_lrs_stopped_in_the_middle_of_a_sync_then_restarted_has_each_statement_once(fresh_lrs: LrsServer, store: Store) -> None:
    """SIGSTOP freezes the LRS with a batch in flight (it may store it without our hearing back); SIGCONT lets it go on."""
    for i in range(30):
        record(store, SCENARIOS[i % len(SCENARIOS)], seed=300 + i, undo=0.1)
    total = len(outbox_ids(store))
    transport = Interrupting(2, fresh_lrs.pause)
    client = LrsClient(fresh_lrs.endpoint, "test", "test", transport=transport, timeout=1.0, retries=2, sleep=lambda s: None)
    first = sync(Outbox(store), client, batch_size=40)
    assert first.stopped and "no answer from the LRS" in first.stopped
    assert first.sent == 80 and Outbox(store).counts() == {"pending": total - 80, "sent": 80, "held": 0}
    fresh_lrs.resume()
    in_flight = sent_so_far(store, 120)  # the frozen batch and the ones before it
    deadline = time.monotonic() + 10
    while set(all_statement_ids(fresh_lrs.endpoint)) != in_flight and time.monotonic() < deadline:
        time.sleep(0.05)
    assert set(all_statement_ids(fresh_lrs.endpoint)) == in_flight  # stored, though never confirmed to us
    second = sync(Outbox(store), LrsClient(fresh_lrs.endpoint, "test", "test"), batch_size=40)
    assert second.ok and second.sent == total - 80
    in_lrs = all_statement_ids(fresh_lrs.endpoint)
    assert len(in_lrs) == len(set(in_lrs))  # exactly once
    assert sorted(in_lrs) == sorted(expected_in_lrs(store))


def test_lrs_killed_mid_sync_is_retried_with_backoff_and_nothing_unconfirmed_is_marked(
    fresh_lrs: LrsServer, store: Store
) -> None:
    for i in range(12):
        record(store, SCENARIOS[i % len(SCENARIOS)], seed=400 + i)
    total = len(outbox_ids(store))
    sleeps: list[float] = []
    marked_when_down: list[int] = []

    def kill() -> None:
        fresh_lrs.stop()

    def sleep(seconds: float) -> None:  # the backoff: the LRS comes back during the second wait
        sleeps.append(seconds)
        marked_when_down.append(Outbox(store).counts()["sent"])
        if len(sleeps) == 2:
            fresh_lrs.start(fresh_lrs.port)

    client = LrsClient(fresh_lrs.endpoint, "test", "test", transport=Interrupting(1, kill), sleep=sleep, jitter=lambda: 0.0)
    report = sync(Outbox(store), client, batch_size=30)
    assert report.ok and report.sent == total
    assert sleeps == [0.5, 1.0] and marked_when_down == [30, 30]
    in_lrs = all_statement_ids(fresh_lrs.endpoint)  # the restarted (in-memory) LRS: everything after the kill, once
    assert len(in_lrs) == len(set(in_lrs)) and set(in_lrs) == set(expected_in_lrs(store)) - set(outbox_ids(store)[:30])


def test_wrong_credentials_give_a_clear_message_and_nothing_is_marked_sent(
    tmp_path: Path, store: Store, monkeypatch, capsys
) -> None:
    record(store, SCENARIOS[1], seed=7)
    secret, wrong = "correct-horse-battery", "wrong-password-123"
    with AuthServer("trainer-pc", secret) as auth:
        server = LrsServer(tmp_path / "lrs", auth_endpoint=auth.url).start()
        try:
            monkeypatch.setenv("SIMULATOR_LRS_PASSWORD", wrong)
            code = main(["sync", "--endpoint", server.endpoint, "--user", "trainer-pc", "--db", store.path])
            out, err = capsys.readouterr()
            assert code == 1 and "refused the credentials" in err and "HTTP 401" in err
            assert "nothing unconfirmed was marked as sent" in err and "Traceback" not in err
            assert Outbox(store).counts()["sent"] == 0
            assert auth.seen, "the LRS really asked the auth service"
            monkeypatch.setenv("SIMULATOR_LRS_PASSWORD", secret)
            assert main(["sync", "--endpoint", server.endpoint, "--user", "trainer-pc", "--db", store.path]) == 0
            out2, err2 = capsys.readouterr()
            assert Outbox(store).counts()["pending"] == 0
            status, page = lrs_get(server.endpoint, "statements?limit=10", ("trainer-pc", secret))
            assert status == 200 and page["statements"]
            assert lrs_get(server.endpoint, "statements?limit=10", ("trainer-pc", wrong))[0] == 401
        finally:
            server.stop()
    log = Path(str(Path(store.path).parent / "errors.log"))
    for text in (out, err, out2, err2, log.read_text() if log.exists() else ""):
        assert secret not in text and wrong not in text


def test_a_refused_statement_is_shown_held_and_the_rest_keep_flowing(lrs: LrsServer, store: Store, capsys) -> None:
    sessions = [record(store, SCENARIOS[2], seed=500 + i) for i in range(4)]
    client = LrsClient(lrs.endpoint, "test", "test")
    assert sync(Outbox(store), client).ok
    # 1. Same id, different content (say someone edited it after it was sent): the LRS answers 409.
    first_id, text = store.db.execute("SELECT id, statement FROM xapi_outbox WHERE verb = 'answered' LIMIT 1").fetchone()
    changed = json.loads(text)
    changed["result"]["response"] = "Something else entirely"
    store.db.execute("UPDATE xapi_outbox SET statement = ?, sent = NULL WHERE id = ?", [json.dumps(changed), first_id])
    # 2. A statement an LRS refuses outright (it skipped our validation): the LRS answers 400.
    broken = json.loads(store.db.execute("SELECT statement FROM xapi_outbox WHERE verb = 'completed' LIMIT 1").fetchone()[0])
    broken["id"], broken["verb"]["id"] = "0b0b0b0b-0000-4000-8000-000000000001", "not an IRI"
    store.db.execute(
        "INSERT INTO xapi_outbox (id, session_id, verb, statement, created) VALUES (?, ?, 'completed', ?, '2026-01-01')",
        [broken["id"], sessions[0].id, json.dumps(broken)],
    )
    more = [record(store, SCENARIOS[3], seed=600 + i) for i in range(3)]
    store.db.conn.commit()
    code = main(["sync", "--endpoint", lrs.endpoint, "--user", "test", "--db", store.path])
    out, err = capsys.readouterr()
    assert code == 1
    assert "the LRS refused answered" in err and "HTTP 409" in err and "HTTP 400" in err
    assert f"statement {first_id}: " in err and "Something else entirely" in err  # the statement itself is shown
    assert "2 refused statement(s) are held" in err and "0 pending, 2 held" in out
    for session in more:  # the rest kept flowing
        assert sorted(s["id"] for s in statements_for(lrs.endpoint, session.id)) == sorted(expected_in_lrs(store, session.id))
    assert main(["sync", "--status", "--db", store.path]) == 0
    assert "held (rejected)" in capsys.readouterr().out


@pytest.mark.slow
def test_a_thousand_sessions_are_synced_in_batches(fresh_lrs: LrsServer, tmp_path: Path) -> None:
    with open_store(tmp_path / "cohort.db") as store:
        store.db.execute("PRAGMA synchronous = OFF")  # making test data: per-commit fsyncs are not under test here
        started = time.perf_counter()
        for i in range(1000):
            record(store, SCENARIOS[i % len(SCENARIOS)], seed=10_000 + i, trainee=f"Trainee {i % 50}")
        recorded = time.perf_counter() - started
        total = len(outbox_ids(store))
        started = time.perf_counter()
        report = sync(Outbox(store), LrsClient(fresh_lrs.endpoint, "test", "test"), batch_size=100)
        took = time.perf_counter() - started
        assert report.ok and report.sent == total and report.batches == math.ceil(total / 100)
        assert Outbox(store).counts() == {"pending": 0, "sent": total, "held": 0}
        in_lrs = all_statement_ids(fresh_lrs.endpoint)
        assert len(in_lrs) == len(set(in_lrs)) and sorted(in_lrs) == sorted(expected_in_lrs(store))
    print(f"1,000 sessions: {total} statements recorded in {recorded:.1f} s, synced in {took:.1f} s ({total / took:.0f}/s)")
