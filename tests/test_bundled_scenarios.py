"""The bundled scenarios are the product's reputation: check each one like code (no Qt here).

Every ``scenarios/*.yaml`` must load with no problem at all (not even a warning), be big enough
to teach (15+ nodes), end three ways (lost, neutral, loyal: all reachable in real play), let every
core rubric dimension be earned, reward listening over speed-running (the best-scoring path is
longer than the quickest way to any ending), pass its own declared playthroughs, and share no
line of dialogue with another bundled scenario.

"Reachable in real play" is checked by walking every path the engine would allow: ``when``
conditions, ``set`` effects, mood and mood rules included, timeouts counted as moves. The static
explorer is deliberately generous (it ignores conditions), so it can't tell us that. The walker
mirrors the engine's rules (``simulator/engine/machine.py``) and is checked against real
``Session`` play on every declared playthrough and on the best path it finds.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from simulator.authoring.playtests import run_playtests
from simulator.engine import FakeClock, Session, scorecard
from simulator.engine.machine import new_mood
from simulator.engine.scoring import score_dimensions
from simulator.scenario import Choice, Scenario, explore, load_scenario
from simulator.scenario.rubric import CORE

ROOT = Path(__file__).resolve().parent.parent
SCENARIOS = sorted((ROOT / "scenarios").glob("*.yaml"))
EXPECTED = {
    "rained-out-park",
    "out-of-stock",
    "after-hours-client",
    "24-hour-fix",
    "dumb-rule",
    "canoes-no-life-jackets",
    "double-booked-room",
    "lost-reservation",
}
MIN_NODES = 15
MAX_PATHS = 200_000  # a safety net: the bundled files have a few thousand paths each
DIALOGUE_MIN_CHARS = 30


# -- loading and walking ---------------------------------------------------------------------


@functools.cache
def loaded(path: Path) -> tuple[Scenario | None, tuple[str, ...]]:
    result = load_scenario(path)
    return result.scenario, tuple(str(p) for p in result.problems)


def scenario_of(path: Path) -> Scenario:
    scenario, problems = loaded(path)
    assert scenario is not None, problems
    return scenario


@dataclass(frozen=True)
class Path_:
    """One complete playthrough: the moves as (node, declared index), where it ends, what it earned."""

    moves: tuple[tuple[str, int], ...]
    ending: str
    points: tuple[tuple[str, int], ...]
    mood: int

    @property
    def length(self) -> int:
        return len(self.moves)


def _step(scenario: Scenario, node: str, env: dict, mood: int, move: Choice) -> tuple[str, dict, int]:
    """Where a move leads, as the engine's machine decides it: effects, mood, then mood rules."""
    values = {name: expr.evaluate(env) for name, expr in move.effects}
    after = new_mood(mood, move)
    target = move.goto
    for rule in scenario.mood_rules:
        if ((move.mood < 0) if rule.below else (move.mood > 0)) and rule.fires(after):
            target = rule.goto
            break
    new_env = {**env, **values, "mood": after}
    return target, new_env, after


def _walk(scenario: Scenario) -> Iterator[Path_]:
    start_env = {**scenario.variables, "mood": scenario.customer.mood}
    stack = [(scenario.start, start_env, scenario.customer.mood, (), {}, frozenset())]
    while stack:
        node_id, env, mood, moves, points, seen = stack.pop()
        if node_id in scenario.endings:
            yield Path_(moves, node_id, tuple(sorted(points.items())), mood)
            continue
        state = (node_id, tuple(sorted(env.items())))
        if state in seen:  # a loop that changes nothing: walking it again teaches nothing new
            continue
        node = scenario.nodes[node_id]
        shown = [c for c in node.choices if c.when is None or c.when.evaluate(env)]
        assert shown, f"{scenario.id}: no choice is shown at '{node_id}' with {env}"
        taken = set(moves)
        for move in shown + ([node.timeout] if node.timeout else []):
            target, new_env, after = _step(scenario, node_id, env, mood, move)
            earned = dict(points)
            if (node_id, move.index) not in taken:
                for dim, pts in move.points.items():
                    earned[dim] = earned.get(dim, 0) + pts
            stack.append((target, new_env, after, (*moves, (node_id, move.index)), earned, seen | {state}))


@functools.cache
def paths(path: Path) -> tuple[Path_, ...]:
    scenario = scenario_of(path)
    out = []
    for walked in _walk(scenario):
        out.append(walked)
        assert len(out) <= MAX_PATHS, f"{scenario.id}: more than {MAX_PATHS} paths"
    return tuple(out)


def overall(scenario: Scenario, walked: Path_) -> float:
    _, score = score_dimensions(scenario, dict(walked.points))
    return score or 0.0


def play_for_real(scenario: Scenario, moves: tuple[tuple[str, int], ...]) -> Session:
    session = Session(scenario, clock=FakeClock())
    for node, index in moves:
        session.take_index(node, index)  # index TIMEOUT lets the clock run out
    return session


def dialogue(scenario: Scenario) -> Iterator[str]:
    """Every line a customer says or a trainee can answer, whitespace-normalised."""
    for node in scenario.nodes.values():
        yield node.say
        for choice in node.choices:
            yield choice.text
    for ending in scenario.endings.values():
        yield ending.say
    # narration and feedback may legitimately echo across files; dialogue may not


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


