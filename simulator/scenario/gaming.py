"""Can the scenario be gamed? Warnings for scores a trainee could earn without listening.

- ``gameable``: a naive strategy (``strategies.py``) passes or wins the customer;
- ``length-bias`` / ``position-bias``: the best reply is the longest one, or sits at one
  position, in more than half of the decision nodes (nodes with one best reply);
- ``cheap-loyal``: a loyal ending is reachable with an overall score under the pass mark;
- ``timer-too-short``: a time limit shorter than reading the node takes (``READ_WPM`` words a
  minute, plus ``READ_GRACE`` seconds to decide).

All but the last need ``MIN_DECISIONS`` decision nodes: in a sketch of two or three nodes
there is nothing to game yet, and a share of three means nothing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping

from simulator.scenario.grading import add_points, overall
from simulator.scenario.model import Choice, Node, Scenario
from simulator.scenario.playspace import PlaySpace
from simulator.scenario.strategies import StrategyResult

MIN_DECISIONS = 4
READ_WPM = 250
READ_GRACE = 5.0
Add = Callable[[int, int, str, str, str], None]
_ORDINAL = {0: "first", 1: "second", 2: "third", 3: "fourth"}


def check_gaming(
    scenario: Scenario, best: Mapping[str, int], strategies: Mapping[str, StrategyResult],
    space: PlaySpace | None, add: Add,
) -> None:  # fmt: skip
    """Add every gaming warning for ``scenario``; ``best`` is what real play can earn per dimension."""
    _timers(scenario, add)
    decisions = _decisions(scenario, best)
    if len(decisions) < MIN_DECISIONS:
        return
    _gameable(scenario, strategies, add)
    _biases(scenario, decisions, add)
    if space is not None:
        _cheap_loyal(scenario, best, space, add)


def worth(scenario: Scenario, best: Mapping[str, int]) -> Callable[[Mapping[str, int]], float]:
    """A move's share of the overall score, before the per-dimension 0-100 clamp."""
    scale = {d.id: d.weight / best[d.id] for d in scenario.rubric.values() if best.get(d.id, 0) > 0}
    return lambda points: sum(scale.get(d, 0.0) * p for d, p in points.items())


def _gameable(scenario: Scenario, strategies: Mapping[str, StrategyResult], add: Add) -> None:
    for result in strategies.values():
        if not result.games:
            continue
        ending = scenario.endings[result.ending]
        how = (f"{result.pass_rate:.0%} of {result.walks} random walks pass" if result.walks > 1
               else f"always choosing the {result.name} reply reaches '{ending.id}' ({ending.outcome})")  # fmt: skip
        score = "no overall score" if result.overall is None else f"an overall score of {result.overall:g}"
        verdict = "passes" if result.passed else "does not pass"
        add(ending.line, ending.col, "warning", "gameable",
            f"{how} with {score}, which {verdict}: a trainee can win without reading")  # fmt: skip


def _decisions(scenario: Scenario, best: Mapping[str, int]) -> list[tuple[Node, Choice]]:
    """Nodes with two or more replies and one reply worth strictly more than the others."""
    value = worth(scenario, best)
    found = []
    for node in scenario.nodes.values():
        if len(node.choices) < 2:
            continue
        ranked = sorted(node.choices, key=lambda c: value(c.points), reverse=True)
        if value(ranked[0].points) > value(ranked[1].points):
            found.append((node, ranked[0]))
    return found


def _biases(scenario: Scenario, decisions: list[tuple[Node, Choice]], add: Add) -> None:
    where = scenario.line_of_start
    longest = [n for n, c in decisions if len(c.text.strip()) >= max(len(o.text.strip()) for o in n.choices)]
    if 2 * len(longest) > len(decisions):
        add(*where, "warning", "length-bias",
            f"the best reply is also the longest in {len(longest)} of {len(decisions)} decision nodes "
            f"(e.g. {', '.join(n.id for n in longest[:3])}): vary which reply is long")  # fmt: skip
    positions: Counter[str] = Counter()
    for node, choice in decisions:
        positions[_ORDINAL.get(choice.index, f"number {choice.index + 1}")] += 1
        if choice.index == len(node.choices) - 1:
            positions["last"] += 1
    place, count = positions.most_common(1)[0]
    if 2 * count > len(decisions):
        add(*where, "warning", "position-bias",
            f"the best reply is the {place} one in {count} of {len(decisions)} decision nodes: "
            "move it around so its place gives nothing away")  # fmt: skip


def _cheap_loyal(scenario: Scenario, best: Mapping[str, int], space: PlaySpace, add: Add) -> None:
    value = worth(scenario, best)
    for ending in scenario.endings.values():
        if ending.outcome != "loyal" or ending.id not in space.endings:
            continue
        low = space.best(value, -1, to={ending.id})
        if low is None:
            continue
        earned: dict[str, int] = {}
        for step in low[1]:
            add_points(earned, step.points)
        score = overall(scenario, best, earned) or 0.0
        if score < scenario.pass_mark:
            path = ",".join(str(n) for n in space.numbers(low[1]))
            add(ending.line, ending.col, "warning", "cheap-loyal",
                f"the loyal ending '{ending.id}' can be reached with an overall score of {score:g}, under the pass mark "
                f"{scenario.pass_mark:g} (--choose {path}): a customer won this cheaply teaches the wrong lesson")  # fmt: skip


def reading_seconds(node: Node) -> float:
    """How long reading the node and its replies takes, plus a moment to decide."""
    words = len(" ".join([node.say, node.narration, *(c.text for c in node.choices)]).split())
    return words * 60.0 / READ_WPM + READ_GRACE


def _timers(scenario: Scenario, add: Add) -> None:
    for node in scenario.nodes.values():
        if node.time_limit is None:
            continue
        need = reading_seconds(node)
        if node.time_limit < need:
            add(node.line, node.col, "warning", "timer-too-short",
                f"'{node.id}' gives {node.time_limit:g} s, but reading it and its replies takes about {need:.0f} s "
                f"({READ_WPM} words a minute + {READ_GRACE:g} s to decide): the clock would punish reading")  # fmt: skip
