"""JSON scorecards: one document for tools (a dashboard, an HR system, a script).

The shape (checked by ``tests/supervise/scorecards.schema.json``)::

    {
      "format": "service-recovery-simulator/scorecards", "version": 1,
      "exported": "2026-02-16T09:30:00+00:00",            # UTC
      "filters": {"trainee": {"id", "name"} | null, "scenario": str | null,
                  "since": str | null, "until": str | null, "mode": "practice" | "assessment" | "all",
                  "unpublished": bool},                  # true: sessions on files outside the library included
      "dimensions": [{"id": "listening", "label": "Listening"}, ...],   # core four first
      "cohort": {"trainees": int, "sessions": int, "averages": {dimension: 0-100}},
      "trainees": [{"id", "name", "employee_id", "sessions", "finished", "last_activity",
                    "overall", "trend_per_week", "pass_rate", "averages": {dimension: 0-100}}],
      "sessions": [{"id", "trainee_id", "trainee", "scenario_id", "scenario_title",
                    "scenario_version", "channel", "mode", "started", "finished", "status", "outcome",
                    "ending_id", "overall", "passed", "library", "scores": {dimension: 0-100 | null},
                    "exact_scores": bool,                   # false: scaled against graph bounds (too big to play out)
                    "choices": [...]}],                     # "choices" only with decisions=True
      "skipped": [{"session": id, "problem": str}]  # sessions left out: a row that can't be read
    }

``trainees`` lists those with at least one session in the filter; ``sessions`` are oldest first.
A choice is {"seq", "node", "number", "choice_index", "text", "target", "forced", "points",
"mood_before", "mood_after", "at", "response_ms", "missed", "tags", "typed"} ("typed": the trainee's
own words when they typed the reply, else null); choices undone in practice mode are left out.
Times are ISO 8601 as recorded (UTC). Names and texts are data, unescaped except as JSON requires.
Sessions stream out in chunks, so a large export needs little memory.
"""

# ruff: noqa: S608 - SQL is assembled from constants and our own column names; values are always bound

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from simulator.reports import data
from simulator.reports.exports import ExportResult, check_cancel, not_from_library, replacing, resolve
from simulator.store import supervision
from simulator.store.merge_rules import joined_problem_sql, parsed, problem_sql
from simulator.store.oddrows import Skipped
from simulator.store.supervision import WHERE, Filters

if TYPE_CHECKING:
    from simulator.reports.exports import Cancelled, Progress
    from simulator.store import Store

FORMAT, VERSION, CHUNK = "service-recovery-simulator/scorecards", 1, 500
STATUS = "CASE WHEN s.finished IS NOT NULL THEN 'finished' WHEN s.abandoned IS NOT NULL THEN 'abandoned' ELSE 'unfinished' END"
SESSIONS = (
    "s.id, s.trainee_id, t.name, s.scenario_id, s.scenario_title, s.scenario_version, v.channel, s.mode, s.started, "
    f"s.finished, {STATUS}, s.outcome, s.ending_id, s.overall, s.passed, s.library, s.content_hash, s.scores "
    "FROM sessions s JOIN trainees t ON t.id = s.trainee_id LEFT JOIN scenario_versions v ON v.content_hash = s.content_hash "
    f"WHERE {WHERE} ORDER BY s.started, s.id"
)
CHECKED = {"id", "trainee_id", "scenario_id", "scenario_title", "scenario_version", "mode", "started", "finished", "outcome",
           "ending_id", "overall", "passed", "library", "content_hash", "scores"}  # the exported columns of sessions
SESSION_KEYS = (
    "id",
    "trainee_id",
    "trainee",
    "scenario_id",
    "scenario_title",
    "scenario_version",
    "channel",
    "mode",
    "started",
    "finished",
    "status",
    "outcome",
    "ending_id",
    "overall",
    "passed",
    "library",
    "content_hash",
)
CHOICE_KEYS = (
    "seq",
    "node",
    "number",
    "choice_index",
    "text",
    "target",
    "forced",
    "points",
    "mood_before",
    "mood_after",
    "at",
    "response_ms",
    "missed",
    "tags",
    "typed",
)


def header(store: Store, filters: Filters) -> dict[str, Any]:
    """Everything but the sessions: filters, dimensions, the cohort and its trainees."""
    lines, dims, averages = data.cohort(store, filters)
    active = [line for line in lines if line.sessions]
    trainee = store.trainee(filters.trainee_id) if filters.trainee_id else None
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported": datetime.now(UTC).isoformat(timespec="seconds"),
        "filters": {
            "trainee": {"id": trainee.id, "name": trainee.name} if trainee else None,
            "scenario": filters.scenario_id,
            "since": filters.since,
            "until": filters.until,
            "mode": filters.mode or "all",
            "unpublished": not filters.library_only,
        },
        "dimensions": [{"id": d, "label": label} for d, label in dims],
        "cohort": {"trainees": len(active), "sessions": sum(x.sessions for x in active), "averages": averages},
        "trainees": [
            {
                "id": x.trainee_id,
                "name": x.name,
                "employee_id": x.employee_id,
                "sessions": x.sessions,
                "finished": x.finished,
                "last_activity": x.last_activity,
                "overall": x.overall,
                "trend_per_week": x.trend,
                "pass_rate": x.pass_rate,
                "averages": x.averages or {},
            }
            for x in active
        ],
    }


