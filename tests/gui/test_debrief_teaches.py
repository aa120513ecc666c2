"""The debrief teaches (#17 point 6): the coach bubbles and the debrief say a reply's points on one
scale, the customer's mood is drawn reply by reply, and "Next scenario" trains the skill the trainee
is weakest at in their *recent assessment* sessions (practice and older sessions don't count)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QLabel

# The gate scenario's best per dimension: listening 3, emotional repair 1, alternatives 2, surprise 1, each a
# quarter of the overall score. Its first reply (listening 2, emotional repair 1) is 2/3 of a quarter plus a
# quarter: 41.7 overall points, shared 16.7 + 25 and shown as 17 + 25 so the parts add up to the total.
FIRST_REPLY = "+42 points: Listening +17, Emotional repair +25"
PLAN_B = "+50 points: Offering alternatives +25, Surprise +25"


def _debrief_texts(window: Any) -> list[str]:
    return [label.text() for label in window.debrief.findChildren(QLabel) if label.isVisibleTo(window.debrief)]


def _start(window: Any, mode: str = "practice") -> None:
    window.profile.name_edit.setText("Rosa Diaz")
    window.profile.create_button.click()
    window.library.set_mode(mode)
    next(c for c in window.library.cards if c.entry.id == "gate").start_button.click()


def test_coach_bubbles_and_the_debrief_use_the_same_numbers(make_window: Any, gate_file: Path) -> None:
    window = make_window(gate_file)
    _start(window)
    window.play.choose(1)
    window.play.choose(1)
    coached = window.play.label_texts()
    assert f"{FIRST_REPLY}\nDramatic listening first." in coached
    assert f"{PLAN_B}\nA thoughtful Plan B, made easy." in coached
    window.play.end_button.click()
    texts = _debrief_texts(window)
    assert f"{FIRST_REPLY}\nDramatic listening first." in texts
    assert f"{PLAN_B}\nA thoughtful Plan B, made easy." in texts
    # passed, and no assessment yet to propose a next scenario from: back to the library is the main action
    assert window.debrief.library_button.property("role") == "primary" and not window.debrief.next_button.isVisible()


def test_a_costly_reply_says_its_loss_with_a_minus_and_one_better_reply(make_window: Any, gate_file: Path) -> None:
    window = make_window(gate_file)
    _start(window)
    window.play.choose(2)  # policy: listening -1 of 3, a quarter of the score: -8.3
    assert "−8 points: Listening −8\nQuoting policy puts the rule between you." in window.play.label_texts()
    window.play.choose(1)
    window.play.end_button.click()
    texts = _debrief_texts(window)
    assert "−8 points: Listening −8\nQuoting policy puts the rule between you." in texts
    better = [t for t in texts if t.startswith("A better reply")]
    assert better == ["A better reply here: “I'm so sorry, on his birthday too. Tell me what you had planned.”"]


def test_the_debrief_draws_the_customers_mood_reply_by_reply(make_window: Any, gate_file: Path) -> None:
    window = make_window(gate_file)
    _start(window)
    window.play.choose(1)  # mood 30 -> 50
    window.play.choose(1)  # -> 90
    window.play.end_button.click()
    curve = window.debrief.mood_curve
    assert curve.trail == [30, 50, 90]
    assert curve.isVisibleTo(window.debrief) and curve.height() >= curve.fontMetrics().height() * 6
    assert curve.accessibleDescription() == "Started upset (30), lowest at the start (30), ended delighted (90)"
    assert "How Maria felt, reply by reply" in _debrief_texts(window)
    image = curve.grab().toImage()  # painted, not blank: the line's dark colour is in it
    dark = {image.pixelColor(x, y).name() for x in range(0, image.width(), 2) for y in range(0, image.height(), 2)}
    assert "#102a43" in dark


def _play_headless(store: Any, path: Path, picks: list[int], mode: str, when: datetime) -> None:
    from simulator.engine import FakeClock, Session
    from simulator.scenario import read_scenario

    session = Session(read_scenario(path), mode=mode, clock=FakeClock(when))
    store.attach(session, "Rosa Diaz")
    session.begin()
    for pick in picks:
        session.clock.advance(5)
        session.choose(pick)
    assert session.finished
    session.close()


WEAK_LISTENING = [1, 1]  # listening 67, the rest 100
WEAK_PLAN_B = [1, 2, 2]  # listening and emotional repair 100, alternatives and surprise 0 (asking hides the question)


def test_next_scenario_trains_the_weakest_skill_of_recent_assessments_only(
    make_window: Any, gate_file: Path, store: Any, qtbot: Any
) -> None:
    store.add_trainee("Rosa Diaz")
    day = datetime(2025, 11, 1, 9, 0, tzinfo=UTC)
    for n in range(6):  # long ago, weak at Plan B: older than the last five assessments
        _play_headless(store, gate_file, WEAK_PLAN_B, "assessment", day + timedelta(days=n))
    for n in range(4):  # lately, in assessment: listening is the weak spot
        _play_headless(store, gate_file, WEAK_LISTENING, "assessment", day + timedelta(days=20 + n))
    for n in range(5):  # the newest of all, in practice: weak at Plan B again, and it must not count
        _play_headless(store, gate_file, WEAK_PLAN_B, "practice", day + timedelta(days=30 + n))
    from simulator.engine.recommend import recent_means

    means = recent_means(store.recent_scores(store.find_trainee("Rosa Diaz").id))
    # The last five assessments: four recent, one old. Counting all ten would make Plan B the weakest
    # (alternatives 40 against listening 87), and so would counting the practice (alternatives 0).
    assert (round(means["listening"]), round(means["alternatives"])) == (73, 80)

    window = make_window(gate_file)
    window.choose_trainee(store.find_trainee("Rosa Diaz"))
    window.library.set_mode("assessment")
    next(c for c in window.library.cards if c.entry.id == "gate").start_button.click()
    window.play.choose(1)
    window.play.choose(1)  # the fifth recent assessment, weak at listening too
    window.play.end_button.click()
    debrief = window.debrief
    qtbot.waitUntil(lambda: debrief.next_button.isVisibleTo(debrief), timeout=10000)
    # Of the bundled files, Rained out gives listening a quarter of its score and the most points (8).
    assert debrief.next_label.text() == (
        "“Rained out at Pinecrest Falls” trains Listening, your weakest skill in your last 5 assessments "
        "(67 out of 100). Press Next scenario to play it."
    )
    assert debrief.next_panel.isVisibleTo(debrief)
    assert debrief.next_button.property("role") == "primary"  # passed: moving on is the main action
    debrief.next_button.click()
    assert window.play.session.scenario.id == "rained-out-park" and window.play.session.mode == "assessment"



def test_a_reply_that_cost_nothing_but_missed_a_better_one_is_a_lesson_too(make_window: Any, gate_file: Path) -> None:
    window = make_window(gate_file)
    _start(window)
    window.play.choose(1)
    window.play.choose(3)  # the rain check: no points lost, and no Plan B either
    window.play.end_button.click()
    texts = _debrief_texts(window)
    assert "You said: “Here is a rain check.”" in texts
    assert "0 points\nCorrect, and forgettable." in texts
    assert "A better reply here: “Here is a Plan B, the aquarium, and I'll call ahead for you.”" in texts
