"""The few ``sqlite_utils.Database`` methods the store uses on every open, without importing it.

Importing sqlite-utils costs about 70 ms, a third of the app's start-up. Opening a database
whose schema is already current needs only ``execute``, ``query`` and ``atomic``; they are
mirrored here with sqlite-utils' own transaction rules. Anything else (migrations, merge, table
helpers) goes to a real ``Database`` on the same connection, made on first use.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Generator, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

_CONTROL = ("BEGIN", "COMMIT", "END", "ROLLBACK", "SAVEPOINT", "RELEASE")
Params = Sequence[Any] | dict[str, Any] | None


class LiteDatabase:
    """Same connection handling as ``sqlite_utils.Database(conn, execute_plugins=False)``."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self._full: Any = None
        self.conn.execute("PRAGMA recursive_triggers=on;")  # as sqlite_utils.Database does

    @property
    def full(self) -> Any:
        """The real sqlite-utils ``Database`` for everything not mirrored here."""
        if self._full is None:
            from sqlite_utils import Database

            self._full = Database(self.conn, execute_plugins=False)
        return self._full

    def __getattr__(self, name: str) -> Any:
        return getattr(self.full, name)

    def __getitem__(self, name: str) -> Any:
        return self.full[name]

    def execute(self, sql: str, parameters: Params = None) -> sqlite3.Cursor:
        """Run one statement; a write outside a transaction is committed at once."""
        was_in_transaction = self.conn.in_transaction
        try:
            cursor = self.conn.execute(sql, parameters) if parameters is not None else self.conn.execute(sql)
        except Exception:
            if not was_in_transaction and self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
        keyword = sql.lstrip().split(None, 1)[0].upper() if sql.strip() else ""
        if not was_in_transaction and self.conn.in_transaction and cursor.description is None and keyword not in _CONTROL:
            self.conn.execute("COMMIT")
        return cursor

    def query(self, sql: str, params: Params = None) -> Iterator[dict[str, Any]]:
        cursor = self.execute(sql, params)
        keys = [d[0] for d in cursor.description or ()]
        return (dict(zip(keys, row, strict=True)) for row in cursor)

    @contextmanager
    def atomic(self) -> Generator[LiteDatabase, None, None]:
        """A transaction; nested blocks become savepoints (sqlite-utils' rules)."""
        if self.conn.in_transaction:
            # Unique, as sqlite-utils names them (it uses secrets, whose import pulls in hmac; this doesn't).
            savepoint = f"sqlite_utils_{os.urandom(16).hex()}"
            self.conn.execute(f"SAVEPOINT {savepoint};")
            try:
                yield self
            except BaseException:
                if self.conn.in_transaction:
                    self.conn.execute(f"ROLLBACK TO SAVEPOINT {savepoint};")
                    self.conn.execute(f"RELEASE SAVEPOINT {savepoint};")
                raise
            else:
                self.conn.execute(f"RELEASE SAVEPOINT {savepoint};")
            return
        self.conn.execute("BEGIN")
        try:
            yield self
        except BaseException:
            self.conn.rollback()
            raise
        else:
            try:
                self.conn.execute("COMMIT")
            except BaseException:
                self.conn.rollback()
                raise

    def close(self) -> None:
        self.conn.close()
