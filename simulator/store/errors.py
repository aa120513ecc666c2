"""Turn SQLite's failures into one sentence a trainee or supervisor can act on.

Every message names the database file and says what to do; every path through here leaves the
user's file as it was (we never "repair" by deleting or recreating it).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from typing import Any, TypeVar

F = TypeVar("F", bound=Callable[..., Any])


class NameTaken(ValueError):
    """A profile with this name exists for someone with another employee ID: a different person."""

    def __init__(self, name: str, employee_id: str) -> None:
        super().__init__(
            f"A profile named \u201c{name}\u201d already exists for employee ID {employee_id}. If that isn't you, "
            "add something to your name that tells you apart (your team or site, say)."
        )
        self.name, self.employee_id = name, employee_id


def same_person(ours: str | None, theirs: str | None) -> bool:
    """Two trainees with one name are one person unless both have employee IDs and they differ."""
    return not (ours and theirs and ours.strip().casefold() != theirs.strip().casefold())

UNTOUCHED = "The file was left untouched"
ADVICE = {
    "not-a-database": "is not a results database SQLite can read (another kind of file, or one whose first page "
    f"is damaged). {UNTOUCHED}: choose another file with --db or SIMULATOR_DB, or move this one away; if it is "
    "your results file, restore a backup (made with 'simulator backup').",
    "foreign": "is an SQLite database, but not one of this simulator's. "
    f"{UNTOUCHED}: choose another file with --db or SIMULATOR_DB.",
    "corrupt": "is damaged ({detail}). "
    f"{UNTOUCHED}: restore a backup (made with 'simulator backup'), or move it away to start a new one; "
    "'sqlite3 FILE .recover' may rescue its rows.",
    "read-only": "is read-only, so results can't be saved. Make it writable, or copy it to a folder you can write "
    "to and open that copy with --db.",
    "locked": "is locked by another program (another simulator, a backup or sync tool). "
    "Close that program and try again; nothing saved so far is lost.",
    "full": "could not be saved: the disk is full. Free some space and try again; everything saved before this step is safe.",
    "newer": "was written by a newer version of the simulator ({detail}). "
    f"{UNTOUCHED}: update the simulator, or choose another file with --db.",
    "cannot-open": "cannot be opened ({detail}). Check the folder exists and you may write to it, or choose "
    "another file with --db or SIMULATOR_DB.",
    "replaced": "was changed under the open app by another program: {detail}. To keep your answers from "
    "going into a file no one will read, nothing more is saved from this window. Close the simulator and open "
    "it again; if the last answers are missing from the file, play that part again.",
    "refused": "was not merged: {detail}. Nothing from it was added and nothing here changed; merge a file "
    "made by 'simulator backup' on the other PC.",
    "same-file": "is the database being merged into; choose another file to merge.",
    "exists": "already exists. Choose another name, or move the existing file away first.",
    "unknown-session": "has no session {detail}.",
    "finished": "session {detail} is already finished; there is nothing to resume.",
    "other": "failed: {detail}.",
}


class StoreError(Exception):
    """A results-database problem the user can act on; ``str()`` is the whole message."""

    def __init__(self, path: str, kind: str, detail: str = "") -> None:
        self.path, self.kind, self.detail = str(path), kind, detail
        super().__init__(f"{self.path} {ADVICE[kind].format(detail=detail)}")


def classify(exc: sqlite3.Error) -> str:
    """Which of ``ADVICE``'s cases an SQLite exception is, from its error name or message."""
    name = getattr(exc, "sqlite_errorname", "") or ""
    text = str(exc).lower()
    checks = (
        ("not-a-database", name == "SQLITE_NOTADB" or "not a database" in text),
        ("corrupt", name.startswith("SQLITE_CORRUPT") or "malformed" in text),
        ("read-only", name.startswith("SQLITE_READONLY") or "readonly" in text or name == "SQLITE_PERM"),
        ("locked", name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in text),
        ("full", name == "SQLITE_FULL" or "disk is full" in text),
        ("cannot-open", name.startswith("SQLITE_CANTOPEN") or "unable to open" in text),
    )
    return next((kind for kind, hit in checks if hit), "other")


def translate(exc: sqlite3.Error, path: str) -> StoreError:
    return StoreError(path, classify(exc), str(exc))


@contextmanager
def guard(path: str) -> Iterator[None]:
    """Re-raise any ``sqlite3.Error`` inside the block as a ``StoreError`` about ``path``."""
    try:
        yield
    except sqlite3.Error as exc:
        raise translate(exc, path) from exc


def guarded(method: F) -> F:
    """Decorator for ``Store`` methods: SQLite errors become ``StoreError`` naming the file."""

    @wraps(method)
    def wrapper(self: Any, *args: Any, **kwargs: Any) -> Any:
        with guard(self.path):
            return method(self, *args, **kwargs)

    return wrapper  # type: ignore[return-value]
