"""The results schema as ordered sqlite-utils ``Migrations``, and the guard against newer files.

Why migrations rather than ``CREATE TABLE IF NOT EXISTS``: a trainee's history must survive app
updates, so every change to the schema is a named step applied once, in a transaction, recorded
in ``_sqlite_migrations`` (sqlite-utils' own table, which its CLI and Datasette show). A file that
records a step this app doesn't know was written by a newer app: we refuse it rather than guess.

Tables stay plain (text ids, ISO dates, one value per column) so Datasette shows them well; the
two JSON columns (``points``, ``tags``) are small maps Datasette renders as JSON.
"""

from __future__ import annotations

import json

from sqlite_utils import Database, Migrations
from sqlite_utils.db import DescIndex, Table

from simulator.store.steps import MIGRATION_SET, STEPS

migrations = Migrations(MIGRATION_SET)


def _t(db: Database, name: str) -> Table:
    table = db[name]
    assert isinstance(table, Table)
    return table


@migrations()
def m001_initial(db: Database) -> None:
    """The first schema: trainees, scenario versions, sessions, decisions, settings."""
    _t(db, "trainees").create({"id": str, "name": str, "employee_id": str, "created": str}, pk="id", not_null={"name", "created"})
    db.execute("CREATE UNIQUE INDEX idx_trainees_name ON trainees (name COLLATE NOCASE)")
    # Content is kept per hash so an old session's transcript, score and resume never depend on
    # the file as it is today.
    _t(db, "scenario_versions").create(
        {"content_hash": str, "scenario_id": str, "title": str, "version": str, "path": str, "content": str, "first_seen": str},
        pk="content_hash",
        not_null={"scenario_id", "content"},
    )
    _t(db, "scenario_versions").create_index(["scenario_id"])
    _t(db, "sessions").create(
        {
            "id": str,
            "trainee_id": str,
            "scenario_id": str,
            "scenario_title": str,
            "scenario_version": str,
            "content_hash": str,
            "scenario_path": str,
            "start_node": str,
            "mode": str,
            "started": str,
            "updated": str,
            "finished": str,
            "abandoned": str,
            "ending_id": str,
            "outcome": str,
            "overall": float,
            "passed": int,
            "mood": int,
            "scores": str,  # JSON {dimension: scaled 0-100}: the first schema's only score record
        },
        pk="id",
        foreign_keys=[("trainee_id", "trainees", "id"), ("content_hash", "scenario_versions", "content_hash")],
        not_null={"trainee_id", "scenario_id", "content_hash", "mode", "started", "updated"},
    )
    _t(db, "sessions").create_index(["trainee_id", "started"])
    _t(db, "sessions").create_index(["scenario_id", "started"])
    _t(db, "sessions").create_index([DescIndex("started")])
    db.execute("CREATE INDEX idx_sessions_open ON sessions (trainee_id, updated) WHERE finished IS NULL AND abandoned IS NULL")
    _t(db, "decisions").create(
        {
            "id": str,
            "session_id": str,
            "seq": int,
            "node": str,
            "choice_index": int,  # declared position in the file; -1 = the timer ran out
            "number": int,  # as shown to the trainee (1-based); 0 = timeout
            "text": str,
            "target": str,
            "forced": int,
            "points": str,  # JSON {dimension: points}
            "mood_before": int,
            "mood_after": int,
            "at": str,
            "response_ms": int,
            "tags": str,  # JSON list
            "undone": str,  # when practice mode stepped back over it; NULL while it counts
        },
        pk="id",
        foreign_keys=[("session_id", "sessions", "id")],
        not_null={"session_id", "seq", "node", "choice_index", "at"},
    )
    _t(db, "decisions").create_index(["session_id", "seq"])
    _t(db, "settings").create({"key": str, "value": str, "updated": str}, pk="key")


