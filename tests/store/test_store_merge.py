"""Training rooms: merging other PCs' databases, and backups."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest
from storehelp import play

from simulator.engine import FakeClock
from simulator.store import StoreError, merge, open_store


def _table_rows(path: Path, sql: str) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return sorted(conn.execute(sql).fetchall())
    finally:
        conn.close()


@pytest.fixture
def rooms(tmp_path: Path, scenario):
    """PC A: Ann plays twice. PC B: Ann (same person, another id) and Bob play; Bob leaves one open."""
    a, b = tmp_path / "pc-a.db", tmp_path / "pc-b.db"
    with open_store(a) as store:
        play(store, scenario, [1, 1, 1], trainee="Ann")
        play(store, scenario, [2, 2], trainee="Ann")
    with open_store(b) as store:
        play(store, scenario, [2, 1, 1, 2], trainee="ann")
        play(store, scenario, [1], trainee="Bob")
    return a, b


def test_merge_brings_everything_without_duplicates(rooms) -> None:
    a, b = rooms
    b_before = b.read_bytes()
    with open_store(a) as store:
        result = store.merge(b)
        assert (result.trainees_added, result.trainees_matched) == (1, 1)
        assert (result.sessions_added, result.sessions_updated, result.decisions_added) == (2, 0, 5)
        assert result.versions_added == 0  # same scenario file on both PCs
        assert [t.name for t in store.trainees()] == ["Ann", "Bob"]
        ann = store.find_trainee("Ann")
        assert len(store.trainee_history(ann.id)) == 3  # her sessions from both PCs
        assert [s.trainee_name for s in store.unfinished()] == ["Bob"]
        again = store.merge(b)
        assert (again.trainees_added, again.sessions_added, again.sessions_updated, again.decisions_added) == (0, 0, 0, 0)
    assert b.read_bytes() == b_before  # the other file is only read
    counts = _table_rows(a, "SELECT (SELECT count(*) FROM sessions), (SELECT count(*) FROM decisions)")
    assert counts == [(4, 10)]
    assert _table_rows(a, "SELECT count(*) FROM session_scores") == [(12,)]
    # score rows carry the trainee id for the cohort index: B's "ann" rows now point at A's Ann
    assert _table_rows(a, "SELECT count(DISTINCT trainee_id) FROM session_scores") == [(1,)]
    with open_store(a) as store:
        ann = next(r for r in store.cohort_summary() if r.name == "Ann")
        assert (ann.sessions, ann.finished, len(ann.averages)) == (3, 3, 4)


@pytest.mark.parametrize("laptop_day", [6, 5], ids=["next-day", "laptop-clock-behind"])
def test_merge_takes_the_copy_that_went_further(rooms, tmp_path: Path, scenario_file: Path, laptop_day: int) -> None:
    a, b = rooms
    with open_store(a) as store:
        store.merge(b)
        store.backup(tmp_path / "laptop.db")
    with open_store(tmp_path / "laptop.db") as laptop:  # Bob finishes his session on the laptop
        bob_session = laptop.unfinished()[0].id
        later = FakeClock(datetime(2026, 1, laptop_day, 9, 0, tzinfo=UTC))
        session = laptop.resume(bob_session, str(scenario_file), clock=later).session
        session.choose(2)
        session.undo()  # practice mode: he steps back once ...
        session.choose(1)
        session.choose(1)  # ... and finishes
    with open_store(a) as store:
        result = store.merge(tmp_path / "laptop.db")
        assert (result.sessions_added, result.sessions_updated, result.decisions_added) == (0, 1, 3)
        assert store.unfinished() == []
        bob = store.find_trainee("Bob")
        assert store.trainee_history(bob.id)[0].outcome == "loyal"
        assert [r["seq"] for r in store.session_decisions(bob_session)] == [1, 2, 3]
        assert len(store.session_decisions(bob_session, include_undone=True)) == 4
        assert store.merge(tmp_path / "laptop.db").decisions_added == 0


def test_merge_reports_progress(rooms, monkeypatch: pytest.MonkeyPatch) -> None:
    a, b = rooms
    monkeypatch.setattr(merge, "BATCH", 1)  # a transaction per session
    with open_store(b) as other:
        sessions = len(other.sessions())
    seen: list[tuple[int, int]] = []
    with open_store(a) as store:
        store.merge(b, progress=lambda done, total: seen.append((done, total)))
    assert sessions > 1 and len(seen) == sessions and seen[-1] == (5, 5)
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)


def test_merge_an_older_schema_without_touching_it(rooms, tmp_path: Path, scenario) -> None:
    from test_store_migrations import _first_schema_database

    old = tmp_path / "old-pc.db"
    _first_schema_database(old, scenario)
    before = old.read_bytes()
    a, _ = rooms
    with open_store(a) as store:
        result = store.merge(old)
        assert (result.trainees_matched, result.sessions_added, result.decisions_added) == (1, 2, 4)
        assert len(store.unfinished()) == 1
        assert store.db.execute("SELECT count(*) FROM decisions WHERE missed IS NULL").fetchone()[0] == 0
    assert old.read_bytes() == before


def test_merge_refuses_bad_others(rooms, tmp_path: Path) -> None:
    a, _ = rooms
    notes = tmp_path / "notes.txt"
    notes.write_text("not a database")
    with open_store(a) as store:
        for other, kind in ((a, "same-file"), (notes, "not-a-database"), (tmp_path / "missing.db", "cannot-open")):
            with pytest.raises(StoreError) as caught:
                store.merge(other)
            assert caught.value.kind == kind and str(other) in str(caught.value)
        assert len(store.sessions()) == 2


def test_backup_is_a_complete_database_and_never_overwrites(rooms, tmp_path: Path) -> None:
    a, _ = rooms
    copy = tmp_path / "backups" / "monday.db"
    with open_store(a) as store:
        assert store.backup(copy) == copy
        with pytest.raises(StoreError) as caught:
            store.backup(copy)
        assert caught.value.kind == "exists"
    assert not list(copy.parent.glob("*.partial"))
    assert copy.read_bytes()[:16] == b"SQLite format 3\x00"
    with open_store(copy) as restored:
        assert len(restored.sessions()) == 2
        assert restored.trainees()[0].name == "Ann"


def test_backup_while_a_session_is_being_played(store, scenario, tmp_path: Path) -> None:
    session = play(store, scenario, [1])  # still attached and recording
    store.backup(tmp_path / "during.db")
    session.choose(1)
    with open_store(tmp_path / "during.db") as copy:
        assert [r["seq"] for r in copy.session_decisions(session.id)] == [1]
    assert [r["seq"] for r in store.session_decisions(session.id)] == [1, 2]


def test_same_name_other_employee_id_is_someone_else(tmp_path: Path, scenario) -> None:
    """Two Ana Souzas in two rooms: both keep their own results; theirs arrives as "Ana Souza (E2)"."""
    a, b = tmp_path / "pc-a.db", tmp_path / "pc-b.db"
    with open_store(a) as store:
        play(store, scenario, [1, 1, 1], trainee=store.add_trainee("Ana Souza", "E1"))
    with open_store(b) as store:
        play(store, scenario, [2, 2], trainee=store.add_trainee("ana souza", "E2"))
        play(store, scenario, [1], trainee=store.add_trainee("Bo", "E7"))
    with open_store(a) as store:
        store.add_trainee("Bo")  # no ID here yet: the same Bo, as before
        result = store.merge(b)
        assert (result.trainees_added, result.trainees_renamed, result.trainees_matched) == (1, 1, 1)
        people = {t.name: t for t in store.trainees()}
        assert set(people) == {"Ana Souza", "ana souza (E2)", "Bo"}
        assert people["ana souza (E2)"].employee_id == "E2"
        assert len(store.trainee_history(people["Ana Souza"].id)) == 1
        assert len(store.trainee_history(people["ana souza (E2)"].id)) == 1
        again = store.merge(b)  # ids now match: nothing new, nobody renamed twice
        assert (again.trainees_added, again.trainees_renamed, again.sessions_added) == (0, 0, 0)


def test_a_profile_name_of_someone_with_another_employee_id_is_refused(tmp_path: Path) -> None:
    from simulator.store.errors import NameTaken

    with open_store(tmp_path / "r.db") as store:
        ana = store.add_trainee("Ana Souza", "E1")
        assert store.add_trainee("ana  souza", " e1 ") == ana  # the same person (case, spaces)
        assert store.add_trainee("Ana Souza") == ana  # no ID given: a name is enough
        with pytest.raises(NameTaken, match=r"Ana Souza.*E1"):
            store.add_trainee("Ana Souza", "E2")
        bo = store.add_trainee("Bo")
        assert store.add_trainee("Bo", "E7").employee_id == "E7" == store.find_trainee("bo").employee_id
        assert [t.name for t in store.trainees()] == ["Ana Souza", "Bo"] and bo.id == store.find_trainee("Bo").id
