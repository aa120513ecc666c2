"""What a row from another PC's file must look like before it may join this PC's results.

A merged file is someone else's data: it may be damaged, written by a buggy tool or forged. The
rules are SQL conditions run inside SQLite over the whole table (fast, and nothing is executed from
the file), built from our own schema (a column declared INTEGER must hold an integer) plus limits
and value sets that the code reading results relies on. ``LIMITS`` is documented in README.
"""

# ruff: noqa: S608 - SQL here is assembled from our own schema's column names and constants, never from input

from __future__ import annotations

import functools
import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from simulator.engine.session import MODES
from simulator.scenario.model import OUTCOMES

MERGED = ("trainees", "scenario_versions", "sessions", "session_scores", "decisions")
MAX_FILE_BYTES = 4 * 1024**3  # a file bigger than this is refused before anything is read
MAX_ROWS = 20_000_000  # per table
TEXT_LIMIT = 10_000  # characters in any text cell not listed below
LIMITS = {
    ("trainees", "name"): 200,
    ("trainees", "employee_id"): 100,
    ("scenario_versions", "content"): 2_000_000,  # a scenario file's own cap is 1 MB of UTF-8
    ("sessions", "scores"): 100_000,
    ("decisions", "points"): 10_000,
    ("decisions", "tags"): 10_000,
}
ID_LIMIT = 100  # ids, hashes, node and dimension ids
IDS = {"id", "trainee_id", "session_id", "content_hash", "scenario_id", "start_node", "ending_id", "node", "target",
       "dimension", "version", "mode", "outcome", "channel"}  # fmt: skip
# JSON cells and the shape readers rely on (a map of numbers, a list of tags). SQL checks only that the
# text is JSON: the shape is checked by ``parsed`` where a reader parses it anyway (json_each per row
# would cost a merge of 1,000,000 choices ~0.8 s).
JSON: dict[tuple[str, str], tuple[type, tuple[type, ...]]] = {
    ("sessions", "scores"): (dict, (int, float)),
    ("decisions", "points"): (dict, (int, float)),
    ("decisions", "tags"): (list, (str,)),
}
TIMES = {"created", "first_seen", "started", "updated", "finished", "abandoned", "at", "undone"}
RANGES = {
    ("sessions", "overall"): (0, 100),
    ("sessions", "passed"): (0, 1),
    ("sessions", "mood"): (-1000, 1000),
    ("session_scores", "scaled"): (0, 100),
    ("session_scores", "weight"): (0, 1000),
    ("session_scores", "earned"): (-100_000, 100_000),
    ("session_scores", "best"): (-100_000, 100_000),
    ("decisions", "seq"): (1, 100_000),
    ("decisions", "choice_index"): (-1, 1000),
    ("decisions", "number"): (0, 1000),
    ("decisions", "forced"): (0, 1),
    ("decisions", "mood_before"): (-1000, 1000),
    ("decisions", "mood_after"): (-1000, 1000),
    ("decisions", "response_ms"): (0, 10**10),
    ("decisions", "missed"): (-100_000, 100_000),
    ("sessions", "time_factor"): (0, 10),
    ("sessions", "library"): (0, 1),
    ("session_scores", "library"): (0, 1),
    ("sessions", "time_left"): (0, 100_000),
    ("sessions", "time_left_seq"): (0, 100_000),
}
CHOICES = {("sessions", "mode"): MODES, ("sessions", "outcome"): OUTCOMES, ("session_scores", "mode"): MODES,
           ("trainees", "extra_time"): ("off", "1.5x", "2x", "none")}  # fmt: skip
TYPES = {"TEXT": ("text",), "INTEGER": ("integer",), "REAL": ("real", "integer")}


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    required: bool


def columns(conn: sqlite3.Connection, table: str, schema: str = "main") -> list[Column]:
    """Our own schema's columns (the rules follow it, so a new column is checked by its type at once)."""
    return [Column(r[1], r[2].upper(), bool(r[3] or r[5])) for r in conn.execute(f"PRAGMA {schema}.table_info({table})")]


