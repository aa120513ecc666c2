"""Read-only queries for the supervisor area and the scorecard exports. No Qt here.

Kept apart from ``queries`` (the practice window's needs) because these serve one audience:
a supervisor looking at everyone. Every function takes the ``Store`` and a ``Filters``; rows for
exports come back as a cursor so 200,000 sessions stream to disk without being held in memory.

Spreadsheet safety lives here too: ``safe(column)`` wraps a text column in SQL that prefixes a
single quote when the value starts with ``= + - @``, a tab or a carriage return, so the check
runs inside SQLite at C speed instead of once per cell in Python.
"""

# ruff: noqa: S608 - SQL is assembled from constants and our own column names; values are always bound

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from simulator.scenario.rubric import CORE
from simulator.store.errors import guard

if TYPE_CHECKING:
    from simulator.store.handle import StoreHandle

RISKY = "=+-@\t\r"  # a spreadsheet may read a cell starting with one of these as a formula


MODES = ("practice", "assessment")


@dataclass(frozen=True)
class Filters:
    """Which sessions a view or an export covers; None means "any". ``until`` includes its whole day.

    ``mode`` is "assessment", "practice" or None (both): a practice session may have been played
    with step-backs and coaching, so the supervisor's figures default to assessment only.
    ``library_only`` leaves out sessions played on a file the library doesn't offer (a copy that
    may have been edited to score everything, see ``store.library``); views and exports set it
    unless the supervisor asks to include them, and then mark each one.
    """

    trainee_id: str | None = None
    scenario_id: str | None = None
    since: str | None = None
    until: str | None = None
    mode: str | None = None
    library_only: bool = False

    def params(self) -> dict[str, Any]:
        return {"trainee": self.trainee_id, "scenario": self.scenario_id, "since": self.since, "until": self.until,
                "mode": self.mode, "library_only": int(self.library_only)}  # fmt: skip

    def but(self, **changes: Any) -> Filters:
        """These filters with some fields changed (a trainee's view of the cohort's filters, say)."""
        return replace(self, **changes)


WHERE = (
    "(:trainee IS NULL OR s.trainee_id = :trainee) AND (:scenario IS NULL OR s.scenario_id = :scenario) "
    "AND (:since IS NULL OR s.started >= :since) AND (:until IS NULL OR s.started <= :until || '~') "
    "AND (:mode IS NULL OR s.mode = :mode) AND (:library_only = 0 OR s.library = 1)"
)


def neutralise(value: Any) -> Any:
    """A text cell a spreadsheet will show as text, never run as a formula."""
    if isinstance(value, str) and value and value[0] in RISKY:
        return "'" + value
    return value


def safe(column: str) -> str:
    """SQL for ``column`` neutralised like ``neutralise`` (61 '=', 43 '+', 45 '-', 64 '@', 9 tab, 13 CR).

    Text only: a number (-2 points) stays a number, while a text cell is neutralised whatever column
    it is in, since a merged or hand-edited file can put text anywhere.
    """
    risky = f"typeof({column}) = 'text' AND unicode({column}) IN (61, 43, 45, 64, 9, 13)"
    return f"CASE WHEN {risky} THEN '''' || {column} ELSE {column} END"


def _rows(store: StoreHandle, sql: str, params: Any = ()) -> list[tuple[Any, ...]]:
    with guard(store.path):
        return store.db.execute(sql, params).fetchall()


def dimensions(store: StoreHandle, filters: Filters | None = None) -> list[tuple[str, str]]:
    """(id, label) of every dimension scored in the filtered sessions: the core four first.

    A scenario version always scores the same dimensions, so one finished session per stored
    version tells them all (found through the scenario/date index): no scan of every score row.
    """
    filters = filters or Filters()
    sample = (
        "SELECT s.id FROM sessions s WHERE s.scenario_id = v.scenario_id AND s.content_hash = v.content_hash "
        f"AND s.finished IS NOT NULL AND {_where(filters)} LIMIT 1"
    )
    sql = (
        f"SELECT sc.dimension, max(sc.label) FROM scenario_versions v JOIN session_scores sc ON sc.session_id = ({sample}) "
        "GROUP BY sc.dimension"
    )
    found = dict(_rows(store, sql, filters.params()))
    order = [d for d in CORE if d in found] + sorted(d for d in found if d not in CORE)
    return [(d, found[d] or d) for d in order]


def scenarios(store: StoreHandle) -> list[tuple[str, str]]:
    """(id, latest title) of every scenario anyone has played, by title."""
    sql = (
        "SELECT scenario_id, scenario_title FROM sessions s WHERE started = "
        "(SELECT max(started) FROM sessions WHERE scenario_id = s.scenario_id) GROUP BY scenario_id"
    )
    return sorted(_rows(store, sql), key=lambda r: (r[1] or r[0]).casefold())


