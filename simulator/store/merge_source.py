"""Read another PC's results file without running anything in it, into a staged copy we trust.

A results file is data, but SQLite files can carry code: views (which may never end), triggers
(which fire when a copy is migrated) and a schema that lies about what a table is. So the other file
is opened read-only with untrusted schema off and an authorizer that allows only reads of our base
tables, a progress handler bounds the work, an older file is migrated on a copy stripped of
triggers and views, and every row is checked (``merge_rules``) while it is copied into a staging
file made with our own schema. All of this happens before the live database is locked; the merge
then reads only the staged file.
"""

# ruff: noqa: S608 - SQL here is assembled from our own table and column names, never from input

from __future__ import annotations

import contextlib
import sqlite3
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from simulator.store import connect, merge_rules, schema
from simulator.store.errors import StoreError, guard

Authorizer = Callable[[int, str | None, str | None, str | None, str | None], int]
READ_SECONDS = 600.0  # reading and checking the other file may take this long before it is given up
ALLOWED_PRAGMAS = {"table_info", "user_version", "quick_check", "journal_mode", "index_list", "index_info", "data_version"}
NAMING_PRAGMAS = {"table_info", "index_list", "index_info"}  # the only ones allowed an argument: a name
SYSTEM_TABLES = {"sqlite_master", "sqlite_schema", "sqlite_temp_master", "_sqlite_migrations"}
OK, DENY = sqlite3.SQLITE_OK, sqlite3.SQLITE_DENY


class Refused(StoreError):
    """The other file breaks a rule: nothing was merged. ``str()`` names the table, row and field."""

    def __init__(self, path: str, where: str) -> None:
        super().__init__(path, "refused", where)


def _reader(tables: set[str]) -> Authorizer:
    """An authorizer allowing only reads of ``tables`` (never through a view or trigger) and harmless pragmas."""

    def decide(action: int, arg1: str | None, arg2: str | None, database: str | None, inner: str | None) -> int:
        if action in (sqlite3.SQLITE_SELECT, sqlite3.SQLITE_FUNCTION, sqlite3.SQLITE_RECURSIVE):
            return OK
        if action == sqlite3.SQLITE_READ:
            return OK if inner is None and arg1 in tables else DENY
        if action == sqlite3.SQLITE_PRAGMA:  # reading pragmas only: table_info(t) names a table, the rest nothing
            return OK if arg1 in ALLOWED_PRAGMAS and (arg2 is None or arg1 in NAMING_PRAGMAS) else DENY
        return DENY

    return decide


def _stager(tables: set[str]) -> Authorizer:
    """Reads as ``_reader`` from the attached file, and writes only into the staging file's own tables."""
    read = _reader(tables | set(merge_rules.MERGED))

    def decide(action: int, arg1: str | None, arg2: str | None, database: str | None, inner: str | None) -> int:
        if action == sqlite3.SQLITE_INSERT:
            return OK if database == "main" and arg1 in merge_rules.MERGED and inner is None else DENY
        if action == sqlite3.SQLITE_TRANSACTION:
            return OK
        return read(action, arg1, arg2, database, inner)

    return decide


def _deadline(seconds: float) -> Any:
    end = time.monotonic() + seconds
    return lambda: int(time.monotonic() > end)  # non-zero interrupts the statement


def _bounded(conn: sqlite3.Connection, seconds: float) -> None:
    conn.execute("PRAGMA trusted_schema = OFF")
    conn.set_progress_handler(_deadline(seconds), 100_000)


def _open_read_only(path: Path, seconds: float) -> sqlite3.Connection:
    conn = connect.connect(path, read_only=True)
    _bounded(conn, seconds)
    return conn


def _base_tables(conn: sqlite3.Connection, path: str, schema_name: str = "main") -> None:
    """Each table we read must be a real table: a view of that name would run the other file's SQL."""
    kinds = dict(conn.execute(f"SELECT name, type FROM {schema_name}.sqlite_master WHERE name IN "
                              f"({', '.join('?' * len(merge_rules.MERGED))})", merge_rules.MERGED).fetchall())  # fmt: skip
    for table in merge_rules.MERGED:
        if kinds.get(table, "table") != "table":
            raise Refused(path, f"table {table}: it is a {kinds[table]}, not a table")


@contextlib.contextmanager
def _reading(path: Path, seconds: float) -> Iterator[None]:
    """SQLite errors as ``StoreError``s naming the other file; the progress handler's stop as a refusal."""
    try:
        with guard(str(path)):
            yield
    except StoreError as error:
        if "interrupted" in error.detail:
            raise Refused(str(path), f"reading it took longer than {seconds:.0f} s") from None
        raise


@contextlib.contextmanager
def staged(path: Path, seconds: float = READ_SECONDS) -> Iterator[Path]:
    """A temporary file with our schema holding the other file's rows, every one checked."""
    connect.check_file(path, writable=False)
    if path.stat().st_size > merge_rules.MAX_FILE_BYTES:
        raise Refused(str(path), f"the file is larger than {merge_rules.MAX_FILE_BYTES // 1024**3} GB")
    with tempfile.TemporaryDirectory(prefix="simulator-merge-") as folder:
        source = _current_source(path, Path(folder), seconds)
        staging = Path(folder) / "staged.db"
        conn = connect.connect(staging)
        try:
            with _reading(path, seconds):
                connect.prepare(conn, str(staging))
                _scratch(conn)
                conn.execute("ATTACH DATABASE ? AS other", (source.resolve().as_uri() + "?mode=ro",))
                _bounded(conn, seconds)
                _base_tables(conn, str(path), "other")
                conn.set_authorizer(_stager(SYSTEM_TABLES))
                try:
                    _check(conn, str(path))
                    direct = source == path and _has_batch_index(conn)
                    if direct:
                        _refuse_duplicates(conn, str(path))
                    else:
                        _copy(conn, str(path))  # our unique keys and names check the copy
                finally:
                    conn.set_authorizer(None)
                conn.execute("DETACH DATABASE other")
        finally:
            conn.close()
        yield path if direct else staging


