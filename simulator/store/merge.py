"""Backup and merge: moving results between files without ever writing to the other file.

Merge brings another PC's trainees, sessions, scores, decisions and scenario versions into this
database by their stable ids (UUIDs, content hashes), so running it twice adds nothing. It runs
as ``INSERT ... SELECT`` from the other file attached read-only, inside SQLite, in one
transaction per file, in chunks so large files report progress. Rows never pass through Python:
that is what keeps a million decisions near the speed of a raw ``executemany``.
"""

# ruff: noqa: S608 - SQL here is assembled from constants and column names read from our own schema, never from input

from __future__ import annotations

import contextlib
import os
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from sqlite_utils import Database

from simulator.store import connect, schema
from simulator.store.errors import StoreError, guard, same_person
from simulator.store.models import MergeResult

if TYPE_CHECKING:
    from simulator.store.store import Store

CHUNK = 100_000  # decisions per INSERT: progress every few hundred milliseconds
# The copy of a session that went further wins: finished beats unfinished, then the later activity.
FURTHER = "({new}.finished IS NOT NULL, {new}.updated) > ({old}.finished IS NOT NULL, {old}.updated)"


def backup(store: Store, dest: Path) -> Path:
    """A consistent copy made with SQLite's online backup, written whole or not at all."""
    dest = dest.expanduser()
    if dest.exists():
        raise StoreError(str(dest), "exists")
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
        handle, partial = tempfile.mkstemp(prefix=f".{dest.name}.", suffix=".partial", dir=dest.parent)
        os.close(handle)
    except OSError as exc:
        raise StoreError(str(dest), "cannot-open", exc.strerror or str(exc)) from None
    try:
        with guard(str(dest)):
            target = sqlite3.connect(partial)
            try:
                store.db.conn.backup(target)
                target.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
            finally:
                target.close()
        if dest.exists():
            raise StoreError(str(dest), "exists")
        os.replace(partial, dest)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(partial)
    return dest


@contextlib.contextmanager
def _readable_copy(path: Path) -> Iterator[Path]:
    """The other file itself if its schema is current, else a migrated temporary copy of it."""
    connect.check_file(path, writable=False)
    conn = connect.connect(path, read_only=True)
    try:
        with guard(str(path)):
            db = Database(conn, execute_plugins=False)
            connect.check_contents(db, str(path))
            pending = schema.migrations.pending(db)
            if not pending:
                conn.close()
                yield path
                return
            with tempfile.TemporaryDirectory(prefix="simulator-merge-") as folder:
                copy = Path(folder) / "older.db"
                target = sqlite3.connect(copy)
                conn.backup(target)
                conn.close()
                connect.prepare(target, str(copy)).close()
                yield copy
    finally:
        conn.close()


def merge(store: Store, other: Path, progress: Callable[[int, int], None] | None = None) -> MergeResult:
    other = other.expanduser()
    if other.exists() and Path(store.path).exists() and os.path.samefile(other, store.path):
        raise StoreError(str(other), "same-file")
    with _readable_copy(other) as source:
        conn = store.db.conn
        with guard(str(other)):
            conn.execute("ATTACH DATABASE ? AS other", (source.resolve().as_uri() + "?mode=ro",))
        try:
            with store.write():
                return _merge_rows(store.db, str(other), progress)
        finally:
            conn.execute("DETACH DATABASE other")


def _columns(db: Database, table: str) -> list[str]:
    return [row[1] for row in db.execute(f"PRAGMA main.table_info({table})")]


def _count(db: Database, sql: str) -> int:
    return int(db.execute(sql).fetchone()[0])


