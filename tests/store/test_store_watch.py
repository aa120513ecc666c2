"""A database or WAL deleted or replaced under the open store stops the writing, with a message (issue 14)."""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

import pytest

from simulator.store import StoreError, open_store


def _refused_write(store) -> StoreError:
    with pytest.raises(StoreError) as caught:
        store.add_trainee("After")
    assert caught.value.kind == "replaced"
    return caught.value


def test_a_deleted_wal_stops_every_later_write(db_path: Path) -> None:
    store = open_store(db_path)
    store.add_trainee("Before")
    os.remove(f"{db_path}-wal")  # another program's doing: SQLite never does this under a live connection
    error = _refused_write(store)
    assert str(db_path) in str(error) and "results.db-wal was deleted or replaced" in str(error)
    assert "nothing more is saved" in str(error)
    with pytest.raises(StoreError, match="nothing more is saved"):
        store.set_setting("x", 1)  # and it stays stopped
    store.close()


def test_a_database_replaced_under_the_store_is_noticed(db_path: Path, tmp_path: Path) -> None:
    store = open_store(db_path)
    store.add_trainee("Before")
    copy = tmp_path / "copy.db"
    store.backup(copy)
    shutil.copy(copy, tmp_path / "restored.db")
    os.replace(tmp_path / "restored.db", db_path)  # "restoring a backup" over the open file
    error = _refused_write(store)
    assert "results.db itself was deleted or replaced" in str(error)
    store.close()


def test_other_connections_and_checkpoints_are_not_mistaken_for_a_swap(db_path: Path) -> None:
    ours = open_store(db_path)
    for n in range(3):
        other = open_store(db_path)  # another store in the same process, opened and closed (the sync worker)
        other.add_trainee(f"Other {n}")
        other.close()
        conn = sqlite3.connect(db_path)  # another program checkpoints and truncates the WAL
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.close()
        ours.add_trainee(f"Ours {n}")
    assert len(ours.trainees()) == 6
    assert Path(f"{db_path}-wal").exists()  # the last closer never deleted it under us
    ours.close()
