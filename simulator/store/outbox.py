"""The xAPI outbox: statements for the Learning Record Store, saved with the events they describe.

The recorder adds ``event_rows`` to each event's own write, so a decision and its ``answered``
statement are committed together or not at all: nothing can be recorded here and forgotten for
the LRS. Every statement is checked against the xAPI rules first; one that fails (or can't be
built, e.g. ``xapi.actor`` is ``mbox`` without a domain) is kept *held* with the reason, so
``simulator sync`` reports it instead of it vanishing. Sync reads ``pending`` in order and marks
rows sent only after the LRS confirmed their ids.

Statement ids are deterministic, so rebuilding a session's statements from its stored rows
(``queue_history``: sessions recorded before this table existed, or merged from another PC)
adds only what is missing. Merge does not copy this table: each PC sends its own sessions.
"""

from __future__ import annotations

import json
import uuid
import weakref
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlite_utils import Database

    from simulator.reports.xapi import ActorSettings, SessionStatements
    from simulator.store.recorder import Recorder, Statement
    from simulator.store.store import Store

INSERT = (
    "INSERT OR IGNORE INTO xapi_outbox (id, session_id, verb, statement, created, held, problem) VALUES (?, ?, ?, ?, ?, ?, ?)"
)
_builders: weakref.WeakKeyDictionary[Recorder, SessionStatements] = weakref.WeakKeyDictionary()


def create_table(db: Database) -> None:
    """Migration body (``schema.m004_xapi_outbox``). ``n`` keeps the order statements were made in."""
    db.execute(
        "CREATE TABLE xapi_outbox (n INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, session_id TEXT NOT NULL, "
        "verb TEXT NOT NULL, statement TEXT NOT NULL, created TEXT NOT NULL, sent TEXT, "
        "held TEXT, problem TEXT)"  # held: 'invalid' | 'unbuilt' | 'rejected'; problem: why (or the LRS's answer)
    )
    db.execute("CREATE INDEX idx_xapi_outbox_pending ON xapi_outbox (n) WHERE sent IS NULL")
    db.execute("CREATE INDEX idx_xapi_outbox_session ON xapi_outbox (session_id)")


def _now() -> str:
    return datetime.now(UTC).isoformat()


def actor_settings(db: Database) -> ActorSettings:
    from simulator.reports.xapi import DEFAULT_HOME_PAGE, ActorSettings

    values = dict(db.execute("SELECT key, value FROM settings WHERE key LIKE 'xapi.%'").fetchall())

    def get(key: str, default: str) -> str:
        return str(json.loads(values[key])) if key in values else default

    return ActorSettings(get("xapi.actor", "account"), get("xapi.home_page", DEFAULT_HOME_PAGE), get("xapi.mbox_domain", ""))


def agent_for(db: Database, trainee_id: str) -> dict[str, Any]:
    from simulator.reports.xapi import actor

    row = db.execute("SELECT name, employee_id FROM trainees WHERE id = ?", [trainee_id]).fetchone()
    name, employee_id = row if row else (trainee_id, None)
    return actor(trainee_id, name, employee_id, actor_settings(db))


def rows_for(session_id: str, statements: Sequence[dict[str, Any]]) -> list[Statement]:
    """Outbox inserts for built statements; an invalid one is kept held with its problems."""
    from simulator.reports.xapi_rules import problems

    rows = []
    for statement in statements:
        found = problems(statement)
        verb = statement.get("verb", {}).get("id", "").rsplit("/", 1)[-1]
        text = json.dumps(statement, ensure_ascii=False, separators=(",", ":"))
        held, problem = ("invalid", "; ".join(found)) if found else (None, None)
        rows.append((INSERT, (statement["id"], session_id, verb, text, _now(), held, problem)))
    return rows


def _unbuilt(session_id: str, event: object, exc: Exception) -> list[Statement]:
    step = f"unbuilt/{type(event).__name__}/{getattr(event, 'seq', 0)}/{uuid.uuid4()}"
    detail = f"could not build the statement for {type(event).__name__}: {exc}"
    return [(INSERT, (str(uuid.uuid5(uuid.NAMESPACE_URL, step)), session_id, "", "{}", _now(), "unbuilt", detail))]


def event_rows(recorder: Recorder, event: object) -> list[Statement]:
    """Called by the recorder for each event it writes: the outbox rows for the same transaction."""
    session = recorder.session
    try:
        builder = _builders.get(recorder)
        if builder is None:
            builder = _builders[recorder] = _live_builder(recorder)
        return rows_for(session.id, builder.for_event(event))
    except Exception as exc:  # a statement problem must never cost the trainee's decision
        return _unbuilt(session.id, event, exc)


def _live_builder(recorder: Recorder) -> SessionStatements:
    from simulator.reports.xapi import SessionStatements

    db, session = recorder.store.db, recorder.session
    started = db.execute("SELECT started FROM sessions WHERE id = ?", [session.id]).fetchone()
    undone = db.execute(
        "SELECT seq, count(*) FROM decisions WHERE session_id = ? AND undone IS NOT NULL GROUP BY seq", [session.id]
    ).fetchall()
    return SessionStatements(
        session.scenario,
        session.id,
        session.mode,
        agent_for(db, recorder.trainee_id),
        started=started[0] if started else None,
        undone=dict(undone),
        now=session.clock.now,
    )


