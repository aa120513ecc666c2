"""Reply order: seeded per session so "always the second one" stops working, pinned by ``order:
fixed``, and the same order again on replay (resume, transcripts, exports)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from simulator.cli import main
from simulator.engine import FakeClock, Session
from simulator.scenario import read_scenario

ROOT = Path(__file__).resolve().parents[2]
PARK = ROOT / "scenarios" / "rained-out-park.yaml"


def _orders(seed: int | None) -> list[int]:
    session = Session(read_scenario(PARK), clock=FakeClock(), shuffle_seed=seed)
    return [c.index for c in session.available_choices()]


def test_a_seed_gives_one_order_and_seeds_differ() -> None:
    file_order = _orders(None)
    assert file_order == sorted(file_order)
    assert _orders(7) == _orders(7)  # the same session, the same order
    orders = {tuple(_orders(seed)) for seed in range(40)}
    assert len(orders) > 1
    assert all(sorted(o) == file_order for o in orders)  # a permutation: nothing hidden or added


def test_number_is_as_shown_and_choice_index_is_the_file_place() -> None:
    seed = next(s for s in range(100) if _orders(s)[0] != 0)  # a seed that moves the first reply
    session = Session(read_scenario(PARK), clock=FakeClock(), shuffle_seed=seed)
    first = session.available_choices()[0]
    decision = session.choose(1)
    assert (decision.number, decision.choice_index) == (1, first.index) and first.index != 0
    again = Session(read_scenario(PARK), clock=FakeClock(), shuffle_seed=seed)
    again.replay(session.decisions)  # resume and transcripts replay by file place
    assert again.decisions[0].number == 1 and again.state == session.state


def test_order_fixed_pins_a_node(tmp_path: Path) -> None:
    text = PARK.read_text(encoding="utf-8")
    scenario = read_scenario(PARK)
    start = scenario.start
    pinned = tmp_path / "pinned.yaml"
    marker = f"\n  {start}:\n"
    assert marker in text
    pinned.write_text(text.replace(marker, f"{marker}    order: fixed\n", 1), encoding="utf-8")
    fixed = read_scenario(pinned)
    assert fixed.nodes[start].order == "fixed"
    for seed in range(20):
        session = Session(fixed, clock=FakeClock(), shuffle_seed=seed)
        assert [c.index for c in session.available_choices()] == sorted(c.index for c in session.available_choices())


def test_a_bad_order_value_is_a_clear_problem(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = PARK.read_text(encoding="utf-8")
    start = read_scenario(PARK).start
    bad = tmp_path / "bad.yaml"
    bad.write_text(text.replace(f"\n  {start}:\n", f"\n  {start}:\n    order: random\n", 1), encoding="utf-8")
    assert main(["validate", str(bad)]) == 1
    out = capsys.readouterr().out
    assert "bad.yaml:" in out and "'order' must be one of shuffled, fixed, not 'random'" in out


def test_play_shuffle_plays_as_the_app_would(capsys: pytest.CaptureFixture[str]) -> None:
    seed = next(s for s in range(100) if _orders(s)[0] != 0)
    assert main(["play", str(PARK), "--choose", "1", "--shuffle", str(seed), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    (decision,) = data["decisions"]
    assert data["shuffle_seed"] == seed
    assert (decision["number"], decision["choice_index"]) == (1, _orders(seed)[0])
    assert main(["play", str(PARK), "--choose", "1", "--format", "json"]) == 0  # without it: the file's order
    assert json.loads(capsys.readouterr().out)["decisions"][0]["choice_index"] == 0
    with pytest.raises(SystemExit):
        main(["play", str(PARK), "--shuffle", "-1"])
    assert "a whole number from 0" in capsys.readouterr().err
