"""Opening a current database skips sqlite-utils; the light wrapper keeps its transaction rules."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from sqlite_utils import Database

from simulator.store import open_store
from simulator.store.lite import LiteDatabase


def test_current_file_opens_without_sqlite_utils(tmp_path: Path) -> None:
    db = tmp_path / "r.db"
    with open_store(db) as store:
        store.add_trainee("Ann")
    code = (
        "import sys; from simulator.store import open_store\n"
        f"s = open_store({str(db)!r}); print([t.name for t in s.trainees()], type(s.db).__name__, 'sqlite_utils' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["['Ann']", "LiteDatabase", "False"]


def test_new_and_old_files_still_take_the_full_path(tmp_path: Path) -> None:
    with open_store(tmp_path / "new.db") as store:
        assert type(store.db).__name__ == "Database"
    with open_store(tmp_path / "new.db") as store:
        assert isinstance(store.db, LiteDatabase)
        store.add_trainee("Bob")  # writes work through the light wrapper
        assert [t.name for t in store.trainees()] == ["Bob"]


def _run(db: object) -> list[object]:
    """The same sequence of writes, failures and nested transactions on either wrapper."""
    db.execute("CREATE TABLE t (x INTEGER UNIQUE)")  # type: ignore[attr-defined]
    db.execute("INSERT INTO t VALUES (1)")  # type: ignore[attr-defined]
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("INSERT INTO t VALUES (1)")  # type: ignore[attr-defined]
    with db.atomic():  # type: ignore[attr-defined]
        db.execute("INSERT INTO t VALUES (2)")  # type: ignore[attr-defined]
        with pytest.raises(ValueError), db.atomic():  # type: ignore[attr-defined]
            db.execute("INSERT INTO t VALUES (3)")  # type: ignore[attr-defined]
            raise ValueError
    with pytest.raises(ValueError), db.atomic():  # type: ignore[attr-defined]
        db.execute("INSERT INTO t VALUES (4)")  # type: ignore[attr-defined]
        raise ValueError
    conn = db.conn  # type: ignore[attr-defined]
    return [list(db.query("SELECT x FROM t ORDER BY x")), conn.in_transaction]  # type: ignore[attr-defined]


def test_light_wrapper_matches_sqlite_utils() -> None:
    real = _run(Database(sqlite3.connect(":memory:"), execute_plugins=False))
    light = _run(LiteDatabase(sqlite3.connect(":memory:")))
    assert light == real == [[{"x": 1}, {"x": 2}], False]
