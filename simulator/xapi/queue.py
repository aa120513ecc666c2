"""The xAPI side of the outbox: the statements each recorded event queues, and rebuilt ones.

``Store.attach(..., rows=StatementRows)`` hands every event of a session to a ``StatementRows``,
whose rows the store writes in that event's own transaction: a decision and its ``answered``
statement are committed together or not at all. Every statement is checked against the xAPI
rules first; one that fails (or can't be built, e.g. ``xapi.actor`` is ``mbox`` without a
domain) is kept *held* with the reason, so ``simulator sync`` reports it instead of it vanishing.

Statement ids are deterministic, so rebuilding a session's statements from its stored rows
(``queue_history``: sessions recorded before the outbox existed, or merged from another PC)
adds only what is missing.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from simulator.store.oddrows import Skipped
from simulator.store.outbox import INSERT, Outbox
from simulator.xapi.agents import agent_for
from simulator.xapi.history import session_statements
from simulator.xapi.rules import problems
from simulator.xapi.statements import SessionStatements

if TYPE_CHECKING:
    from simulator.engine.session import Session
    from simulator.scenario import Scenario
    from simulator.store import Store
    from simulator.store.recorder import Statement


def _now() -> str:
    return datetime.now(UTC).isoformat()


def rows_for(session_id: str, statements: Sequence[dict[str, Any]]) -> list[Statement]:
    """Outbox inserts for built statements; an invalid one is kept held with its problems."""
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


class StatementRows:
    """The outbox rows of each event of one recorded session (``Store.attach``'s ``rows``)."""

    def __init__(self, store: Store, session: Session, trainee_id: str) -> None:
        self.store, self.session, self.trainee_id = store, session, trainee_id
        self._builder: SessionStatements | None = None  # made at the first event: the session row exists by then

    def __call__(self, event: object) -> list[Statement]:
        try:
            if self._builder is None:
                self._builder = self._live_builder()
            return rows_for(self.session.id, self._builder.for_event(event))
        except Exception as exc:  # a statement problem must never cost the trainee's decision
            return _unbuilt(self.session.id, event, exc)

    def _live_builder(self) -> SessionStatements:
        session, outbox = self.session, Outbox(self.store)
        started, undone = outbox.session_state(session.id)
        agent = agent_for(self.store, self.trainee_id)
        return SessionStatements(session.scenario, session.id, session.mode, agent, started=started, undone=undone,
                                 now=session.clock.now, library=outbox.from_library(session.id))  # fmt: skip


def export(
    store: Store, *, trainee: str | None = None, scenario: str | None = None, since: str | None = None, until: str | None = None,
    mode: str | None = None, skipped: list[Skipped] | None = None,
) -> Iterator[str]:
    """JSON text of every statement of the matching sessions, sent or not, session by session.

    A session with no outbox rows (recorded before the outbox, or merged from another PC) is
    rebuilt from its stored rows, with the same ids it has (or would have) in the LRS; one whose
    rows can't be read is left out and added to ``skipped``.
    """
    outbox = Outbox(store)
    scenarios: dict[str, Scenario] = {}
    for session_id in outbox.session_ids(trainee=trainee, scenario=scenario, since=since, until=until, mode=mode):
        rows = outbox.statements(session_id)
        if rows and all(held != "unbuilt" for _, held in rows):
            yield from (text for text, held in rows if held != "invalid")
        else:
            try:
                texts = [json.dumps(s, ensure_ascii=False, separators=(",", ":"))
                         for s in session_statements(store, session_id, scenarios)]  # fmt: skip
            except Exception as exc:
                if skipped is not None:
                    skipped.append(Skipped(session_id, str(exc) or type(exc).__name__))
                continue
            yield from texts


def queue_history(store: Store) -> tuple[int, list[str]]:
    """Queue statements for sessions that have none (recorded before the outbox, or merged in)
    or that have unbuilt ones. Returns how many were added and why any session could not be."""
    outbox = Outbox(store)
    added, failed = 0, []
    scenarios: dict[str, Scenario] = {}
    for session_id in outbox.unqueued_sessions():
        try:
            rows = rows_for(session_id, session_statements(store, session_id, scenarios))
        except Exception as exc:  # one broken session must not stop the others
            failed.append(f"session {session_id}: {exc}")
            continue
        added += outbox.requeue(session_id, rows)
    return added, failed
