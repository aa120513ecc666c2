"""The scenario as a graph: edges (choices, timeouts, mood rules), reachability and SCCs.

Static analysis ignores ``when`` conditions, so what it reports as reachable is an upper bound;
mood rules become edges from every move the rule of play checks them after (``MoodRule.checked_after``).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol, TypeVar

from simulator.scenario.model import Choice, Scenario

P = TypeVar("P", bound=Hashable)
P_co = TypeVar("P_co", bound=Hashable, covariant=True)


@dataclass(frozen=True, slots=True)
class Edge:
    source: str
    target: str
    move: Choice
    forced: bool = False  # taken because a mood rule fired, not because of the move's goto


def build_edges(scenario: Scenario) -> dict[str, list[Edge]]:
    """Outgoing edges of every place; endings have none. Unknown targets are left out."""
    known = scenario.nodes.keys() | scenario.endings.keys()
    out: dict[str, list[Edge]] = {place: [] for place in known}
    rules = [r for r in scenario.mood_rules if r.goto in known]
    for node in scenario.nodes.values():
        edges = out[node.id]
        for move in node.moves:
            if move.goto in known:
                edges.append(Edge(node.id, move.goto, move))
            for rule in rules:
                if rule.checked_after(move):
                    edges.append(Edge(node.id, rule.goto, move, forced=True))
    return out


def edges_of(scenario: Scenario) -> dict[str, list[Edge]]:
    """``build_edges``, once per scenario (the lint, the bounds and the rule of play all need it); read-only."""
    return scenario.derive("edges", lambda: build_edges(scenario))


def from_start(scenario: Scenario) -> tuple[set[str], list[list[str]]]:
    """The places the graph reaches from the start and their strongly connected components,
    sinks first; once per scenario (the lint and the bounds both walk them)."""

    def find() -> tuple[set[str], list[list[str]]]:
        edges = edges_of(scenario)
        places = reachable([scenario.start] if scenario.start in edges else [], edges)
        return places, strongly_connected(sorted(places), edges)

    return scenario.derive("from-start", find)


def reachable(start: Iterable[str], edges: dict[str, list[Edge]]) -> set[str]:
    seen = set(start)
    queue = deque(seen)
    while queue:
        for edge in edges.get(queue.popleft(), ()):
            if edge.target not in seen:
                seen.add(edge.target)
                queue.append(edge.target)
    return seen


def reverse_reachable(targets: Iterable[str], edges: dict[str, list[Edge]]) -> set[str]:
    """Places from which some target can be reached."""
    incoming: dict[str, list[str]] = {}
    for place, outs in edges.items():
        for edge in outs:
            incoming.setdefault(edge.target, []).append(place)
    seen = set(targets)
    queue = deque(seen)
    while queue:
        for source in incoming.get(queue.popleft(), ()):
            if source not in seen:
                seen.add(source)
                queue.append(source)
    return seen


class _Arrow(Protocol[P_co]):
    @property
    def target(self) -> P_co: ...


def strongly_connected(places: Iterable[P], edges: Mapping[P, Sequence[_Arrow[P]]]) -> list[list[P]]:
    """Tarjan's algorithm without recursion; components come out sinks first (reverse topological).

    Works on any graph whose edges have a ``target``: places and edges here, states and steps
    in the play space.
    """
    index: dict[P, int] = {}
    low: dict[P, int] = {}
    on_stack: set[P] = set()
    stack: list[P] = []
    components: list[list[P]] = []
    counter = 0
    for root in places:
        if root in index:
            continue
        work = [(root, iter(edges.get(root, ())))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            place, children = work[-1]
            advanced = False
            for edge in children:
                child = edge.target
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(edges.get(child, ()))))
                    advanced = True
                    break
                if child in on_stack:
                    low[place] = min(low[place], index[child])
            if advanced:
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[place])
            if low[place] == index[place]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == place:
                        break
                components.append(component)
    return components


def is_cyclic(component: list[str], edges: dict[str, list[Edge]]) -> bool:
    if len(component) > 1:
        return True
    only = component[0]
    return any(edge.target == only for edge in edges.get(only, ()))


def loops_of(scenario: Scenario) -> dict[str, int]:
    """Each place on a loop of the graph -> the number of its loop (strongly connected group):
    the only places where a move can be taken twice, and only while play stays in that loop."""
    edges = edges_of(scenario)
    components = strongly_connected(sorted(edges), edges)
    return {p: i for i, c in enumerate(components) if is_cyclic(c, edges) for p in c}
