"""How points become scores: each dimension scaled 0-100 against the best real play can earn.

Pure arithmetic shared by the engine's scorecard, the naive strategies and the random walker, so
a strategy "passes" exactly when a trainee playing the same replies would.
"""

from __future__ import annotations

from collections.abc import Mapping

from simulator.scenario.model import Scenario


def scaled(earned: int, best: int) -> float | None:
    """A dimension's 0-100 score; None when no path can earn it at all."""
    return round(min(100.0, max(0.0, 100.0 * earned / best)), 1) if best > 0 else None


def overall(scenario: Scenario, best: Mapping[str, int], earned: Mapping[str, int]) -> float | None:
    """The weighted mean of the scaled dimensions the scenario can score; None if it can score none."""
    weighted = []
    for dim in scenario.rubric.values():
        score = scaled(earned.get(dim.id, 0), best.get(dim.id, 0))
        if score is not None and dim.weight > 0:
            weighted.append((score, dim.weight))
    total = sum(w for _, w in weighted)
    return round(sum(s * w for s, w in weighted) / total, 1) if total else None


def passes(scenario: Scenario, ending: str, score: float | None) -> bool:
    """Passed: the conversation ended, the customer wasn't lost, and the score reaches the pass mark."""
    reached = scenario.endings.get(ending)
    return bool(reached and reached.outcome != "lost" and score is not None and score >= scenario.pass_mark)


def add_points(total: dict[str, int], points: Mapping[str, int]) -> None:
    for dim, pts in points.items():
        total[dim] = total.get(dim, 0) + pts
