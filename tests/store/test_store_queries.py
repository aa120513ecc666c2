"""The supervisor's and the trainee's questions, answered from recorded play."""

from __future__ import annotations

import itertools
import statistics
from datetime import UTC, datetime

import pytest
from storehelp import play

from simulator.engine import FakeClock

BEST, BLAME_THEN_FIX, WALK_OUT, SLOW = [1, 1, 1], [2, 1, 2, 2], [2, 2], [1, "t", 2]


def _on(day: int) -> FakeClock:
    return FakeClock(datetime(2026, 1, day, 9, 0, tzinfo=UTC))


@pytest.fixture
def cohort(store, scenario):
    """Ann improves over four days, Bob gets worse, Cy never played, Dee left one unfinished."""
    for day, picks in ((1, WALK_OUT), (2, BLAME_THEN_FIX), (3, BEST), (4, BEST)):
        play(store, scenario, picks, trainee="Ann", clock=_on(day))
    for day, picks in ((1, BEST), (2, BEST), (3, SLOW), (4, WALK_OUT)):
        play(store, scenario, picks, trainee="Bob", clock=_on(day))
    store.add_trainee("Cy")
    play(store, scenario, [1], trainee="Dee", clock=_on(5))
    return store


def test_trainee_history_oldest_first_with_scores(cohort) -> None:
    ann = cohort.find_trainee("Ann")
    history = cohort.trainee_history(ann.id)
    assert [h.outcome for h in history] == ["lost", "neutral", "loyal", "loyal"]
    assert [h.started[:10] for h in history] == ["2026-01-01", "2026-01-02", "2026-01-03", "2026-01-04"]
    assert history[-1].overall == 100.0 and history[-1].passed is True
    assert history[-1].scores == {"alternatives": 100.0, "listening": 100.0, "emotional_repair": 100.0, "surprise": 100.0}
    assert all(h.trainee_name == "Ann" for h in history)


def test_best_scores_per_scenario(cohort) -> None:
    assert cohort.best_scores(cohort.find_trainee("Ann").id) == {"late-shuttle": 100.0}
    assert cohort.best_scores(cohort.find_trainee("Cy").id) == {}
    assert cohort.best_scores(cohort.find_trainee("Dee").id) == {}  # unfinished doesn't count


def _per_week(history) -> float:
    """The least-squares slope of overall score over time, in points per week, worked out here rather than in SQL."""
    days = [datetime.fromisoformat(h.started).timestamp() / 86400 for h in history]
    return 7 * statistics.linear_regression(days, [h.overall for h in history]).slope


def test_cohort_summary_counts_averages_and_trend(cohort) -> None:
    rows = {r.name: r for r in cohort.cohort_summary()}
    assert list(rows) == ["Ann", "Bob", "Cy", "Dee"]
    ann, cy, dee = rows["Ann"], rows["Cy"], rows["Dee"]
    assert (ann.sessions, ann.finished) == (4, 4)
    assert ann.last_activity.startswith("2026-01-04")
    assert set(ann.averages) == {"alternatives", "listening", "emotional_repair", "surprise"}
    assert ann.averages["surprise"] == 50.0  # two of four sessions earned the snack-box surprise
    assert ann.pass_rate == 0.5  # the two best plays passed
    history = cohort.trainee_history(ann.trainee_id)
    assert ann.overall == round(sum(h.overall for h in history) / 4, 1)
    assert (cy.sessions, cy.overall, cy.trend, cy.pass_rate, cy.averages) == (0, None, None, None, {})
    assert (dee.sessions, dee.finished, dee.overall, dee.trend) == (1, 0, None, None)


def test_cohort_trend_is_points_per_week_by_least_squares(cohort) -> None:
    rows = {r.name: r for r in cohort.cohort_summary()}
    ann, bob = rows["Ann"], rows["Bob"]
    assert ann.trend > 0 > bob.trend  # Ann improves over the four days, Bob slips
    for row in (ann, bob):  # overall 0, 12.5, 100, 100 and 100, 100, 37.5, 0 on consecutive days
        assert row.trend == pytest.approx(_per_week(cohort.trainee_history(row.trainee_id)), abs=0.06)  # shown to 0.1
    two_days = {r.name: r.trend for r in cohort.cohort_summary(since="2026-01-03")}
    assert two_days["Ann"] is None  # two sessions are not a trend


def test_cohort_summary_filters_by_date_and_scenario(cohort) -> None:
    rows = {r.name: r for r in cohort.cohort_summary(since="2026-01-03", until="2026-01-04")}
    assert rows["Ann"].sessions == 2 and rows["Ann"].overall == 100.0
    assert rows["Bob"].sessions == 2
    assert rows["Dee"].sessions == 0
    until_day = {r.name: r.sessions for r in cohort.cohort_summary(until="2026-01-01")}
    assert until_day["Ann"] == 1  # "until" a date includes that whole day
    assert all(r.sessions == 0 for r in cohort.cohort_summary(scenario_id="some-other-scenario"))


def test_scenario_stats(cohort) -> None:
    stats = cohort.scenario_stats("late-shuttle")
    assert stats.title == "The shuttle never came"
    assert (stats.sessions, stats.finished, stats.abandoned) == (9, 8, 0)
    assert stats.completion == round(8 / 9, 3)
    assert stats.outcomes == {"lost": 2, "loyal": 4, "neutral": 2}
    assert 0 < stats.pass_rate < 1
    hardest = stats.hardest
    assert hardest[0].node == "greet"  # blaming the shuttle company throws away 7 points
    assert hardest[0].worst_choice == 1
    assert {h.node for h in hardest} >= {"greet", "excuse"}
    assert all(a.missed >= b.missed for a, b in itertools.pairwise(hardest))


def test_unfinished_lists_interrupted_sessions_for_one_trainee(cohort) -> None:
    dee = cohort.find_trainee("Dee")
    offered = cohort.unfinished(dee.id)
    assert [(s.trainee_name, s.decisions, s.scenario_title) for s in offered] == [("Dee", 1, "The shuttle never came")]
    assert cohort.unfinished(cohort.find_trainee("Ann").id) == []
    assert len(cohort.unfinished()) == 1


def test_the_cohort_reads_only_its_covering_index(cohort) -> None:
    """The supervisor's table paints from this query: touching the sessions table doubled that time."""
    from simulator.store import supervision

    captured: list[str] = []
    cohort.db.conn.set_trace_callback(captured.append)
    try:
        supervision.cohort_rows(cohort, supervision.Filters())
    finally:
        cohort.db.conn.set_trace_callback(None)
    sql = next(s for s in captured if "GROUP BY s.trainee_id" in s)
    plan = " ".join(str(row[3]) for row in cohort.db.conn.execute("EXPLAIN QUERY PLAN " + sql))
    assert "COVERING INDEX idx_sessions_cohort" in plan, plan