def _conditions(table: str, column: Column, alias: str = "") -> list[tuple[str, str]]:
    """(SQL that is true for a bad value, what is wrong) for one column (of the table named ``alias``, if given)."""
    c = f'{alias}."{column.name}"' if alias else f'"{column.name}"'
    found: list[tuple[str, str]] = []
    if column.required:
        found.append((f"{c} IS NULL", "missing"))
    allowed = TYPES.get(column.type)
    if allowed:
        kinds = ", ".join(f"'{k}'" for k in (*allowed, "null"))
        found.append((f"typeof({c}) NOT IN ({kinds})", f"not {column.type.lower()}"))
    if column.type == "TEXT":
        limit = LIMITS.get((table, column.name), ID_LIMIT if column.name in IDS else TEXT_LIMIT)
        found.append((f"length({c}) > {limit}", f"longer than {limit:,} characters"))
    if (table, column.name) in JSON:
        found.append((f"{c} IS NOT NULL AND json_valid({c}) = 0", "not valid JSON"))
    if column.name in TIMES:  # ISO 8601 text, as we write it (a bare number would pass julianday as a day count)
        iso = f"{c} GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*' AND julianday({c}) IS NOT NULL"
        found.append((f"{c} IS NOT NULL AND NOT ({iso})", "not a date and time"))
    if (table, column.name) in RANGES:
        low, high = RANGES[(table, column.name)]
        found.append((f"{c} IS NOT NULL AND NOT {c} BETWEEN {low} AND {high}", f"outside {low}..{high}"))
    if (table, column.name) in CHOICES:
        values = ", ".join(f"'{v}'" for v in CHOICES[(table, column.name)])
        found.append((f"{c} IS NOT NULL AND {c} NOT IN ({values})", f"not one of {', '.join(CHOICES[(table, column.name)])}"))
    return found


def _cases(conn: sqlite3.Connection, table: str, names: set[str] | None = None, alias: str = "") -> list[tuple[str, str]]:
    return [(sql, f"{column.name}: {why}") for column in columns(conn, table) if names is None or column.name in names
            for sql, why in _conditions(table, column, alias)]  # fmt: skip


def problem_sql(conn: sqlite3.Connection, table: str, names: Iterable[str], alias: str = "") -> str:
    """SQL giving the first rule a row of ``table`` (named ``alias`` in the query) breaks in these columns
    ("field: problem"), NULL when none: readers of our own file use it to skip an odd row at SQLite's
    speed instead of failing on it."""
    return _problem_sql(conn, table, frozenset(names), alias)


@functools.lru_cache(maxsize=64)
def _problem_sql(conn: sqlite3.Connection, table: str, names: frozenset[str], alias: str) -> str:
    """Built once per connection: a reader asking per session (xAPI history) would read the schema 60,000 times."""
    cases = _cases(conn, table, set(names), alias)
    return "CASE " + " ".join(f"WHEN {sql} THEN '{why}'" for sql, why in cases) + " END"


def joined_problem_sql(conn: sqlite3.Connection, *parts: tuple[str, Iterable[str], str]) -> str:
    """``problem_sql`` over a join: the first rule broken by any of the (table, columns, alias) rows."""
    cases = [problem_sql(conn, table, names, alias) for table, names, alias in parts]
    return cases[0] if len(cases) == 1 else f"coalesce({', '.join(cases)})"


def parsed(table: str, column: str, text: str | None) -> Any:
    """A JSON cell of ``table`` as Python, of the shape ``JSON`` gives it; ValueError ("column: problem") if not.

    Readers select ``problem_sql`` beside the row first; this adds what SQLite's ``json_valid`` can't say.
    """
    kind, items = JSON[(table, column)]
    if not text:
        return kind()
    try:
        value = json.loads(text)
    except ValueError:
        raise ValueError(f"{column}: not valid JSON") from None
    values = list(value.values()) if isinstance(value, dict) else value if isinstance(value, list) else []
    if not isinstance(value, kind):
        raise ValueError(f"{column}: not a JSON {'object' if kind is dict else 'array'}")
    for v in values:  # a loop, not any(): this runs once per choice of a 1M-choice export
        if v is not None and (isinstance(v, bool) or not isinstance(v, items)):
            raise ValueError(f"{column}: holds a value of the wrong kind")
    return value


def bad_rows_query(conn: sqlite3.Connection, table: str, source: str = "other", limit: int = 5) -> str:
    """A query listing (rowid, "field: problem") for the first ``limit`` bad rows of ``source.table``."""
    cases = _cases(conn, table)
    case = " ".join(f"WHEN {sql} THEN '{why}'" for sql, why in cases)
    where = " OR ".join(f"({sql})" for sql, _ in cases)
    return f"SELECT rowid, CASE {case} END FROM {source}.{table} WHERE {where} LIMIT {limit}"


