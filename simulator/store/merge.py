"""Backup and merge: moving results between files without ever writing to the other file.

Merge brings another PC's trainees, sessions, scores, decisions and scenario versions into this
database by their stable ids (UUIDs, content hashes), so running it twice adds nothing. The other
file is read without running anything in it and every row is checked while it is staged
(``merge_source``, ``merge_rules``); a file that breaks a rule, or whose rows would overwrite or
re-parent records already here, is refused whole. The staged rows then go in as ``INSERT ...
SELECT`` inside SQLite, a batch of sessions per short transaction, so trainees keep answering.
"""

# ruff: noqa: S608 - SQL here is assembled from constants and column names read from our own schema, never from input

from __future__ import annotations

import contextlib
import os
import sqlite3
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from sqlite_utils import Database

from simulator.store import merge_rules, merge_source, outpaths
from simulator.store.errors import StoreError, guard, same_person
from simulator.store.library import library_hashes
from simulator.store.models import MergeResult

if TYPE_CHECKING:
    from simulator.store.handle import StoreHandle

BATCH = 2_000  # sessions per transaction (with their decisions): the write lock is held for milliseconds
# The copy of a session that went further wins: finished beats unfinished, then the later activity.
LIBRARY = "({session}.content_hash IN (SELECT content_hash FROM temp.library_hashes))"
FURTHER = "({new}.finished IS NOT NULL, {new}.updated) > ({old}.finished IS NOT NULL, {old}.updated)"


def backup(store: StoreHandle, dest: Path) -> Path:
    """A consistent copy made with SQLite's online backup, written whole or not at all."""
    dest = dest.expanduser()
    refused = outpaths.problem(dest, store.path)
    if refused:
        raise StoreError(str(dest), "cannot-open", refused)
    if dest.exists():
        raise StoreError(str(dest), "exists")
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
        outpaths.clean_stale(dest)
        handle, partial = tempfile.mkstemp(prefix=outpaths.temp_prefix(dest), suffix=".partial", dir=dest.parent)
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


def merge(store: StoreHandle, other: Path, progress: Callable[[int, int], None] | None = None) -> MergeResult:
    """Bring ``other``'s results in: staged and checked first, then committed in short transactions."""
    other = other.expanduser()
    if other.exists() and Path(store.path).exists() and os.path.samefile(other, store.path):
        raise StoreError(str(other), "same-file")
    with merge_source.staged(other) as source:
        conn = store.db.conn
        with guard(str(other)):
            conn.execute("ATTACH DATABASE ? AS other", (source.resolve().as_uri() + "?mode=ro",))
        try:
            return _merge_rows(store, str(other), progress)
        finally:
            conn.execute("DETACH DATABASE other")


def _columns(db: Database, table: str) -> list[str]:
    return [row[1] for row in db.execute(f"PRAGMA main.table_info({table})")]


def _count(db: Database, sql: str, args: tuple[object, ...] = ()) -> int:
    return int(db.execute(sql, list(args)).fetchone()[0])


def _merge_rows(store: StoreHandle, path: str, progress: Callable[[int, int], None] | None) -> MergeResult:
    """Trainees and versions first, then sessions with their scores and decisions, a batch per transaction.

    Each batch is short, so trainees answering on this PC wait milliseconds, not the whole merge; a
    merge stopped halfway leaves whole sessions, and running it again completes it (ids are stable).
    """
    db = store.db
    run = db.conn.execute
    offered = library_hashes(db)  # files read before the write lock is taken
    with store.write():
        _judge_library(db, offered)
        trainees, matched, renamed = _merge_trainees(db)
        _refuse_conflicts(db, path)
        cols = ", ".join(_columns(db, "scenario_versions"))
        copy = f"INSERT OR IGNORE INTO main.scenario_versions ({cols}) SELECT {cols} FROM other.scenario_versions"
        versions = run(copy).rowcount
        added = _count(db, "SELECT count(*) FROM other.sessions o WHERE o.id NOT IN (SELECT id FROM main.sessions)")
        further = FURTHER.format(new="o", old="m")
        updated = _count(db, f"SELECT count(*) FROM other.sessions o JOIN main.sessions m ON m.id = o.id WHERE {further}")
    total = _count(db, "SELECT count(*) FROM other.decisions")
    before = _count(db, "SELECT count(*) FROM main.decisions")
    done, last = 0, -(2**63)
    while True:  # in the staged file's order, which is the order they were played: indexes grow at their ends
        rows = run("SELECT rowid, id FROM other.sessions WHERE rowid > ? ORDER BY rowid LIMIT ?", (last, BATCH)).fetchall()
        if not rows:
            break
        with store.write():
            done += _merge_sessions(db, [sid for _, sid in rows])
        last = rows[-1][0]
        if progress is not None:
            progress(min(done, total), total)
    decisions = _count(db, "SELECT count(*) FROM main.decisions") - before
    return MergeResult(path, trainees, matched, added, updated, decisions, versions, renamed)


