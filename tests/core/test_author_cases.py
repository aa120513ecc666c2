"""The trainer's study (authoring-study.md), case by case: what the tools now say about each mistake."""

from __future__ import annotations

from pathlib import Path

import pytest
from core_helpers import write_scenario

from simulator.cli import main
from simulator.engine import FakeClock, Session, scorecard
from simulator.scenario import explore, load_scenario

FULL = "{listening: 2, alternatives: 2, emotional_repair: 2, surprise: 2}"
ENDINGS = "  won: {outcome: loyal, title: W, debrief: d}\n  lost: {outcome: lost, title: L, debrief: d}\n"


def problems(path: Path) -> list[str]:
    return [str(p) for p in load_scenario(path).problems]


def test_an_above_rule_to_a_node_is_named_and_the_perfect_path_still_scores_100(tmp_path: Path) -> None:
    """Study §5: an 'above: 90' rule to a node made explore fall back to bounds; the perfect path scored 80.7."""
    nodes = (
        "  a:\n    say: Hello.\n    choices:\n"
        f"      - {{text: Warm, goto: b, mood: 30, points: {FULL}, feedback: f}}\n"
        "      - {text: Cold, goto: lost, mood: -30, feedback: f}\n"
        "  b:\n    say: Go on.\n    choices:\n"
        "      - {text: Warmer, goto: won, mood: 30, points: {surprise: 1}, feedback: f}\n"
        "      - {text: Cooler, goto: won, mood: -5, feedback: f}\n"
    )
    path = write_scenario(tmp_path, nodes, ENDINGS, "mood_rules:\n  - above: 90\n    goto: b\n")
    found = problems(path)
    assert any(
        "warning: mood-rule-loop: the mood rule 'above: 90' sends the conversation to node 'b', where reply 1 can fire it again"
        in p
        for p in found
    ), found
    assert any(": error: trapped-in-play: " in p for p in found) is False  # "Cooler" still leads out
    scenario = load_scenario(path).scenario
    report = explore(scenario)  # type: ignore[arg-type]
    assert report.exact and report.best_choose == [1, 1, 2]  # "Warmer" bounces back to b (surprise +1 once), then out
    session = Session(scenario, clock=FakeClock())  # type: ignore[arg-type]
    for number in report.best_choose:
        session.choose(int(number))
    assert session.state == "won" and scorecard(session).overall == 100.0


def test_a_forced_loop_with_no_way_out_in_play_is_an_error(tmp_path: Path) -> None:
    nodes = (
        "  a:\n    say: Hello.\n    choices:\n"
        "      - {text: Warm, goto: b, mood: 45, feedback: f}\n"
        "      - {text: Cold, goto: lost, mood: -30, feedback: f}\n"
        "  b:\n    say: Go on.\n    choices:\n"
        "      - {text: Warmer, goto: won, mood: 5, feedback: f}\n"
    )
    path = write_scenario(tmp_path, nodes, ENDINGS, "mood_rules:\n  - above: 90\n    goto: b\n")
    found = problems(path)
    assert any(":18:3: error: trapped-in-play: a trainee can be caught going round b for ever" in p for p in found), found


def test_a_reply_whose_when_is_never_true_in_play_is_reported(tmp_path: Path) -> None:
    """Study §3: the late apology at 'delivered' could never be shown, and nothing said so."""
    nodes = (
        "  a:\n    say: Hello.\n    choices:\n"
        "      - {text: Sorry, goto: b, set: {apologised: true}, feedback: f}\n"
        "      - {text: Also sorry, goto: b, set: {apologised: true}, feedback: f}\n"
        "  b:\n    say: Go on.\n    choices:\n"
        "      - {text: Done, goto: won, feedback: f}\n"
        "      - {text: Late apology, goto: won, when: not apologised, feedback: f}\n"
    )
    path = write_scenario(tmp_path, nodes, ENDINGS, "variables: {apologised: false}\n")
    assert any(
        ":20:9: warning: never-shown: reply 2 of 'b' is never shown: its 'when: not apologised' is false every time" in p
        for p in problems(path)
    ), problems(path)


