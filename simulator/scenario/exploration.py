"""What a scenario allows: reachable endings, score ranges per dimension, path counts.

Nothing here enumerates paths. The graph is condensed into strongly connected components and
scored by dynamic programming from the sinks up, so the cost is linear in nodes + choices. A
choice's points count once per session, so inside a loop every choice can be collected once:
the ranges are exact for acyclic scenarios and safe bounds for cyclic ones (conditions ignored).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any

from simulator.scenario.graph import Edge, edges_of, from_start, is_cyclic, reverse_reachable
from simulator.scenario.model import Scenario
from simulator.scenario.playspace import PlaySpace, Step, simulate
from simulator.scenario.strategies import StrategyResult, play_strategies


@dataclass
class DimensionRange:
    id: str
    label: str
    min: int
    max: int
    best_ending: str  # the ending that the best path for this dimension reaches


@dataclass
class Exploration:
    scenario_id: str
    reachable_endings: list[str]
    unreachable: list[str]
    dimensions: dict[str, DimensionRange]
    paths: int | None  # None: unbounded, a loop can be taken any number of times
    shortest_path: int | None  # fewest choices from the start to any ending
    best_path: list[tuple[str, int]] | None = None  # (place, choice index) of the best overall path
    best_choose: list[int | str] | None = None  # the same path as play --choose and tests: number it (exact only)
    outcomes: dict[str, str] = field(default_factory=dict)  # ending id -> outcome
    exact: bool = False  # True: every reachable state was played out, conditions and mood included
    strategies: dict[str, StrategyResult] = field(default_factory=dict)  # naive players, by name

    def max_points(self) -> dict[str, int]:
        return {d.id: d.max for d in self.dimensions.values()}

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["paths"] = "unbounded" if self.paths is None else self.paths
        data["strategies"] = {name: result.to_dict() for name, result in self.strategies.items()}
        return data


class _Condensed:
    """Components sinks-first, with each one's internal moves and exit edges."""

    def __init__(self, scenario: Scenario, edges: dict[str, list[Edge]], components: list[list[str]]) -> None:
        self.components = components
        self.of = {p: i for i, comp in enumerate(self.components) for p in comp}
        self.internal: list[list[Edge]] = []
        self.exits: list[list[Edge]] = []
        self.cyclic = [is_cyclic(c, edges) for c in self.components]
        self.has_ending = [any(p in scenario.endings for p in c) for c in self.components]
        for i, comp in enumerate(self.components):
            inside: dict[int, Edge] = {}
            out = []
            for place in comp:
                for edge in edges[place]:
                    if self.of[edge.target] == i:
                        inside.setdefault(id(edge.move), edge)
                    else:
                        out.append(edge)
            self.internal.append(list(inside.values()))
            self.exits.append(out)

    def best(self, weigh: Callable[[Edge], float], sign: int = 1) -> tuple[list[float | None], list[Edge | None]]:
        """Best total per component (``sign`` 1: highest, -1: lowest) and the exit it takes.

        ``None`` marks a component from which no ending can be reached.
        """
        value: list[float | None] = []
        via: list[Edge | None] = []
        for i in range(len(self.components)):
            inner = sum(max(0.0, sign * weigh(e)) for e in self.internal[i])
            best: float | None = 0.0 if self.has_ending[i] else None
            exit_edge: Edge | None = None
            for edge in self.exits[i]:
                rest = value[self.of[edge.target]]
                if rest is not None and (best is None or sign * weigh(edge) + rest > best):
                    best, exit_edge = sign * weigh(edge) + rest, edge
            value.append(None if best is None else inner + best)
            via.append(exit_edge)
        return [None if v is None else sign * v for v in value], via


def explore(scenario: Scenario, *, strategies: bool = True) -> Exploration:
    """Exact figures when the play space is small enough to walk, else static bounds; with
    ``strategies``, how each naive player (``strategies.py``) does against those maxima.

    The report is kept on the scenario (the lint, ``explore`` and the scorecard ask in turn);
    treat it as read-only.
    """
    report = scenario.derive("exploration", lambda: _figures(scenario))
    if strategies and not report.strategies:
        report.strategies = play_strategies(scenario, report.max_points())
    return report


def _figures(scenario: Scenario) -> Exploration:
    space = simulate(scenario)
    return _exact(scenario, space) if space is not None else explore_static(scenario)


