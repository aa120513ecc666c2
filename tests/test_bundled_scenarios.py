"""The bundled scenarios are the product's reputation: check each one like code (no Qt here).

Every ``scenarios/*.yaml`` must load with no problem at all (not even a warning, except the gaming
check's while the content is being rewritten), be big enough
to teach (15+ nodes), end three ways (lost, neutral, loyal: all reachable in real play), let every
core rubric dimension be earned, reward listening over speed-running (the best-scoring path is
longer than the quickest way to any ending), pass its own declared playthroughs, and share no
line of dialogue with another bundled scenario.

"Reachable in real play" is checked by walking every path the engine would allow: ``when``
conditions, ``set`` effects, mood and mood rules included, timeouts counted as moves. The walker
asks the one rule of play (``simulator/scenario/rules.py``), as the engine does, and is checked
against real ``Session`` play on every declared playthrough and on the best path it finds.
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
from simulator.engine.scoring import score_dimensions
from simulator.scenario import Scenario, explore, load_scenario
from simulator.scenario.rubric import CORE
from simulator.scenario.rules import rules_of

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


def _walk(scenario: Scenario) -> Iterator[Path_]:
    """Every path, except that a path stops when it comes back to a state it has already been in."""
    rules = rules_of(scenario)
    first = rules.start()
    stack = [(first, (), {}, frozenset[object]())]
    while stack:
        state, moves, points, seen = stack.pop()
        if state.place in scenario.endings:
            yield Path_(moves, state.place, tuple(sorted(points.items())), state.mood)
            continue
        if state in seen:  # a loop that changes nothing: walking it again teaches nothing new
            continue
        assert rules.shown(state), f"{scenario.id}: no choice is shown at '{state.place}' with {rules.env(state)}"
        for move in rules.moves(state):
            outcome = rules.step(state, move)
            earned = dict(points)
            for dim, pts in outcome.points.items():
                earned[dim] = earned.get(dim, 0) + pts
            stack.append((outcome.state, (*moves, (state.place, move.index)), earned, seen | {state}))


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
    """No error and no warning: the gaming, timer and play-space checks (#15) included (#18's content)."""
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