@migrations()
def m002_session_scores(db: Database) -> None:
    """Per-dimension scores as rows (averages, facets and indexes need rows, not JSON).

    ``trainee_id``, ``scenario_id`` and ``started`` are copied from the session (they never change
    after it finishes) so the cohort's per-dimension averages read one covering index instead of
    joining 800,000 score rows to 200,000 sessions.
    """
    _t(db, "session_scores").create(
        {
            "session_id": str,
            "dimension": str,
            "trainee_id": str,
            "scenario_id": str,
            "started": str,
            "label": str,
            "weight": float,
            "earned": int,
            "best": int,
            "scaled": float,
        },
        pk=("session_id", "dimension"),
        foreign_keys=[("session_id", "sessions", "id"), ("trainee_id", "trainees", "id")],
    )
    rows = db.execute("SELECT id, trainee_id, scenario_id, started, scores FROM sessions WHERE scores IS NOT NULL").fetchall()
    backfill = [
        {"session_id": sid, "dimension": dim, "trainee_id": tid, "scenario_id": scenario, "started": started,
         "label": dim, "scaled": scaled}
        for sid, tid, scenario, started, scores in rows
        for dim, scaled in json.loads(scores).items()
    ]  # fmt: skip
    if backfill:
        _t(db, "session_scores").insert_all(backfill)
    cohort = ["trainee_id", "dimension", "scenario_id", "started", "scaled"]
    _t(db, "session_scores").create_index(cohort, "idx_session_scores_cohort")
    # Covering index for the cohort summary: one ordered pass, no table rows touched.
    cohort = ["trainee_id", "started", "finished", "overall", "updated", "scenario_id"]
    _t(db, "sessions").create_index(cohort, "idx_sessions_cohort")


@migrations()
def m003_decision_missed(db: Database) -> None:
    """Points each decision left on the table, for "where do trainees lose the most points"."""
    _t(db, "decisions").add_column("missed", int)
    from simulator.store.versions import missed_points, scenario_from_content

    versions = db.execute(
        "SELECT DISTINCT v.content_hash, v.content, v.path FROM scenario_versions v "
        "JOIN sessions s ON s.content_hash = v.content_hash"
    ).fetchall()
    for content_hash, content, path in versions:
        scenario = scenario_from_content(content, path or "")
        if scenario is None:
            continue
        rows = db.execute(
            "SELECT d.id, d.node, d.choice_index FROM decisions d JOIN sessions s ON s.id = d.session_id "
            "WHERE s.content_hash = ?",
            [content_hash],
        ).fetchall()
        db.conn.executemany(
            "UPDATE decisions SET missed = ? WHERE id = ?", [(missed_points(scenario, n, i), d) for d, n, i in rows]
        )
    _t(db, "decisions").create_index(["node"])


@migrations()
def m004_xapi_outbox(db: Database) -> None:
    """The xAPI outbox: statements for the Learning Record Store, written with their events (see outbox.py).
    ``n`` keeps the order statements were made in."""
    db.execute(
        "CREATE TABLE xapi_outbox (n INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, session_id TEXT NOT NULL, "
        "verb TEXT NOT NULL, statement TEXT NOT NULL, created TEXT NOT NULL, sent TEXT, "
        "held TEXT, problem TEXT)"  # held: 'invalid' | 'unbuilt' | 'rejected'; problem: why (or the LRS's answer)
    )
    db.execute("CREATE INDEX idx_xapi_outbox_pending ON xapi_outbox (n) WHERE sent IS NULL")
    db.execute("CREATE INDEX idx_xapi_outbox_session ON xapi_outbox (session_id)")


@migrations()
def m005_cohort_pass_rate(db: Database) -> None:
    """``passed`` joins the cohort's covering index: the table's first paint shows pass rates without
    reading the sessions table (0.66 s against 0.30 s for 200,000 sessions)."""
    db.execute("DROP INDEX IF EXISTS idx_sessions_cohort")
    cohort = ["trainee_id", "started", "finished", "overall", "updated", "scenario_id", "passed"]
    _t(db, "sessions").create_index(cohort, "idx_sessions_cohort")


@migrations()
def m006_scenario_channel(db: Database) -> None:
    """Each scenario version's channel (in-person, phone, chat, email), so exports can say how a
    conversation happened; versions stored before the field existed are read again for it."""
    _t(db, "scenario_versions").add_column("channel", str, not_null_default="in-person")
    from simulator.scenario.header import read_header

    rows = db.execute("SELECT content_hash, content FROM scenario_versions").fetchall()
    updates = []
    for content_hash, content in rows:
        try:
            header = read_header(content.encode("utf-8")) or {}
        except ValueError:  # a stored version that no longer parses keeps the default
            continue
        if header.get("channel", "in-person") != "in-person":
            updates.append((header["channel"], content_hash))
    db.conn.executemany("UPDATE scenario_versions SET channel = ? WHERE content_hash = ?", updates)


@migrations()
def m007_decision_typed(db: Database) -> None:
    """What the trainee typed when they answered in their own words (NULL for a clicked reply).
    It stays in this file: only an export or an xAPI sync the PC's owner sets up sends it anywhere."""
    _t(db, "decisions").add_column("typed", str)


