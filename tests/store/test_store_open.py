"""Where the database lives, how it is opened, and that the store stays free of Qt."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlite_utils import Database

from simulator.store import default_db_path, memory_store, open_store


def test_default_path_is_the_user_data_folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("SIMULATOR_DB")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    path = default_db_path()
    assert path.name == "results.db"
    assert "service-recovery-simulator" in path.parts
    assert str(path).startswith(str(tmp_path))
    store = open_store()
    assert Path(store.path) == path
    assert path.exists()  # created on first use, folders included
    store.close()


def test_environment_variable_overrides_the_default(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    target = tmp_path / "deep" / "folder" / "mine.db"
    monkeypatch.setenv("SIMULATOR_DB", str(target))
    assert default_db_path() == target
    open_store(None).close()
    assert target.exists()


def test_explicit_path_wins_over_the_environment(tmp_path: Path) -> None:
    explicit = tmp_path / "explicit.db"
    open_store(explicit).close()
    assert explicit.exists()
    assert not (tmp_path / "results.db").exists()  # the SIMULATOR_DB the conftest set


def test_connection_settings(store) -> None:
    conn = store.db.conn
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 1000
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL


def test_schema_is_plain_tables_with_indexes_for_supervisor_queries(db_path: Path) -> None:
    open_store(db_path).close()
    db = Database(db_path)
    assert {"trainees", "sessions", "decisions", "settings", "scenario_versions", "session_scores"} <= set(db.table_names())
    indexed = {tuple(ix.columns) for table in ("sessions", "decisions") for ix in db[table].indexes}
    assert ("trainee_id", "started") in indexed
    assert ("scenario_id", "started") in indexed
    assert ("started",) in indexed
    assert ("session_id", "seq") in indexed
    fks = {(fk.column, fk.other_table) for fk in db["decisions"].foreign_keys + db["sessions"].foreign_keys}
    assert ("session_id", "sessions") in fks
    assert ("trainee_id", "trainees") in fks
    db.close()


def test_memory_store_for_tests_and_previews() -> None:
    store = memory_store()
    assert store.add_trainee("Ann").name == "Ann"
    store.close()
