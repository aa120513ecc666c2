"""A session's xAPI statements rebuilt from its stored rows, identical to those made live.

Used to queue sessions that have no outbox rows (recorded before the outbox existed, or merged
from another PC). Rows are replayed in the order they were written, so a decision taken again
after a step back gets the same id as it did live, and the step back becomes its ``voided``.
"""

# ruff: noqa: S608 - SQL is assembled from our own column names and the store's rules; values are always bound

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from simulator.engine.events import Decision
from simulator.store.merge_rules import parsed, problem_sql
from simulator.store.versions import stored_scenario
from simulator.xapi.agents import agent_for
from simulator.xapi.statements import Outcome, SessionStatements

if TYPE_CHECKING:
    from simulator.scenario import Scenario
    from simulator.store import Store

DECISIONS = (
    "seq, node, choice_index, number, text, target, forced, points, mood_before, mood_after, at, response_ms, "
    "tags, undone, typed FROM decisions WHERE session_id = ? ORDER BY rowid"
)
CHECKED = {"started", "finished", "mode", "overall", "passed"}  # the session columns a statement is built from
CHOICE_CHECKED = {"seq", "node", "choice_index", "text", "points", "at", "tags", "typed"}


def session_statements(store: Store, session_id: str, scenarios: dict[str, Scenario] | None = None) -> list[dict[str, Any]]:
    db = store.db
    row = db.execute(
        f"SELECT {problem_sql(db.conn, 'sessions', CHECKED)}, trainee_id, content_hash, mode, started, finished, ending_id, "
        "outcome, overall, passed, mood, library FROM sessions WHERE id = ?",
        [session_id],
    ).fetchone()
    if row is None:
        raise ValueError(f"no session {session_id}")
    problem, trainee_id, content_hash, mode, started, finished, ending_id, outcome, overall, passed, mood, library = row
    if problem:
        raise ValueError(problem)
    cache = {} if scenarios is None else scenarios
    if content_hash not in cache:
        scenario = stored_scenario(db, content_hash)
        if scenario is None:
            raise ValueError(f"the scenario version {content_hash[:12]} is not stored")
        cache[content_hash] = scenario
    builder = SessionStatements(cache[content_hash], session_id, mode, agent_for(store, trainee_id), started=started,
                                library=bool(library))  # fmt: skip
    out = [builder.initialized(started)]
    choices = f"SELECT {problem_sql(db.conn, 'decisions', CHOICE_CHECKED)}, {DECISIONS}"
    for why, seq, node, index, number, text, target, forced, points_text, before, after, at, ms, tags_text, undone, typed in (
        db.execute(choices, [session_id]).fetchall()
    ):
        try:
            if why:
                raise ValueError(why)
            points, tags = parsed("decisions", "points", points_text), parsed("decisions", "tags", tags_text)
        except ValueError as exc:
            raise ValueError(f"choice {seq}: {exc}") from None
        decision = Decision(session_id, seq, node, index, number or 0, text or "", target or "", bool(forced), points,
                            before or 0, after or 0, at, ms or 0, "", tuple(tags), typed or "")  # fmt: skip
        out.append(builder.answered(decision))
        if undone:
            out.append(builder.voided(seq, undone))
    if finished:
        scaled = dict(
            db.execute(
                "SELECT dimension, scaled FROM session_scores WHERE session_id = ? ORDER BY rowid", [session_id]
            ).fetchall()
        )
        result = Outcome(ending_id or "", outcome or "", overall, bool(passed), mood or 0, scaled)
        out += builder.finished(result, finished)
    return out
