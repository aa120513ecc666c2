"""The results store: the one object the GUI, the CLI and reports use instead of SQL.

``open_store`` finds and checks the file (see ``connect``); ``Store`` offers trainees, autosave
(``attach``), resume, the supervisor queries, settings, backup and merge. Every method turns
SQLite failures into ``StoreError`` naming the file, so callers handle one exception type.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from simulator.store import connect, queries
from simulator.store.errors import NameTaken, StoreError, guarded, same_person
from simulator.store.handle import StoreHandle
from simulator.store.models import (
    MergeResult,
    Resumed,
    ScenarioStats,
    SessionInfo,
    SessionSummary,
    Trainee,
)
from simulator.store.oddrows import Skipped

if TYPE_CHECKING:
    from sqlite_utils import Database

    from simulator.engine.clock import Clock
    from simulator.engine.session import Session
    from simulator.scenario import Scenario
    from simulator.store.recorder import ErrorHandler, EventRows, Recorder
    from simulator.store.supervision import CohortLine

Progress = Callable[[int, int], None]
RowsFor = Callable[["Store", "Session", str], "EventRows"]
"""Given (store, session, trainee id), the extra rows to write with each of that session's events."""


def open_store(path: str | Path | None = None, *, busy_timeout: float = connect.BUSY_TIMEOUT) -> Store:
    """Open (creating on first use) the results database at ``path``, or the default location."""
    target = Path(path).expanduser() if path else connect.default_db_path()
    connect.check_file(target)
    conn = connect.connect(target, busy_timeout=busy_timeout)
    return Store(connect.prepare(conn, str(target)), str(target))


def read_only_store(path: str | Path) -> Store:
    """A ``Store`` on its own read-only connection to an existing file, for background reads in one thread."""
    from sqlite_utils import Database

    return Store(Database(connect.connect(Path(path), read_only=True), execute_plugins=False), str(path))


def memory_store() -> Store:
    """A throwaway in-memory store (tests, previews): same schema, nothing on disk."""
    return Store(connect.prepare(sqlite3.connect(":memory:"), ":memory:"), ":memory:")


def _now() -> str:
    return datetime.now(UTC).isoformat()


