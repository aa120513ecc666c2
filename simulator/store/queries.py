"""The read-side queries the practice window and reports need, each one SQL statement or two.

Aggregates run inside SQLite rather than as rows through Python. The supervisor's cohort lives
in ``supervision``.
"""

# ruff: noqa: S608 - SQL here is assembled from constants and column names read from our own schema, never from input

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from simulator.store.models import NodeStat, ScenarioStats, SessionInfo, SessionSummary, factor_of
from simulator.store.oddrows import Skipped

if TYPE_CHECKING:
    from sqlite_utils import Database

SESSION_CHECKED = {"id", "trainee_id", "scenario_id", "scenario_title", "content_hash", "mode", "started", "updated",
                   "finished", "abandoned", "outcome", "ending_id", "overall", "passed", "scores"}  # what a summary reads
ACTIVE = "(SELECT count(*) FROM decisions d WHERE d.session_id = s.id AND d.undone IS NULL)"
STEP_BACKS = "(SELECT count(*) FROM decisions d WHERE d.session_id = s.id AND d.undone IS NOT NULL)"


def unfinished(db: Database, trainee_id: str | None) -> list[SessionInfo]:
    sql = (
        f"SELECT s.id, s.trainee_id, t.name AS trainee_name, s.scenario_id, s.scenario_title, s.started, s.updated, "
        f"{ACTIVE} AS decisions, s.content_hash, s.mode FROM sessions s JOIN trainees t ON t.id = s.trainee_id "
        "WHERE s.finished IS NULL AND s.abandoned IS NULL AND (:trainee IS NULL OR s.trainee_id = :trainee) "
        "ORDER BY s.updated DESC"
    )
    return [SessionInfo(**row) for row in db.query(sql, {"trainee": trainee_id})]


def sessions(
    db: Database, trainee_id: str | None, scenario_id: str | None, skipped: list[Skipped] | None = None
) -> list[SessionSummary]:
    """Sessions oldest first; a row that can't be read is left out and added to ``skipped``."""
    from simulator.store.merge_rules import joined_problem_sql, parsed  # they load the engine: only when history is read

    problem = joined_problem_sql(db.conn, ("sessions", SESSION_CHECKED, "s"), ("trainees", {"name"}, "t"))
    sql = (
        f"SELECT {problem} AS problem, s.id, s.trainee_id, t.name AS trainee_name, s.scenario_id, s.scenario_title, "
        "s.content_hash, s.mode, "
        "s.started, s.updated, s.finished, s.abandoned, s.outcome, s.ending_id, s.overall, s.passed, "
        f"{ACTIVE} AS decisions, s.scores, {STEP_BACKS} AS step_backs, s.time_factor, s.library FROM sessions s "
        "JOIN trainees t ON t.id = s.trainee_id "
        "WHERE (:trainee IS NULL OR s.trainee_id = :trainee) AND (:scenario IS NULL OR s.scenario_id = :scenario) "
        "ORDER BY s.started, s.id"
    )
    found = []
    for row in db.query(sql, {"trainee": trainee_id, "scenario": scenario_id}):
        why = row.pop("problem")
        try:
            if why:
                raise ValueError(why)
            row["scores"] = parsed("sessions", "scores", row["scores"])
        except ValueError as exc:  # judged inside SQLite (fast); the JSON's shape when parsed
            if skipped is not None:
                skipped.append(Skipped(str(row["id"]), str(exc)))
            continue
        row["time_factor"] = factor_of(row["time_factor"])
        row["passed"] = None if row["passed"] is None else bool(row["passed"])
        row["library"] = bool(row["library"])
        found.append(SessionSummary(**row))
    return found


def best_scores(db: Database, trainee_id: str) -> dict[str, float]:
    sql = (
        "SELECT scenario_id, max(overall) FROM sessions WHERE trainee_id = ? AND finished IS NOT NULL "
        "AND overall IS NOT NULL GROUP BY scenario_id"
    )
    return dict(db.execute(sql, [trainee_id]).fetchall())


def recent_scores(db: Database, trainee_id: str, mode: str, limit: int) -> list[dict[str, float | None]]:
    """Per-dimension scores of the trainee's last ``limit`` finished sessions in ``mode``, newest first."""
    sql = (
        "SELECT scores FROM sessions WHERE trainee_id = ? AND mode = ? AND finished IS NOT NULL AND scores IS NOT NULL "
        "ORDER BY finished DESC, started DESC LIMIT ?"
    )
    return [json.loads(scores) for (scores,) in db.execute(sql, [trainee_id, mode, limit]).fetchall()]


def scenario_stats(db: Database, scenario_id: str, top: int = 5) -> ScenarioStats:
    where = {"scenario": scenario_id}
    count, finished, abandoned, mean, passed = db.execute(
        "SELECT count(*), count(finished), count(abandoned), avg(CASE WHEN finished IS NOT NULL THEN overall END), "
        "avg(CASE WHEN finished IS NOT NULL THEN passed END) FROM sessions WHERE scenario_id = :scenario",
        where,
    ).fetchone()
    title = db.execute(
        "SELECT scenario_title FROM sessions WHERE scenario_id = :scenario ORDER BY started DESC LIMIT 1", where
    ).fetchone()
    outcomes = dict(
        db.execute(
            "SELECT outcome, count(*) FROM sessions WHERE scenario_id = :scenario AND finished IS NOT NULL "
            "GROUP BY outcome ORDER BY outcome",
            where,
        ).fetchall()
    )
    return ScenarioStats(
        scenario_id,
        title[0] if title else "",
        count,
        finished,
        abandoned,
        round(finished / count, 3) if count else None,
        outcomes,
        None if mean is None else round(mean, 1),
        None if passed is None else round(passed, 3),
        _hardest(db, scenario_id, top),
    )


def _hardest(db: Database, scenario_id: str, top: int) -> list[NodeStat]:
    """The nodes where the chosen reply falls furthest below the best one, on average."""
    base = (
        "FROM decisions d JOIN sessions s ON s.id = d.session_id "
        "WHERE s.scenario_id = :scenario AND d.undone IS NULL AND d.choice_index IS NOT NULL"
    )
    worst: dict[str, int] = {}
    for node, index, _ in db.execute(
        f"SELECT d.node, d.choice_index, count(*) AS c {base} AND d.missed > 0 GROUP BY d.node, d.choice_index "
        "ORDER BY c DESC, d.choice_index",
        {"scenario": scenario_id},
    ):
        worst.setdefault(node, index)
    rows = db.execute(
        f"SELECT d.node, count(*), avg(coalesce(d.missed, 0)) AS m {base} GROUP BY d.node HAVING m > 0 "
        "ORDER BY m DESC, count(*) DESC, d.node LIMIT :top",
        {"scenario": scenario_id, "top": top},
    )
    return [NodeStat(node, visits, round(missed, 2), worst.get(node)) for node, visits, missed in rows]


def session_decisions(db: Database, session_id: str, include_undone: bool) -> list[dict[str, Any]]:
    sql = "SELECT * FROM decisions WHERE session_id = ? " + ("" if include_undone else "AND undone IS NULL ")
    rows = []
    for row in db.query(sql + "ORDER BY seq, at", [session_id]):
        row["points"] = json.loads(row["points"] or "{}")
        row["tags"] = json.loads(row["tags"] or "[]")
        row["forced"] = bool(row["forced"])
        rows.append(row)
    return rows