@migrations()
def m008_assessment_apart(db: Database) -> None:
    """What a supervisor needs to trust a score: each score row's ``mode`` (practice or assessment,
    so cohort figures can leave practice out through the covering indexes, which gain ``mode``);
    the reply order's ``shuffle_seed``, the ``time_factor`` (extra time) and the reply clock's
    ``time_left`` at the node on screen, kept with the session so a resume shows what the trainee
    saw with the time they had; each trainee's ``extra_time`` setting."""
    _t(db, "session_scores").add_column("mode", str)
    db.execute("UPDATE session_scores SET mode = (SELECT s.mode FROM sessions s WHERE s.id = session_scores.session_id)")
    db.execute("DROP INDEX IF EXISTS idx_session_scores_cohort")
    cohort = ["trainee_id", "dimension", "scenario_id", "started", "scaled", "mode"]
    _t(db, "session_scores").create_index(cohort, "idx_session_scores_cohort")
    db.execute("DROP INDEX IF EXISTS idx_sessions_cohort")
    cohort = ["trainee_id", "started", "finished", "overall", "updated", "scenario_id", "passed", "mode"]
    _t(db, "sessions").create_index(cohort, "idx_sessions_cohort")
    sessions = _t(db, "sessions")
    sessions.add_column("shuffle_seed", int)  # NULL: replies in file order
    sessions.add_column("time_factor", float, not_null_default=1.0)  # 0: no time limits
    sessions.add_column("time_left", float)  # seconds left at the node on screen when last paused; NULL: all
    sessions.add_column("time_left_seq", int)  # how many decisions had been made then (it is for that node only)
    _t(db, "trainees").add_column("extra_time", str, not_null_default="off")


@migrations()
def m009_library_versions(db: Database) -> None:
    """``library`` on each session (and score row): 1 when it was played on a version the library
    offers, 0 for any other file, so a forged copy of a bundled scenario can't pass for a real
    result (see library.py). The covering indexes gain it: the figures leave those out by default.

    Sessions recorded before this step are judged from their stored version: its text must hash to
    its key and it must have been read from a library folder (as they are on this PC now) or be
    byte-identical to a file the library offers now. A version edited since, from a folder no
    longer published, is marked 0: a supervisor can still include it with the switch.
    """
    from simulator.store.library import in_library, library_hashes, verified

    _t(db, "sessions").add_column("library", int, not_null_default=0)
    _t(db, "session_scores").add_column("library", int, not_null_default=0)
    offered = library_hashes(db)
    rows = db.execute("SELECT content_hash, content, path FROM scenario_versions").fetchall()
    ok = [(key,) for key, content, path in rows
          if verified(key, content or "") and (key in offered or in_library(db, path))]  # fmt: skip
    db.conn.executemany("UPDATE sessions SET library = 1 WHERE content_hash = ?", ok)
    db.execute("UPDATE session_scores SET library = 1 WHERE session_id IN (SELECT id FROM sessions WHERE library = 1)")
    db.execute("DROP INDEX IF EXISTS idx_session_scores_cohort")
    cohort = ["trainee_id", "dimension", "scenario_id", "started", "scaled", "mode", "library"]
    _t(db, "session_scores").create_index(cohort, "idx_session_scores_cohort")
    db.execute("DROP INDEX IF EXISTS idx_sessions_cohort")
    cohort = ["trainee_id", "started", "finished", "overall", "updated", "scenario_id", "passed", "mode", "library"]
    _t(db, "sessions").create_index(cohort, "idx_sessions_cohort")


# Every step, in order: what an empty database would still need (sqlite-utils has no public getter).
KNOWN = [m.name for m in migrations.pending(Database(memory=True, execute_plugins=False))]
if tuple(KNOWN) != STEPS:  # the fast open path (connect.current) reads steps.STEPS
    raise RuntimeError(f"simulator/store/steps.py lists {STEPS}, the migrations are {KNOWN}")


def applied_names(db: Database) -> list[str]:
    return [m.name for m in migrations.applied(db)]


def unknown_steps(db: Database) -> list[str]:
    """Steps recorded in the file that this app doesn't have: the file is from a newer app."""
    return [name for name in applied_names(db) if name not in KNOWN]


def migrate(db: Database) -> list[str]:
    """Apply pending steps in one write transaction (two apps starting at once can't both do it).

    The lock is taken only when something is pending, so opening a current file never waits for
    another program's write.
    """
    if not migrations.pending(db):
        return []
    conn = db.conn
    conn.execute("BEGIN IMMEDIATE")
    try:
        pending = [m.name for m in migrations.pending(db)]  # again, now that we hold the lock
        if pending:
            migrations.apply(db)
            conn.execute(f"PRAGMA user_version = {len(KNOWN)}")
        conn.execute("COMMIT")
    except BaseException:
        conn.rollback()
        raise
    return pending
