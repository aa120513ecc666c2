"""The app open on a results file while every documented command runs on the same file (issue 14).

The real app plays sessions in a child process (``looping_player.py``: offscreen, real widgets,
background sync to a real LRS); meanwhile this test runs each command of the README against the
same file, round after round. Nothing may be lost: every session any process reported saved is in
the file with its decisions in order, ``integrity_check`` is ok, and at no moment does the app hold
a deleted ``-wal`` or ``-shm`` (which is how the old ``check_file`` lost sessions silently).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from guihelp import ROOT, accept_next_message, rows, write_scenario

PLAYER = Path(__file__).with_name("looping_player.py")
ROUNDS = int(os.environ.get("BESIDE_ROUNDS", "3"))
PASSWORD = "beside-secret"  # noqa: S105 - the test LRS accepts any Basic credentials


def deleted_files(pid: int, db: Path) -> list[str]:
    """The app's open descriptors on the database, its WAL or shared memory that no longer have a name."""
    found = []
    for fd in os.listdir(f"/proc/{pid}/fd"):
        try:
            target = os.readlink(f"/proc/{pid}/fd/{fd}")
        except OSError:
            continue  # closed while we looked
        if target.startswith(str(db)) and target.endswith("(deleted)"):
            found.append(target)
    return found


class App:
    """The looping player, its output collected by a thread so its pipe never fills."""

    def __init__(self, db: Path, scenario: Path, stop: Path, env: dict[str, str]) -> None:
        self.stop, self.lines = stop, []  # type: list[str]
        self.errors = stop.with_name("app-stderr.txt")  # a file, not a pipe nobody drains: Qt's warnings can't block it
        with self.errors.open("w") as errors:
            self.process = subprocess.Popen(
                [sys.executable, str(PLAYER), str(db), str(scenario), str(stop)],
                stdout=subprocess.PIPE, stderr=errors, text=True, env=env, cwd=ROOT,
            )  # fmt: skip
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.append(line.strip())

    def saved(self) -> dict[str, int]:
        return {p[1]: int(p[2]) for p in (line.split() for line in list(self.lines)) if p[0] == "saved"}

    def wait_for_sessions(self, count: int, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while len(self.saved()) < count:
            assert self.process.poll() is None, self.report()
            assert time.monotonic() < deadline, self.report()
            time.sleep(0.05)

    def close(self) -> None:
        self.stop.touch()
        self.process.wait(timeout=60)
        self.reader.join(10)
        assert self.process.returncode == 0 and "closed" in self.lines, self.report()

    def report(self) -> str:
        errors = [line for line in self.errors.read_text().splitlines() if "propagateSizeHints" not in line]
        return "app said: " + " | ".join(self.lines[-10:]) + "\n" + "\n".join(errors[-20:])


@pytest.mark.slow
def test_every_command_beside_the_open_app_loses_nothing(tmp_path: Path, lrs: Any) -> None:
    from simulator.store import open_store

    db = tmp_path / "results.db"
    scenario = write_scenario(tmp_path / "scenarios")
    with open_store(db) as store:  # results sync set up, so the app's worker opens its own store
        store.set_setting("xapi.endpoint", lrs.endpoint)
        store.set_setting("xapi.username", "pc-1")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "SIMULATOR_LRS_PASSWORD": PASSWORD, "SIMULATOR_DB": str(db)}

    def run(*argv: str) -> str:
        done = subprocess.run(
            [sys.executable, "-m", "simulator", *argv, "--db", str(db)] if argv[0] not in ("validate",)
            else [sys.executable, "-m", "simulator", *argv],
            capture_output=True, text=True, env=env, cwd=ROOT, timeout=120, check=False,
        )  # fmt: skip
        assert done.returncode == 0, f"simulator {' '.join(argv)}: {done.stdout}{done.stderr}"
        return done.stdout

    app = App(db, scenario, tmp_path / "stop", env)
    expected: dict[str, int] = {}
    commands = 0
    try:
        app.wait_for_sessions(1)  # a session finished, so the app's sync worker has opened the file too
        for n in range(ROUNDS):
            other = tmp_path / f"pc{n}.db"
            steps = [
                ("backup", "--out", str(tmp_path / f"backup{n}.db")),
                ("play", str(scenario), "--choose", "1,1", "--trainee", "Zed", "--format", "json"),
                ("sessions", "--format", "json"),
                ("export", "--format", "csv", "--out", str(tmp_path / f"cohort{n}.csv"), "--decisions"),
                ("export", "--format", "json", "--out", str(tmp_path / f"cohort{n}.json")),
                ("export", "--format", "pdf", "--out", str(tmp_path / f"zed{n}.pdf"), "--trainee", "Zed"),
                ("merge", str(other)),
                ("sync",),
                ("validate", str(scenario)),
            ]
            with open_store(other) as pc:  # another PC's file, with one session of its own
                pc.set_setting("note", "another PC")
            done = subprocess.run(
                [sys.executable, "-m", "simulator", "play", str(scenario), "--choose", "2,1", "--trainee", f"Pat {n}",
                 "--format", "json", "--db", str(other)],
                capture_output=True, text=True, env=env, cwd=ROOT, timeout=60, check=True,
            )  # fmt: skip
            expected[json.loads(done.stdout)["session_id"]] = 2
            for step in steps:
                out = run(*step)
                commands += 1
                if step[0] == "play":
                    expected[json.loads(out)["session_id"]] = 2
                assert not deleted_files(app.process.pid, db), f"after simulator {' '.join(step)}: {app.report()}"
                assert app.process.poll() is None, app.report()
        played = len(app.saved())
        app.wait_for_sessions(played + 1)  # the app still saves after all that
    finally:
        if app.process.poll() is None:
            app.close()
    expected.update(app.saved())
    assert commands == ROUNDS * 9 and len(app.saved()) >= 2
    found = dict(rows(db, "SELECT session_id, count(*) FROM decisions WHERE undone IS NULL GROUP BY session_id"))
    missing = {sid: n for sid, n in expected.items() if found.get(sid, 0) < n}
    assert not missing, f"{len(missing)} of {len(expected)} saved sessions lost or short: {missing}"
    for (sid,) in rows(db, "SELECT id FROM sessions"):
        seqs = [seq for (seq,) in rows(db, "SELECT seq FROM decisions WHERE session_id = ? ORDER BY at, seq", sid)]
        assert seqs == sorted(seqs), sid
    assert rows(db, "PRAGMA integrity_check") == [("ok",)]
    sys.stdout.write(f"\nbeside the app: {ROUNDS} rounds, {commands} commands, {len(expected)} saved sessions checked, 0 lost\n")


def test_the_app_stops_and_says_so_when_its_wal_is_deleted(make_window: Any, db_path: Path, tmp_path: Path, qtbot: Any) -> None:
    scenario = write_scenario(tmp_path / "scenarios")
    window = make_window(scenario)
    window.profile.name_edit.setText("Wal Gone")
    window.profile.create_button.click()
    next(c for c in window.library.cards if c.entry.path == scenario).start_button.click()
    window.play.choices.buttons[0].click()
    os.remove(f"{db_path}-wal")  # another program deletes the WAL under the open app
    seen: list[str] = []
    accept_next_message(seen)
    window.play.choices.buttons[0].click()
    assert len(seen) == 1
    assert seen[0].startswith("Your answers can no longer be saved") and f"{db_path.name}-wal was deleted" in seen[0]
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.library)
    from simulator.store import StoreError

    with pytest.raises(StoreError, match="nothing more is saved"):  # and nothing else is written into the lost log
        window.store.add_trainee("Someone")
