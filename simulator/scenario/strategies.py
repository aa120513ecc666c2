"""Naive players that never read the story: can a scenario be passed without listening?

Each strategy picks by a surface feature only: always the longest reply, the shortest, the
first, the second (or the last when only one is shown), the last, or a seeded random one. Moves
are made by the one rule of play, so a strategy meets the same conditions, mood rules and
points-once as a trainee; it lets a timer run out only when no reply is shown. ``random`` is
many seeded walks summed up, not one lucky (or unlucky) walk: it "passes" when more than half
of its walks pass. (Past ``BIG`` nodes, a stress test rather than a lesson, it takes fewer walks.)
"""

from __future__ import annotations

import random
import statistics
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass
from typing import Any

from simulator.scenario.grading import add_points, overall, passes
from simulator.scenario.model import Choice, Scenario
from simulator.scenario.rules import State, rules_of

NAIVE = ("longest", "shortest", "first", "second", "last", "random")
RANDOM_WALKS = 51
BIG = 500  # nodes; past this (as for the exact search) a few walks and a step cap keep validate quick
BIG_WALKS = 5
MAX_STEPS = 5_000
UNFINISHED = "unfinished"

Pick = Callable[[list[Choice], random.Random], Choice]
_PICKS: dict[str, Pick] = {
    "longest": lambda shown, _: max(shown, key=lambda c: len(c.text.strip())),
    "shortest": lambda shown, _: min(shown, key=lambda c: len(c.text.strip())),
    "first": lambda shown, _: shown[0],
    "second": lambda shown, _: shown[min(1, len(shown) - 1)],
    "last": lambda shown, _: shown[-1],
    "random": lambda shown, rng: shown[rng.randrange(len(shown))],
}


@dataclass
class StrategyResult:
    """How one naive strategy did; for ``random``, the summary of its walks."""

    name: str
    outcome: str  # lost | neutral | loyal, or "unfinished" (looped or stuck)
    ending: str
    overall: float | None
    passed: bool
    steps: int
    walks: int = 1
    pass_rate: float | None = None  # random only: the share of walks that passed
    loyal_rate: float | None = None  # random only: the share of walks that won the customer

    @property
    def games(self) -> bool:
        """True when reading nothing is enough: it passes, or it wins the customer."""
        if self.loyal_rate is not None:
            return self.passed or self.loyal_rate > 0.5
        return self.passed or self.outcome == "loyal"

    def to_dict(self) -> dict[str, Any]:
        return {k: v for k, v in asdict(self).items() if v is not None or k == "overall"}


@dataclass
class _Run:
    ending: str
    earned: dict[str, int]
    steps: int


def max_steps(scenario: Scenario) -> int:
    """A naive player still talking after this many moves is going round in circles."""
    return min(MAX_STEPS, 2 * len(scenario.nodes) + 50)


def _play(scenario: Scenario, pick: Pick, rng: random.Random) -> _Run:
    rules = rules_of(scenario)
    state: State = rules.start()
    earned: dict[str, int] = {}
    for steps in range(max_steps(scenario)):
        node = scenario.nodes.get(state.place)
        if node is None:
            return _Run(state.place, earned, steps)
        shown = rules.shown(state)
        move = pick(shown, rng) if shown else node.timeout
        if move is None:
            return _Run("", earned, steps)  # stuck: nothing shown and no timer
        outcome = rules.step(state, move)
        add_points(earned, outcome.points)
        state = outcome.state
    done = state.place in scenario.endings
    return _Run(state.place if done else "", earned, max_steps(scenario))


def _result(scenario: Scenario, best: Mapping[str, int], name: str, run: _Run) -> StrategyResult:
    score = overall(scenario, best, run.earned) if run.ending else None
    outcome = scenario.endings[run.ending].outcome if run.ending else UNFINISHED
    return StrategyResult(name, outcome, run.ending, score, passes(scenario, run.ending, score), run.steps)


def play_strategies(scenario: Scenario, best: Mapping[str, int], seed: int = 0) -> dict[str, StrategyResult]:
    """Every naive strategy, scored against ``best`` (the per-dimension maxima real play can earn)."""
    results = {}
    for name in NAIVE[:-1]:
        results[name] = _result(scenario, best, name, _play(scenario, _PICKS[name], random.Random(seed)))  # noqa: S311
    walks = [
        _result(scenario, best, "random", _play(scenario, _PICKS["random"], random.Random(f"{seed}:{n}")))  # noqa: S311
        for n in range(RANDOM_WALKS if len(scenario.nodes) <= BIG else BIG_WALKS)
    ]
    results["random"] = _summary(walks)
    return results


def _summary(walks: list[StrategyResult]) -> StrategyResult:
    outcome, _ = Counter(w.outcome for w in walks).most_common(1)[0]
    ending, _ = Counter(w.ending for w in walks if w.outcome == outcome).most_common(1)[0]
    passed = sum(w.passed for w in walks) / len(walks)
    loyal = sum(w.outcome == "loyal" for w in walks) / len(walks)
    score = statistics.median(w.overall or 0.0 for w in walks)
    steps = round(statistics.median(w.steps for w in walks))
    return StrategyResult("random", outcome, ending, score, passed > 0.5, steps, len(walks), round(passed, 3), round(loyal, 3))
