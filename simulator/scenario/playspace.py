"""Exact exploration: walk every state the engine can reach (place, mood, variables).

The static explorer ignores ``when`` conditions and mood values, so its ranges are bounds. Real
scenarios are small enough to play out completely: a state is the place, the mood, the variables
and, for places on a loop, which of the loop's choices were already taken (their points count
once). Identical states are merged, so the cost is the number of distinct states, not paths.
The rules mirror ``simulator.engine`` exactly; when the space is too large or loops back on
itself, ``simulate`` returns None and callers use the static bounds.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass, field

from simulator.scenario.expr import Value
from simulator.scenario.graph import build_edges, is_cyclic, strongly_connected
from simulator.scenario.model import Choice, Node, Scenario

MAX_STATES = 50_000
MAX_NODES = 500  # beyond this, authoring-time exactness isn't worth the time; static bounds serve
MAX_DEPTH = 400
State = tuple[str, int, tuple[object, ...], frozenset[tuple[str, int]]]


class _TooBig(Exception):
    """The play space is too large or cyclic for an exact answer."""


@dataclass
class Step:
    move: Choice
    target: State
    points: dict[str, int]


@dataclass
class PlaySpace:
    """Every reachable state with its steps; ``outcomes`` are computed per state on demand."""

    start: State
    ends: frozenset[str]  # the scenario's ending ids
    steps: dict[State, list[Step]] = field(default_factory=dict)
    endings: set[str] = field(default_factory=set)
    places: set[str] = field(default_factory=set)

    def stuck(self) -> list[State]:
        """Reachable states that are not endings and show no choice at all."""
        return [state for state, steps in self.steps.items() if not steps and state[0] not in self.ends]

    def best(self, weigh: Callable[[dict[str, int]], float], sign: int = 1) -> tuple[float, list[Step]] | None:
        """The highest (sign 1) or lowest (-1) total of ``weigh`` over points to an ending, and its path."""
        memo: dict[State, tuple[float, Step | None] | None] = {}
        for state in self._post_order():
            if state[0] in self.ends:
                memo[state] = (0.0, None)
                continue
            options = [(sign * weigh(s.points) + memo[s.target][0], s) for s in self.steps[state] if memo[s.target]]  # type: ignore[index]
            memo[state] = max(options, key=lambda o: o[0]) if options else None
        result = memo[self.start]
        if result is None:
            return None
        path, state = [], self.start
        while (entry := memo[state]) and entry[1] is not None:
            path.append(entry[1])
            state = entry[1].target
        return sign * result[0], path

    def count_paths(self) -> int:
        counts: dict[State, int] = {}
        for state in self._post_order():
            counts[state] = 1 if state[0] in self.ends else sum(counts[s.target] for s in self.steps[state])
        return counts[self.start]

    def shortest(self) -> int | None:
        found = self.best(lambda points: -1.0)
        return None if found is None else len(found[1])

    def _post_order(self) -> list[State]:
        order: list[State] = []
        seen: set[State] = set()
        stack = [(self.start, False)]
        while stack:
            state, done = stack.pop()
            if done:
                order.append(state)
                continue
            if state in seen:
                continue
            seen.add(state)
            stack.append((state, True))
            stack.extend((s.target, False) for s in self.steps.get(state, ()) if s.target not in seen)
        return order


def simulate(scenario: Scenario, start: str | None = None, limit: int = MAX_STATES) -> PlaySpace | None:
    """The whole play space from ``start``, or None if it is cyclic or larger than ``limit``."""
    begin = start or scenario.start
    if begin not in scenario.nodes or len(scenario.nodes) > MAX_NODES:
        return None
    edges = build_edges(scenario)
    looped = {p for c in strongly_connected(sorted(edges), edges) if is_cyclic(c, edges) for p in c}
    names = tuple(sorted(scenario.variables))
    env = dict(scenario.variables)
    first: State = (begin, scenario.customer.mood, tuple(env[n] for n in names), frozenset())
    space = PlaySpace(first, frozenset(scenario.endings))
    walker = _Walker(scenario, space, names, looped, limit)
    old_limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(old_limit, MAX_DEPTH * 4 + 200))
    try:
        walker.visit(first, 0)
    except _TooBig:
        return None
    finally:
        sys.setrecursionlimit(old_limit)
    return space


class _Walker:
    def __init__(self, scenario: Scenario, space: PlaySpace, names: tuple[str, ...], looped: set[str], limit: int) -> None:
        self.scenario, self.space, self.names, self.looped, self.limit = scenario, space, names, looped, limit
        self.on_path: set[State] = set()

    def visit(self, state: State, depth: int) -> None:
        if state in self.on_path or depth > MAX_DEPTH or len(self.space.steps) > self.limit:
            raise _TooBig
        if state in self.space.steps:
            return
        place = state[0]
        self.space.places.add(place)
        if place in self.scenario.endings:
            self.space.endings.add(place)
            self.space.steps[state] = []
            return
        self.on_path.add(state)
        steps = [self.step(state, move) for move in self.moves(state)]
        self.space.steps[state] = steps
        for step in steps:
            self.visit(step.target, depth + 1)
        self.on_path.discard(state)

    def env(self, state: State) -> dict[str, Value]:
        env: dict[str, Value] = dict(zip(self.names, state[2], strict=True))  # type: ignore[arg-type]
        env["mood"] = state[1]
        return env

    def moves(self, state: State) -> list[Choice]:
        node = self.scenario.nodes[state[0]]
        env = self.env(state)
        shown = [c for c in node.choices if c.when is None or c.when.evaluate(env)]
        return shown + ([node.timeout] if isinstance(node, Node) and node.timeout else [])

    def step(self, state: State, move: Choice) -> Step:
        """One move with the engine's rules: effects on the old values, then mood, then mood rules."""
        place, mood, _, taken = state
        env = self.env(state)
        values = {name: expr.evaluate(env) for name, expr in move.effects}
        env.update(values)
        new_mood = min(100, max(0, mood + move.mood))
        target = move.goto
        for rule in self.scenario.mood_rules:
            if ((move.mood < 0) if rule.below else (move.mood > 0)) and rule.fires(new_mood):
                target = rule.goto
                break
        key = (place, move.index)
        points = {} if key in taken else dict(move.points)
        if place in self.looped:
            taken = taken | {key}
        return Step(move, (target, new_mood, tuple(env[n] for n in self.names), taken), points)