ORPHANS = {  # child column -> parent table and key: SQLite checks foreign keys only on write
    "sessions": (("trainee_id", "trainees", "id"), ("content_hash", "scenario_versions", "content_hash")),
    "decisions": (("session_id", "sessions", "id"),),
    "session_scores": (("session_id", "sessions", "id"),),
}


def orphan_query(table: str, column: str, parent: str, key: str, *, source: str = "other", limit: int = 5) -> str:
    """Rows pointing at a trainee, session or version the file doesn't have."""
    return (
        f"SELECT rowid, '{column}: not in the file''s {parent}' FROM {source}.{table} t "
        f"WHERE NOT EXISTS (SELECT 1 FROM {source}.{parent} p WHERE p.{key} = t.{column}) LIMIT {limit}"
    )


UNIQUE = {  # what our schema keeps unique; a file not written by us may repeat it
    "trainees": ("id", "name COLLATE NOCASE"),
    "scenario_versions": ("content_hash",),
    "sessions": ("id",),
    "session_scores": ("session_id, dimension",),
    "decisions": ("id",),
}


def duplicate_query(table: str, key: str, *, source: str = "other", limit: int = 5) -> str:
    """Rows sharing what must be unique (a sort, not a pairwise scan: files may be large)."""
    return (
        f"SELECT min(rowid), '{key.split(maxsplit=1)[0]}: ' || count(*) || ' rows share one value, which must be unique' "
        f"FROM {source}.{table} GROUP BY {key} HAVING count(*) > 1 LIMIT {limit}"
    )


# Rows whose id is already here must be the same record (a session may only have gone further).
CONFLICTS = {
    "trainees": (
        "SELECT o.rowid, 'id ' || o.id || ' is ' || m.name || ' here, not ' || o.name FROM other.trainees o "
        "JOIN main.trainees m ON m.id = o.id WHERE coalesce(lower(m.employee_id), '') != coalesce(lower(o.employee_id), '') "
        "OR (m.name != o.name COLLATE NOCASE AND substr(m.name, 1, length(o.name)) != o.name COLLATE NOCASE) LIMIT 5"
    ),
    "sessions": (
        "SELECT o.rowid, 'session ' || o.id || ' differs from the one here (' || CASE "
        "WHEN map.local_id IS NOT m.trainee_id THEN 'another trainee' "
        "WHEN o.scenario_id IS NOT m.scenario_id OR o.content_hash IS NOT m.content_hash THEN 'another scenario' "
        "WHEN o.started IS NOT m.started OR o.mode IS NOT m.mode THEN 'another start' "
        "ELSE 'its finished result' END || ')' "
        "FROM other.sessions o JOIN main.sessions m ON m.id = o.id "
        "LEFT JOIN temp.merge_trainees map ON map.other_id = o.trainee_id "
        "WHERE map.local_id IS NOT m.trainee_id OR o.scenario_id IS NOT m.scenario_id OR o.content_hash IS NOT m.content_hash "
        "OR o.started IS NOT m.started OR o.mode IS NOT m.mode "
        "OR (m.finished IS NOT NULL AND (o.finished IS NOT m.finished OR o.ending_id IS NOT m.ending_id "
        "OR o.outcome IS NOT m.outcome OR o.overall IS NOT m.overall OR o.passed IS NOT m.passed OR o.scores IS NOT m.scores)) "
        "LIMIT 5"
    ),
    "decisions": (
        "SELECT o.rowid, 'decision ' || o.id || ' differs from the one here' FROM other.decisions o "
        "JOIN main.decisions m ON m.id = o.id WHERE o.session_id IS NOT m.session_id OR o.seq IS NOT m.seq "
        "OR o.node IS NOT m.node OR o.choice_index IS NOT m.choice_index OR o.points IS NOT m.points OR o.at IS NOT m.at "
        "OR o.mood_after IS NOT m.mood_after LIMIT 5"
    ),
    "session_scores": (
        "SELECT o.rowid, 'score ' || o.dimension || ' of session ' || o.session_id || ' differs from the one here' "
        "FROM other.session_scores o JOIN main.session_scores m ON m.session_id = o.session_id AND m.dimension = o.dimension "
        "JOIN main.sessions s ON s.id = m.session_id WHERE s.finished IS NOT NULL AND (o.earned IS NOT m.earned "
        "OR o.best IS NOT m.best OR o.scaled IS NOT m.scaled) LIMIT 5"
    ),
}
