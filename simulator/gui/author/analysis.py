"""What the map and the report need to know about a scenario, computed without Qt.

Built on the core's graph (``build_edges``: choices, timeouts and mood-rule edges), so the map
shows exactly what ``simulator explore`` reasons about. Like the explorer, this ignores ``when``
conditions: a route shown here is possible as far as the graph goes, and the report says so.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from typing import Any

from simulator.engine import FakeClock, Session
from simulator.scenario.exploration import can_finish
from simulator.scenario.graph import Edge, build_edges, reachable
from simulator.scenario.model import TIMEOUT, Choice, Node, Scenario
from simulator.scenario.playspace import PlaySpace, simulate

CHOICE, TIMEOUT_EDGE, MOOD = "choice", "timeout", "mood"
ROUTE_BUDGET = 20_000  # moves replayed while searching (about 0.3 s here); past it, graph routes fill the gaps


@dataclass
class MapEdge:
    """All moves from one place to another of one kind, drawn as a single arrow."""

    source: str
    target: str
    kind: str  # choice | timeout | mood
    labels: list[str] = field(default_factory=list)


@dataclass
class MapFacts:
    places: list[str]  # nodes then endings, in file order
    kinds: dict[str, str]  # start | node | loyal | neutral | lost
    edges: list[MapEdge]
    unreachable: set[str]  # no path reaches them, or (when play was simulated) real play never does
    dead_ends: set[str]  # nodes from which no ending can be reached, or where every choice can be hidden
    never_played: set[str] = field(default_factory=set)  # in the graph, but conditions or mood never lead there
    stuck: set[str] = field(default_factory=set)  # a trainee can arrive with every choice hidden

    @property
    def endings(self) -> list[str]:
        return [p for p in self.places if self.kinds[p] in ("loyal", "neutral", "lost")]


@dataclass(frozen=True)
class Step:
    """One move on a route: at ``place`` take reply ``number`` (0 = wait for the timeout)."""

    place: str
    number: int
    text: str
    forced_to: str = ""  # a mood rule sent the customer here instead of the reply's goto


@dataclass
class Route:
    """How to reach one ending; ``played`` routes were checked by the engine, conditions and all."""

    ending: str
    steps: list[Step]
    played: bool

    @property
    def numbers(self) -> list[int]:
        return [s.number for s in self.steps]

    def as_test(self) -> str | None:
        """A ``tests:`` entry that replays this route (``t`` where the timer runs out), or None if it wasn't played."""
        if not self.played:
            return None
        steps = ", ".join("t" if n == 0 else str(n) for n in self.numbers)
        return f"  - name: reaches {self.ending}\n    choose: [{steps}]\n    ending: {self.ending}\n"


def map_facts(scenario: Scenario) -> MapFacts:
    edges = build_edges(scenario)
    places = list(scenario.nodes) + list(scenario.endings)
    kinds = dict.fromkeys(scenario.nodes, "node") | {e.id: e.outcome for e in scenario.endings.values()}
    if scenario.start in scenario.nodes:
        kinds[scenario.start] = "start"
    seen = reachable([scenario.start] if scenario.start in edges else [], edges)
    facts = MapFacts(
        places, kinds, _merged(edges), {p for p in places if p not in seen}, set(scenario.nodes) - can_finish(scenario, edges)
    )
    space = _played(scenario)
    if space is not None:  # small, loop-free scenarios: what real play reaches, as the lint reports it
        facts.never_played = {p for p in places if p in seen and p not in space.places}
        facts.stuck = {state.place for state in space.stuck()}
        facts.unreachable |= facts.never_played
        facts.dead_ends |= facts.stuck
    return facts


def _played(scenario: Scenario) -> PlaySpace | None:
    try:
        return simulate(scenario)
    except Exception:  # a file with errors may not evaluate; the graph facts still stand
        return None


def _merged(edges: dict[str, list[Edge]]) -> list[MapEdge]:
    merged: dict[tuple[str, str, str], MapEdge] = {}
    for outs in edges.values():
        for edge in outs:
            kind = MOOD if edge.forced else TIMEOUT_EDGE if edge.move.index == TIMEOUT else CHOICE
            key = (edge.source, edge.target, kind)
            entry = merged.setdefault(key, MapEdge(edge.source, edge.target, kind))
            entry.labels.append(describe_move(edge))
    return list(merged.values())


