"""Exact exploration: every state real play can reach, found by asking the rule of play.

A state is the place, the mood, the variables and, at places on a loop, which replies were
already taken (their points count once). Identical states are merged, so the cost is the
number of distinct states, not paths. Loops of states are fine: going round one earns nothing
(a move that earns points grows ``taken``, so it can't lead back to the same state), which is
why best and worst totals stay exact. Only a space larger than ``limit`` (or a scenario too big
to be worth it) gives up; callers then say so and fall back to the static bounds.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Container
from dataclasses import dataclass, field

from simulator.scenario.graph import strongly_connected
from simulator.scenario.model import TIMEOUT, Choice, MoodRule, Scenario
from simulator.scenario.rules import Rules, State, rules_of

MAX_STATES = 50_000
MAX_NODES = 500  # beyond this, authoring-time exactness isn't worth the time; static bounds serve


@dataclass(frozen=True, slots=True)
class Step:
    """One move from a state, as the rule of play decided it."""

    move: Choice
    target: State
    points: dict[str, int]
    rule: MoodRule | None = None


@dataclass
class PlaySpace:
    """Every reachable state with its steps, and the strongly connected groups of states."""

    rules: Rules
    start: State
    steps: dict[State, list[Step]] = field(default_factory=dict)
    endings: set[str] = field(default_factory=set)
    places: set[str] = field(default_factory=set)
    _groups: list[list[State]] | None = None
    _order: list[tuple[list[State], dict[State, list[State]] | None]] | None = None

    def is_end(self, state: State) -> bool:
        return state.place in self.rules.scenario.endings

    def stuck(self) -> list[State]:
        """Reachable states that are not endings and show no choice at all."""
        return [state for state, steps in self.steps.items() if not steps and not self.is_end(state)]

    def groups(self) -> list[list[State]]:
        """Strongly connected groups of states, sinks first."""
        if self._groups is None:
            self._groups = strongly_connected(list(self.steps), self.steps)
        return self._groups

    def trapped(self) -> list[list[State]]:
        """Groups of states play can enter but never leave for an ending: an endless conversation."""
        finishing = self.finishing()
        return [g for g in self.groups() if not finishing.intersection(g) and (len(g) > 1 or self._loops(g[0]))]

    def finishing(self) -> set[State]:
        """States from which some ending can still be reached."""
        done: set[State] = set()
        for group in self.groups():
            members = set(group)
            if any(self.is_end(s) or any(t.target in done for t in self.steps[s]) for s in group):
                done |= members  # in a group every member reaches every other
        return done

    def best(
        self, weigh: Callable[[dict[str, int]], float], sign: int = 1, to: Container[str] | None = None
    ) -> tuple[float, list[Step]] | None:
        """The highest (sign 1) or lowest (-1) total of ``weigh`` over a path to an ending, and the path.

        ``weigh`` gives a move's worth from the points it earned; a move that earned none is worth 0.
        With ``to``, only paths to those endings count.

        Groups are solved sinks first; inside a looping group values are relaxed until they
        settle, which ends because no loop of states gains anything (see the module docstring).
        """
        solver = _Solver(self, weigh, sign, to)
        for group, before in self._plan():
            if before is None:
                solver.settle(group[0])
                continue
            pending = list(group)
            while pending:
                state = pending.pop()
                if solver.settle(state):
                    pending.extend(before.get(state, ()))
        if self.start not in solver.value:
            return None
        path: list[Step] = []
        state, seen = self.start, {self.start}
        while (step := solver.via.get(state)) is not None and step.target not in seen:
            path.append(step)
            state = step.target
            seen.add(state)
        return sign * solver.value[self.start], path

    def _plan(self) -> list[tuple[list[State], dict[State, list[State]] | None]]:
        """The groups sinks first, each looping one with the predecessors of its members inside it."""
        if self._order is None:
            self._order = []
            for group in self.groups():
                if len(group) == 1 and not self._loops(group[0]):
                    self._order.append((group, None))
                    continue
                inside, before = set(group), dict[State, list[State]]()
                for state in group:
                    for step in self.steps[state]:
                        if step.target in inside:
                            before.setdefault(step.target, []).append(state)
                self._order.append((group, before))
        return self._order

    def count_paths(self) -> int | None:
        """Distinct ways from the start to an ending; None when a loop makes them unbounded."""
        finishing = self.finishing()
        counts: dict[State, int] = {}
        for group in self.groups():
            if len(group) > 1 or self._loops(group[0]):
                if finishing.intersection(group):
                    return None  # every state here is reachable, and this loop can still end
                counts.update(dict.fromkeys(group, 0))
                continue
            state = group[0]
            counts[state] = 1 if self.is_end(state) else sum(counts[s.target] for s in self.steps[state])
        return counts[self.start]

    def numbers(self, steps: list[Step]) -> list[int | str]:
        """A path from the start as ``play --choose`` and ``tests:`` number it: replies as shown, ``t`` a timeout."""
        out: list[int | str] = []
        state = self.start
        for step in steps:
            out.append("t" if step.move.index == TIMEOUT else self.rules.shown(state).index(step.move) + 1)
            state = step.target
        return out

    def shortest(self) -> int | None:
        """Fewest moves from the start to any ending (breadth first)."""
        depth, frontier, seen = 0, [self.start], {self.start}
        while frontier:
            if any(self.is_end(s) for s in frontier):
                return depth
            following = []
            for state in frontier:
                for step in self.steps[state]:
                    if step.target not in seen:
                        seen.add(step.target)
                        following.append(step.target)
            frontier, depth = following, depth + 1
        return None

    def _loops(self, state: State) -> bool:
        return any(s.target == state for s in self.steps[state])


class _Solver:
    """The best value found so far per state, and the step that earns it."""

    def __init__(
        self, space: PlaySpace, weigh: Callable[[dict[str, int]], float], sign: int, to: Container[str] | None
    ) -> None:
        self.space, self.weigh, self.sign, self.to = space, weigh, sign, to
        self.value: dict[State, float] = {}
        self.via: dict[State, Step] = {}

    def settle(self, state: State) -> bool:
        """Improve ``state``'s value from its steps; True if it changed."""
        if self.space.is_end(state):
            if self.to is None or state.place in self.to:
                self.value[state] = 0.0
            return False
        changed, value = False, self.value
        for step in self.space.steps[state]:
            rest = value.get(step.target)
            if rest is None:
                continue
            total = self.sign * self.weigh(step.points) + rest if step.points else rest
            if total > value.get(state, -math.inf):
                value[state], self.via[state], changed = total, step, True
        return changed


