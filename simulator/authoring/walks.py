"""Seeded random playthroughs: find crashes, endless loops and stuck nodes before trainees do.

Each walk picks uniformly among the choices shown (so ``when`` conditions are respected) and,
where a node has a time limit, lets the timer run out with a fixed probability. Walks are
reproducible from (seed, walk number), like ink's SEED_RANDOM.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass, field

from simulator.engine import FakeClock, Session, scorecard
from simulator.scenario.model import Node, Scenario

TIMEOUT_RATE = 0.15


@dataclass
class WalkProblem:
    walk: int
    kind: str  # crash | too-long | stuck
    at: str
    message: str


@dataclass
class WalkReport:
    walks: int
    seed: int
    endings: Counter[str] = field(default_factory=Counter)
    scores: list[float] = field(default_factory=list)
    problems: list[WalkProblem] = field(default_factory=list)
    steps: int = 0

    def histogram(self, width: int = 10) -> list[int]:
        """Finished walks per overall-score band of ``width`` points (0-9, 10-19, ... 100)."""
        bins = [0] * (100 // width + 1)
        for score in self.scores:
            bins[min(int(score // width), len(bins) - 1)] += 1
        return bins


def random_walks(scenario: Scenario, walks: int, seed: int = 0, max_steps: int = 500) -> WalkReport:
    report = WalkReport(walks, seed)
    for number in range(walks):
        rng = random.Random(f"{seed}:{number}")  # noqa: S311 - reproducible walks, not secrets
        session = Session(scenario, clock=FakeClock())
        try:
            _walk(session, rng, max_steps, report, number)
        except Exception as exc:  # a crash is exactly what this tool exists to find
            report.problems.append(WalkProblem(number, "crash", session.state, f"{type(exc).__name__}: {exc}"))
        finally:
            report.steps += len(session.decisions)
            session.close()
    return report


def _walk(session: Session, rng: random.Random, max_steps: int, report: WalkReport, number: int) -> None:
    while not session.finished:
        if len(session.decisions) >= max_steps:
            report.problems.append(WalkProblem(number, "too-long", session.state, f"no ending after {max_steps} choices"))
            return
        place = session.place
        shown = session.available_choices()
        timed = isinstance(place, Node) and place.timeout is not None
        if timed and (not shown or rng.random() < TIMEOUT_RATE):
            session.timeout()
        elif shown:
            session.choose(rng.randrange(len(shown)) + 1)
        else:
            report.problems.append(WalkProblem(number, "stuck", session.state, "every choice here is hidden by its 'when'"))
            return
    report.endings[session.state] += 1
    report.scores.append(scorecard(session).overall or 0.0)
