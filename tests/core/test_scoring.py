from __future__ import annotations

import json

from core_helpers import fixture

from simulator.engine import FakeClock, Session, scorecard


def test_best_path_scores_100_and_passes() -> None:
    session = Session(fixture("small"), clock=FakeClock())
    for n in (1, 2, 1):
        session.choose(n)
    card = scorecard(session)
    assert card.overall == 100.0 and card.passed and card.outcome == "loyal"
    assert {d.id: d.scaled for d in card.dimensions} == {
        "alternatives": 100.0,
        "listening": 100.0,
        "emotional_repair": 100.0,
        "surprise": 100.0,
    }
    json.dumps(card.to_dict())  # plain data


def test_scaling_against_the_explorer_maximum() -> None:
    session = Session(fixture("small"), clock=FakeClock())
    session.choose(1)
    session.choose(3)  # "Sorry." -> neutral ending, no points
    card = scorecard(session)
    listening = next(d for d in card.dimensions if d.id == "listening")
    assert (listening.earned, listening.best, listening.scaled) == (2, 3, 66.7)
    assert card.overall == round(66.7 / 4, 1)
    assert not card.passed and card.outcome == "neutral"


def test_lost_ending_never_passes_and_moments_explain() -> None:
    session = Session(fixture("small"), clock=FakeClock())
    session.choose(2)
    card = scorecard(session)
    assert card.outcome == "lost" and not card.passed
    gains, losses = card.key_moments()
    assert not gains and losses[0].text == "Policy says no." and losses[0].feedback == "bad"
    assert all(d.scaled == 0.0 for d in card.dimensions)


def test_unfinished_scorecard() -> None:
    session = Session(fixture("small"), clock=FakeClock())
    card = scorecard(session)
    assert not card.finished and card.outcome == "unfinished" and card.overall == 0.0