def _exact(scenario: Scenario, space: PlaySpace) -> Exploration:
    dims = {}
    for dim in scenario.rubric.values():
        weigh = _points_of(dim.id)
        high = space.best(weigh)
        low = space.best(weigh, -1)
        ending = high[1][-1].target.place if high and high[1] else ""
        dims[dim.id] = DimensionRange(dim.id, dim.label, int(low[0]) if low else 0, int(high[0]) if high else 0, ending)
    scale = {d: scenario.rubric[d].weight / r.max for d, r in dims.items() if r.max > 0}
    best = space.best(lambda points: sum(scale.get(d, 0) * p for d, p in points.items())) if scale else None
    endings = sorted(space.endings)
    return Exploration(
        scenario.id, endings, sorted((scenario.nodes.keys() | scenario.endings.keys()) - space.places), dims,
        space.count_paths(), space.shortest(),
        _route(space, best[1]) if best else None, space.numbers(best[1]) if best else None,
        {e: scenario.endings[e].outcome for e in endings}, exact=True,
    )  # fmt: skip


def _points_of(dim: str) -> Callable[[dict[str, int]], float]:
    return lambda points: points.get(dim, 0)


def _route(space: PlaySpace, steps: list[Step]) -> list[tuple[str, int]]:
    """(place, choice index) pairs along a path of steps from the start."""
    places = [space.start.place] + [step.target.place for step in steps]
    return [(place, step.move.index) for place, step in zip(places, steps, strict=False)]


def explore_static(scenario: Scenario) -> Exploration:
    """Bounds from the graph alone: linear in nodes + choices, conditions and mood ignored."""
    edges = edges_of(scenario)
    start = [scenario.start] if scenario.start in edges else []
    places, components = from_start(scenario)
    graph = _Condensed(scenario, edges, components)
    endings = sorted(p for p in places if p in scenario.endings)
    dims = {}
    for dim in scenario.rubric.values():

        def weigh(edge: Edge, d: str = dim.id) -> float:
            return edge.move.points.get(d, 0)

        high, via = graph.best(weigh)
        low, _ = graph.best(weigh, -1)
        root = graph.of.get(scenario.start)
        top = high[root] if root is not None else None
        bottom = low[root] if root is not None else None
        dims[dim.id] = DimensionRange(dim.id, dim.label, int(bottom or 0), int(top or 0), _follow(graph, via, root, scenario))
    best_path = _best_path(scenario, graph, dims)
    return Exploration(
        scenario.id,
        endings,
        sorted((scenario.nodes.keys() | scenario.endings.keys()) - places),
        dims,
        _count_paths(graph, scenario),
        _shortest(start, edges, scenario),
        best_path,
        None,
        {e: scenario.endings[e].outcome for e in endings},
    )


def _follow(graph: _Condensed, via: list[Edge | None], comp: int | None, scenario: Scenario) -> str:
    """The ending reached by following the chosen exits from a component."""
    seen = set()
    while comp is not None and comp not in seen:
        seen.add(comp)
        edge = via[comp]
        if edge is None:
            return next((p for p in graph.components[comp] if p in scenario.endings), "")
        comp = graph.of[edge.target]
    return ""


def _best_path(scenario: Scenario, graph: _Condensed, dims: dict[str, DimensionRange]) -> list[tuple[str, int]] | None:
    """The path with the best overall score, when the way there has no loops."""
    scale = {d: scenario.rubric[d].weight / r.max for d, r in dims.items() if r.max > 0}
    if not scale or scenario.start not in graph.of:
        return None
    _, via = graph.best(lambda e: sum(scale.get(d, 0) * p for d, p in e.move.points.items()))
    path, comp = [], graph.of[scenario.start]
    while (edge := via[comp]) is not None:
        if graph.cyclic[comp]:
            return None
        path.append((edge.source, edge.move.index))
        comp = graph.of[edge.target]
    return path


def _count_paths(graph: _Condensed, scenario: Scenario) -> int | None:
    counts: list[int] = []
    for i in range(len(graph.components)):
        total = 1 if graph.has_ending[i] else 0
        total += sum(counts[graph.of[e.target]] for e in graph.exits[i])
        if total and graph.cyclic[i]:
            return None
        counts.append(total)
    root = graph.of.get(scenario.start)
    return counts[root] if root is not None else 0


def _shortest(start: list[str], edges: dict[str, list[Edge]], scenario: Scenario) -> int | None:
    dist = dict.fromkeys(start, 0)
    queue = deque(start)
    while queue:
        place = queue.popleft()
        if place in scenario.endings:
            return dist[place]
        for edge in edges[place]:
            if edge.target not in dist:
                dist[edge.target] = dist[place] + 1
                queue.append(edge.target)
    return None


def can_finish(scenario: Scenario, edges: dict[str, list[Edge]]) -> set[str]:
    """Places from which some ending can be reached."""
    return reverse_reachable(scenario.endings.keys(), edges)
