"""Autosave: a session listener that commits every event durably the moment it happens.

Each event becomes a few statements run in their own ``BEGIN IMMEDIATE`` transaction (WAL,
``synchronous=FULL``), so a crash, a SIGKILL or a power cut loses at most the step being taken.
If a write fails (disk full, file locked) the statements stay queued, in order, and go out with
the next event or ``Store.flush()``: a failure never leaves a gap in a session's decisions.
"""

from __future__ import annotations

import json
import os
import time
import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from simulator.engine.events import Decision, DecisionUndone, SessionFinished, SessionStarted, TimeKept
from simulator.store.errors import StoreError
from simulator.store.library import in_library
from simulator.store.models import stored_factor
from simulator.store.versions import absolute, missed_points, save_version

if TYPE_CHECKING:
    from simulator.engine.session import Session
    from simulator.store.handle import StoreHandle

Statement = tuple[str, tuple[Any, ...]]
ErrorHandler = Callable[[StoreError], None]
EventRows = Callable[[object], list[Statement]]

INSERT_SESSION = (
    "INSERT OR IGNORE INTO sessions (id, trainee_id, scenario_id, scenario_title, scenario_version, content_hash, "
    "scenario_path, start_node, mode, started, updated, shuffle_seed, time_factor, library) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
INSERT_DECISION = (
    "INSERT INTO decisions (id, session_id, seq, node, choice_index, number, text, target, forced, points, "
    "mood_before, mood_after, at, response_ms, tags, missed, typed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
TOUCH = "UPDATE sessions SET updated = max(updated, ?) WHERE id = ?"
KEEP_TIME = "UPDATE sessions SET time_left = ?, time_left_seq = ? WHERE id = ? AND finished IS NULL"
FINISH = (
    "UPDATE sessions SET finished = ?, updated = max(updated, ?), ending_id = ?, outcome = ?, overall = ?, passed = ?, "
    "mood = ?, scores = ? WHERE id = ?"
)
SCORE = (
    "INSERT OR REPLACE INTO session_scores (session_id, dimension, trainee_id, scenario_id, started, label, weight, "
    "earned, best, scaled, mode, library) SELECT id, ?, trainee_id, scenario_id, started, ?, ?, ?, ?, ?, mode, library "
    "FROM sessions WHERE id = ?"
)


def time_ordered_id() -> str:
    """A UUID version 7 (RFC 9562): unique like uuid4, but ordered by creation time.

    Decisions are inserted in time order, so their primary-key index grows at the end instead of
    at random places; that keeps live commits and big merges fast (Python 3.11 has no uuid7).
    """
    millis = time.time_ns() // 1_000_000
    rand = int.from_bytes(os.urandom(10), "big")
    value = (millis & (2**48 - 1)) << 80 | 0x7 << 76 | (rand >> 68) << 64 | 0b10 << 62 | rand & (2**62 - 1)
    return str(uuid.UUID(int=value))


class Recorder:
    """Subscribed to one session's ``listeners``; owned by the store that attached it."""

    def __init__(
        self,
        store: StoreHandle,
        session: Session,
        trainee_id: str,
        on_error: ErrorHandler | None = None,
        rows: EventRows | None = None,
    ) -> None:
        self.store, self.session, self.trainee_id, self.on_error = store, session, trainee_id, on_error
        self.extra_rows: EventRows = rows or (lambda event: [])  # rows to write with each event (the xAPI outbox)
        self.pending: list[Statement] = []
        self.created = False  # True when attach made the sessions row (a new session, not a resume)

    def start(self) -> None:
        """Keep the scenario version and the session row before the first event can need them."""
        session, scenario = self.session, self.session.scenario
        now = session.clock.now().isoformat()
        with self.store.write():
            save_version(self.store.db, scenario, now)
            cursor = self.store.db.conn.execute(
                INSERT_SESSION,
                (session.id, self.trainee_id, scenario.id, scenario.title, scenario.version, scenario.content_hash,
                 absolute(scenario.path), session.start, session.mode, now, now, session.shuffle_seed,
                 stored_factor(session.time_factor), int(in_library(self.store.db, scenario.path))),
            )  # fmt: skip
            self.created = cursor.rowcount == 1
            known = {row[0] for row in self.store.db.conn.execute(
                "SELECT seq FROM decisions WHERE session_id = ? AND undone IS NULL", (session.id,))}  # fmt: skip
            for decision in session.decisions:  # attached late: keep what was already played
                if decision.seq not in known:
                    for statement in [self._decision(decision), *self.extra_rows(decision)]:
                        self._execute(statement)
        session.listeners.append(self)

    def __call__(self, event: object) -> None:
        statements = self._statements(event)
        if statements:
            statements += self.extra_rows(event)  # e.g. the xAPI statements, in the same transaction
            self.pending.extend(statements)
            self.flush()

    def flush(self) -> None:
        """Write what is queued in one transaction; on failure keep it queued and report."""
        if not self.pending:
            return
        try:
            with self.store.write():
                for statement in self.pending:
                    self._execute(statement)
        except StoreError as error:
            if self.on_error is None:
                raise
            self.on_error(error)
            return
        self.pending.clear()

    def detach(self) -> None:
        if self in self.session.listeners:
            self.session.listeners.remove(self)

    def _execute(self, statement: Statement) -> None:
        self.store.db.conn.execute(*statement)

    def _statements(self, event: object) -> list[Statement]:
        sid = self.session.id
        if isinstance(event, SessionStarted):
            if not self.created:
                return []  # a resumed session keeps its original start time
            return [("UPDATE sessions SET started = ?, updated = ? WHERE id = ?", (event.at, event.at, sid))]
        if isinstance(event, Decision):
            return [self._decision(event), (TOUCH, (event.at, sid))]
        if isinstance(event, DecisionUndone):
            now = self.session.clock.now().isoformat()
            undo = "UPDATE decisions SET undone = ? WHERE session_id = ? AND seq = ? AND undone IS NULL"
            return [(undo, (now, sid, event.seq)), (TOUCH, (now, sid))]
        if isinstance(event, TimeKept):
            return [(KEEP_TIME, (event.left, event.seq, sid))]
        return self._finished(event) if isinstance(event, SessionFinished) else []

    def _decision(self, d: Decision) -> Statement:
        missed = missed_points(self.session.scenario, d.node, d.choice_index)
        return (
            INSERT_DECISION,
            (time_ordered_id(), d.session_id, d.seq, d.node, d.choice_index, d.number, d.text, d.target, int(d.forced),
             json.dumps(d.points), d.mood_before, d.mood_after, d.at, d.response_ms, json.dumps(list(d.tags)), missed,
             d.typed or None),
        )  # fmt: skip

    def _finished(self, event: SessionFinished) -> list[Statement]:
        card = event.scorecard
        scores = {d.id: d.scaled for d in card.dimensions}
        finish = (
            FINISH,
            (event.at, event.at, card.ending_id, card.outcome, card.overall, int(card.passed), card.mood,
             json.dumps(scores), event.session_id),
        )  # fmt: skip
        rows = [(SCORE, (d.id, d.label, d.weight, d.earned, d.best, d.scaled, event.session_id)) for d in card.dimensions]
        return [finish, *rows]