class Store(StoreHandle):
    """One open results database. Use it from one thread (SQLite connections are per thread)."""

    def __init__(self, db: Database, path: str) -> None:
        super().__init__(db, path)
        self._recorders: list[Recorder] = []

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- trainees --------------------------------------------------------------------------
    @guarded
    def add_trainee(self, name: str, employee_id: str | None = None) -> Trainee:
        """The trainee with this name (any letter case), created if new.

        Raises ``NameTaken`` when that name belongs to someone with another employee ID: handing
        over their profile would mix two people's results.
        """
        name = " ".join(name.split())
        employee_id = (employee_id or "").strip() or None
        if not name:
            raise ValueError("a trainee needs a name")
        with self.write():
            found = self.find_trainee(name)
            if found is not None:
                if not same_person(found.employee_id, employee_id):
                    raise NameTaken(found.name, str(found.employee_id))
                if employee_id and not found.employee_id:
                    self.db.execute("UPDATE trainees SET employee_id = ? WHERE id = ?", [employee_id, found.id])
                    return found._replace(employee_id=employee_id)
                return found
            import uuid  # only when a trainee is added: uuid imports platform, ~2 ms of every start

            trainee = Trainee(str(uuid.uuid4()), name, employee_id or None, _now())
            self.db.execute("INSERT INTO trainees (id, name, employee_id, created) VALUES (?, ?, ?, ?)",
                            [trainee.id, name, trainee.employee_id, trainee.created])  # fmt: skip
        return trainee

    @guarded
    def find_trainee(self, name: str) -> Trainee | None:
        rows = self.db.query("SELECT * FROM trainees WHERE name = ? COLLATE NOCASE", [" ".join(name.split())])
        return next((Trainee(**row) for row in rows), None)

    @guarded
    def trainee(self, trainee_id: str) -> Trainee | None:
        return next((Trainee(**row) for row in self.db.query("SELECT * FROM trainees WHERE id = ?", [trainee_id])), None)

    @guarded
    def set_extra_time(self, trainee_id: str, setting: str) -> None:
        """A supervisor's extra-time setting for one trainee (``engine.countdown.EXTRA_TIME``); new sessions use it."""
        from simulator.engine.countdown import EXTRA_TIME

        if setting not in EXTRA_TIME:
            raise ValueError(f"extra time must be one of {', '.join(EXTRA_TIME)}, not {setting!r}")
        with self.write():
            self.db.execute("UPDATE trainees SET extra_time = ? WHERE id = ?", [setting, trainee_id])

    @guarded
    def trainees(self) -> list[Trainee]:
        return [Trainee(**row) for row in self.db.query("SELECT * FROM trainees ORDER BY name COLLATE NOCASE")]

    # -- recording and resuming ------------------------------------------------------------
    @guarded
    def attach(
        self, session: Session, trainee: str | Trainee, *, on_error: ErrorHandler | None = None, rows: RowsFor | None = None
    ) -> None:
        """Record this session from now on; each decision is committed as it is made.

        ``rows`` adds rows to each event's own transaction (the app passes ``xapi.queue.StatementRows``,
        so a decision and its xAPI statement are saved together). ``on_error`` receives a ``StoreError``
        (disk full, file locked) instead of it being raised into the engine; the failed steps stay
        queued and are written by the next event or ``flush``.
        """
        if any(r.session is session for r in self._recorders):
            return  # already recording it: a second recorder would write every decision twice
        person = trainee if isinstance(trainee, Trainee) else self.add_trainee(trainee)
        from simulator.store.recorder import Recorder  # with the engine events: not needed to show the library

        self._record(Recorder(self, session, person.id, on_error, rows(self, session, person.id) if rows else None))

    def flush(self) -> None:
        """Retry any writes that failed earlier (raises ``StoreError`` if they still fail)."""
        for recorder in self._recorders:
            recorder.on_error, handler = None, recorder.on_error
            try:
                recorder.flush()
            finally:
                recorder.on_error = handler

    @guarded
    def unfinished(self, trainee_id: str | None = None) -> list[SessionInfo]:
        """Sessions interrupted before an ending (not abandoned), newest first, to offer for resume."""
        return queries.unfinished(self.db, trainee_id)

    @guarded
    def abandon(self, session_id: str) -> None:
        """The trainee declined to resume: stop offering this session (its rows stay)."""
        with self.write():
            self.db.execute("UPDATE sessions SET abandoned = ? WHERE id = ? AND finished IS NULL", [_now(), session_id])

    @guarded
    def resume(
        self, session_id: str, current_path: str | None = None, clock: Clock | None = None, rows: RowsFor | None = None
    ) -> Resumed:
        """Rebuild an interrupted session from its stored decisions and keep recording it (``rows``: see ``attach``)."""
        from simulator.store.recorder import Recorder
        from simulator.store.resume import rebuild

        resumed, trainee_id = rebuild(self, session_id, current_path, clock)
        for stale in [r for r in self._recorders if r.session.id == session_id]:
            stale.flush()  # an older copy of this session stops recording; the new one takes over
            stale.detach()
            self._recorders.remove(stale)
        self._record(Recorder(self, resumed.session, trainee_id, rows=rows(self, resumed.session, trainee_id) if rows else None))
        return resumed

    def _record(self, recorder: Recorder) -> None:
        recorder.start()
        self._recorders.append(recorder)

    # -- reading results -------------------------------------------------------------------
    @guarded
    def sessions(
        self, trainee_id: str | None = None, scenario_id: str | None = None, skipped: list[Skipped] | None = None
    ) -> list[SessionSummary]:
        """Sessions oldest first; rows that can't be read are left out and named in ``skipped``."""
        return queries.sessions(self.db, trainee_id, scenario_id, skipped)

    def trainee_history(self, trainee_id: str, skipped: list[Skipped] | None = None) -> list[SessionSummary]:
        """All of a trainee's sessions, oldest first, with per-dimension scores."""
        return self.sessions(trainee_id=trainee_id, skipped=skipped)

    @guarded
    def best_scores(self, trainee_id: str) -> dict[str, float]:
        return queries.best_scores(self.db, trainee_id)

    @guarded
    def recent_scores(self, trainee_id: str, mode: str = "assessment", limit: int = 5) -> list[dict[str, float | None]]:
        """What the trainee's latest sessions in ``mode`` scored per dimension: where they are now."""
        return queries.recent_scores(self.db, trainee_id, mode, limit)

    @guarded
    def cohort_summary(
        self, scenario_id: str | None = None, since: str | None = None, until: str | None = None
    ) -> list[CohortLine]:
        """Every trainee's line of the supervisor's cohort table, details filled (``until`` is inclusive)."""
        from simulator.store import supervision  # the supervisor's module: not loaded at app start

        return supervision.cohort(self, supervision.Filters(None, scenario_id, since, until))

    @guarded
    def scenario_stats(self, scenario_id: str) -> ScenarioStats:
        """Completion, outcome mix, and the nodes where trainees lose the most points."""
        return queries.scenario_stats(self.db, scenario_id)

    @guarded
    def session_decisions(self, session_id: str, *, include_undone: bool = False) -> list[dict[str, Any]]:
        return queries.session_decisions(self.db, session_id, include_undone)

    @guarded
    def session_scenario(self, session_id: str) -> Scenario:
        """The scenario exactly as this session played it (from the stored version)."""
        from simulator.store.versions import stored_scenario

        row = self.db.execute("SELECT content_hash FROM sessions WHERE id = ?", [session_id]).fetchone()
        scenario = stored_scenario(self.db, row[0]) if row else None
        if scenario is None:
            raise StoreError(self.path, "unknown-session", session_id)
        return scenario

    # -- settings --------------------------------------------------------------------------
    @guarded
    def get_setting(self, key: str, default: Any = None) -> Any:
        row = self.db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
        return default if row is None else json.loads(row[0])

    @guarded
    def set_setting(self, key: str, value: Any) -> None:
        """Store any JSON-serialisable value."""
        with self.write():
            self.db.execute("INSERT OR REPLACE INTO settings VALUES (?, ?, ?)", [key, json.dumps(value), _now()])

    @guarded
    def update_setting(self, key: str, change: Callable[[Any], Any]) -> Any:
        """Read, change and write one setting in a single write transaction, so two programs changing
        it at once (two wrong passphrases typed on two windows) can't both start from the same value.
        ``change(value or None)`` returns the new value; it is stored and returned."""
        with self.write():
            row = self.db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
            value = change(None if row is None else json.loads(row[0]))
            self.db.execute("INSERT OR REPLACE INTO settings VALUES (?, ?, ?)", [key, json.dumps(value), _now()])
        return value

    # -- files -----------------------------------------------------------------------------
    @guarded
    def backup(self, dest_path: str | Path) -> Path:
        from simulator.store.merge import backup

        return backup(self, Path(dest_path))

    @guarded
    def merge(self, other_path: str | Path, progress: Progress | None = None) -> MergeResult:
        from simulator.store.merge import merge

        return merge(self, Path(other_path), progress)

    def close(self) -> None:
        """Write anything still queued, detach from sessions, close the file."""
        try:
            self.flush()
        finally:
            for recorder in self._recorders:
                recorder.detach()
            self._recorders.clear()
            self.db.close()
