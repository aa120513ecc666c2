"""Control characters in stored text, file names and scenario text never reach the terminal
(issue 21): trainee names from a merged or older database, scenario ids, paths."""

from __future__ import annotations

import json
import sqlite3
import subprocess
from pathlib import Path

import pytest
from storehelp import python

from simulator.cli import main
from simulator.cli.terminal import UNSAFE, json_safe, printable

# an OSC that retitles the window, BEL, clear screen, a carriage return that redraws the line,
# bidi override and isolate, and the one-byte C1 CSI
EVIL = "Eve\x1b]0;PWNED\x07\x1b[2J\r\u202eevil\u2066x\u2069\x9b31m"


def run(*args: str, cwd: Path) -> str:
    """The real command in its own process, as a supervisor's terminal would run it; stdout + stderr."""
    done = subprocess.run([python(), "-m", "simulator", *args], check=False, cwd=cwd, capture_output=True, text=True, timeout=120)
    return done.stdout + done.stderr


@pytest.fixture
def planted(tmp_path: Path, scenario_file: Path) -> Path:
    """A real results file with one session, whose trainee name and scenario id then hold escapes."""
    db = tmp_path / "results.db"
    assert main(["play", str(scenario_file), "--choose", "1", "--trainee", "Eve", "--db", str(db)]) == 0
    with sqlite3.connect(db) as conn:
        assert conn.execute("UPDATE trainees SET name = ?", (EVIL,)).rowcount == 1
        conn.execute("UPDATE sessions SET scenario_id = ?", ("late\x1b[8mshuttle",))
    return db


def test_the_shared_function_removes_what_a_terminal_obeys() -> None:
    assert printable(EVIL) == "Eve]0;PWNED[2Jevilx31m"
    assert printable("tabs\tand\nnewlines stay, é and 中 too") == "tabs\tand\nnewlines stay, é and 中 too"
    assert json.loads(json_safe(json.dumps({"n": EVIL}, ensure_ascii=False)))["n"] == EVIL


@pytest.mark.parametrize(
    "command",
    [["sessions"], ["sessions", "--format", "json"], ["sessions", "--unfinished"], ["sessions", "--trainee", EVIL]],
    ids=["sessions", "sessions-json", "unfinished", "trainee-filter"],
)
def test_stored_text_is_printed_without_control_characters(planted: Path, tmp_path: Path, command: list[str]) -> None:
    out = run(*command, "--db", str(planted), cwd=tmp_path)
    assert "Eve]0;PWNED" in out or '"Eve\\u001b]0;PWNED' in out, out
    assert not UNSAFE.search(out), repr(out)


def test_file_names_and_their_problems_are_printed_without_control_characters(tmp_path: Path, scenario_file: Path) -> None:
    evil = tmp_path / "bad\x1b[1A\x1b[2K\r\u202e.yaml"
    evil.write_text(scenario_file.read_text(encoding="utf-8").replace("title:", "titel:", 1), encoding="utf-8")
    for command in (["validate", str(evil)], ["validate", "--format", "json", str(evil)], ["explore", str(evil)],
                    ["play", str(evil), "--choose", "1"], ["validate", str(tmp_path / "missing\x07.yaml")]):  # fmt: skip
        out = run(*command, cwd=tmp_path)
        assert "bad" in out or "missing" in out, (command, out)
        assert not UNSAFE.search(out), (command, repr(out))


def test_in_process_printers_are_cleaned_too_and_the_streams_put_back(planted: Path, capsys) -> None:
    import sys

    before = sys.stdout
    assert main(["sessions", "--db", str(planted)]) == 0
    assert sys.stdout is before
    out = capsys.readouterr()
    assert "Eve]0;PWNED" in out.out and not UNSAFE.search(out.out + out.err)