def _merge_rows(db: Database, path: str, progress: Callable[[int, int], None] | None) -> MergeResult:
    run = db.conn.execute
    trainees, matched, renamed = _merge_trainees(db)
    cols = ", ".join(_columns(db, "scenario_versions"))
    versions = run(f"INSERT OR IGNORE INTO main.scenario_versions ({cols}) SELECT {cols} FROM other.scenario_versions").rowcount
    added = _count(db, "SELECT count(*) FROM other.sessions o WHERE o.id NOT IN (SELECT id FROM main.sessions)")
    further = FURTHER.format(new="o", old="m")
    updated = _count(db, f"SELECT count(*) FROM other.sessions o JOIN main.sessions m ON m.id = o.id WHERE {further}")
    names = _columns(db, "sessions")
    picked = ", ".join("m.local_id" if c == "trainee_id" else f"o.{c}" for c in names)
    newer = ", ".join(f"{c} = excluded.{c}" for c in names if c not in ("id", "trainee_id"))
    run(
        f"INSERT INTO main.sessions ({', '.join(names)}) SELECT {picked} FROM other.sessions o "
        f"JOIN temp.merge_trainees m ON m.other_id = o.trainee_id WHERE true "
        f"ON CONFLICT (id) DO UPDATE SET {newer} WHERE {FURTHER.format(new='excluded', old='sessions')}"
    )
    names = _columns(db, "session_scores")
    picked = ", ".join("m.local_id" if c == "trainee_id" else f"o.{c}" for c in names)
    run(
        f"INSERT OR IGNORE INTO main.session_scores ({', '.join(names)}) SELECT {picked} FROM other.session_scores o "
        "JOIN temp.merge_trainees m ON m.other_id = o.trainee_id"
    )
    decisions = _merge_decisions(db, progress)
    return MergeResult(path, trainees, matched, added, updated, decisions, versions, renamed)


def _merge_trainees(db: Database) -> tuple[int, int, int]:
    """Map every other-PC trainee to one here in ``temp.merge_trainees``; (added, matched, renamed).

    Same id, else same name (any case): a trainee who practised on two PCs is one person, unless
    both copies carry employee IDs and they differ. That is someone else with the same name, added
    as "Name (ID)" because names are unique here.
    """
    run = db.conn.execute
    run("CREATE TEMP TABLE IF NOT EXISTS merge_trainees (other_id TEXT PRIMARY KEY, local_id TEXT NOT NULL)")
    run("DELETE FROM temp.merge_trainees")
    added = matched = renamed = 0
    for other_id, name, employee_id, created in run("SELECT id, name, employee_id, created FROM other.trainees").fetchall():
        local = run("SELECT id FROM main.trainees WHERE id = ?", (other_id,)).fetchone()
        if local is None:
            local = run("SELECT id, employee_id FROM main.trainees WHERE name = ? COLLATE NOCASE", (name,)).fetchone()
            if local is not None and same_person(local[1], employee_id):
                matched += 1
            else:
                here = name if local is None else _free_name(db, f"{name} ({employee_id})")
                renamed += local is not None
                run("INSERT INTO main.trainees (id, name, employee_id, created) VALUES (?, ?, ?, ?)",
                    (other_id, here, employee_id, created))  # fmt: skip
                local, added = (other_id,), added + 1
        run("INSERT INTO temp.merge_trainees VALUES (?, ?)", (other_id, local[0]))
    return added, matched, renamed


def _free_name(db: Database, wanted: str) -> str:
    """``wanted``, or ``wanted 2``, ``wanted 3``... whichever no trainee here has yet."""
    name, number = wanted, 1
    while db.conn.execute("SELECT 1 FROM main.trainees WHERE name = ? COLLATE NOCASE", (name,)).fetchone():
        number += 1
        name = f"{wanted} {number}"
    return name


def _merge_decisions(db: Database, progress: Callable[[int, int], None] | None) -> int:
    """Decisions in rowid chunks; a step-back recorded on the other PC is kept here too."""
    run = db.conn.execute
    cols = ", ".join(_columns(db, "decisions"))
    total = _count(db, "SELECT count(*) FROM other.decisions")
    before = _count(db, "SELECT count(*) FROM main.decisions")
    low, high = run("SELECT coalesce(min(rowid), 0), coalesce(max(rowid), -1) FROM other.decisions").fetchone()
    done = 0
    for start in range(low, high + 1, CHUNK):
        end = start + CHUNK
        run(
            f"INSERT INTO main.decisions ({cols}) SELECT {cols} FROM other.decisions WHERE rowid >= ? AND rowid < ? "
            "ON CONFLICT (id) DO UPDATE SET undone = excluded.undone "
            "WHERE decisions.undone IS NULL AND excluded.undone IS NOT NULL",
            (start, end),
        )
        done = min(total, done + _count_range(db, start, end))
        if progress is not None:
            progress(done, total)
    return _count(db, "SELECT count(*) FROM main.decisions") - before


def _count_range(db: Database, start: int, end: int) -> int:
    return int(db.execute("SELECT count(*) FROM other.decisions WHERE rowid >= ? AND rowid < ?", [start, end]).fetchone()[0])
