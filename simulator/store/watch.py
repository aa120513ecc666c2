"""Notice when another program deletes or replaces the database or its WAL under a live connection.

SQLite keeps writing into the files it has open, so a ``results.db-wal`` deleted by a careless
tool (or a backup restored over ``results.db``) turns every later answer into a write no one will
ever read. While our connection is open SQLite itself never removes or swaps these files (our
shared lock forbids the checkpoint-and-delete of the last closer), so a change of identity is
always someone else's doing, and we stop writing rather than lose answers silently.
"""

from __future__ import annotations

import os

from simulator.store.errors import StoreError

FileId = tuple[int, int]  # (device, inode): what a path names, whatever it is called later


def file_id(path: str) -> FileId | None:
    """The identity of ``path`` now, or None when nothing is there (``stat``: no descriptor opened)."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_dev, info.st_ino


class FileWatch:
    """The database and WAL a connection opened, checked before each write transaction (two ``stat`` calls)."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.database = file_id(path)
        self.wal = file_id(f"{path}-wal")
        self.lost: StoreError | None = None

    def check(self) -> None:
        """Raise (now and for every later write) once either file is gone or is another file."""
        if self.lost is not None:
            raise self.lost
        if self.wal is None:  # opened before the first read created it: take it now
            self.wal = file_id(f"{self.path}-wal")
        problem = ""
        if file_id(self.path) != self.database:
            problem = f"{os.path.basename(self.path)} itself was deleted or replaced"
        elif self.wal is not None and file_id(f"{self.path}-wal") != self.wal:
            problem = f"its write-ahead log {os.path.basename(self.path)}-wal was deleted or replaced"
        if problem:
            self.lost = StoreError(self.path, "replaced", problem)
            raise self.lost
