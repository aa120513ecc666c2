"""``export --out`` and ``backup --out`` never write over the database, a device or a pipe (issue 21)."""

from __future__ import annotations

import os
import stat
import subprocess
from pathlib import Path

import pytest
from storehelp import play

from simulator.cli import main
from simulator.store import open_store

FORMATS = ("csv", "json", "pdf", "xapi")


@pytest.fixture
def played(db_path: Path, scenario) -> Path:
    with open_store(db_path) as store:
        play(store, scenario, [1, 1, 1], trainee="Ann")
    return db_path


def _export(db: Path, out: str | Path, fmt: str = "csv") -> int:
    extra = ["--trainee", "Ann"] if fmt == "pdf" else []
    return main(["export", "--format", fmt, "--out", str(out), "--db", str(db), *extra])


def _intact(db: Path) -> None:
    with open_store(db) as store:
        assert [t.name for t in store.trainees()] == ["Ann"] and len(store.sessions()) == 1


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_database_itself_is_refused(played: Path, fmt: str, capsys) -> None:
    for out in (played, Path(f"{played}-wal"), played.parent / "." / played.name):
        assert _export(played, out, fmt) != 0
        assert "is the results database" in capsys.readouterr().err
    _intact(played)


def test_another_path_to_the_database_is_refused(played: Path, tmp_path: Path, capsys) -> None:
    link = tmp_path / "link.db"
    link.symlink_to(played)
    hard = tmp_path / "hard.db"
    os.link(played, hard)
    for out in (link, hard):
        assert _export(played, out) != 0
        assert "is the results database" in capsys.readouterr().err
    _intact(played)


@pytest.mark.parametrize("fmt", FORMATS)
def test_devices_and_pipes_are_refused(played: Path, tmp_path: Path, fmt: str, capsys) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    for out in (fifo, Path("/dev/null")):
        assert _export(played, out, fmt) != 0  # returns at once: a FIFO is never opened
        assert "not an ordinary file" in capsys.readouterr().err
    assert stat.S_ISFIFO(os.stat(fifo).st_mode) and stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_backup_refuses_the_database_files(played: Path, capsys) -> None:
    for out in (f"{played}-wal", f"{played}-shm", str(played)):
        assert main(["backup", "--out", out, "--db", str(played)]) != 0
        assert "results database" in capsys.readouterr().err
    _intact(played)


def test_temporary_files_of_a_killed_export_are_cleaned_on_the_next_run(played: Path, tmp_path: Path) -> None:
    gone = subprocess.Popen(["true"])
    gone.wait()  # a process id that no longer runs: the export that was killed
    stale = tmp_path / f".cohort.csv.{gone.pid}.abc123.part"
    stale.write_bytes(b"x" * 1000)
    running = tmp_path / f".cohort.csv.{os.getppid()}.def456.part"  # a writer that is still running
    running.write_bytes(b"y")
    assert _export(played, tmp_path / "cohort.csv") == 0
    assert not stale.exists() and running.exists()
    assert sorted(p.name for p in tmp_path.glob(".cohort.csv.*")) == [running.name]


@pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")
def test_a_new_database_its_folder_and_log_are_private(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from simulator.errors import describe

    db = tmp_path / "new-folder" / "results.db"
    with open_store(db) as store:
        store.add_trainee("Ann")
        assert stat.S_IMODE(os.stat(f"{db}-wal").st_mode) == 0o600
    assert stat.S_IMODE(os.stat(db).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(db.parent).st_mode) == 0o700
    log = tmp_path / "logs" / "errors.log"
    monkeypatch.setenv("SIMULATOR_LOG", str(log))
    describe(RuntimeError("boom"))
    assert stat.S_IMODE(os.stat(log).st_mode) == 0o600 and stat.S_IMODE(os.stat(log.parent).st_mode) == 0o700
