"""The gaming check: naive strategies and the warnings gameable, length-bias, position-bias,
cheap-loyal, timer-too-short, each on its own fixture (the bundled scenarios are being rewritten)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from core_helpers import write_scenario

from simulator.cli import main
from simulator.scenario import explore, load_scenario

GAMING = {"gameable", "length-bias", "position-bias", "cheap-loyal", "timer-too-short"}
GOOD = "I hear you: let me fix it, and here is something extra for the wait"
FULL = "{listening: 1, alternatives: 1, emotional_repair: 1, surprise: 1}"


def chain(good_at: list[int], long_good: bool, *, shortcut: bool = False, limit: int | None = None) -> tuple[str, str]:
    """Five decision nodes; the good reply moves on (the last one wins the customer), the others end it."""
    nodes = []
    for i, position in enumerate(good_at):
        nxt = f"n{i + 1}" if i + 1 < len(good_at) else "won"
        replies = [
            "      - {text: 'Policy is policy, I am afraid, nothing to be done today at all', goto: fine, feedback: f}\n",
            "      - {text: 'No', goto: lost, points: {listening: -1}, feedback: f}\n",
        ]
        good = GOOD if long_good else f"Tell me more, {i}"
        replies.insert(position, f"      - {{text: '{good}', goto: {nxt}, points: {FULL}, feedback: f}}\n")
        if shortcut and i == 0:
            replies.append("      - {text: 'Fine', goto: won, feedback: f}\n")
        timer = f"    time_limit: {limit}\n    timeout: {{goto: lost, feedback: f}}\n" if limit and i == 0 else ""
        nodes.append(f"  n{i}:\n    say: Where is my order? It was due on Monday.\n{timer}    choices:\n{''.join(replies)}")
    endings = (
        "  won: {outcome: loyal, title: W, debrief: d}\n  fine: {outcome: neutral, title: F, debrief: d}\n"
        "  lost: {outcome: lost, title: L, debrief: d}\n"
    )
    return "".join(nodes).replace("  n0:", "  a:").replace("goto: n0,", "goto: a,"), endings


def codes(tmp_path: Path, nodes: str, endings: str) -> list[str]:
    loaded = load_scenario(write_scenario(tmp_path, nodes, endings))
    assert loaded.ok, [str(p) for p in loaded.problems]
    return [p.code for p in loaded.problems if p.code in GAMING]


def test_a_fair_scenario_has_no_gaming_warning(tmp_path: Path) -> None:
    assert codes(tmp_path, *chain([1, 2, 0, 2, 1], long_good=False, limit=60)) == []


def test_always_the_longest_and_always_the_first_reply_win(tmp_path: Path) -> None:
    path = write_scenario(tmp_path, *chain([0, 0, 0, 0, 0], long_good=True))
    problems = [p for p in load_scenario(path).problems if p.code in GAMING]
    assert sorted(p.code for p in problems) == ["gameable", "gameable", "length-bias", "position-bias"]
    text = "\n".join(str(p) for p in problems)
    assert "warning: gameable: always choosing the longest reply reaches 'won' (loyal) with an overall score of 100" in text
    assert "always choosing the first reply reaches 'won'" in text
    assert "the best reply is also the longest in 5 of 5 decision nodes" in text
    assert "the best reply is the first one in 5 of 5 decision nodes" in text


def test_position_bias_without_a_winning_strategy(tmp_path: Path) -> None:
    path = write_scenario(tmp_path, *chain([2, 2, 2, 1, 2], long_good=False))
    (problem,) = [p for p in load_scenario(path).problems if p.code in GAMING]  # "last" loses at n3: not gameable
    assert problem.code == "position-bias" and "the best reply is the third one in 4 of 5 decision nodes" in problem.message


def test_a_cheap_loyal_ending_is_named_with_the_path_to_it(tmp_path: Path) -> None:
    path = write_scenario(tmp_path, *chain([1, 2, 0, 2, 1], long_good=False, shortcut=True))
    (problem,) = [p for p in load_scenario(path).problems if p.code == "cheap-loyal"]
    assert "the loyal ending 'won' can be reached with an overall score of 0, under the pass mark 60 (--choose 4)" in str(problem)
    assert problem.line == path.read_text().splitlines().index("  won: {outcome: loyal, title: W, debrief: d}") + 1


def test_a_timer_shorter_than_the_reading(tmp_path: Path) -> None:
    path = write_scenario(tmp_path, *chain([1, 2, 0, 2, 1], long_good=False, limit=8))
    (problem,) = [p for p in load_scenario(path).problems if p.code == "timer-too-short"]
    # 8 + 12 + 1 + 4 = 25 words: 6 s to read, + 5 s
    assert "'a' gives 8 s, but reading it and its replies takes about 11 s" in problem.message


def test_random_play_that_mostly_passes_is_gameable(tmp_path: Path) -> None:
    nodes = (
        "  a:\n    say: Hello.\n    choices:\n"
        f"      - {{text: one, goto: won, points: {FULL}, feedback: f}}\n"
        f"      - {{text: two, goto: won, points: {FULL}, feedback: f}}\n"
        "      - {text: three, goto: lost, feedback: f}\n"
    )
    endings = "  won: {outcome: loyal, title: W, debrief: d}\n  lost: {outcome: lost, title: L, debrief: d}\n"
    report = explore(load_scenario(write_scenario(tmp_path, nodes, endings)).scenario)  # type: ignore[arg-type]
    chance = report.strategies["random"]
    assert chance.walks > 1 and 0.5 < chance.pass_rate < 0.9 and chance.passed and chance.games  # type: ignore[operator]


def test_explore_reports_the_strategies(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = str(write_scenario(tmp_path, *chain([0, 0, 0, 0, 0], long_good=True)))
    assert main(["explore", path, "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data["strategies"]) == {"longest", "shortest", "first", "second", "last", "random"}
    assert data["strategies"]["longest"] == {
        "name": "longest", "outcome": "loyal", "ending": "won", "overall": 100.0, "passed": True, "steps": 5, "walks": 1,
    }  # fmt: skip
    assert data["strategies"]["second"]["outcome"] == "neutral" and not data["strategies"]["second"]["passed"]
    assert main(["explore", path]) == 0
    text = capsys.readouterr().out
    assert "  longest    loyal           100  yes    won   <- gameable" in text
    assert "  shortest   lost              0  no     lost" in text


def test_tests_take_t_and_explore_prints_a_path_ready_to_paste(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The best path goes through a timeout and a reply hidden until it; pasted into tests:, it passes."""
    nodes = (
        "  a:\n    say: Hello?\n    time_limit: 30\n    timeout: {goto: b, set: {waited: true}, feedback: f}\n    choices:\n"
        "      - {text: Hi, goto: b, feedback: f}\n"
        "  b:\n    say: Well?\n    choices:\n"
        "      - {text: Early bird, goto: won, when: not waited, feedback: f}\n"
        f"      - {{text: Nothing, goto: lost, feedback: f}}\n"
        f"      - {{text: Patience pays, goto: won, when: waited, points: {FULL}, feedback: f}}\n"
    )
    endings = "  won: {outcome: loyal, title: W, debrief: d}\n  lost: {outcome: lost, title: L, debrief: d}\n"
    path = write_scenario(tmp_path, nodes, endings, "variables: {waited: false}\n")
    assert main(["explore", str(path), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["best_choose"] == ["t", 2]  # "Patience pays" is shown second
    assert main(["explore", str(path)]) == 0
    assert "Best overall path: 2 choice(s): choose: [t, 2]" in capsys.readouterr().out
    path.write_text(path.read_text() + "tests:\n  - {name: waits, choose: [t, 2], ending: won, score: {min: 100}}\n")
    assert main(["test", str(path)]) == 0
    assert f"{path}:" in capsys.readouterr().out


def test_a_test_step_that_is_neither_a_number_nor_t_says_what_is_allowed(tmp_path: Path) -> None:
    nodes = "  a:\n    say: x\n    choices:\n      - {text: p, goto: won, feedback: f}\n"
    extra_tests = "tests:\n  - {name: n, choose: [1, 0, x, 2.0]}\n"
    path = write_scenario(tmp_path, nodes, "  won: {outcome: loyal, title: W, debrief: d}\n")
    path.write_text(path.read_text() + extra_tests)
    messages = [p.message for p in load_scenario(path).problems if p.code == "wrong-type"]
    assert messages == [
        "each step of 'choose' is a reply number as shown (1 = the first shown) or t to let the timer run out, "
        f"as in play --choose; not {bad}"
        for bad in ("0", "'x'")
    ]
