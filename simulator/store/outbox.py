"""The outbox table: statements for the Learning Record Store, saved with the events they describe.

The store writes the rows it is handed (``Store.attach``'s ``rows``) in each event's own
transaction and knows nothing of xAPI; ``simulator.xapi`` builds them. Sync reads ``pending``
in order and marks rows sent only after the LRS confirmed their ids. Merge does not copy this
table: each PC sends its own sessions.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from simulator.store.handle import StoreHandle

INSERT = (
    "INSERT OR IGNORE INTO xapi_outbox (id, session_id, verb, statement, created, held, problem) VALUES (?, ?, ?, ?, ?, ?, ?)"
)


def _now() -> str:
    return datetime.now(UTC).isoformat()


@dataclass(frozen=True)
class OutboxRow:
    n: int
    id: str
    session_id: str
    statement: str  # JSON text, sent as is


class Outbox:
    """What sync and export read and write; one short transaction per call."""

    def __init__(self, store: StoreHandle) -> None:
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

    def session_state(self, session_id: str) -> tuple[str | None, dict[int, int]]:
        """When a session started and how often each step was undone: what its live statements need."""
        started = self.db.execute("SELECT started FROM sessions WHERE id = ?", [session_id]).fetchone()
        undone = self.db.execute(
            "SELECT seq, count(*) FROM decisions WHERE session_id = ? AND undone IS NOT NULL GROUP BY seq", [session_id]
        ).fetchall()
        return (started[0] if started else None), dict(undone)

    def from_library(self, session_id: str) -> bool:
        """Whether the session was played on a version the library offers (``store.library``)."""
        row = self.db.execute("SELECT library FROM sessions WHERE id = ?", [session_id]).fetchone()
        return bool(row and row[0])

    def session_ids(
        self, *, trainee: str | None = None, scenario: str | None = None, since: str | None = None, until: str | None = None,
        mode: str | None = None,
    ) -> list[str]:
        """Sessions matching the export filters, oldest first (``until`` is inclusive)."""
        sql = (
            "SELECT s.id FROM sessions s JOIN trainees t ON t.id = s.trainee_id "
            "WHERE (:trainee IS NULL OR t.name = :trainee COLLATE NOCASE OR t.id = :trainee) "
            "AND (:scenario IS NULL OR s.scenario_id = :scenario) AND (:since IS NULL OR s.started >= :since) "
            "AND (:until IS NULL OR s.started <= :until || '~') AND (:mode IS NULL OR s.mode = :mode) ORDER BY s.started, s.id"
        )
        params = {"trainee": trainee, "scenario": scenario, "since": since, "until": until, "mode": mode}
        return [session_id for (session_id,) in self.db.execute(sql, params).fetchall()]

    def statements(self, session_id: str) -> list[tuple[str, str | None]]:
        """(statement JSON, held) of one session's rows, in the order they were made."""
        sql = "SELECT statement, held FROM xapi_outbox WHERE session_id = ? ORDER BY n"
        return [(text, held) for text, held in self.db.execute(sql, [session_id]).fetchall()]

    def unqueued_sessions(self) -> list[str]:
        """Sessions with no statements (recorded before the outbox, or merged in) or with unbuilt ones."""
        sql = (
            "SELECT id FROM sessions s WHERE NOT EXISTS (SELECT 1 FROM xapi_outbox o WHERE o.session_id = s.id) "
            "OR EXISTS (SELECT 1 FROM xapi_outbox o WHERE o.session_id = s.id AND o.held = 'unbuilt') ORDER BY started, id"
        )
        return [session_id for (session_id,) in self.db.execute(sql).fetchall()]

    def requeue(self, session_id: str, rows: Sequence[tuple[str, Sequence[Any]]]) -> int:
        """Replace a session's unbuilt rows with these inserts, in one transaction; returns how many were new."""
        with self.store.write():
            self.db.execute("DELETE FROM xapi_outbox WHERE session_id = ? AND held = 'unbuilt'", [session_id])
            return sum(self.db.conn.execute(*row).rowcount for row in rows)
