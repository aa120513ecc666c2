"""The reply clock is fair: a resumed session goes on with the time that was left (kept when the
screen is left or paused, and every few seconds), and a supervisor's extra-time setting stretches
or removes the limits for one trainee, shown on the scorecard. A FakeClock stands in for time."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from guihelp import rows


def _signed_in(make_window: Any, gate_file: Path, name: str = "Rosa Diaz") -> Any:
    window = make_window(gate_file)
    window.profile.name_edit.setText(name)
    window.profile.create_button.click()
    return window


def _start(window: Any) -> Any:
    next(c for c in window.library.cards if c.entry.id == "gate").start_button.click()
    return window.play


def test_leaving_keeps_the_time_left_and_resume_goes_on_with_it(make_window: Any, gate_file: Path, clock: Any,
                                                                  db_path: Path) -> None:  # fmt: skip
    window = _signed_in(make_window, gate_file)
    play = _start(window)
    clock.advance(6)
    play.tick()
    play.leave_button.click()
    session_id = play.session.id
    assert rows(db_path, "SELECT time_left, time_left_seq FROM sessions WHERE id = ?", session_id) == [(4.0, 0)]
    window.library.resume_now.click()
    assert window.play.session.id == session_id
    assert window.play.session.time_left() == pytest.approx(4)  # not a fresh 10 s
    assert window.play.countdown.format() == "4 s to reply"


def test_the_time_left_is_kept_while_playing_so_a_kill_cannot_reset_it(make_window: Any, gate_file: Path, clock: Any,
                                                                         store: Any, db_path: Path) -> None:  # fmt: skip
    window = _signed_in(make_window, gate_file)
    play = _start(window)
    session_id = play.session.id
    for _ in range(7):  # 7 s of ticks: kept when 5 s were used, as a kill -9 now would find it
        clock.advance(1)
        play.tick()
    assert rows(db_path, "SELECT time_left FROM sessions WHERE id = ?", session_id) == [(5.0,)]
    from simulator.store.resume import rebuild  # what a restart does with that row

    resumed, _ = rebuild(store, session_id, None, clock)
    assert resumed.session.time_left() == pytest.approx(5)
    resumed.session.close()


def test_a_reply_gives_the_next_node_its_full_time(make_window: Any, gate_file: Path, clock: Any, store: Any) -> None:
    window = _signed_in(make_window, gate_file)
    play = _start(window)
    clock.advance(6)
    play.tick()
    play.choose(1)  # to "listens", which has no limit
    play.leave_button.click()
    from simulator.store.resume import rebuild

    resumed, _ = rebuild(store, play.session.id, None, clock)
    assert resumed.session.state == "listens" and resumed.session.time_left() is None
    resumed.session.close()


@pytest.mark.parametrize(("setting", "limit"), [("off", 10.0), ("1.5x", 15.0), ("2x", 20.0), ("none", None)])
def test_extra_time_set_by_a_supervisor_applies_to_new_sessions(  # noqa: PLR0917 - pytest passes fixtures by name
    make_window: Any, gate_file: Path, clock: Any, store: Any, db_path: Path, setting: str, limit: float | None
) -> None:
    window = _signed_in(make_window, gate_file)
    store.set_extra_time(window.trainee.id, setting)  # after sign-in: the window must read it afresh
    play = _start(window)
    assert play.session.time_left() == limit
    assert play.countdown.isVisible() == (limit is not None)
    clock.advance(12)
    play.tick()
    timed_out = [d.number for d in play.session.decisions] == [0]
    assert timed_out == (setting == "off")  # 12 s is too long only without extra time
    stored = rows(db_path, "SELECT time_factor FROM sessions WHERE id = ?", play.session.id)
    assert stored == [({"off": 1.0, "1.5x": 1.5, "2x": 2.0, "none": 0.0}[setting],)]
    summary = store.trainee_history(window.trainee.id)[-1]
    from simulator.gui.supervise.scorecard import time_words

    assert time_words(summary.time_factor) == {"off": "as written", "1.5x": "1.5 x", "2x": "2 x", "none": "no limits"}[setting]


def test_an_unknown_extra_time_is_refused(store: Any) -> None:
    trainee = store.add_trainee("Ann Lee")
    with pytest.raises(ValueError, match="extra time must be one of"):
        store.set_extra_time(trainee.id, "3x")


def test_the_reply_order_is_the_sessions_own_and_survives_resume(make_window: Any, gate_file: Path, store: Any,
                                                                   db_path: Path) -> None:  # fmt: skip
    window = make_window(gate_file, shuffled=True)
    window.profile.name_edit.setText("Rosa Diaz")
    window.profile.create_button.click()
    play = _start(window)
    session = play.session
    (seed,) = rows(db_path, "SELECT shuffle_seed FROM sessions WHERE id = ?", session.id)[0]
    assert seed == session.shuffle_seed is not None
    shown = [c.text for c in session.available_choices()]
    assert [b.reply for b in play.choices.buttons] == shown  # the buttons show the session's order
    play.leave_button.click()
    window.library.resume_now.click()
    assert [b.reply for b in window.play.choices.buttons] == shown
    window.play.choose(2)
    decision = window.play.session.decisions[0]
    assert decision.number == 2 and decision.text == shown[1]
    stored = rows(db_path, "SELECT number, choice_index FROM decisions WHERE session_id = ?", session.id)
    assert stored == [(2, decision.choice_index)]
