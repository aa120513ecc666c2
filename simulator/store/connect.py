"""Find, check and open the results database file, refusing anything we might damage.

The order matters: every check that can refuse a file (not SQLite, someone else's database,
damaged, newer than us, read-only) runs *before* the first write (WAL mode, migrations), so a
refused file is byte-for-byte what the user had.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import stat
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from simulator.store.errors import StoreError, guard
from simulator.store.lite import LiteDatabase
from simulator.store.steps import MIGRATION_SET, STEPS

if TYPE_CHECKING:
    from sqlite_utils import Database

BUSY_TIMEOUT = 5.0  # seconds another writer may hold the lock before we report "locked"
QUICK_CHECK_LIMIT = 64 * 1024 * 1024  # check small files fully at open; bigger ones fail on use


def default_db_path() -> Path:
    """Where ``open_store(None)`` looks: ``$SIMULATOR_DB``, else the user data folder."""
    env = os.environ.get("SIMULATOR_DB")
    if env:
        return Path(env).expanduser()
    from simulator.userdirs import user_dir

    return user_dir("data") / "results.db"


def is_read_only(path: Path) -> bool:
    """Read-only for us, including a file the user marked read-only while running as admin/root."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return not os.access(path, os.W_OK) or not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)


def check_file(path: Path, *, writable: bool = True) -> None:
    """Refuse a folder, a missing file we may not create, or a read-only one, without opening it.

    The file's contents are left to SQLite on purpose: closing *any* descriptor of a database file
    drops every POSIX lock this process holds on it, so a plain ``open()`` next to a live connection
    (the app's sync worker opens a second store) lets another process delete the WAL under us.
    """
    if path.is_dir():
        raise StoreError(str(path), "cannot-open", "it is a folder")
    if not path.exists():
        if not writable:
            raise StoreError(str(path), "cannot-open", "no such file")
        try:
            path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)  # folders we make are this user's only
            create_private(path)
        except OSError as exc:
            raise StoreError(str(path), "cannot-open", exc.strerror or str(exc)) from None
        return
    if not path.is_file():
        raise StoreError(str(path), "cannot-open", "it is not a regular file")
    if writable and is_read_only(path):
        raise StoreError(str(path), "read-only")


def create_private(path: Path) -> None:
    """Create the empty database file readable by this user only (0600; SQLite gives its WAL the same mode).

    This is the one plain ``open`` of a database path, and it is safe: ``O_EXCL`` makes it create a new
    file or fail, and no connection can hold locks on a file that did not exist.
    """
    with contextlib.suppress(FileExistsError):  # another process created it first: theirs, as it is
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))


def connect(path: Path, *, busy_timeout: float = BUSY_TIMEOUT, read_only: bool = False) -> sqlite3.Connection:
    """A connection whose URI mode lets ``merge`` attach other files read-only."""
    uri = path.resolve().as_uri() + ("?mode=ro" if read_only else "")
    with guard(str(path)):
        return sqlite3.connect(uri, uri=True, timeout=busy_timeout)


def check_contents(db: Database, path: str) -> None:
    """Raise ``StoreError`` for a file that is damaged, not ours, or from a newer app."""
    from simulator.store import schema

    tables = set(db.table_names())
    if tables and schema.migrations.migrations_table not in tables:
        raise StoreError(path, "foreign")
    if tables and not schema.applied_names(db):
        raise StoreError(path, "foreign")
    newer = schema.unknown_steps(db)
    version = db.execute("PRAGMA user_version").fetchone()[0]
    if newer or version > len(schema.KNOWN):
        raise StoreError(
            path, "newer", f"schema {version} with steps {', '.join(newer) or '?'}; this app knows {len(schema.KNOWN)}"
        )
    quick_check(db.conn, path)


def quick_check(conn: sqlite3.Connection, path: str) -> None:
    if Path(path).exists() and Path(path).stat().st_size <= QUICK_CHECK_LIMIT:
        problems = [row[0] for row in conn.execute("PRAGMA quick_check").fetchall()]
        if problems != ["ok"]:
            raise StoreError(path, "corrupt", "; ".join(problems[:3]))


def current(conn: sqlite3.Connection, path: str) -> LiteDatabase | None:
    """A file already at exactly our schema: opened without importing sqlite-utils (~70 ms)."""
    if path == ":memory:":
        return None
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if "_sqlite_migrations" not in tables:
        return None
    applied = [row[0] for row in conn.execute("SELECT name FROM _sqlite_migrations WHERE migration_set = ?", [MIGRATION_SET])]
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if sorted(applied) != sorted(STEPS) or version != len(STEPS):
        return None  # new, older, newer or foreign: the full path checks and migrates
    if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
        return None
    quick_check(conn, path)
    return LiteDatabase(conn)


def _retry_locked(step: Callable[[], object], patience: float = BUSY_TIMEOUT) -> None:
    """Run ``step``, retrying while another process holds the lock.

    Switching a new file to WAL needs an exclusive lock and SQLite answers "locked" at once instead
    of waiting on the busy timeout, so two apps creating the same file together would otherwise fail.
    """
    deadline = time.monotonic() + patience
    while True:
        try:
            step()
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.02)


def prepare(conn: sqlite3.Connection, path: str) -> Any:
    """Check the file, then switch on WAL, durable commits and foreign keys, then migrate."""
    try:
        with guard(path):
            db: Any = current(conn, path)
            if db is None:
                db = _full_open(conn, path)
            conn.execute("PRAGMA foreign_keys = ON")
            # FULL: each commit is on disk when it returns, even after a power cut (≈0.3 ms here).
            conn.execute("PRAGMA synchronous = FULL")
            # 64 MiB of page cache (taken only as needed): big merges and cohort scans stay in memory.
            conn.execute("PRAGMA cache_size = -65536")
    except BaseException:
        conn.close()
        raise
    return db


def _full_open(conn: sqlite3.Connection, path: str) -> Database:
    """New, older or unknown files: every check with sqlite-utils, then WAL and migrations."""
    from sqlite_utils import Database

    from simulator.store import schema

    db = Database(conn, execute_plugins=False)
    check_contents(db, path)
    conn.execute("PRAGMA foreign_keys = ON")
    if path != ":memory:":
        _retry_locked(db.enable_wal)
    schema.migrate(db)
    return db
