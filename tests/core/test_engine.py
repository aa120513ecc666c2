"""The play session: choices, conditions, effects, mood rules, timeouts, undo, replay."""

from __future__ import annotations

from typing import Any

import pytest
from core_helpers import fixture

from simulator.engine import Decision, DecisionUndone, FakeClock, PlayError, Session, SessionFinished, SessionStarted
from simulator.engine.machine import shared_machine


def play(session: Session, *numbers: int) -> list[Decision]:
    return [session.choose(n) for n in numbers]


def test_plays_to_an_ending_and_emits_events_in_order() -> None:
    scenario = fixture("small")
    clock = FakeClock()
    session = Session(scenario, clock=clock)
    events: list[Any] = []
    session.listeners.append(events.append)
    session.begin()
    clock.advance(2.5)
    first = session.choose(1)
    assert (first.node, first.target, first.response_ms, first.points) == ("a", "b", 2500, {"listening": 2})
    assert (first.mood_before, first.mood_after) == (30, 40)
    play(session, 1)
    assert session.finished and session.state == "happy"
    kinds = [type(e) for e in events]
    assert kinds == [SessionStarted, Decision, Decision, SessionFinished]
    assert events[-1].scorecard.outcome == "loyal"


def test_when_hides_a_choice_once_set_has_run() -> None:
    session = Session(fixture("small"), clock=FakeClock())
    session.choose(1)
    assert [c.text for c in session.available_choices()] == ["Here is a Plan B.", "Ask again", "Sorry."]
    session.choose(2)
    assert session.env["asked"] is True
    assert [c.text for c in session.available_choices()] == ["Here is a Plan B.", "Sorry."]
    with pytest.raises(PlayError):
        session.choose(3)


def test_mood_rule_overrides_the_goto() -> None:
    session = Session(fixture("small"), clock=FakeClock())
    decision = session.choose(2)  # mood 30 - 25 = 5 < 10
    assert decision.forced and decision.target == "gone" and session.finished
    assert session.mood == 5


def test_timeout_with_injected_clock() -> None:
    clock = FakeClock()
    session = Session(fixture("small"), clock=clock)
    clock.advance(9.9)
    assert session.expire() is None
    assert session.time_left() == pytest.approx(0.1)
    clock.advance(0.2)
    decision = session.expire()
    assert decision is not None and decision.choice_index == -1 and decision.number == 0
    assert session.state == "b" and session.mood == 20
    assert session.time_left() is None


def test_a_paused_clock_stands_still_and_response_time_leaves_the_pause_out() -> None:
    clock = FakeClock()
    session = Session(fixture("small"), clock=clock)
    clock.advance(2)
    session.pause_clock()
    clock.advance(30)  # a dialog in front: none of this counts
    assert session.time_left() == pytest.approx(8) and session.expire() is None
    session.resume_clock()
    clock.advance(1)
    assert session.time_left() == pytest.approx(7)
    decision = session.choose(1)
    assert decision.response_ms == 3000


def test_extra_time_stretches_limits_and_none_turns_them_off() -> None:
    clock = FakeClock()
    longer = Session(fixture("small"), clock=clock, time_factor=1.5)
    assert longer.time_left() == pytest.approx(15)
    clock.advance(12)
    assert longer.expire() is None
    off = Session(fixture("small"), clock=clock, time_factor=None)
    clock.advance(100)
    assert off.time_left() is None and off.expire() is None


def test_a_resumed_node_continues_with_the_time_that_was_left() -> None:
    clock = FakeClock()
    session = Session(fixture("small"), clock=clock)
    session.continue_clock(4.0)
    assert session.time_left() == pytest.approx(4)
    clock.advance(4)
    assert session.expire() is not None


def test_points_count_once_when_a_loop_repeats_a_choice() -> None:
    session = Session(fixture("cyclic"), clock=FakeClock())
    first = play(session, 1, 1)  # a -> b -> a
    again = play(session, 1, 1)
    assert first[0].points == {"listening": 1} and again[0].points == {}
    assert again[1].points == {}


def test_undo_in_practice_replays_silently() -> None:
    session = Session(fixture("small"), clock=FakeClock())
    events: list[Any] = []
    session.listeners.append(events.append)
    play(session, 1, 2)
    session.undo()
    assert [d.seq for d in session.decisions] == [1]
    assert session.env["asked"] is False and session.state == "b"
    assert isinstance(events[-1], DecisionUndone) and events[-1].seq == 2
    assert len([e for e in events if isinstance(e, Decision)]) == 2


def test_no_undo_in_assessment() -> None:
    session = Session(fixture("small"), mode="assessment", clock=FakeClock())
    session.choose(1)
    with pytest.raises(PlayError):
        session.undo()


def test_replay_rebuilds_the_same_state() -> None:
    scenario = fixture("small")
    original = Session(scenario, clock=FakeClock())
    play(original, 1, 2)
    copy = Session(scenario, session_id=original.id, clock=FakeClock())
    copy.replay(original.decisions)
    assert (copy.state, copy.mood, copy.env) == (original.state, original.mood, original.env)
    assert [d.response_ms for d in copy.decisions] == [d.response_ms for d in original.decisions]
    with pytest.raises(PlayError):
        copy.take_index("a", 0)


def test_start_at_any_node_for_previews() -> None:
    session = Session(fixture("small"), start="b", clock=FakeClock())
    assert session.place.id == "b"
    with pytest.raises(PlayError):
        Session(fixture("small"), start="happy")


def test_sessions_share_one_machine_but_not_state() -> None:
    scenario = fixture("small")
    one, two = Session(scenario, clock=FakeClock()), Session(scenario, clock=FakeClock())
    assert one.machine is two.machine is shared_machine(scenario)
    one.choose(2)
    assert one.state == "gone" and two.state == "a"
    two.choose(1)
    assert two.state == "b"
    assert one not in one.machine.models


def test_bad_numbers_are_play_errors() -> None:
    session = Session(fixture("small"), clock=FakeClock())
    for number in (0, 3, -1):
        with pytest.raises(PlayError):
            session.choose(number)
    session.choose(2)
    with pytest.raises(PlayError):
        session.choose(1)
