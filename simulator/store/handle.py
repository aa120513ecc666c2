"""The open results file that every part of the store works on: connection, path, write transactions.

``Store``, the facade, is one. The parts it loads on demand (recorder, resume, merge, supervision,
outbox) take this smaller type, so none of them imports the facade that imports them.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from simulator.store.errors import guard
from simulator.store.watch import FileWatch

if TYPE_CHECKING:
    from sqlite_utils import Database


class StoreHandle:
    def __init__(self, db: Database, path: str) -> None:
        self.db, self.path = db, path
        self._watch = FileWatch(path) if path != ":memory:" else None

    @contextmanager
    def write(self) -> Iterator[Database]:
        """One write transaction taken with ``BEGIN IMMEDIATE``, so concurrent writers queue on the
        busy timeout instead of failing halfway; nested calls become savepoints."""
        conn = self.db.conn
        with guard(self.path):
            if conn.in_transaction:
                with self.db.atomic():
                    yield self.db
                return
            conn.execute("BEGIN IMMEDIATE")
            try:
                if self._watch is not None:
                    self._watch.check()  # under the write lock: nobody may swap files between check and commit
                yield self.db
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    conn.rollback()
                raise
