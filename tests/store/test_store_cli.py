"""The store's commands, and ``simulator play --trainee`` recording exactly what the API records."""

from __future__ import annotations

import json
import sqlite3
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest
from storehelp import play, python

from simulator.cli import main
from simulator.cli import store as commands
from simulator.engine import FakeClock
from simulator.store import open_store

# Columns that differ between any two recordings (ids, wall-clock times) and are not compared.
VOLATILE = {"id", "session_id", "trainee_id", "created", "started", "updated", "finished", "at", "response_ms", "first_seen"}


def _rows(path: Path, table: str) -> list[dict]:
    conn = sqlite3.connect(path)
    try:
        cursor = conn.execute(f"SELECT * FROM {table}")  # noqa: S608 - table names are this test's constants
        names = [d[0] for d in cursor.description]
        rows = [{k: v for k, v in zip(names, row, strict=True) if k not in VOLATILE} for row in cursor]
    finally:
        conn.close()
    return sorted(rows, key=lambda r: json.dumps(r, sort_keys=True))


def test_play_with_trainee_records_the_same_rows_as_the_api(tmp_path: Path, scenario_file: Path, scenario, capsys) -> None:
    cli_db, api_db = tmp_path / "cli.db", tmp_path / "api.db"
    for picks in ("2,1,t,1", "1,2"):
        assert main(["play", str(scenario_file), "--choose", picks, "--trainee", "Ann", "--db", str(cli_db)]) == 0
    with open_store(api_db) as store:
        play(store, scenario, [2, 1, "t", 1])
        play(store, scenario, [1, 2])
    capsys.readouterr()
    for table in ("trainees", "scenario_versions", "sessions", "decisions", "session_scores"):
        assert _rows(cli_db, table) == _rows(api_db, table), table
    with open_store(cli_db) as store:
        assert [s.decisions for s in store.sessions()] == [4, 2]


def test_play_reads_db_given_before_the_command(tmp_path: Path, scenario_file: Path, capsys) -> None:
    db = tmp_path / "top.db"
    assert main(["--db", str(db), "play", str(scenario_file), "--choose", "1", "--trainee", "Bo"]) == 0
    assert main(["--db", str(db), "sessions", "--unfinished"]) == 0
    out = capsys.readouterr().out
    assert "Bo" in out and "unfinished, 1 decision(s)" in out


def test_sessions_lists_filters_and_speaks_json(store, scenario, db_path: Path, capsys) -> None:
    play(store, scenario, [1, 1, 1], trainee="Ann")
    play(store, scenario, [2], trainee="Bob", clock=FakeClock(datetime(2026, 1, 6, tzinfo=UTC)))
    store.close()
    assert main(["sessions", "--db", str(db_path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2 and "loyal 100 passed" in lines[0] and "unfinished, 1 decision(s)" in lines[1]
    assert main(["sessions", "--db", str(db_path), "--trainee", "bob", "--format", "json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [(s["trainee_name"], s["decisions"]) for s in listed] == [("Bob", 1)]
    assert main(["sessions", "--db", str(db_path), "--unfinished", "--trainee", "ANN"]) == 0
    assert capsys.readouterr().out == ""
    assert main(["sessions", "--db", str(db_path), "--trainee", "Nobody"]) == 2
    assert "no trainee named 'Nobody'" in capsys.readouterr().err


def test_backup_then_merge_commands(store, scenario, db_path: Path, tmp_path: Path, capsys) -> None:
    play(store, scenario, [1, 1, 1], trainee="Ann")
    store.close()
    copy, other = tmp_path / "copy.db", tmp_path / "other.db"
    assert main(["backup", "--db", str(db_path), "--out", str(copy)]) == 0
    assert main(["backup", "--db", str(db_path), "--out", str(copy)]) == 1
    assert "already exists" in capsys.readouterr().err
    with open_store(other) as elsewhere:
        play(elsewhere, scenario, [2, 2], trainee="Cy")
    assert main(["merge", "--db", str(copy), str(other), str(other)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].endswith("1 session(s) added, 0 updated, 2 decision(s) added")
    assert out[1].endswith("0 session(s) added, 0 updated, 0 decision(s) added")
    with open_store(copy) as merged:
        assert [t.name for t in merged.trainees()] == ["Ann", "Cy"]


def test_merge_goes_on_after_a_bad_file_and_exits_1(store, scenario, db_path: Path, tmp_path: Path, capsys) -> None:
    store.close()
    junk, good = tmp_path / "junk.db", tmp_path / "good.db"
    junk.write_text("junk")
    with open_store(good) as other:
        play(other, scenario, [1], trainee="Di")
    assert main(["merge", "--db", str(db_path), str(junk), str(good)]) == 1
    captured = capsys.readouterr()
    assert f"{junk} is not a results database" in captured.err
    assert "1 session(s) added" in captured.out


def test_progress_lines_for_big_merges(capsys) -> None:
    report = commands._progress("big.db")
    for done in range(0, 1_000_001, 50_000):
        report(done, 1_000_000)
    lines = capsys.readouterr().err.splitlines()
    assert lines[0] == "big.db: 0% (0 of 1,000,000 decisions)"
    assert lines[-1] == "big.db: 100% (1,000,000 of 1,000,000 decisions)"
    assert len(lines) == 11
    commands._progress("small.db")(5, 10)
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize(
    "command",
    [["sessions"], ["backup", "--out", "x.db"], ["merge", "y.db"], ["play", "SCENARIO", "--choose", "1", "--trainee", "Al"]],
    ids=["sessions", "backup", "merge", "play"],
)
def test_store_errors_are_one_line_no_traceback(tmp_path: Path, scenario_file: Path, command: list[str]) -> None:
    command = [str(scenario_file) if part == "SCENARIO" else part for part in command]
    notes = tmp_path / "notes.txt"
    notes.write_text("not a database")
    done = subprocess.run(
        [python(), "-m", "simulator", *command, "--db", str(notes)],
        cwd=tmp_path,
        check=False,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert done.stderr.startswith(f"simulator: error: {notes} is not a results database")
    assert notes.read_text() == "not a database"


def test_readme_documents_every_store_command() -> None:
    """Docs kept honest by test: each command this package adds appears in the README's section."""
    import argparse

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Results database", 1)[1]
    sub = argparse.ArgumentParser().add_subparsers()
    commands.register(sub)
    for name in sub.choices:
        assert f"simulator {name}" in section, name
    assert "datasette" in section.lower()
