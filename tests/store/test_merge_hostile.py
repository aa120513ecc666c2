"""Hostile files given to ``merge`` (issue 21): nothing in them runs, no bad row gets in, nothing here is overwritten.

Every file is made here: a real results file from another "PC", then edited with plain SQL the way
a damaged, buggy or forged file would be. A refused file changes nothing in this PC's database and
the message names the table, row and field; the other file is never written.
"""

from __future__ import annotations

import hashlib
import sqlite3
import time
from pathlib import Path

import pytest
from storehelp import play
from test_store_migrations import _first_schema_database

from simulator.scenario import Scenario
from simulator.store import StoreError, open_store


def _other_pc(path: Path, scenario: Scenario, trainee: str = "Pat") -> str:
    """A genuine results file with one finished session; returns the session id."""
    with open_store(path) as other:
        return play(other, scenario, [1, 1, 1], trainee=trainee).id


def _edit(path: Path, *sql: str, args: tuple = ()) -> None:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA foreign_keys = OFF")
    for statement in sql:
        conn.execute(statement, args) if "?" in statement else conn.execute(statement)
    conn.commit()
    conn.close()


def _snapshot(path: Path) -> dict[str, list]:
    conn = sqlite3.connect(path)
    try:
        return {t: conn.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall()  # noqa: S608 - our table names
                for t in ("trainees", "sessions", "decisions", "session_scores", "scenario_versions")}  # fmt: skip
    finally:
        conn.close()


def _refused(here: Path, other: Path, *expected: str) -> str:
    before = _snapshot(here)
    other_bytes = other.read_bytes()
    started = time.monotonic()
    with open_store(here) as store, pytest.raises(StoreError) as caught:
        store.merge(other)
    assert time.monotonic() - started < 10, "a hostile file must be refused within seconds"
    message = str(caught.value)
    assert str(other) in message and "Nothing from it was added" in message
    for part in expected:
        assert part in message, message
    assert _snapshot(here) == before  # a refused file changes nothing here...
    assert other.read_bytes() == other_bytes  # ...nor there
    return message


@pytest.fixture
def here(tmp_path: Path, scenario: Scenario) -> Path:
    path = tmp_path / "here.db"
    with open_store(path) as store:
        play(store, scenario, [2, 2], trainee="Dana")  # Dana lost the customer: 0 points
    return path


def test_a_view_in_place_of_a_table_is_never_read(here: Path, tmp_path: Path, scenario: Scenario) -> None:
    other = tmp_path / "view.db"
    _other_pc(other, scenario)
    endless = "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n) SELECT x, x, x, x FROM n"
    _edit(other, "DROP TABLE session_scores", f"CREATE VIEW session_scores AS {endless}",
          f"CREATE VIEW endless AS {endless}")  # fmt: skip
    _refused(here, other, "table session_scores: it is a view, not a table")


def test_triggers_of_an_older_file_never_fire(here: Path, tmp_path: Path, scenario: Scenario) -> None:
    older = tmp_path / "older.db"
    _first_schema_database(older, scenario)
    _edit(older, "CREATE TRIGGER inject AFTER UPDATE ON decisions BEGIN UPDATE trainees SET name = 'Injected'; END",
          "CREATE TRIGGER hang AFTER UPDATE ON decisions BEGIN "
          "SELECT count(*) FROM (WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n) SELECT x FROM n); "
          "END")  # fmt: skip
    before = older.read_bytes()
    started = time.monotonic()
    with open_store(here) as store:
        result = store.merge(older)  # our migrations run on a copy stripped of the file's triggers
        names = {t.name for t in store.trainees()}
    assert time.monotonic() - started < 10
    assert result.sessions_added == 2 and "Injected" not in names and "Ann" in names
    assert older.read_bytes() == before


def test_extreme_rowids_merge_in_moments(here: Path, tmp_path: Path, scenario: Scenario) -> None:
    other = tmp_path / "rowids.db"
    _other_pc(other, scenario)
    _edit(other, "UPDATE decisions SET rowid = 9000000000000000000 WHERE rowid = (SELECT max(rowid) FROM decisions)",
          "UPDATE decisions SET rowid = -9000000000000000000 WHERE rowid = (SELECT min(rowid) FROM decisions)")  # fmt: skip
    started = time.monotonic()
    with open_store(here) as store:
        result = store.merge(other)
    assert time.monotonic() - started < 10 and result.decisions_added == 3


@pytest.mark.parametrize(
    ("sql", "expected"),
    [
        ("UPDATE sessions SET scores = 'not json'", "table sessions, row 1: scores: not valid JSON"),
        ("UPDATE sessions SET overall = '=HYPERLINK(\"http://x\")'", "overall: not real"),
        ("UPDATE sessions SET started = 12345", "started: not a date and time"),
        ("UPDATE sessions SET mode = '=1+1'", "mode: not one of practice, assessment"),
        ("UPDATE sessions SET outcome = '@SUM(A1)'", "outcome: not one of lost, neutral, loyal"),
        ("UPDATE sessions SET overall = 1e308", "overall: outside 0..100"),
        ("UPDATE decisions SET points = x'00ff'", "table decisions"),
        ("UPDATE decisions SET tags = '[unclosed'", "tags: not valid JSON"),
        ("UPDATE decisions SET at = 'yesterday'", "at: not a date and time"),
        ("UPDATE trainees SET name = printf('%.*c', 1000000, 'x')", "name: longer than 200 characters"),
        ("UPDATE session_scores SET dimension = '=cmd|'' /c calc''!A1' || printf('%.*c', 200, 'x') || rowid",
         "dimension: longer than"),
        ("DELETE FROM trainees", "trainee_id: not in the file's trainees"),
    ],
    ids=["scores-json", "overall-formula", "started-int", "mode-formula", "outcome-formula", "overall-huge", "points-blob",
         "tags-json", "at-word", "huge-name", "dimension-long", "orphan"],
)
def test_wrong_rows_are_refused_naming_table_row_and_field(
    here: Path, tmp_path: Path, scenario: Scenario, sql: str, expected: str
) -> None:
    other = tmp_path / "odd.db"
    _other_pc(other, scenario)
    _edit(other, sql)
    _refused(here, other, expected)