def simulate(scenario: Scenario, start: str | None = None, limit: int = MAX_STATES) -> PlaySpace | None:
    """The whole play space from ``start``, or None if it has more than ``limit`` states.

    Kept on the scenario: the lint, the explorer and the scorecard's maxima all ask for the same one.
    """
    return scenario.derive(("space", start, limit), lambda: _walk(scenario, start, limit))


def _walk(scenario: Scenario, start: str | None, limit: int) -> PlaySpace | None:
    rules = rules_of(scenario)
    first = rules.canonical(rules.start(start))
    if first.place not in scenario.nodes or len(scenario.nodes) > MAX_NODES:
        return None
    space = PlaySpace(rules, first)
    todo = [first]
    while todo:
        state = todo.pop()
        if state in space.steps:
            continue
        if len(space.steps) >= limit:
            return None
        space.places.add(state.place)
        if space.is_end(state):
            space.endings.add(state.place)
            space.steps[state] = []
            continue
        steps = [_step(rules, state, move) for move in rules.moves(state)]
        space.steps[state] = steps
        todo.extend(s.target for s in steps if s.target not in space.steps)
    return space


def _step(rules: Rules, state: State, move: Choice) -> Step:
    outcome = rules.step(state, move)
    return Step(move, rules.canonical(outcome.state), outcome.points, outcome.rule)
