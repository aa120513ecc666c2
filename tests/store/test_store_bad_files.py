"""Files the user can hand us by mistake or by bad luck: each gets a clear message naming the file
and what to do, and each is left byte-for-byte as it was."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from storehelp import SHUTTLE, play

from simulator.engine import FakeClock, Session
from simulator.scenario import read_scenario
from simulator.store import StoreError, open_store
from simulator.store.schema import MIGRATION_SET


def _made(db_path: Path) -> bytes:
    """A real results database with some rows, closed (so the WAL is folded into the file)."""
    store = open_store(db_path)
    for n in range(20):
        store.add_trainee(f"Trainee {n}", employee_id=f"E{n:03}")
    store.close()
    assert not Path(f"{db_path}-wal").exists()
    return db_path.read_bytes()


def _refused(path: Path, kind: str, **kw) -> StoreError:
    with pytest.raises(StoreError) as caught:
        open_store(path, **kw)
    assert caught.value.kind == kind
    assert str(path) in str(caught.value)
    return caught.value


def test_not_a_database(tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("Shopping list: milk, eggs\n" * 50)
    before = notes.read_bytes()
    error = _refused(notes, "not-a-database")
    assert "--db" in str(error) and "untouched" in str(error)
    assert notes.read_bytes() == before
    assert not Path(f"{notes}-wal").exists()


def test_someone_elses_sqlite_database(tmp_path: Path) -> None:
    other = tmp_path / "photos.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT)")
    conn.execute("INSERT INTO photos (name) VALUES ('beach')")
    conn.commit()
    conn.close()
    before = other.read_bytes()
    _refused(other, "foreign")
    assert other.read_bytes() == before


def test_damaged_pages(db_path: Path) -> None:
    data = bytearray(_made(db_path))
    page = 4096
    data[2 * page : 3 * page] = b"\xa5" * page  # scribble over a b-tree page
    db_path.write_bytes(bytes(data))
    error = _refused(db_path, "corrupt")
    assert "damaged" in str(error) and "backup" in str(error)
    assert db_path.read_bytes() == bytes(data)


def test_damaged_header(db_path: Path) -> None:
    data = bytearray(_made(db_path))
    data[16:18] = b"\x00\x07"  # an impossible page size: SQLite says "not a database"
    db_path.write_bytes(bytes(data))
    # SQLite can't read it at all; we don't peek at the header ourselves (a plain open() beside a live
    # connection drops its locks: issue 14), so the message covers both a stranger and a damaged header.
    error = _refused(db_path, "not-a-database")
    assert "damaged" in str(error) and "backup" in str(error)
    assert db_path.read_bytes() == bytes(data)


def test_read_only_file(db_path: Path) -> None:
    before = _made(db_path)
    db_path.chmod(0o444)
    try:
        error = _refused(db_path, "read-only")
        assert "writable" in str(error)
        assert db_path.read_bytes() == before
    finally:
        db_path.chmod(0o644)


def test_locked_by_a_writer(db_path: Path) -> None:
    before = _made(db_path)
    other = sqlite3.connect(db_path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another program is in the middle of writing
    try:
        store = open_store(db_path, busy_timeout=0.2)  # reading still works in WAL mode
        with pytest.raises(StoreError) as caught:
            store.add_trainee("Zoe")
        assert caught.value.kind == "locked"
        assert str(db_path) in str(caught.value) and "another program" in str(caught.value)
        store.close()
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert db_path.read_bytes() == before


def test_locked_exclusively(db_path: Path) -> None:
    before = _made(db_path)
    other = sqlite3.connect(db_path, isolation_level=None)
    other.execute("PRAGMA locking_mode = EXCLUSIVE")
    other.execute("BEGIN EXCLUSIVE")
    try:
        _refused(db_path, "locked", busy_timeout=0.2)
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert db_path.read_bytes() == before


def _no_more_pages(store) -> None:
    pages = store.db.execute("PRAGMA page_count").fetchone()[0]
    store.db.execute(f"PRAGMA max_page_count = {pages}")  # the disk has no room for one more page


@pytest.fixture
def long_scenario(scenario_file: Path) -> Path:
    """The shuttle scenario with one reply long enough to need pages of its own."""
    long_reply = "I'll book you a taxi on us. " + "Really, it is no trouble at all. " * 150
    scenario_file.write_text(SHUTTLE.replace("I'll book you a taxi on us.", long_reply), encoding="utf-8")
    return scenario_file


def test_disk_full_when_a_session_starts(db_path: Path, long_scenario: Path) -> None:
    scenario = read_scenario(long_scenario)
    before = _made(db_path)
    store = open_store(db_path)
    _no_more_pages(store)
    with pytest.raises(StoreError) as caught:
        play(store, scenario, [1], trainee="Trainee 3")  # storing the scenario version needs room
    assert caught.value.kind == "full"
    assert "disk is full" in str(caught.value) and str(db_path) in str(caught.value)
    store.close()
    assert db_path.read_bytes() == before
    reopened = open_store(db_path)
    assert len(reopened.trainees()) == 20
    reopened.close()


def test_disk_full_mid_session_is_queued_and_retried_without_gaps(store, long_scenario: Path) -> None:
    errors: list[StoreError] = []
    session = Session(read_scenario(long_scenario), clock=FakeClock())
    store.attach(session, "Ann", on_error=errors.append)
    session.begin()
    session.choose(1)
    _no_more_pages(store)
    session.choose(1)  # the long reply needs new pages: not saved, kept in the queue
    session.choose(1)  # the ending: still no room
    assert session.finished
    assert errors and {e.kind for e in errors} == {"full"}
    assert [r["seq"] for r in store.session_decisions(session.id)] == [1]
    store.db.execute("PRAGMA max_page_count = 1073741823")  # space was freed
    store.flush()
    assert [r["seq"] for r in store.session_decisions(session.id)] == [1, 2, 3]
    assert store.sessions()[0].outcome == "loyal"


def test_newer_database_is_refused(db_path: Path) -> None:
    _made(db_path)
    conn = sqlite3.connect(db_path)
    conn.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES (?, 'm099_from_the_future', '2030')",
        (MIGRATION_SET,),
    )
    conn.execute("PRAGMA user_version = 99")
    conn.commit()
    conn.close()
    before = db_path.read_bytes()
    error = _refused(db_path, "newer")
    assert "newer version" in str(error) and "update" in str(error)
    assert db_path.read_bytes() == before


def test_a_folder_is_not_a_database(tmp_path: Path) -> None:
    _refused(tmp_path, "cannot-open")


def test_empty_file_becomes_a_new_database(tmp_path: Path) -> None:
    empty = tmp_path / "new.db"
    empty.touch()
    store = open_store(empty)
    assert store.trainees() == []
    store.close()