def test_a_session_here_is_never_overwritten(here: Path, tmp_path: Path, scenario: Scenario) -> None:
    with open_store(here) as store:
        (dana,) = store.sessions()
    other = tmp_path / "forged.db"
    store = open_store(here)
    store.backup(other)
    store.close()
    _edit(other, "UPDATE sessions SET outcome = 'loyal', overall = 100, passed = 1, updated = '9999-12-31T00:00:00+00:00'")
    _refused(here, other, f"session {dana.id} differs from the one here (its finished result)")


def test_sessions_are_never_attached_to_another_trainee(here: Path, tmp_path: Path, scenario: Scenario) -> None:
    with open_store(here) as store:
        (dana,) = store.trainees()
    other = tmp_path / "hijack.db"
    _other_pc(other, scenario, trainee="Mallory")
    _edit(other, "UPDATE sessions SET trainee_id = ?", "UPDATE session_scores SET trainee_id = ?",
          "UPDATE trainees SET id = ?", args=(dana.id,))  # fmt: skip
    _refused(here, other, f"table trainees, row 1: id {dana.id} is Dana here, not Mallory")


def test_a_poisoned_scenario_version_is_refused(here: Path, tmp_path: Path, scenario: Scenario) -> None:
    other = tmp_path / "poison.db"
    _other_pc(other, scenario)
    _edit(other, "UPDATE scenario_versions SET content = replace(content, 'Your shuttle', 'POISONED LINE - your shuttle')")
    _refused(here, other, "table scenario_versions, row 1: content does not match its hash")


def test_a_genuine_version_with_a_byte_order_mark_is_accepted(here: Path, tmp_path: Path, scenario: Scenario) -> None:
    other = tmp_path / "bom.db"
    _other_pc(other, scenario)
    bom_hash = hashlib.sha256(b"\xef\xbb\xbf" + scenario.source.encode()).hexdigest()
    _edit(other, "UPDATE sessions SET content_hash = ?", "UPDATE scenario_versions SET content_hash = ?", args=(bom_hash,))
    with open_store(here) as store:
        assert store.merge(other).versions_added == 1


def test_thousands_of_namesakes_merge_quickly(here: Path, tmp_path: Path) -> None:
    """Every trainee of the other file has a name taken here by someone with another employee ID."""
    other = tmp_path / "namesakes.db"
    open_store(other).close()
    at = "2026-01-01T00:00:00+00:00"
    conn = sqlite3.connect(other)
    conn.executemany("INSERT INTO trainees (id, name, employee_id, created) VALUES (?, ?, ?, ?)",
                     [(f"t{n}", f"Dana {n}", "E-OTHER", at) for n in range(6000)])  # fmt: skip
    conn.commit()
    conn.close()
    started = time.monotonic()
    with open_store(here) as store:
        with store.write():
            store.db.conn.executemany("INSERT INTO trainees (id, name, employee_id, created) VALUES (?, ?, ?, ?)",
                                      [(f"h{n}", f"Dana {n}", "E-HERE", at) for n in range(6000)])  # fmt: skip
        result = store.merge(other)
        assert store.find_trainee("Dana 5999 (E-OTHER)") is not None
    assert result.trainees_added == 6000 and result.trainees_renamed == 6000
    assert time.monotonic() - started < 10


def test_namesakes_inside_the_other_file_are_refused(here: Path, tmp_path: Path) -> None:
    other = tmp_path / "twins.db"
    open_store(other).close()
    conn = sqlite3.connect(other)
    conn.execute("DROP INDEX idx_trainees_name")  # a file not written by us: names may repeat there
    conn.executemany("INSERT INTO trainees (id, name, employee_id, created) VALUES (?, 'Dana', NULL, '2026-01-01T00:00')",
                     [("a",), ("b",)])  # fmt: skip
    conn.commit()
    conn.close()
    _refused(here, other, "table trainees, row 1: name: 2 rows share one value, which must be unique")


def test_a_file_without_our_indexes_is_staged_and_merged(here: Path, tmp_path: Path, scenario: Scenario) -> None:
    other = tmp_path / "bare.db"
    _other_pc(other, scenario)
    _edit(other, "DROP INDEX idx_decisions_session_id_seq", "DROP INDEX idx_trainees_name")
    with open_store(here) as store:
        result = store.merge(other)
        again = store.merge(other)
    assert (result.sessions_added, result.decisions_added) == (1, 3)
    assert (again.sessions_added, again.decisions_added) == (0, 0)
