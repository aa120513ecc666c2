"""The one rule of play: (state, reply or timeout) -> (new state, what happened).

The engine's session, the exact explorer, the static graph, the naive strategies and the random
walker all ask ``Rules.step``, so they cannot disagree about a move. In order, a move:

1. must be allowed: the conversation is at a node, and a reply's ``when`` is true (a hidden
   reply is refused with ``NotAllowed``, never taken);
2. evaluates its ``set`` effects on the values from *before* the move;
3. moves the mood by its ``mood`` and clamps it to 0..100;
4. goes to its ``goto``, unless a mood rule fires: a rule is checked only after a move that
   pushes the mood its way (``below`` after a negative change, ``above`` after a positive one),
   and the first such rule whose threshold is crossed sends the conversation to its ``goto``;
5. earns its points the first time it is taken at that node only.

Points-once needs memory of the moves taken, but only of moves that earn points at places on a
loop of the scenario's graph, and only while play stays in that loop (its strongly connected
group): elsewhere a move can't come round again, a loop once left is never re-entered, and a
move worth nothing has nothing to count twice. Forgetting the rest keeps equal states equal, so
the explorer meets a few states per loop instead of every combination of moves taken anywhere.
"""

from __future__ import annotations

from typing import NamedTuple

from simulator.scenario.expr import Value
from simulator.scenario.model import TIMEOUT, Choice, MoodRule, Node, Scenario

Taken = frozenset[tuple[str, int]]


class NotAllowed(ValueError):
    """A move the rules refuse: hidden by its ``when``, a missing timeout, or after the end."""


class State(NamedTuple):
    """Everything that decides what happens next; equal states play out identically.

    A tuple, not a dataclass: the explorer hashes and compares millions of these, and a tuple
    does both in C.
    """

    place: str
    mood: int
    values: tuple[Value, ...]  # the scenario's variables, in ``Rules.names`` order
    taken: Taken = frozenset()  # (node, choice index) already taken in the loop play is in now


class Outcome(NamedTuple):
    """What one move did: the new state, the points it earned (read-only), the mood rule that fired if any."""

    state: State
    points: dict[str, int]
    rule: MoodRule | None = None

    @property
    def place(self) -> str:
        return self.state.place


_NONE: dict[str, int] = {}


def clamp_mood(mood: int) -> int:
    return min(100, max(0, mood))


class Rules:
    """The rule of play bound to one scenario (its variable order and its loops)."""

    def __init__(self, scenario: Scenario) -> None:
        from simulator.scenario.graph import loops_of

        self.scenario = scenario
        self.names = tuple(sorted(scenario.variables))
        self.loop_of = loops_of(scenario)
        self._falling = tuple(r for r in scenario.mood_rules if r.below)  # checked after a move that lowers the mood
        self._rising = tuple(r for r in scenario.mood_rules if not r.below)
        self._conditional = {n.id for n in scenario.nodes.values() if any(c.when is not None for c in n.choices)}
        self.mood_matters = bool(scenario.mood_rules) or any(
            "mood" in expr.names
            for node in scenario.nodes.values()
            for move in node.moves
            for expr in ([move.when] if move.when else []) + [e for _, e in move.effects]
        )

    def start(self, place: str | None = None) -> State:
        """The state a session begins in: the start node (or a preview node), starting mood and values."""
        values = tuple(self.scenario.variables[n] for n in self.names)
        return State(place or self.scenario.start, self.scenario.customer.mood, values)

    def canonical(self, state: State) -> State:
        """The state as the explorer merges it: when no rule or condition reads the mood, states
        that differ only in mood play out alike, so the mood is set to the starting one."""
        if self.mood_matters or state.mood == self.scenario.customer.mood:
            return state
        return state._replace(mood=self.scenario.customer.mood)

    def env(self, state: State) -> dict[str, Value]:
        """The variables as conditions and effects read them, ``mood`` included."""
        env: dict[str, Value] = dict(zip(self.names, state.values, strict=True))
        env["mood"] = state.mood
        return env

    def shown(self, state: State) -> list[Choice]:
        """The replies shown in this state, numbered 1.. in this order; none at an ending."""
        node = self.scenario.nodes.get(state.place)
        if node is None:
            return []
        if node.id not in self._conditional:
            return list(node.choices)
        env = self.env(state)
        return [c for c in node.choices if c.when is None or c.when.evaluate(env)]

    def moves(self, state: State) -> list[Choice]:
        """Every move possible in this state: the shown replies, then the timeout if any."""
        node = self.scenario.nodes.get(state.place)
        timeout = [node.timeout] if node is not None and node.timeout is not None else []
        return self.shown(state) + timeout

    def step(self, state: State, move: Choice) -> Outcome:
        """Apply one move to ``state``; raises ``NotAllowed`` if the rules refuse it."""
        self._check(self.scenario.nodes.get(state.place), state, move)
        values = state.values
        if move.effects:
            env = self.env(state)
            env.update({name: expr.evaluate(env) for name, expr in move.effects})  # all read the old values
            values = tuple(env[n] for n in self.names)
        mood = clamp_mood(state.mood + move.mood)
        rule = None
        for candidate in self._falling if move.mood < 0 else self._rising if move.mood > 0 else ():
            if candidate.fires(mood):
                rule = candidate
                break
        place = rule.goto if rule else move.goto
        key = (state.place, move.index)
        points = _NONE if key in state.taken else move.points
        taken = state.taken
        loop = self.loop_of.get(state.place)
        if loop is None or self.loop_of.get(place) != loop:
            taken = frozenset()  # out of the loop for good (an ending included): nothing in it comes round again
        elif move.points and key not in taken:
            taken = taken | {key}
        return Outcome(State(place, mood, values, taken), points, rule)

    def _check(self, node: Node | None, state: State, move: Choice) -> None:
        if node is None:
            raise NotAllowed(f"the conversation is over (it ended at '{state.place}')")
        if move.index == TIMEOUT:
            if node.timeout is not move:
                raise NotAllowed(f"'{node.id}' has no time limit, so there is no timeout to take")
            return
        if not 0 <= move.index < len(node.choices) or node.choices[move.index] is not move:
            raise NotAllowed(f"that reply belongs to another node, not '{node.id}'")
        if move.when is not None and not move.when.evaluate(self.env(state)):
            raise NotAllowed(f"reply {move.index + 1} of '{node.id}' is hidden now: its 'when: {move.when.source}' is false")


def rules_of(scenario: Scenario) -> Rules:
    """The rules of this scenario object, built once (the loop search is linear but not free)."""
    return scenario.derive("rules", lambda: Rules(scenario))
