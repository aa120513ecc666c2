"""Nothing opens the results file with plain file I/O while a connection to it is open (issue 14).

Closing *any* descriptor of an SQLite file drops every POSIX lock the process holds on it, so one
``open()``/``close()`` beside a live connection lets another process delete the WAL under the app.
An audit hook watches ``open`` (and removal, rename and copy) events for the database, its
``-wal``, ``-shm`` and ``-journal`` while a store is open and a full GUI session, a background
sync, backup, merge, every export and the other commands run in this process.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from guihelp import write_scenario

WATCHED: set[str] = set()
SEEN: list[str] = []
EVENTS = ("open", "os.remove", "os.rename", "os.truncate", "shutil.copyfile", "shutil.copymode", "shutil.move")


def _hook(event: str, args: tuple[Any, ...]) -> None:
    if not WATCHED or event not in EVENTS:
        return
    for arg in args[:2]:
        if isinstance(arg, str | bytes | os.PathLike):
            with contextlib.suppress(Exception):
                name = os.path.abspath(os.fsdecode(arg))
                if name in WATCHED:
                    SEEN.append(f"{event} {name}")


sys.addaudithook(_hook)  # can't be removed: installed once (the module is imported once), idle while WATCHED is empty


@contextlib.contextmanager
def watching(db: Path) -> Iterator[list[str]]:
    names = [str(db.resolve()) + suffix for suffix in ("", "-wal", "-shm", "-journal")]
    SEEN.clear()
    WATCHED.update(names)
    try:
        yield SEEN
    finally:
        WATCHED.clear()


def test_the_guard_sees_a_plain_open(tmp_path: Path) -> None:
    target = tmp_path / "results.db"
    target.write_bytes(b"")
    with watching(target) as seen:
        target.read_bytes()
        Path(f"{target}-wal").write_bytes(b"x")
        os.remove(f"{target}-wal")
    assert seen == [f"open {target}", f"open {target}-wal", f"os.remove {target}-wal"]


@pytest.mark.slow
def test_no_plain_file_io_on_the_live_database(
    make_window: Any, store: Any, db_path: Path, lrs: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    tmp_path = db_path.parent
    from simulator.cli import main
    from simulator.gui.sync.worker import run_sync
    from simulator.store import open_store

    monkeypatch.setenv("SIMULATOR_LRS_PASSWORD", "guard-secret")
    scenario = write_scenario(tmp_path / "scenarios")
    other = tmp_path / "pc2.db"
    assert main(["play", str(scenario), "--choose", "2,1", "--trainee", "Pat", "--db", str(other)]) == 0
    with watching(db_path) as seen:
        store.set_setting("xapi.endpoint", lrs.endpoint)
        store.set_setting("xapi.username", "pc-1")
        window = make_window(scenario)
        window.profile.name_edit.setText("Guard Test")
        window.profile.create_button.click()
        next(c for c in window.library.cards if c.entry.path == scenario).start_button.click()
        play = window.play
        for number in (1, 1):
            play.choices.buttons[number - 1].click()
        play.end_button.click()
        assert window.stack.currentWidget() is window.debrief
        outcome = run_sync(str(db_path))  # what the app's sync thread runs: a second store on the file
        assert outcome.state == "sent" and outcome.sent_now > 0, outcome
        with open_store(db_path) as third:
            assert third.get_setting("xapi.username") == "pc-1"
        for argv in (
            ["backup", "--out", str(tmp_path / "copy.db")],
            ["merge", str(other)],
            ["play", str(scenario), "--choose", "1,1", "--trainee", "Zed"],
            ["sessions", "--format", "json"],
            ["export", "--format", "csv", "--out", str(tmp_path / "c.csv"), "--decisions"],
            ["export", "--format", "json", "--out", str(tmp_path / "c.json")],
            ["export", "--format", "pdf", "--out", str(tmp_path / "z.pdf"), "--trainee", "Zed"],
            ["export", "--format", "xapi", "--out", str(tmp_path / "s.json")],
            ["sync"],
            ["sync", "--status"],
        ):
            assert main([*argv, "--db", str(db_path)]) == 0, argv
        window.close()
    assert seen == []
    assert {name for (name,) in store.db.execute("SELECT name FROM trainees")} == {"Guard Test", "Pat", "Zed"}
