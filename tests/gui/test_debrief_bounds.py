"""The debrief says when its scores are scaled against bounds from the graph (issue 15 point 2),
so a trainee whose perfect run shows 99 knows it is the scenario's size, not a missed reply."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QLabel

from simulator.engine import FakeClock, Session
from simulator.engine.scoring import BOUNDS_NOTE, scorecard
from simulator.scenario import read_scenario

SMALL = Path(__file__).parent.parent / "fixtures" / "good" / "small.yaml"


def _shown(screen: Any) -> list[str]:
    """(object name, text) of the labels on screen; added widgets are shown by a queued call, hence the wait."""
    return [f"{label.objectName()}: {label.text()}" for label in screen.findChildren(QLabel) if label.isVisibleTo(screen)]


EXACT_NOTE = ": Each skill is scored against the best this scenario allows."


def test_the_debrief_says_when_scores_are_scaled_against_graph_bounds(qtbot: Any) -> None:
    from simulator.gui.debrief import DebriefScreen

    scenario = read_scenario(SMALL)
    session = Session(scenario, clock=FakeClock())
    session.begin()
    while not session.finished:
        session.choose(1)
    exact = scorecard(session)
    assert exact.exact  # the small fixture plays out exactly
    screen = DebriefScreen()
    qtbot.addWidget(screen)
    screen.resize(1024, 700)
    screen.show()
    screen.show_card(exact, scenario)
    qtbot.waitUntil(lambda: EXACT_NOTE in _shown(screen))
    assert not [text for text in _shown(screen) if text.startswith("bounds-note")]
    screen.show_card(replace(exact, exact=False), scenario)  # as a scenario past the exact search scores
    qtbot.waitUntil(lambda: f"bounds-note: {BOUNDS_NOTE}" in _shown(screen))
    assert EXACT_NOTE not in _shown(screen)