STAGING_INDEXES = {"idx_trainees_name", "idx_decisions_session_id_seq"}  # unique names; the merge's batches


def _scratch(conn: sqlite3.Connection) -> None:
    """The staging file is thrown away after the merge: no durability, and only the indexes the merge uses."""
    conn.execute("PRAGMA journal_mode = OFF")
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute("PRAGMA foreign_keys = OFF")  # the rules check parents; the live database checks them again
    names = conn.execute("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL").fetchall()
    for (name,) in names:
        if name not in STAGING_INDEXES:
            conn.execute(f'DROP INDEX "{name}"')
    conn.commit()


def _current_source(path: Path, folder: Path, seconds: float) -> Path:
    """The other file itself if its schema is current, else a migrated copy without its triggers and views."""
    from sqlite_utils import Database

    copy = folder / "older.db"
    conn = _open_read_only(path, seconds)
    try:
        with _reading(path, seconds):
            db = Database(conn, execute_plugins=False)  # (it sets recursive_triggers: nothing runs on reads anyway)
            conn.set_authorizer(_reader(SYSTEM_TABLES | set(merge_rules.MERGED)))
            connect.check_contents(db, str(path))
            _base_tables(conn, str(path))
            conn.set_authorizer(None)
            if not schema.migrations.pending(db):
                return path
            target = sqlite3.connect(copy)
            try:
                conn.backup(target)
                _strip_code(target)
            finally:
                target.close()
    finally:
        conn.close()
    copy_conn = sqlite3.connect(copy)
    with _reading(path, seconds):
        _bounded(copy_conn, seconds)
        connect.prepare(copy_conn, str(copy)).close()
    return copy


def _strip_code(conn: sqlite3.Connection) -> None:
    """Our copy of an older file loses its triggers and views before our migrations run on it."""
    conn.execute("PRAGMA trusted_schema = OFF")
    for kind, name in conn.execute("SELECT type, name FROM sqlite_master WHERE type IN ('trigger', 'view')").fetchall():
        conn.execute(f'DROP {kind.upper()} IF EXISTS "{name.replace(chr(34), chr(34) * 2)}"')
    conn.commit()


def _has_batch_index(conn: sqlite3.Connection) -> bool:
    """Whether the checked file can be merged from directly: its decisions are indexed by session as ours are.

    Then the merge reads it in place (every row has passed the rules, and nothing in it runs on a read);
    without that index each batch would scan every decision, so its rows are copied to a file of ours first.
    """
    for _, name, *_ in conn.execute("PRAGMA other.index_list(decisions)").fetchall():
        if name == "idx_decisions_session_id_seq":
            columns = [row[2] for row in conn.execute(f'PRAGMA other.index_info("{name}")').fetchall()]
            return columns == ["session_id", "seq"]
    return False


def _refuse_duplicates(conn: sqlite3.Connection, path: str) -> None:
    """Keys and names must be unique as ours are (merged in place, the file has no staging copy to check them)."""
    for table, keys in merge_rules.UNIQUE.items():
        for key in keys:
            bad = conn.execute(merge_rules.duplicate_query(table, key)).fetchall()
            if bad:
                raise Refused(path, f"table {table}, " + "; ".join(f"row {rowid}: {why}" for rowid, why in bad))


def _check(conn: sqlite3.Connection, path: str) -> None:
    """Every rule on every row, naming the first bad ones."""
    for table in merge_rules.MERGED:
        count = conn.execute(f"SELECT count(*) FROM other.{table}").fetchone()[0]
        if count > merge_rules.MAX_ROWS:
            raise Refused(path, f"table {table}: {count:,} rows, more than the {merge_rules.MAX_ROWS:,} a file may hold")
        queries = [merge_rules.bad_rows_query(conn, table)]
        queries += [merge_rules.orphan_query(table, *link) for link in merge_rules.ORPHANS.get(table, ())]
        for query in queries:
            bad = conn.execute(query).fetchall()
            if bad:
                rows = "; ".join(f"row {rowid}: {why}" for rowid, why in bad)
                raise Refused(path, f"table {table}, {rows}")
    _check_versions(conn, path)


def _copy(conn: sqlite3.Connection, path: str) -> None:
    """The checked rows into the staging tables, whose keys and unique names are ours."""
    conn.execute("BEGIN")
    for table in merge_rules.MERGED:
        cols = ", ".join(f'"{c.name}"' for c in merge_rules.columns(conn, table))
        try:
            conn.execute(f"INSERT INTO main.{table} ({cols}) SELECT {cols} FROM other.{table}")
        except sqlite3.IntegrityError as exc:  # our schema's keys and unique names, which the other file may lack
            raise Refused(path, f"table {table}: two rows share what must be unique ({exc})") from None
    conn.execute("COMMIT")


def _check_versions(conn: sqlite3.Connection, path: str) -> None:
    """A stored scenario version is keyed by the SHA-256 of its file: content that doesn't hash to its key is forged."""
    from simulator.store.library import verified

    for rowid, key, content in conn.execute("SELECT rowid, content_hash, content FROM other.scenario_versions"):
        if not verified(key, content):
            raise Refused(path, f"table scenario_versions, row {rowid}: content does not match its hash {key[:12]}…")
