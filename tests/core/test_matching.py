"""The typed-reply matcher with the real bundled WordLlama model, and the network out of reach."""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

import pytest

from simulator.engine import matching
from simulator.engine.matching import MAX_CHARS, Matcher, prepare
from simulator.scenario import load_scenario
from simulator.scenario.model import Choice
from tests.core.core_helpers import write_scenario

ROOT = Path(__file__).resolve().parents[2]
PARK = [
    Choice(0, "I'm so sorry, on his birthday too. Tell me what you had planned today.", "a"),
    Choice(1, "Park policy says refunds aren't given for weather; you can have a rain check.", "b"),
    Choice(2, "Here's a list of indoor places nearby: the aquarium is ten minutes away.", "c"),
]


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher()


def numbers(match: matching.Match) -> list[int]:
    return [r.choice.index + 1 for r in match.ranked]


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("oh no, sorry it's his birthday, what were you going to do?", 1),
        ("rules are rules, no refunds for rain, but here's a voucher for another day", 2),
        ("the aquarium is close by, you could go there instead", 3),
        ("sorry bout that, whats ur plan for the day", 1),  # casual, with typos
    ],
)
def test_ranks_the_meant_reply_first_and_clearly(matcher: Matcher, typed: str, meant: int) -> None:
    match = matcher.rank(typed, PARK)
    assert numbers(match)[0] == meant
    assert match.verdict == "clear"
    assert match.best is PARK[meant - 1]
    assert match.shortlist == match.ranked[:1]
    assert [r.similarity for r in match.ranked] == sorted((r.similarity for r in match.ranked), reverse=True)


def test_two_close_replies_are_offered_together(matcher: Matcher) -> None:
    twins = [Choice(0, "I'll refund the tickets today.", "a"), Choice(1, "I'll refund your tickets right now.", "b"), PARK[2]]
    match = matcher.rank("refund the tickets", twins)
    assert match.verdict == "close"
    assert {r.choice.index for r in match.shortlist} >= {0, 1}
    assert 2 <= len(match.shortlist) <= matching.SHORTLIST


@pytest.mark.parametrize(
    "typed",
    [
        "Je suis vraiment désolé pour le retard, nous allons trouver une solution",
        "Es tut mir leid, ich kann Ihnen leider nicht helfen",
        "asdkj qwpoe zxmnv lkjhg",
        "😀😀😀",
        "אני מצטער מאוד על העיכוב",
    ],
)
def test_other_languages_gibberish_and_bare_emoji_are_not_guessed(matcher: Matcher, typed: str) -> None:
    match = matcher.rank(typed, PARK)
    assert match.verdict == "unsure"
    assert match.best is None and match.shortlist == ()
    assert len(match.ranked) == 3  # the ranking is still there for the author's tools


@pytest.mark.parametrize(
    "typed",
    [
        "So sorry 😔 on his birthday, what had you planned?",
        "Désolée, I'm so sorry, what had you planned for his birthday?",
        "I'm sorry, Mr. אברהם, what had you planned for the birthday?",
    ],
)
def test_emoji_accents_and_right_to_left_words_inside_english_are_fine(matcher: Matcher, typed: str) -> None:
    match = matcher.rank(typed, PARK)
    assert match.verdict == "clear" and numbers(match)[0] == 1


def test_blank_text_does_nothing(matcher: Matcher) -> None:
    for blank in ("", "   \n\t "):
        match = matcher.rank(blank, PARK)
        assert match.verdict == "empty" and match.ranked == () and match.best is None


def test_long_text_is_cut_and_said_so(matcher: Matcher) -> None:
    long = "I'm so sorry about the birthday, tell me what you had planned. " * 60
    assert len(long) > MAX_CHARS
    match = matcher.rank(long, PARK)
    assert match.cut and len(match.text) <= MAX_CHARS
    assert numbers(match)[0] == 1
    assert prepare("  short  ") == ("short", False)


def test_apology_words_tip_a_near_tie(matcher: Matcher) -> None:
    """Two replies saying the same thing; the one that apologises wins when the trainee apologises."""
    pair = [Choice(0, "The room will be ready at six.", "a"), Choice(1, "I'm sorry, the room will be ready at six.", "b")]
    assert numbers(matcher.rank("sorry, six o'clock for the room", pair))[0] == 2
    assert matching.agreement(matching.stance("so sorry"), matching.stance("I apologise")) == 1
    assert matching.agreement(matching.stance("that's our policy"), matching.stance("sorry")) == -1


def test_cues_count_as_the_reply(matcher: Matcher) -> None:
    without = matcher.rank("want a free coffee while we sort it?", PARK)
    cued = [PARK[0], PARK[1], Choice(2, PARK[2].text, "c", cues=("Can I get you a coffee on us while we sort it out?",))]
    with_cue = matcher.rank("want a free coffee while we sort it?", cued)
    assert numbers(with_cue)[0] == 3
    assert with_cue.ranked[0].similarity > max(r.similarity for r in without.ranked if r.choice.index == 2)


def test_cues_are_read_and_checked(tmp_path: Path) -> None:
    nodes = (
        "  a:\n    say: Hi\n    choices:\n"
        "      - text: Hello there\n        goto: e\n        feedback: ok\n"
        "        cues: [Hi!, 'Good morning', 'hi!', '  ']\n"
        "      - text: Bye\n        goto: e\n        feedback: ok\n        cues: [Hello there]\n"
    )
    loaded = load_scenario(write_scenario(tmp_path, nodes, "  e: {outcome: loyal, title: T, debrief: D}\n"))
    assert loaded.scenario is not None
    assert loaded.scenario.nodes["a"].choices[0].cues == ("Hi!", "Good morning", "hi!")
    codes = {(p.code, p.line) for p in loaded.problems}
    assert ("duplicate-cue", 16) in codes and ("blank-cue", 16) in codes  # the line of the cue list
    assert any(p.code == "cue-clash" and "choice 2" in p.message for p in loaded.problems)


def test_the_model_loads_with_the_network_unreachable(tmp_path: Path) -> None:
    """A fresh process with no proxy, HF offline and every socket refused still loads and matches."""
    script = (
        "import socket\n"
        "def refuse(*a, **k): raise OSError('network is off in this test')\n"
        "socket.socket.connect = refuse; socket.create_connection = refuse; socket.getaddrinfo = refuse\n"
        "from simulator.engine.matching import Matcher\n"
        "from simulator.scenario.model import Choice\n"
        "m = Matcher().rank('so sorry', [Choice(0, 'I am sorry', 'a'), Choice(1, 'Rules are rules', 'b')])\n"
        "print(m.ranked[0].choice.index)\n"
    )
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "HF_HUB_OFFLINE": "1", "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "0"
    assert not (tmp_path / ".cache").exists()  # nothing was written to the default download folder
    assert socket.socket.connect is not None


def test_importing_the_model_leaves_logging_alone() -> None:
    script = "import logging\nfrom simulator.engine.matching import load_model\nload_model()\nprint(len(logging.root.handlers))"
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=False)
    assert done.stdout.strip() == "0", done.stderr
