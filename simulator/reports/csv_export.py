"""CSV scorecards: one row per session (a column per rubric dimension), or one row per choice made.

Made for spreadsheets: UTF-8 with a byte-order mark (so Excel shows "Chloé" right), times as
``YYYY-MM-DD HH:MM:SS`` in UTC, ``passed`` as 1/0 (its average is the pass rate), empty cells
for "not scored". Every text cell, in any column and the header, that starts with ``= + - @``, a
tab or a carriage return gets a leading single quote, so a trainee named ``=HYPERLINK(...)`` is
shown, never run. Numbers stay numbers (a -2 points column is not text and is not touched).

Rows stream from one SQL query straight into ``csv.writer`` in chunks; the neutralising, the
date formatting and the dimension columns are all computed inside SQLite.

Session columns: session_id, trainee, employee_id, trainee_id, scenario_id, scenario_title,
scenario_version, channel (in-person | phone | chat | email), mode,
library (1: played on a version the library offers, 0: on another file; such sessions are exported
only with ``unpublished=True``), started_utc, finished_utc, status (finished | abandoned | unfinished),
outcome (loyal | neutral | lost), ending_id, overall, passed, duration_s (start to ending), then one
column per dimension (scaled 0-100).
Choice columns (``decisions=True``): session_id, trainee, employee_id, scenario_id, mode, library,
session_started_utc, seq, node, number (as shown, 0 = time ran out), choice_index, text, target,
forced, mood_before, mood_after, at_utc, response_ms, missed (points below the best reply), tags,
typed (the trainee's own words when they typed the reply; empty when they clicked it),
then one column per dimension (points this choice earned). Choices undone in practice mode are left out.
"""

# ruff: noqa: S608 - SQL is assembled from constants and our own column names; values are always bound

from __future__ import annotations

import csv
from pathlib import Path
from typing import TYPE_CHECKING, Any

from simulator.reports.exports import ExportResult, check_cancel, not_from_library, replacing, resolve
from simulator.store import supervision
from simulator.store.oddrows import Skipped
from simulator.store.supervision import WHERE, neutralise, safe

if TYPE_CHECKING:
    from simulator.reports.exports import Cancelled, Progress
    from simulator.store import Store

CHUNK = 5000
UTC_TEXT = "strftime('%Y-%m-%d %H:%M:%S', {})"
STATUS = "CASE WHEN s.finished IS NOT NULL THEN 'finished' WHEN s.abandoned IS NOT NULL THEN 'abandoned' ELSE 'unfinished' END"

SESSION_COLUMNS = [
    ("session_id", "s.id"),
    ("trainee", "t.name"),
    ("employee_id", "t.employee_id"),
    ("trainee_id", "s.trainee_id"),
    ("scenario_id", "s.scenario_id"),
    ("scenario_title", "s.scenario_title"),
    ("scenario_version", "s.scenario_version"),
    ("channel", "(SELECT v.channel FROM scenario_versions v WHERE v.content_hash = s.content_hash)"),
    ("mode", "s.mode"),
    ("library", "s.library"),
    ("started_utc", UTC_TEXT.format("s.started")),
    ("finished_utc", UTC_TEXT.format("s.finished")),
    ("status", STATUS),
    ("outcome", "s.outcome"),
    ("ending_id", "s.ending_id"),
    ("overall", "s.overall"),
    ("passed", "s.passed"),
    ("duration_s", "CAST(round((julianday(s.finished) - julianday(s.started)) * 86400) AS INTEGER)"),
]
CHOICE_COLUMNS = [
    ("session_id", "s.id"),
    ("trainee", "t.name"),
    ("employee_id", "t.employee_id"),
    ("scenario_id", "s.scenario_id"),
    ("mode", "s.mode"),
    ("library", "s.library"),
    ("session_started_utc", UTC_TEXT.format("s.started")),
    ("seq", "d.seq"),
    ("node", "d.node"),
    ("number", "d.number"),
    ("choice_index", "d.choice_index"),
    ("text", "d.text"),
    ("target", "d.target"),
    ("forced", "d.forced"),
    ("mood_before", "d.mood_before"),
    ("mood_after", "d.mood_after"),
    ("at_utc", UTC_TEXT.format("d.at")),
    ("response_ms", "d.response_ms"),
    ("missed", "d.missed"),
    ("tags", "(SELECT group_concat(value, ' ') FROM json_each(CASE WHEN json_valid(d.tags) THEN d.tags END))"),
    ("typed", "d.typed"),
]


def _dimension(column: str, i: int) -> str:
    """A dimension's value from a JSON column; an unreadable cell is left empty instead of failing the export."""
    return f"CASE WHEN json_valid({column}) THEN json_extract({column}, :dim{i}) END"


def session_query(dims: list[str]) -> str:
    """Sessions in the filter, oldest first; a column per dimension read from the scores JSON."""
    columns = [safe(sql) for _, sql in SESSION_COLUMNS] + [safe(_dimension("s.scores", i)) for i in range(len(dims))]
    return (
        f"SELECT {', '.join(columns)} FROM sessions s JOIN trainees t ON t.id = s.trainee_id "
        f"WHERE {WHERE} ORDER BY s.started, s.id"
    )


def choice_query(dims: list[str]) -> str:
    columns = [safe(sql) for _, sql in CHOICE_COLUMNS] + [safe(_dimension("d.points", i)) for i in range(len(dims))]
    return (
        f"SELECT {', '.join(columns)} FROM decisions d JOIN sessions s ON s.id = d.session_id "
        f"JOIN trainees t ON t.id = s.trainee_id WHERE {WHERE} AND d.undone IS NULL ORDER BY s.started, s.id, d.seq"
    )


def dimension_params(dims: list[str]) -> dict[str, str]:
    return {f"dim{i}": f'$."{dim}"' for i, dim in enumerate(dims)}


def export_csv(
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
    dims = [d for d, _ in supervision.dimensions(store, filters)]
    columns, sql = (CHOICE_COLUMNS, choice_query(dims)) if decisions else (SESSION_COLUMNS, session_query(dims))
    total = supervision.count_decisions(store, filters) if decisions else supervision.count_sessions(store, filters)
    params = {**filters.params(), **dimension_params(dims)}
    done = 0
    with replacing(out_path, store.path) as temp, temp.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([name for name, _ in columns] + [neutralise(d) for d in dims])
        check_cancel(cancelled)
        for rows in supervision.stream(store, sql, params, CHUNK):
            writer.writerows(rows)
            done += len(rows)
            if progress is not None:
                progress(done, total)
            check_cancel(cancelled)
    sessions = done if not decisions else supervision.count_sessions(store, filters)
    trainees = len(supervision.trainee_ids(store, filters))
    return ExportResult(Path(out_path), "csv", done, sessions, trainees, kept=tuple(odd_sessions(store, params)),
                        left_out=not_from_library(store, filters))  # fmt: skip


def odd_sessions(store: Store, params: dict[str, Any]) -> list[Skipped]:
    """Sessions in the export whose stored row breaks our rules: the CSV keeps them (a cell it can't read
    is empty, never fatal for the cohort) and the summary names them, so nothing odd passes unseen."""
    from simulator.store.merge_rules import problem_sql  # the rules load the engine: only when exporting
    from simulator.store.queries import SESSION_CHECKED

    problem = problem_sql(store.db.conn, "sessions", SESSION_CHECKED, alias="s")
    sql = f"SELECT s.id, {problem} AS why FROM sessions s WHERE {WHERE} AND why IS NOT NULL ORDER BY s.started, s.id"
    return [Skipped(str(sid), str(why)) for sid, why in store.db.execute(sql, params).fetchall()]