def cohort_averages(store: StoreHandle, filters: Filters) -> dict[str, float]:
    """Mean scaled score per dimension over every finished session in the filter (the cohort line)."""
    sql = (
        "SELECT sc.dimension, avg(sc.scaled) FROM session_scores sc JOIN sessions s ON s.id = sc.session_id "
        f"WHERE {WHERE} AND s.finished IS NOT NULL AND sc.scaled IS NOT NULL GROUP BY sc.dimension"
    )
    return {dim: round(mean, 1) for dim, mean in _rows(store, sql, filters.params())}


def cohort_overall(store: StoreHandle, filters: Filters) -> float | None:
    """Mean overall score of every finished session in the filter."""
    sql = f"SELECT avg(overall) FROM sessions s WHERE {_where(filters)} AND s.finished IS NOT NULL"
    mean = _rows(store, sql, filters.params())[0][0]
    return None if mean is None else round(mean, 1)


def count_sessions(store: StoreHandle, filters: Filters) -> int:
    return int(_rows(store, f"SELECT count(*) FROM sessions s WHERE {WHERE}", filters.params())[0][0])


def count_decisions(store: StoreHandle, filters: Filters) -> int:
    sql = f"SELECT count(*) FROM decisions d JOIN sessions s ON s.id = d.session_id WHERE {WHERE} AND d.undone IS NULL"
    return int(_rows(store, sql, filters.params())[0][0])


def session_start(store: StoreHandle, session_id: str) -> tuple[str, str, int | None] | None:
    """(start node, mode, shuffle seed) of a session, for replaying it as the trainee saw it."""
    found = _rows(store, "SELECT start_node, mode, shuffle_seed FROM sessions WHERE id = ?", [session_id])
    return found[0] if found else None


def stream(store: StoreHandle, sql: str, params: Any, chunk: int = 5000) -> Iterator[list[tuple[Any, ...]]]:
    """Rows of ``sql`` in lists of ``chunk`` (StoreError, not sqlite3.Error, on failure)."""
    with guard(store.path):
        cursor = store.db.conn.execute(sql, params)
        while True:
            rows = cursor.fetchmany(chunk)
            if not rows:
                return
            yield rows


def outcome_mix(store: StoreHandle, scenario_id: str, filters: Filters) -> dict[str, Any]:
    """Sessions, finished, abandoned, mean overall, pass rate and outcome counts of one scenario."""
    params = {**filters.params(), "scenario": scenario_id}
    count, finished, abandoned, mean, passed = _rows(
        store,
        "SELECT count(*), count(finished), count(CASE WHEN finished IS NULL THEN abandoned END), "
        "avg(CASE WHEN finished IS NOT NULL THEN overall END), avg(CASE WHEN finished IS NOT NULL THEN passed END) "
        f"FROM sessions s WHERE {WHERE}",
        params,
    )[0]
    outcomes = dict(
        _rows(store, f"SELECT outcome, count(*) FROM sessions s WHERE {WHERE} AND finished IS NOT NULL GROUP BY outcome", params)
    )
    latest = _rows(store, f"SELECT content_hash FROM sessions s WHERE {WHERE} ORDER BY started DESC LIMIT 1", params)
    return {
        "sessions": count, "finished": finished, "abandoned": abandoned,
        "average": None if mean is None else round(mean, 1), "pass_rate": passed,
        "outcomes": outcomes, "latest_hash": latest[0][0] if latest else None,
    }  # fmt: skip


def choice_counts(store: StoreHandle, scenario_id: str, filters: Filters) -> list[tuple[str, int, int, int]]:
    """(node, choice index, times taken, points missed each time) for every reply made in a scenario."""
    params = {**filters.params(), "scenario": scenario_id}
    sql = (
        "SELECT d.node, d.choice_index, count(*), max(coalesce(d.missed, 0)) FROM decisions d "
        f"JOIN sessions s ON s.id = d.session_id WHERE {WHERE} AND d.undone IS NULL GROUP BY d.node, d.choice_index"
    )
    return [tuple(row) for row in _rows(store, sql, params)]


@dataclass
class CohortLine:
    """One trainee in the cohort table, the exports and ``Store.cohort_summary``.

    ``averages`` arrive with ``cohort_details``: the table shows the rest while they load.
    """

    trainee_id: str
    name: str
    employee_id: str | None
    sessions: int
    finished: int
    last_activity: str | None
    overall: float | None  # mean overall of finished sessions in the filter
    trend: float | None  # points per week: the least-squares slope of overall over time
    pass_rate: float | None  # of finished sessions
    averages: dict[str, float] | None = None  # None until the details are loaded


DAY0 = 2461041.5  # julianday('2026-01-01'): keeps the least-squares sums small and exact
MIN_SPREAD_DAYS = 1.0  # sessions bunched closer than this give no meaningful slope