def session_dict(row: tuple[Any, ...]) -> dict[str, Any]:
    """The session as exported; ``problem`` says why it can't be (the store's rules, ``merge_rules``)."""
    out = dict(zip(SESSION_KEYS, row[1:-1], strict=True))
    try:
        if row[0]:
            raise ValueError(row[0])
        out["scores"] = parsed("sessions", "scores", row[-1])
    except ValueError as exc:
        return {"id": str(out["id"]), "problem": str(exc)}
    out["passed"] = None if out["passed"] is None else bool(out["passed"])
    out["library"] = bool(out["library"])
    return out


def add_choices(store: Store, sessions: list[dict[str, Any]]) -> None:
    """Each session's choices; a choice that can't be read marks its whole session with a ``problem``."""
    ids = [s["id"] for s in sessions]
    marks = ", ".join("?" * len(ids))
    problem = problem_sql(store.db.conn, "decisions", set(CHOICE_KEYS))  # checked inside SQLite: 1M choices stay fast
    sql = (
        f"SELECT session_id, {problem}, {', '.join(CHOICE_KEYS)} FROM decisions WHERE session_id IN ({marks}) "
        "AND undone IS NULL ORDER BY session_id, seq"
    )
    by_id: dict[str, list[dict[str, Any]]] = {i: [] for i in ids}
    bad: dict[str, str] = {}
    for rows in supervision.stream(store, sql, ids):
        for sid, why, *values in rows:
            choice = dict(zip(CHOICE_KEYS, values, strict=True))
            try:
                if why:
                    raise ValueError(why)
                choice["forced"] = bool(choice["forced"])
                choice["points"] = parsed("decisions", "points", choice["points"])
                choice["tags"] = parsed("decisions", "tags", choice["tags"])
            except ValueError as exc:  # judged inside SQLite; the JSON's shape when parsed
                bad.setdefault(sid, f"choice {choice['seq']}: {exc}")
                continue
            by_id[sid].append(choice)
    for session in sessions:
        session["choices"] = by_id[session["id"]]
        if session["id"] in bad:
            session["problem"] = bad[session["id"]]


def write_sessions(store: Store, handle: TextIO, filters: Filters, decisions: bool, *, report: Any,
                   skipped: list[Skipped]) -> int:  # fmt: skip
    """The sessions array's items; one that can't be read goes to ``skipped`` instead."""
    done = 0
    problem = joined_problem_sql(store.db.conn, ("sessions", CHECKED, "s"), ("trainees", {"name"}, "t"),
                                 ("scenario_versions", {"channel"}, "v"))  # fmt: skip
    for rows in supervision.stream(store, f"SELECT {problem}, {SESSIONS}", filters.params(), CHUNK):
        sessions = [session_dict(row) for row in rows]
        if decisions:
            add_choices(store, [s for s in sessions if "problem" not in s])
        for session in sessions:
            if "problem" in session:
                skipped.append(Skipped(session["id"], session["problem"]))
                continue
            session["exact_scores"] = data.scored_exactly(store, session.pop("content_hash"))
            handle.write(",\n    " if done else "\n    ")
            handle.write(json.dumps(session, ensure_ascii=False))
            done += 1
        report(done)
    return done


def export_json(
    store: Store,
    out_path: str | Path,
    *,
    trainee: str | None = None,
    scenario: str | None = None,
    since: Any = None,
    until: Any = None,
    mode: str | None = None,
    unpublished: bool = False,
    decisions: bool = False,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> ExportResult:
    filters = resolve(store, trainee, scenario, since, until, mode=mode, unpublished=unpublished)
    total = supervision.count_sessions(store, filters)

    def report(done: int) -> None:
        if progress is not None:
            progress(done, total)
        check_cancel(cancelled)

    with replacing(out_path, store.path) as temp, temp.open("w", encoding="utf-8") as handle:
        head = header(store, filters)
        check_cancel(cancelled)
        text = json.dumps(head, ensure_ascii=False, indent=2)
        handle.write(text[:-2] + ',\n  "sessions": [')  # the header's closing "\n}" reopened for the sessions
        skipped: list[Skipped] = []
        done = write_sessions(store, handle, filters, decisions, report=report, skipped=skipped)
        named = [{"session": s.session_id, "problem": s.problem} for s in skipped]
        handle.write('\n  ],\n  "skipped": ' + json.dumps(named, ensure_ascii=False) + "\n}\n")
    return ExportResult(Path(out_path), "json", done, done, head["cohort"]["trainees"], tuple(skipped),
                        left_out=not_from_library(store, filters))  # fmt: skip