@dataclass(frozen=True)
class OutboxRow:
    n: int
    id: str
    session_id: str
    statement: str  # JSON text, sent as is


class Outbox:
    """What sync and export read and write; one short transaction per call."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.db = store.db

    def pending(self, limit: int, after: int = 0) -> list[OutboxRow]:
        sql = (
            "SELECT n, id, session_id, statement FROM xapi_outbox WHERE sent IS NULL AND held IS NULL AND n > ? "
            "ORDER BY n LIMIT ?"
        )
        return [OutboxRow(*row) for row in self.db.execute(sql, [after, limit]).fetchall()]

    def mark_sent(self, ids: Sequence[str], at: str | None = None) -> None:
        with self.store.write():
            self.db.conn.executemany(
                "UPDATE xapi_outbox SET sent = ?, problem = NULL WHERE id = ? AND sent IS NULL", [(at or _now(), i) for i in ids]
            )

    def hold(self, statement_id: str, problem: str) -> None:
        """The LRS refused this statement: keep it out of later syncs until ``release``d."""
        with self.store.write():
            self.db.execute("UPDATE xapi_outbox SET held = 'rejected', problem = ? WHERE id = ?", [problem, statement_id])

    def release(self, ids: Sequence[str] | None = None) -> int:
        """Let rejected statements be tried again (all of them, or these)."""
        with self.store.write():
            if ids is None:
                return self.db.execute("UPDATE xapi_outbox SET held = NULL WHERE held = 'rejected'").rowcount
            sql = "UPDATE xapi_outbox SET held = NULL WHERE held = 'rejected' AND id = ?"
            return sum(self.db.execute(sql, [i]).rowcount for i in ids)

    def counts(self) -> dict[str, int]:
        sql = (
            "SELECT count(*) FILTER (WHERE sent IS NULL AND held IS NULL), count(*) FILTER (WHERE sent IS NOT NULL), "
            "count(*) FILTER (WHERE held IS NOT NULL) FROM xapi_outbox"
        )
        pending, sent, held = self.db.execute(sql).fetchone()
        return {"pending": pending, "sent": sent, "held": held}

    def held(self) -> list[tuple[str, str, str, str]]:
        """(id, kind, problem, statement JSON) of every held statement, oldest first."""
        sql = "SELECT id, held, problem, statement FROM xapi_outbox WHERE held IS NOT NULL ORDER BY n"
        return [tuple(row) for row in self.db.execute(sql).fetchall()]

    def export(
        self, *, trainee: str | None = None, scenario: str | None = None, since: str | None = None, until: str | None = None,
        mode: str | None = None,
    ) -> Iterator[str]:
        """JSON text of every statement of the matching sessions, sent or not, session by session.

        A session with no outbox rows (recorded before the outbox, or merged from another PC) is
        rebuilt from its stored rows, with the same ids it has (or would have) in the LRS.
        """
        from simulator.store.history import session_statements

        sql = (
            "SELECT s.id FROM sessions s JOIN trainees t ON t.id = s.trainee_id "
            "WHERE (:trainee IS NULL OR t.name = :trainee COLLATE NOCASE OR t.id = :trainee) "
            "AND (:scenario IS NULL OR s.scenario_id = :scenario) AND (:since IS NULL OR s.started >= :since) "
            "AND (:until IS NULL OR s.started <= :until || '~') AND (:mode IS NULL OR s.mode = :mode) ORDER BY s.started, s.id"
        )
        params = {"trainee": trainee, "scenario": scenario, "since": since, "until": until, "mode": mode}
        scenarios: dict[str, Any] = {}
        rows_sql = "SELECT statement, held FROM xapi_outbox WHERE session_id = ? ORDER BY n"
        for (session_id,) in self.db.execute(sql, params).fetchall():
            rows = self.db.execute(rows_sql, [session_id]).fetchall()
            if rows and all(held != "unbuilt" for _, held in rows):
                yield from (text for text, held in rows if held != "invalid")
            else:
                for statement in session_statements(self.db, session_id, scenarios):
                    yield json.dumps(statement, ensure_ascii=False, separators=(",", ":"))

    def queue_history(self) -> tuple[int, list[str]]:
        """Queue statements for sessions that have none (recorded before the outbox, or merged in)
        or that have unbuilt ones. Returns how many were added and why any session could not be."""
        from simulator.store.history import session_statements

        sql = (
            "SELECT id FROM sessions s WHERE NOT EXISTS (SELECT 1 FROM xapi_outbox o WHERE o.session_id = s.id) "
            "OR EXISTS (SELECT 1 FROM xapi_outbox o WHERE o.session_id = s.id AND o.held = 'unbuilt') ORDER BY started, id"
        )
        added, failed = 0, []
        scenarios: dict[str, Any] = {}
        for (session_id,) in self.db.execute(sql).fetchall():
            try:
                rows = rows_for(session_id, session_statements(self.db, session_id, scenarios))
            except Exception as exc:  # one broken session must not stop the others
                failed.append(f"session {session_id}: {exc}")
                continue
            with self.store.write():
                self.db.execute("DELETE FROM xapi_outbox WHERE session_id = ? AND held = 'unbuilt'", [session_id])
                added += sum(self.db.conn.execute(*row).rowcount for row in rows)
        return added, failed
