"""Seeded random playthroughs: find crashes, endless loops and stuck nodes before trainees do.

Each walk picks uniformly among the choices shown (so ``when`` conditions are respected) and,
where a node has a time limit, lets the timer run out with a fixed probability. Every move is
decided by the one rule of play (``simulator.scenario.rules``), the function the engine asks, so
a walk is what a session would do, without a session's clock, events and state machine. Walks
are reproducible from (seed, walk number), like ink's SEED_RANDOM.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass, field

from simulator.engine.scoring import best_points
from simulator.scenario.grading import add_points, overall
from simulator.scenario.model import Scenario
from simulator.scenario.rules import Rules, rules_of

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
    rules = rules_of(scenario)
    for number in range(walks):
        rng = random.Random(f"{seed}:{number}")  # noqa: S311 - reproducible walks, not secrets
        _Walk(rules, report, number).run(rng, max_steps)
    return report


class _Walk:
    def __init__(self, rules: Rules, report: WalkReport, number: int) -> None:
        self.rules, self.report, self.number = rules, report, number
        self.state = rules.start()
        self.earned: dict[str, int] = {}

    def fail(self, kind: str, message: str) -> None:
        self.report.problems.append(WalkProblem(self.number, kind, self.state.place, message))

    def run(self, rng: random.Random, max_steps: int) -> None:
        scenario, taken = self.rules.scenario, 0
        try:
            while self.state.place not in scenario.endings:
                if taken >= max_steps:
                    return self.fail("too-long", f"no ending after {max_steps} choices")
                shown = self.rules.shown(self.state)
                timeout = scenario.nodes[self.state.place].timeout
                if timeout is not None and (not shown or rng.random() < TIMEOUT_RATE):
                    move = timeout
                elif shown:
                    move = shown[rng.randrange(len(shown))]
                else:
                    return self.fail("stuck", "every choice here is hidden by its 'when'")
                outcome = self.rules.step(self.state, move)
                self.state, taken = outcome.state, taken + 1
                add_points(self.earned, outcome.points)
        except Exception as exc:  # a crash is exactly what this tool exists to find
            return self.fail("crash", f"{type(exc).__name__}: {exc}")
        finally:
            self.report.steps += taken
        self.report.endings[self.state.place] += 1
        self.report.scores.append(overall(scenario, best_points(scenario), self.earned) or 0.0)
        return None