ids = [p.stem for p in SCENARIOS]


# -- the tests -------------------------------------------------------------------------------


def test_all_bundled_scenarios_are_present() -> None:
    assert {p.stem for p in SCENARIOS} >= EXPECTED


@pytest.mark.parametrize("path", SCENARIOS, ids=ids)
def test_loads_without_any_problem(path: Path) -> None:
    scenario, problems = loaded(path)
    assert scenario is not None
    assert problems == (), "\n".join(problems)
    assert scenario.id == path.stem


@pytest.mark.parametrize("path", SCENARIOS, ids=ids)
def test_schema_comment_heads_the_file(path: Path) -> None:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../simulator/scenario/schema.json"


@pytest.mark.parametrize("path", SCENARIOS, ids=ids)
def test_big_enough_to_teach(path: Path) -> None:
    scenario = scenario_of(path)
    assert len(scenario.nodes) >= MIN_NODES
    for node in scenario.nodes.values():
        assert 2 <= len(node.choices) <= 4, f"'{node.id}' has {len(node.choices)} choices"
        for choice in node.moves:
            assert choice.feedback.strip(), f"a move at '{node.id}' has no feedback"


@pytest.mark.parametrize("path", SCENARIOS, ids=ids)
def test_three_outcomes_and_everything_reachable_in_real_play(path: Path) -> None:
    scenario = scenario_of(path)
    walked = paths(path)
    reached = {p.ending for p in walked}
    assert len(reached) >= 3
    assert {scenario.endings[e].outcome for e in reached} >= {"lost", "neutral", "loyal"}
    assert reached == set(scenario.endings), f"never reached: {set(scenario.endings) - reached}"
    visited = {node for p in walked for node, _ in p.moves}
    assert visited == set(scenario.nodes), f"never visited: {set(scenario.nodes) - visited}"
    static = explore(scenario)
    assert set(static.reachable_endings) == reached and static.unreachable == []


@pytest.mark.parametrize("path", SCENARIOS, ids=ids)
def test_every_core_dimension_can_be_earned(path: Path) -> None:
    scenario = scenario_of(path)
    report = explore(scenario)
    for dim in CORE:
        assert report.dimensions[dim].max > 0, f"no path earns {dim}"
    # ... and earned in real play, not only in the explorer's condition-blind upper bound
    best_real = {d: max(dict(p.points).get(d, 0) for p in paths(path)) for d in scenario.rubric}
    for dim, rng in report.dimensions.items():
        assert best_real[dim] == rng.max, f"{dim}: real play earns at most {best_real[dim]}, explorer says {rng.max}"


@pytest.mark.parametrize("path", SCENARIOS, ids=ids)
def test_best_path_listens_first_and_wins_the_customer(path: Path) -> None:
    scenario = scenario_of(path)
    walked = paths(path)
    scored = [(overall(scenario, p), p) for p in walked]
    top = max(s for s, _ in scored)
    best = min((p for s, p in scored if s == top), key=lambda p: p.length)
    shortest = min(p.length for p in walked)
    assert best.length > shortest, "the best-scoring path is also a quickest way to an ending"
    assert scenario.endings[best.ending].outcome == "loyal"
    assert top >= 80
    # the walker agrees with the engine on that path
    session = play_for_real(scenario, best.moves)
    assert session.state == best.ending and session.mood == best.mood
    assert scorecard(session).overall == pytest.approx(top)
    session.close()


@pytest.mark.parametrize("path", SCENARIOS, ids=ids)
def test_declared_playthroughs_pass_and_cover_the_outcomes(path: Path) -> None:
    scenario = scenario_of(path)
    results = run_playtests(scenario)
    assert len(results) >= 3
    assert [str(r) for r in results if not r.passed] == []
    outcomes = {}
    for test in scenario.tests:
        outcomes.setdefault(scenario.endings[test.ending].outcome, []).append(test)
    assert any(t.score_min is not None and t.score_min >= 80 for t in outcomes.get("loyal", []))
    assert any(t.score_max is not None and t.score_max <= 40 for t in outcomes.get("lost", []))
    assert outcomes.get("neutral")


@pytest.mark.parametrize("path", SCENARIOS, ids=ids)
def test_walker_matches_the_engine_on_declared_playthroughs(path: Path) -> None:
    scenario = scenario_of(path)
    by_moves = {p.moves: p for p in paths(path)}
    for test in scenario.tests:
        session = Session(scenario, clock=FakeClock())
        for number in test.choose:
            session.choose(number)
        moves = tuple((d.node, d.choice_index) for d in session.decisions)
        assert moves in by_moves, f"the walker never found the path of '{test.name}'"
        assert by_moves[moves].ending == session.state and by_moves[moves].mood == session.mood
        session.close()


def test_no_dialogue_line_appears_in_two_scenarios() -> None:
    owners: dict[str, set[str]] = {}
    for path in SCENARIOS:
        for line in dialogue(scenario_of(path)):
            if len(line.strip()) > DIALOGUE_MIN_CHARS:
                owners.setdefault(norm(line), set()).add(path.stem)
    shared = {line: sorted(files) for line, files in owners.items() if len(files) > 1}
    assert shared == {}
