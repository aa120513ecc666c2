"""Two processes recording into the same database at the same time lose nothing."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from storehelp import WRITER, python

from simulator.store import open_store
from simulator.store.schema import KNOWN

EACH = 40
DECISIONS = {0: 3, 1: 4, 2: 2, 3: 3}  # per path in store_writer.PATHS


@pytest.mark.slow
@pytest.mark.parametrize("fresh", [True, False], ids=["both-create-the-file", "existing-file"])
def test_two_writers_at_once_lose_nothing(db_path: Path, scenario_file: Path, fresh: bool) -> None:
    if not fresh:
        open_store(db_path).close()
    writers = [
        subprocess.Popen(
            [python(), str(WRITER), "many", str(db_path), str(scenario_file), name, str(EACH)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in ("Ann", "Bob")
    ]
    for writer in writers:  # both have opened the store (and migrated, when fresh) ...
        assert writer.stdout is not None and writer.stdout.readline().strip() == "ready"
    for writer in writers:  # ... then both start writing together
        assert writer.stdin is not None
        writer.stdin.write("go\n")
        writer.stdin.flush()
    for writer in writers:
        _, err = writer.communicate(timeout=120)
        assert writer.returncode == 0, err
    store = open_store(db_path)
    assert sorted(t.name for t in store.trainees()) == ["Ann", "Bob", "Shared"]  # "Shared" created once
    sessions = store.sessions()
    assert len(sessions) == 2 * EACH
    assert all(s.finished for s in sessions)
    expected = 2 * sum(DECISIONS[n % 4] for n in range(EACH))
    assert store.db.execute("SELECT count(*) FROM decisions").fetchone()[0] == expected
    for s in sessions:
        assert [r["seq"] for r in store.session_decisions(s.id)] == list(range(1, s.decisions + 1))
    applied = store.db.execute("SELECT name FROM _sqlite_migrations").fetchall()
    assert [name for (name,) in applied] == KNOWN  # migrated exactly once
    store.close()
