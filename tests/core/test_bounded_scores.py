"""Scores scaled against graph bounds say so (issue 15 point 2): the scorecard, its text and the trainee report.

Past ``MAX_NODES`` the exact search gives up and the maxima come from the graph, which counts a
reply no trainee is ever shown: a perfect run then scores under 100, and every place that shows
the score must say why instead of leaving the trainee to think they missed something.
"""

from __future__ import annotations

import json
from pathlib import Path

from core_helpers import fixture

from simulator.engine import FakeClock, Session
from simulator.engine.scoring import BOUNDS_NOTE, exact_maxima, scorecard
from simulator.reports.data import cautions, trainee_report
from simulator.reports.json_export import export_json
from simulator.reports.transcript import scorecard_lines
from simulator.scenario import Scenario, load_scenario
from simulator.scenario.playspace import MAX_NODES
from simulator.store import open_store
from simulator.store.supervision import Filters


def too_big(tmp_path: Path, nodes: int = MAX_NODES + 1) -> Scenario:
    """A chain the exact search won't play out; its first node has a reply hidden for good that the graph still counts."""
    out = [
        "format: 1\nid: long-chain\ntitle: Long chain\nsummary: S.\ndifficulty: easy\nminutes: 1\n",
        "customer: {name: Cy, mood: 50}\nvariables: {asked: false}\nstart: n0\nnodes:\n",
    ]
    for i in range(nodes):
        goto = f"n{i + 1}" if i + 1 < nodes else "done"
        out.append(
            f"  n{i}:\n    say: Line {i}.\n    choices:\n"
            f"      - {{text: Good {i}, goto: {goto}, points: {{listening: 1}}, feedback: f}}\n"
            f"      - {{text: Bad {i}, goto: {goto}, points: {{listening: -1}}, feedback: f}}\n"
        )
    out.insert(4, "      - {text: Never shown, goto: n1, points: {listening: 5}, when: asked, feedback: f}\n")
    out.append("endings:\n  done: {outcome: loyal, title: Done, debrief: d}\n")
    path = tmp_path / "long-chain.yaml"
    path.write_text("".join(out), encoding="utf-8")
    loaded = load_scenario(path)
    assert loaded.scenario is not None and loaded.ok, [str(p) for p in loaded.problems if p.severity == "error"]
    assert "inexact-scores" in {p.code for p in loaded.problems}
    return loaded.scenario


def perfect_run(scenario: Scenario, clock: FakeClock | None = None) -> Session:
    session = Session(scenario, clock=clock or FakeClock())
    session.begin()
    while not session.finished:
        session.choose(1)  # "Good": the best reply shown at every node
    return session


def test_a_perfect_run_on_graph_bounds_says_why_it_is_under_100(tmp_path: Path) -> None:
    scenario = too_big(tmp_path)
    assert not exact_maxima(scenario)
    card = scorecard(perfect_run(scenario))
    assert not card.exact and card.to_dict()["exact"] is False  # play --format json carries it
    assert card.overall is not None and card.overall < 100
    assert f"  {BOUNDS_NOTE}" in scorecard_lines(card)


def test_exact_scores_carry_no_note() -> None:
    scenario = fixture("small")
    assert exact_maxima(scenario)
    session = perfect_run(scenario)
    card = scorecard(session)
    assert card.exact
    assert not any(BOUNDS_NOTE in line for line in scorecard_lines(card))


def test_the_trainee_report_names_the_scenario_scored_on_bounds(tmp_path: Path) -> None:
    scenario = too_big(tmp_path)
    with open_store(tmp_path / "results.db") as store:
        session = Session(scenario, clock=FakeClock())
        store.attach(session, "Dana Reyes")
        session.begin()
        while not session.finished:
            session.choose(1)
        trainee = store.trainees()[0]
        report = trainee_report(store, trainee.id, Filters())
        assert report is not None and report.bounded == ["Long chain"]
        assert any("Scores on Long chain are scaled against bounds" in note for note in cautions(report))
        out = tmp_path / "scorecards.json"
        export_json(store, out, unpublished=True)  # the file isn't in the library
    assert [s["exact_scores"] for s in json.loads(out.read_text(encoding="utf-8"))["sessions"]] == [False]