def test_two_files_with_one_id_and_an_id_off_the_pattern(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    nodes = "  a:\n    say: x\n    choices:\n      - {text: p, goto: won, feedback: f}\n"
    one = write_scenario(tmp_path, nodes, ENDINGS, name="one.yaml")
    two = write_scenario(tmp_path, nodes, ENDINGS, name="two.yaml")
    assert main(["validate", str(one), str(two)]) == 1
    out = capsys.readouterr().out
    assert f"{one}:2:5: error: duplicate-id: scenario id 't' is also the id of {two}" in out
    assert f"{two}:2:5: error: duplicate-id: scenario id 't' is also the id of {one}" in out
    two.write_text(two.read_text().replace("id: t\n", "id: Wrong.Cake\n"))
    assert main(["validate", str(two)]) == 1
    assert "error: bad-value: scenario id 'Wrong.Cake' breaks the pattern" in capsys.readouterr().out


def test_new_never_reuses_a_bundled_id(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "fix.yaml"
    assert main(["new", "24 hour fix", "--out", str(out)]) == 0
    scenario = load_scenario(out).scenario
    assert scenario is not None and scenario.id == "24-hour-fix-2"
    bundled = Path(__file__).resolve().parents[2] / "scenarios"
    assert main(["validate", str(out), str(bundled)]) == 0
    capsys.readouterr()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "format: 1\nid: t\n\ttitle: T\n",
            "3:1: error: yaml-syntax: invalid YAML: found a tab character that violates indentation; indent with spaces",
        ),
        (
            "format: 1\nid: t\ntitle: The cake: a story\n",
            "3:16: error: yaml-syntax: invalid YAML: mapping values are not allowed in this context; text containing ': ' must",
        ),
        ('format: 1\nid: t\ntitle: "Now" means now\n', "text that starts with a quote must end with it"),
        (
            "format: 1\nnodes:\n  a: 1\n  b: 2\n  a: 3\n",
            "5:3: error: duplicate-key: duplicate key 'a' (the first one is on line 3)",
        ),
    ],
)
def test_syntax_messages_say_what_to_do(tmp_path: Path, text: str, expected: str) -> None:
    path = tmp_path / "s.yaml"
    path.write_text(text)
    assert any(expected in p for p in problems(path)), problems(path)


def test_a_utf16_file_is_told_to_be_saved_as_utf8(tmp_path: Path) -> None:
    path = tmp_path / "s.yaml"
    for data in ("format: 1\nid: t\n".encode("utf-16"), "format: 1\nid: t\n".encode("utf-16-le")):
        path.write_bytes(data)
        assert problems(path) == [
            f"{path}:1:1: error: not-utf8: the file is UTF-16 text (Notepad's \"Unicode\"): "
            'save it as UTF-8 ("Save as", encoding UTF-8)'
        ]


def test_content_mistakes_get_the_real_fix(tmp_path: Path) -> None:
    nodes = (
        "  a:\n    say: x\n    time_limit: -15\n    timeout: {goto: won, feedback: f}\n    choices:\n"
        "      - {text: p, goto: needs-check, set: {plan: 'swap'}, feedback: f}\n"
        "      - {text: q, goto: needs-check, when: plan == swap, feedback: f}\n"
        "  needs-chek:\n    say: y\n    choices:\n      - {text: r, goto: won, feedback: f}\n"
    )
    path = write_scenario(tmp_path, nodes, ENDINGS, "variables: {plan: \"'none'\"}\n")
    found = problems(path)
    timer = [p for p in found if "time_limit" in p]
    assert len(timer) == 1 and "'time_limit' must be between 1 and 600, not -15" in timer[0]  # one error, not two
    swap = [p for p in found if "undefined variable 'swap'" in p]
    assert len(swap) == 2 and all("it needs quotes inside the YAML quotes: \"'swap'\"" in p for p in swap), swap
    typo = [p for p in found if "unknown-target" in p]
    assert len(typo) == 2 and all(
        "2 replies go to 'needs-check' and none to 'needs-chek' (line 18): if that name is the misspelt one, rename it" in p
        for p in typo
    ), typo
