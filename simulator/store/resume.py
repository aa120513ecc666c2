"""Rebuild an interrupted session: same id, same start, same decisions, same scenario version.

The scenario file on disk is used only if it still holds the exact version the session began on
(same content hash); otherwise the stored copy is, and the trainee is told why, because replaying
old answers against an edited scenario could land somewhere the trainee never was.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from simulator.engine.session import PlayError, Session
from simulator.store.errors import StoreError
from simulator.store.models import Resumed, StoredDecision, factor_of
from simulator.store.versions import current_file, stored_scenario

if TYPE_CHECKING:
    from simulator.engine.clock import Clock
    from simulator.store.handle import StoreHandle

NOTES = {
    "changed": "{file} has changed since this session started. You are continuing on the version you started "
    "with; start a new session to play the new one.",
    "missing": "{file} is no longer there. You are continuing on the copy saved with your session.",
    "unreadable": "{file} can't be read right now. You are continuing on the copy saved with your session.",
}


def rebuild(store: StoreHandle, session_id: str, current_path: str | None, clock: Clock | None) -> tuple[Resumed, str]:
    """The session replayed to its last decision, a note if the file moved on, and its trainee."""
    row = store.db.execute(
        "SELECT trainee_id, content_hash, scenario_path, start_node, mode, finished, shuffle_seed, time_factor, time_left, "
        "time_left_seq FROM sessions WHERE id = ?",
        [session_id],
    ).fetchone()
    if row is None:
        raise StoreError(store.path, "unknown-session", session_id)
    trainee_id, content_hash, stored_path, start, mode, finished, seed, factor, left, left_seq = row
    if finished:
        raise StoreError(store.path, "finished", session_id)
    path = current_path or stored_path
    scenario, state = current_file(path, content_hash)
    note = None
    if scenario is None:
        scenario = stored_scenario(store.db, content_hash, path)
        if scenario is None:
            raise StoreError(store.path, "other", f"the scenario version of session {session_id} is missing")
        note = NOTES[state].format(file=f"The scenario file {path}" if path else "The scenario file")
    session = Session(scenario, start=start, mode=mode, clock=clock, session_id=session_id, time_factor=factor_of(factor),
                      shuffle_seed=seed)  # fmt: skip
    try:
        session.replay(stored_decisions(store, session_id))
    except PlayError as exc:
        session.close()
        raise StoreError(store.path, "other", f"session {session_id} cannot be replayed ({exc})") from None
    session.step_backs = store.db.execute(
        "SELECT count(*) FROM decisions WHERE session_id = ? AND undone IS NOT NULL", [session_id]
    ).fetchone()[0]
    if left is not None and left_seq == len(session.decisions):  # kept at the node the trainee is back at
        session.continue_clock(left)
    return Resumed(session, note), trainee_id



def stored_decisions(store: StoreHandle, session_id: str) -> list[StoredDecision]:
    rows = store.db.execute(
        "SELECT node, choice_index, response_ms, at, typed FROM decisions WHERE session_id = ? AND undone IS NULL ORDER BY seq",
        [session_id],
    ).fetchall()
    return [StoredDecision(node, index, ms or 0, at, typed or "") for node, index, ms, at, typed in rows]
