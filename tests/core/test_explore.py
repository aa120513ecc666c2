"""Explorer: exact on acyclic graphs, bounded on loops, linear in size."""

from __future__ import annotations

import gc
import time
from pathlib import Path

from core_helpers import FIXTURES, fixture, write_scenario

from simulator.scenario import Scenario, explore, load_scenario
from simulator.scenario.exploration import explore_static


def test_acyclic_counts_and_ranges(tmp_path: Path) -> None:
    nodes = (
        "  a:\n    say: x\n    choices:\n"
        "      - {text: p, goto: b, points: {listening: 2}, feedback: f}\n"
        "      - {text: q, goto: b, points: {listening: -1}, feedback: f}\n"
        "  b:\n    say: y\n    choices:\n"
        "      - {text: r, goto: good, points: {surprise: 3, alternatives: 1, emotional_repair: 1}, feedback: f}\n"
        "      - {text: s, goto: bad, points: {surprise: -2}, feedback: f}\n"
    )
    endings = "  good: {outcome: loyal, title: G, debrief: d}\n  bad: {outcome: lost, title: B, debrief: d}\n"
    scenario = load_scenario(write_scenario(tmp_path, nodes, endings)).scenario
    assert scenario is not None
    report = explore(scenario)
    assert report.paths == 4
    assert report.reachable_endings == ["bad", "good"]
    assert (report.dimensions["listening"].min, report.dimensions["listening"].max) == (-1, 2)
    assert (report.dimensions["surprise"].min, report.dimensions["surprise"].max) == (-2, 3)
    assert report.dimensions["surprise"].best_ending == "good"
    assert report.best_path == [("a", 0), ("b", 0)]
    assert report.shortest_path == 2


def test_cycles_are_unbounded_and_points_count_once() -> None:
    """A loop no longer makes the explorer give up: it plays the loop out exactly, like the static bounds here."""
    for report, low in ((explore(fixture("cyclic")), -1), (explore_static(fixture("cyclic")), -2)):
        assert report.paths is None
        # the loop a <-> b can collect listening 1 + 2 once each, then leave via a's "Finish" (0 listening)
        assert report.dimensions["listening"].max == 3
        # b's "Finish" costs 2, but real play earns 1 on the way to b (the static bound forgets that)
        assert report.dimensions["listening"].min == low
        assert report.dimensions["alternatives"].max == 2
    assert explore(fixture("cyclic")).exact and not explore_static(fixture("cyclic")).exact


def test_exact_exploration_respects_conditions_and_mood(tmp_path: Path) -> None:
    """A choice no real path can show doesn't raise the maximum that scores are scaled against."""
    nodes = (
        "  a:\n    say: x\n    choices:\n"
        "      - {text: p, goto: b, points: {listening: 1}, feedback: f, set: {asked: true}}\n"
        "      - {text: q, goto: b, mood: -40, feedback: f}\n"
        "  b:\n    say: y\n    choices:\n"
        "      - {text: r, goto: good, when: not asked, points: {listening: 9}, feedback: f}\n"
        "      - {text: s, goto: good, points: {alternatives: 1, emotional_repair: 1, surprise: 1}, feedback: f}\n"
    )
    endings = "  good: {outcome: loyal, title: G, debrief: d}\n  gone: {outcome: lost, title: B, debrief: d}\n"
    extra = "variables: {asked: false}\nmood_rules:\n  - below: 5\n    goto: gone\n"
    scenario = load_scenario(write_scenario(tmp_path, nodes, endings, extra)).scenario
    assert scenario is not None
    static, exact = explore_static(scenario), explore(scenario)
    assert static.dimensions["listening"].max == 10 and not static.exact
    assert exact.exact and exact.dimensions["listening"].max == 9  # q then r: 0 + 9; p hides r
    assert exact.paths == 3 and exact.shortest_path == 2  # p-s, q-r, q-s
    assert exact.reachable_endings == ["good"]  # mood 50 - 40 = 10 never falls below 5


def test_mood_rule_targets_are_reachable() -> None:
    report = explore(fixture("small"))
    assert "gone" in report.reachable_endings and report.unreachable == []


def test_exponential_path_count_in_linear_time(tmp_path: Path) -> None:
    """A ladder of 300 two-way steps has 2**300 paths; the explorer must not walk them."""
    steps = 300
    lines = []
    for i in range(steps):
        nxt = f"n{i + 1}" if i + 1 < steps else "end"
        lines.append(
            f"  n{i}:\n    say: s\n    choices:\n"
            f"      - {{text: x, goto: {nxt}, points: {{listening: 1}}, feedback: f}}\n"
            f"      - {{text: y, goto: {nxt}, points: {{alternatives: 1, emotional_repair: 1, surprise: 1}}, feedback: f}}\n"
        )
    path = write_scenario(tmp_path, "".join(lines).replace("  n0:", "  a:", 1), "  end: {outcome: loyal, title: E, debrief: d}\n")
    scenario = load_scenario(path).scenario
    assert scenario is not None
    started = time.perf_counter()
    report = explore(scenario)
    assert time.perf_counter() - started < 2.0
    assert report.paths == 2**steps
    assert report.dimensions["listening"].max == steps


def test_what_is_worked_out_for_a_scenario_dies_with_it(tmp_path: Path) -> None:
    """Rules, play space, edges and report live on the scenario, not in module caches that kept
    big scenarios alive (and every later garbage collection walking them: issue 15)."""
    path = tmp_path / "kept.yaml"
    path.write_bytes((FIXTURES / "good" / "cyclic.yaml").read_bytes())
    scenario = load_scenario(path).scenario  # the lint asks for all of it
    assert scenario is not None
    assert explore(scenario) is explore(scenario) and explore(scenario).strategies
    assert {"rules", "exploration", "edges"} <= set(scenario.derived)
    other = load_scenario(path).scenario
    assert other is not None and explore(other) is not explore(scenario)  # one file, two objects: nothing shared
    del scenario, other
    gc.collect()
    assert not [o for o in gc.get_objects() if isinstance(o, Scenario) and o.path == str(path)]
