"""Helpers for the xAPI tests: seeded random playthroughs of the bundled scenarios, with or without a store."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

from simulator.engine import FakeClock, Session
from simulator.scenario import Scenario, load_scenario
from simulator.scenario.model import Node
from simulator.store import Store
from simulator.xapi.queue import StatementRows
from simulator.xapi.statements import ActorSettings, SessionStatements, actor

ROOT = Path(__file__).resolve().parents[2]
MAX_STEPS = 40


def bundled() -> list[Scenario]:
    found = []
    for path in sorted((ROOT / "scenarios").glob("*.yaml")):
        loaded = load_scenario(path)
        assert loaded.scenario is not None, [str(p) for p in loaded.problems]
        found.append(loaded.scenario)
    return found


def walk(session: Session, rng: random.Random, *, undo: float = 0.0, timeouts: float = 0.2) -> None:
    """Play to an ending (or MAX_STEPS): random choices, sometimes the timer, sometimes a step back."""
    clock = session.clock
    for _ in range(MAX_STEPS):
        if session.finished:
            return
        clock.advance(rng.uniform(0.5, 40))  # type: ignore[attr-defined]
        place = session.place
        if session.mode == "practice" and session.decisions and rng.random() < undo:
            session.undo()
        elif isinstance(place, Node) and place.timeout is not None and rng.random() < timeouts:
            session.timeout()
        else:
            session.choose(rng.randint(1, len(session.available_choices())))


def session_statements(
    scenario: Scenario, seed: int, *, mode: str = "practice", undo: float = 0.15, settings: ActorSettings | None = None
) -> list[dict[str, Any]]:
    """One random session's statements, built from its events without any store."""
    rng = random.Random(seed)
    clock = FakeClock()
    session = Session(scenario, clock=clock, mode=mode)
    agent = actor(f"trainee-{seed % 7}", f"Trainee {seed % 7}", None, settings or ActorSettings())
    builder = SessionStatements(scenario, session.id, mode, agent, now=clock.now)
    out: list[dict[str, Any]] = []
    session.listeners.append(lambda event: out.extend(builder.for_event(event)))
    session.begin()
    walk(session, rng, undo=undo if mode == "practice" else 0.0)
    session.close()
    return out


def record(
    store: Store, scenario: Scenario, seed: int, *, trainee: str = "Ana Lima", undo: float = 0.0, finish: bool = True
) -> Session:
    """A random session recorded through the store (so its statements land in the outbox)."""
    rng = random.Random(seed)
    session = Session(scenario, clock=FakeClock(), mode="practice")
    store.attach(session, trainee=trainee, rows=StatementRows)
    session.begin()
    walk(session, rng, undo=undo)
    if finish:
        finish_session(session, rng)
    return session


def finish_session(session: Session, rng: random.Random) -> None:
    while not session.finished:
        session.clock.advance(1)  # type: ignore[attr-defined]
        session.choose(rng.randint(1, len(session.available_choices())))


def outbox_ids(store: Store, session_id: str | None = None, where: str = "1") -> list[str]:
    sql = f"SELECT id FROM xapi_outbox WHERE {where}" + (" AND session_id = ?" if session_id else "") + " ORDER BY n"  # noqa: S608
    return [row[0] for row in store.db.execute(sql, [session_id] if session_id else [])]
