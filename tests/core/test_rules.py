"""One rule of play: the engine and the exact explorer agree step by step, and hidden replies are refused."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from core_helpers import fixture
from rules_gen import generate

from simulator.engine import FakeClock, PlayError, Session
from simulator.scenario import Scenario, load_scenario
from simulator.scenario.model import TIMEOUT
from simulator.scenario.playspace import PlaySpace, simulate

ROOT = Path(__file__).resolve().parents[2]
BUNDLED = sorted((ROOT / "scenarios").glob("*.yaml"))
WALKS = 20


def _moves(session: Session) -> list[tuple[int, object]]:
    """What the engine offers now: (number as shown, move), the timeout as number 0."""
    moves: list[tuple[int, object]] = list(enumerate(session.available_choices(), 1))
    timeout = getattr(session.place, "timeout", None)
    return moves + ([(0, timeout)] if timeout is not None else [])


def _walk_both(scenario: Scenario, space: PlaySpace, rng: random.Random, max_steps: int = 30) -> int:
    """One random walk through a real session and through the play space at once; returns steps taken."""
    session = Session(scenario, clock=FakeClock())
    state = space.start
    rules = space.rules
    for taken in range(max_steps):
        assert rules.canonical(session.now) == state  # the explorer merges moods nothing reads
        assert session.env == rules.env(state) or not rules.mood_matters
        offered = _moves(session)
        steps = space.steps[state]
        assert [m for _, m in offered] == [s.move for s in steps], f"different moves at '{state.place}'"
        if session.finished:
            return taken
        number, move = rng.choice(offered)
        decision = session.timeout() if number == 0 else session.choose(number)
        step = next(s for s in steps if s.move is move)
        assert (decision.target, decision.points) == (step.target.place, step.points)
        assert decision.mood_after == step.target.mood or not rules.mood_matters
        assert decision.forced == (step.target.place != step.move.goto)
        state = step.target
    session.close()
    return max_steps


def _check(scenario: Scenario, seed: int, space: PlaySpace | None = None) -> int:
    space = space or simulate(scenario)
    assert space is not None, "the exact explorer gave up on a small scenario"
    rng = random.Random(seed)
    return sum(_walk_both(scenario, space, rng) for _ in range(WALKS))


@pytest.mark.parametrize("path", BUNDLED, ids=[p.stem for p in BUNDLED])
def test_engine_and_explorer_agree_on_bundled_scenarios(path: Path) -> None:
    scenario = load_scenario(path).scenario
    assert scenario is not None
    assert _check(scenario, 1) > WALKS


def test_engine_and_explorer_agree_on_generated_scenarios(tmp_path: Path) -> None:
    """Loops, mood rules both ways (to endings and to nodes), conditions, effects and timers."""
    features = {"loop": 0, "above": 0, "below": 0, "timeout": 0, "hidden": 0}
    for seed in range(30):
        path = tmp_path / f"gen{seed}.yaml"
        path.write_text(generate(seed))
        scenario = load_scenario(path, lint=False).scenario
        assert scenario is not None, seed
        space = simulate(scenario)
        assert space is not None, seed
        _check(scenario, seed, space)
        for state, steps in space.steps.items():
            features["loop"] += any(s.target == state for s in steps) or state.taken != frozenset()
            features["above"] += any(s.rule is not None and not s.rule.below for s in steps)
            features["below"] += any(s.rule is not None and s.rule.below for s in steps)
            features["timeout"] += any(s.move.index == TIMEOUT for s in steps)
            node = scenario.nodes.get(state.place)
            features["hidden"] += node is not None and len(space.rules.shown(state)) < len(node.choices)
    assert all(features.values()), features  # the generator really exercises every rule


def test_a_hidden_reply_is_refused_by_the_engine_api() -> None:
    session = Session(fixture("small"), clock=FakeClock())
    session.choose(1)
    session.choose(2)  # sets asked: "Ask again" (reply 2 of 'b') is now hidden
    with pytest.raises(PlayError, match=r"reply 2 of 'b' is hidden now: its 'when: not asked' is false"):
        session.take_index("b", 1)
    hidden = session.scenario.nodes["b"].choices[1]
    with pytest.raises(PlayError, match="hidden now"):
        session._take(hidden, 2)  # the machine's own entry point refuses it too
    assert len(session.decisions) == 2 and session.state == "b"
    with pytest.raises(PlayError, match=r"choose a number from 1 to 2, not 3: 2 replies are shown here \(1 more is hidden"):
        session.choose(3)