def describe_move(edge: Edge) -> str:
    move = edge.move
    what = "wait until time runs out" if move.index == TIMEOUT else f"reply {move.index + 1}: {move.text}"
    if edge.forced:
        return f"{what} (if the mood crosses a mood rule)"
    return what


def graph_routes(scenario: Scenario) -> dict[str, list[Step]]:
    """The shortest route (fewest moves) to every ending the graph reaches, ignoring ``when``."""
    edges = build_edges(scenario)
    if scenario.start not in edges:
        return {}
    parent: dict[str, Edge | None] = {scenario.start: None}
    queue = deque([scenario.start])
    while queue:
        for edge in edges[queue.popleft()]:
            if edge.target not in parent:
                parent[edge.target] = edge
                queue.append(edge.target)
    return {ending: _unwind(parent, ending) for ending in scenario.endings if ending in parent}


def routes(scenario: Scenario, budget: int = ROUTE_BUDGET) -> dict[str, Route]:
    """A shortest route to every ending: played through the engine where the budget allows.

    The budget counts moves replayed, not seconds, so the same file always gives the same report.
    """
    try:
        played = _RoutePlayer(scenario, budget).run()
    except Exception:  # a scenario with errors may not play; graph routes still help
        played = {}
    found = {e: Route(e, steps, True) for e, steps in played.items()}
    for ending, steps in graph_routes(scenario).items():
        found.setdefault(ending, Route(ending, steps, False))
    return {e: found[e] for e in scenario.endings if e in found}


class _RoutePlayer:
    """Breadth-first search over real sessions, so ``when``, ``set`` and mood rules all count.

    States are deduplicated by place and variables (mood included); one session is reused by
    replaying decisions, and a new one is made only after a move finished the old one.
    """

    def __init__(self, scenario: Scenario, budget: int) -> None:
        self.scenario = scenario
        self.budget = budget
        self.work = 0  # moves replayed so far
        self.session = Session(scenario, clock=FakeClock())

    def fresh(self, path: list) -> Session:
        if self.session.finished or self.session not in self.session.machine.models:
            self.session = Session(self.scenario, clock=FakeClock())
        self.session.replay(path)
        self.work += len(path) + 1
        return self.session

    def run(self) -> dict[str, list[Step]]:
        found: dict[str, list[Step]] = {}
        seen: set[tuple] = set()
        queue: deque[list] = deque([[]])
        while queue and len(found) < len(self.scenario.endings) and self.work < self.budget:
            path = queue.popleft()
            for number, move in self.moves(self.fresh(path)):
                if self.known_endings_only(move, found):
                    continue
                session = self.fresh(path)
                session.timeout() if number == 0 else session.choose(number)
                key = (session.state, tuple(sorted(session.env.items())))
                if key in seen:
                    continue
                seen.add(key)
                if session.finished:
                    found.setdefault(session.state, [self.step(d) for d in session.decisions])
                else:
                    queue.append(list(session.decisions))
        self.session.close()
        return found

    @staticmethod
    def moves(session: Session) -> list[tuple[int, Choice]]:
        shown = list(enumerate(session.available_choices(), 1))
        place = session.place
        return shown + ([(0, place.timeout)] if isinstance(place, Node) and place.timeout else [])

    def known_endings_only(self, move: Choice, found: dict[str, list[Step]]) -> bool:
        """True when every place this move can lead to is an ending already reached sooner."""
        targets = {move.goto} | {r.goto for r in self.scenario.mood_rules if ((move.mood < 0) if r.below else (move.mood > 0))}
        return all(t in found for t in targets)

    @staticmethod
    def step(decision: object) -> Step:
        d: Any = decision
        return Step(d.node, d.number, d.text, d.target if d.forced else "")


def _unwind(parent: dict[str, Edge | None], place: str) -> list[Step]:
    steps = []
    while (edge := parent[place]) is not None:
        number = 0 if edge.move.index == TIMEOUT else edge.move.index + 1
        steps.append(Step(edge.source, number, edge.move.text, edge.target if edge.forced else ""))
        place = edge.source
    return steps[::-1]


def step_text(step: Step) -> str:
    """A route step in words, e.g. ``at-the-gate: reply 2 “I'm so sorry…”``."""
    move = "wait for the timeout" if step.number == 0 else f"reply {step.number} “{_short(step.text)}”"
    forced = f", then the mood rule sends them to {step.forced_to}" if step.forced_to else ""
    return f"{step.place}: {move}{forced}"


def _short(text: str, limit: int = 70) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"