def _where(filters: Filters) -> str:
    """Only the clauses in use, so the planner sees the indexes it can use (no "? IS NULL OR")."""
    clauses = {
        "trainee_id": "s.trainee_id = :trainee", "scenario_id": "s.scenario_id = :scenario",
        "since": "s.started >= :since", "until": "s.started <= :until || '~'", "mode": "s.mode = :mode",
        "library_only": "s.library = 1",
    }  # fmt: skip
    used = [sql for key, sql in clauses.items() if getattr(filters, key)]
    return " AND ".join(used) or "1"


def cohort_rows(store: StoreHandle, filters: Filters) -> list[CohortLine]:
    """Every trainee (also those idle in the period), by name, in one ordered pass over the covering
    index ``idx_sessions_cohort`` (schema m002, ``passed`` added by m005): no table row is read.
    A latest ``updated`` that breaks the store's rules (an odd row) is no last activity."""
    from simulator.store.merge_rules import problem_sql  # the rules load the engine: only when the cohort is read

    done = "s.finished IS NOT NULL AND s.overall IS NOT NULL"
    x = f"(julianday(s.started) - {DAY0})"
    per_trainee = (
        "SELECT s.trainee_id, count(*) AS n, count(s.finished) AS f, max(s.updated) AS updated, "
        f"count(CASE WHEN {done} THEN 1 END) AS k, total(CASE WHEN {done} THEN {x} END) AS sx, "
        f"total(CASE WHEN {done} THEN s.overall END) AS sy, total(CASE WHEN {done} THEN s.overall * {x} END) AS sxy, "
        f"total(CASE WHEN {done} THEN {x} * {x} END) AS sxx, "
        "avg(CASE WHEN s.finished IS NOT NULL THEN s.passed END) AS passed "
        f"FROM sessions s WHERE {_where(filters)} GROUP BY s.trainee_id"
    )
    odd = problem_sql(store.db.conn, "sessions", {"updated"}, alias="a")
    sql = (
        "SELECT t.id, t.name, t.employee_id, coalesce(a.n, 0), coalesce(a.f, 0), "
        f"CASE WHEN {odd} IS NULL THEN a.updated END, coalesce(a.k, 0), a.sx, a.sy, a.sxy, a.sxx, a.passed "
        f"FROM trainees t LEFT JOIN ({per_trainee}) a ON a.trainee_id = t.id "
        + ("WHERE t.id = :trainee " if filters.trainee_id else "")
        + "ORDER BY t.name COLLATE NOCASE"
    )
    lines = []
    for tid, name, employee, n, f, last, k, sx, sy, sxy, sxx, passed in _rows(store, sql, filters.params()):
        overall = round(sy / k, 1) if k else None  # the mean: avg() would add up the same column again
        trend = slope(k, sx, sy, sxy, sxx)
        lines.append(CohortLine(tid, name, employee, n, f, last, overall, trend, None if passed is None else round(passed, 3)))
    return lines


def slope(k: int, sx: float, sy: float, sxy: float, sxx: float) -> float | None:
    """Least-squares points per week from the sums over ``k`` (day, score) pairs; None if too few or too close."""
    if k < 3:
        return None
    spread = sxx / k - (sx / k) ** 2
    if spread < MIN_SPREAD_DAYS**2:
        return None
    return round(7 * (sxy / k - (sx / k) * (sy / k)) / spread, 1)


def cohort(store: StoreHandle, filters: Filters) -> list[CohortLine]:
    """Every trainee with the averages filled in: the lines exports and ``Store.cohort_summary`` give."""
    lines = cohort_rows(store, filters)
    fill(lines, cohort_details(store, filters))
    return lines


def fill(lines: list[CohortLine], details: dict[str, dict[str, float]]) -> None:
    """Put ``cohort_details`` into the lines (a trainee idle in the filter gets no averages)."""
    for line in lines:
        line.averages = details.get(line.trainee_id, {})


def cohort_details(store: StoreHandle, filters: Filters) -> dict[str, dict[str, float]]:
    """Per trainee: the mean scaled score per dimension of finished sessions.

    Read from the score rows' covering index (score rows exist for finished sessions only):
    800,000 of them for 10,000 trainees, no session's JSON parsed.
    """
    sql = f"SELECT s.trainee_id, s.dimension, avg(s.scaled) FROM session_scores s WHERE {_where(filters)} GROUP BY 1, 2"
    details: dict[str, dict[str, float]] = {}
    for tid, dim, mean in _rows(store, sql, filters.params()):
        if mean is not None:  # avg skips a NULL score; a dimension never scored has no average
            details.setdefault(tid, {})[dim] = round(mean, 1)
    return details


def trainee_ids(store: StoreHandle, filters: Filters) -> list[str]:
    """Trainees with at least one session in the filter, by name."""
    sql = (
        f"SELECT t.id FROM trainees t WHERE EXISTS (SELECT 1 FROM sessions s WHERE s.trainee_id = t.id AND {WHERE}) "
        "ORDER BY t.name COLLATE NOCASE"
    )
    return [row[0] for row in _rows(store, sql, filters.params())]