def _judge_library(db: Database, offered: set[str]) -> None:
    """``temp.library_hashes``: the versions this PC counts as the library's (see ``store.library``).

    A merged session's ``library`` is never the other file's word: it is 1 only when its version is
    one a session here was already offered by the library, or one the library offers now.
    """
    run = db.conn.execute
    run("CREATE TEMP TABLE IF NOT EXISTS library_hashes (content_hash TEXT PRIMARY KEY)")
    run("DELETE FROM temp.library_hashes")
    run("INSERT OR IGNORE INTO temp.library_hashes SELECT DISTINCT content_hash FROM main.sessions WHERE library = 1")
    db.conn.executemany("INSERT OR IGNORE INTO temp.library_hashes VALUES (?)", [(h,) for h in offered])


def _refuse_conflicts(db: Database, path: str) -> None:
    """A row whose id is already here must be that same record: never an overwrite, never a re-parenting."""
    for table, query in merge_rules.CONFLICTS.items():
        bad = db.conn.execute(query).fetchall()
        if bad:
            raise merge_source.Refused(path, f"table {table}, " + "; ".join(f"row {rowid}: {why}" for rowid, why in bad))


def _merge_sessions(db: Database, batch: list[str]) -> int:
    """One batch of sessions (the copy that went further wins), their scores and decisions; returns decisions read."""
    run = db.conn.execute
    run("CREATE TEMP TABLE IF NOT EXISTS merge_batch (id TEXT PRIMARY KEY)")
    run("DELETE FROM temp.merge_batch")
    db.conn.executemany("INSERT INTO temp.merge_batch VALUES (?)", [(sid,) for sid in batch])
    names = _columns(db, "sessions")
    own = {"trainee_id": "m.local_id", "library": LIBRARY.format(session="o")}
    picked = ", ".join(own.get(c, f"o.{c}") for c in names)
    newer = ", ".join(f"{c} = excluded.{c}" for c in names if c not in ("id", "trainee_id"))
    run(
        f"INSERT INTO main.sessions ({', '.join(names)}) SELECT {picked} FROM other.sessions o "
        f"JOIN temp.merge_trainees m ON m.other_id = o.trainee_id WHERE o.id IN (SELECT id FROM temp.merge_batch) "
        f"ON CONFLICT (id) DO UPDATE SET {newer} WHERE {FURTHER.format(new='excluded', old='sessions')}"
    )
    names = _columns(db, "session_scores")
    own = {"trainee_id": "m.local_id", "library": "(SELECT s.library FROM main.sessions s WHERE s.id = o.session_id)"}
    picked = ", ".join(own.get(c, f"o.{c}") for c in names)
    run(
        f"INSERT OR IGNORE INTO main.session_scores ({', '.join(names)}) SELECT {picked} FROM other.session_scores o "
        "JOIN temp.merge_trainees m ON m.other_id = o.trainee_id WHERE o.session_id IN (SELECT id FROM temp.merge_batch)"
    )
    cols = ", ".join(_columns(db, "decisions"))
    run(
        f"INSERT INTO main.decisions ({cols}) SELECT {cols} FROM other.decisions "
        "WHERE session_id IN (SELECT id FROM temp.merge_batch) ORDER BY +id "  # UUIDv7: time order; '+': by session index
        "ON CONFLICT (id) DO UPDATE SET undone = excluded.undone "
        "WHERE decisions.undone IS NULL AND excluded.undone IS NOT NULL"
    )
    return _count(db, "SELECT count(*) FROM other.decisions WHERE session_id IN (SELECT id FROM temp.merge_batch)")


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
    tried: dict[str, int] = {}
    for other_id, name, employee_id, created in run("SELECT id, name, employee_id, created FROM other.trainees").fetchall():
        local = run("SELECT id FROM main.trainees WHERE id = ?", (other_id,)).fetchone()
        if local is None:
            local = run("SELECT id, employee_id FROM main.trainees WHERE name = ? COLLATE NOCASE", (name,)).fetchone()
            if local is not None and same_person(local[1], employee_id):
                matched += 1
            else:
                here = name if local is None else _free_name(db, f"{name} ({employee_id})", tried)
                renamed += local is not None
                run("INSERT INTO main.trainees (id, name, employee_id, created) VALUES (?, ?, ?, ?)",
                    (other_id, here, employee_id, created))  # fmt: skip
                local, added = (other_id,), added + 1
        run("INSERT INTO temp.merge_trainees VALUES (?, ?)", (other_id, local[0]))
    return added, matched, renamed


def _free_name(db: Database, wanted: str, tried: dict[str, int]) -> str:
    """``wanted``, or ``wanted 2``, ``wanted 3``... whichever no trainee here has yet.

    ``tried`` remembers the last number per name for this merge, so a file of thousands of namesakes
    costs one lookup each instead of a walk past every earlier one.
    """
    key = wanted.lower()
    number = tried.get(key, 1)
    name = wanted if number == 1 else f"{wanted} {number}"
    while db.conn.execute("SELECT 1 FROM main.trainees WHERE name = ? COLLATE NOCASE", (name,)).fetchone():
        number += 1
        name = f"{wanted} {number}"
    tried[key] = number
    return name
