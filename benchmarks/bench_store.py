"""Speed of the results store against raw ``sqlite3`` measured in the same run (issue 3's targets).

    .venv/bin/python benchmarks/bench_store.py            # full size: ~2 minutes, ~2.2 GB of temp files (removed)
    .venv/bin/python benchmarks/bench_store.py --scale 0.1 --keep /tmp/bench   # smaller; keep and reuse the data
    .venv/bin/python benchmarks/bench_store.py --only cohort --keep /tmp/bench   # one line (its data built once, kept)

1. merge a database of 1,000,000 decisions    <= 1.5x raw executemany of the same rows, one transaction
2. one decision committed durably during play  median <= 2 ms
3. cohort summary, 10,000 trainees x 20 sessions (3,000,000 decisions)  <= 1 s and <= 2x hand-written SQL

Both sides use the same schema (made by ``open_store``) and the same connection settings (WAL,
synchronous=FULL, foreign keys on, 64 MiB page cache), so the ratio measures the method, not the
configuration. The store's decision time is ``Session.choose`` with the store attached: the engine's
move, the decision row, and whatever else is written in that transaction (the xAPI outbox rows).
Test data is generated with raw ``executemany`` (not timed).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import shutil
import sqlite3
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path

from simulator.engine import FakeClock, Session
from simulator.scenario import read_scenario
from simulator.store import open_store
from simulator.store.recorder import time_ordered_id

SCENARIO = """\
format: 1
id: bench
title: Benchmark
summary: Two steps to an ending.
difficulty: easy
minutes: 1
customer: {name: Ben Ch}
start: a
nodes:
  a:
    say: Hello?
    choices:
      - {text: Listen, goto: b, points: {listening: 2}, feedback: f}
      - {text: Explain, goto: b, points: {listening: -1}, feedback: f}
  b:
    say: And?
    choices:
      - {text: Fix it, goto: c, points: {alternatives: 2}, feedback: f}
      - {text: Shrug, goto: c, feedback: f}
  c:
    say: Thanks.
    choices:
      - {text: Surprise, goto: good, points: {surprise: 2, emotional_repair: 1}, feedback: f}
      - {text: Bye, goto: fine, feedback: f}
endings:
  good: {outcome: loyal, title: Good, debrief: d}
  fine: {outcome: neutral, title: Fine, debrief: d}
"""
VERSION_HASH = hashlib.sha256(SCENARIO.encode()).hexdigest()  # merge checks that a stored version hashes to its key
DIMENSIONS = ("alternatives", "listening", "emotional_repair", "surprise")
SETTINGS = (
    "PRAGMA journal_mode = WAL",
    "PRAGMA synchronous = FULL",
    "PRAGMA foreign_keys = ON",
    "PRAGMA cache_size = -65536",
)


# The columns ``generate`` fills, in its tuples' order: named, so a column added by a later migration
# (with a default) doesn't break the positional inserts.
COLUMNS = {
    "trainees": "id, name, employee_id, created",
    "sessions": "id, trainee_id, scenario_id, scenario_title, scenario_version, content_hash, scenario_path, start_node, "
    "mode, started, updated, finished, abandoned, ending_id, outcome, overall, passed, mood, scores",
    "session_scores": "session_id, dimension, trainee_id, scenario_id, started, label, weight, earned, best, scaled",
    "decisions": "id, session_id, seq, node, choice_index, number, text, target, forced, points, mood_before, mood_after, "
    "at, response_ms, tags, undone, missed",
}


def raw_connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None)
    for pragma in SETTINGS:
        conn.execute(pragma)
    return conn


def empty_store(path: Path) -> Path:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    open_store(path).close()
    return path


def generate(trainees: int, per_trainee: int, per_session: int, rng: random.Random, first: int = 0) -> dict[str, list[tuple]]:
    """Rows for every table, as tuples in column order of the store's schema."""
    when = "2026-{:02}-{:02}T{:02}:{:02}:00+00:00"
    rows: dict[str, list[tuple]] = {"trainees": [], "sessions": [], "decisions": [], "session_scores": []}
    for t in range(first, first + trainees):
        tid = str(uuid.uuid4())
        rows["trainees"].append((tid, f"Trainee {t:05}", f"E{t:05}", when.format(1, 1, 8, 0)))
        for n in range(per_trainee):
            sid, day = str(uuid.uuid4()), 1 + n % 28
            started, finished = when.format(1 + n // 28 % 12, day, 9, 0), when.format(1 + n // 28 % 12, day, 9, 5)
            scores = {d: float(rng.randrange(0, 101, 10)) for d in DIMENSIONS}
            overall = round(sum(scores.values()) / 4, 1)
            rows["sessions"].append(
                (sid, tid, "bench", "Benchmark", "1", VERSION_HASH, "/bench.yaml", "a", "practice", started, finished,
                 finished, None, "good", "loyal", overall, int(overall >= 60), 80, json.dumps(scores))
            )  # fmt: skip
            rows["session_scores"] += [(sid, d, tid, "bench", started, d, 1.0, 2, 2, s) for d, s in scores.items()]
            for seq in range(1, per_session + 1):
                rows["decisions"].append(
                    (time_ordered_id(), sid, seq, "a", 0, 1, "Listen", "b", 0, '{"listening": 2}', 50, 60, started,
                     1500, "[]", None, rng.choice((0, 0, 3)))
                )  # fmt: skip
    return rows


def insert_raw(conn: sqlite3.Connection, rows: dict[str, list[tuple]]) -> None:
    """What a hand-written loader does: one executemany per table, one transaction."""
    conn.execute("BEGIN")
    conn.execute(
        "INSERT OR IGNORE INTO scenario_versions (content_hash, scenario_id, title, version, path, content, first_seen) "
        "VALUES (?, 'bench', 'Benchmark', '1', '/bench.yaml', ?, '2026-01-01T00:00:00+00:00')",
        (VERSION_HASH, SCENARIO),
    )
    for table in ("trainees", "sessions", "session_scores", "decisions"):
        if rows[table]:
            marks = ", ".join("?" * len(rows[table][0]))
            sql = f"INSERT INTO {table} ({COLUMNS[table]}) VALUES ({marks})"  # noqa: S608 - our table and column names
            conn.executemany(sql, rows[table])
    conn.execute("COMMIT")


def timed(action: Callable[[], object], repeat: int = 1) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        best = min(best, time.perf_counter() - start)
    return best


def bench_merge(work: Path, decisions: int) -> tuple[float, float]:
    per_session = 20
    rows = generate(max(1, decisions // per_session // 50), 50, per_session, random.Random(1))
    source = empty_store(work / "merge-source.db")
    conn = raw_connect(source)
    insert_raw(conn, rows)
    conn.close()
    raw_target = empty_store(work / "merge-raw.db")
    conn = raw_connect(raw_target)
    raw = timed(lambda: insert_raw(conn, rows))
    conn.close()
    store = open_store(empty_store(work / "merge-store.db"))
    merged = timed(lambda: store.merge(source))
    assert store.db.execute("SELECT count(*) FROM decisions").fetchone()[0] == len(rows["decisions"])
    store.close()
    return merged, raw


def bench_decision(work: Path, count: int) -> tuple[float, float]:
    scenario_path = work / "bench.yaml"
    scenario_path.write_text(SCENARIO, encoding="utf-8")
    scenario = read_scenario(scenario_path)
    store = open_store(empty_store(work / "decisions.db"))
    store.add_trainee("Ann")
    times: list[float] = []
    while len(times) < count:
        session = Session(scenario, clock=FakeClock())
        store.attach(session, trainee="Ann")
        session.begin()
        for _ in range(3):
            start = time.perf_counter()
            session.choose(1)  # the engine's move plus the durable commit
            times.append(time.perf_counter() - start)
    store.close()
    raw_times: list[float] = []
    conn = raw_connect(empty_store(work / "decisions-raw.db"))
    insert_raw(conn, generate(1, 1, 0, random.Random(2)))
    sid = conn.execute("SELECT id FROM sessions").fetchone()[0]
    for seq in range(count):
        start = time.perf_counter()
        conn.execute("BEGIN IMMEDIATE")
        conn.execute(
            f"INSERT INTO decisions ({COLUMNS['decisions']}) "  # noqa: S608 - our column names
            "VALUES (?, ?, ?, 'a', 0, 1, 'Listen', 'b', 0, '{}', 50, 60, '2026', 1500, '[]', NULL, 0)",
            (time_ordered_id(), sid, seq),
        )
        conn.execute("UPDATE sessions SET updated = max(updated, '2026') WHERE id = ?", (sid,))
        conn.execute("COMMIT")
        raw_times.append(time.perf_counter() - start)
    conn.close()
    return statistics.median(times), statistics.median(raw_times)


# The same numbers minus the trend (sessions, finished, last activity, overall, pass rate, per-dimension
# averages, every trainee by name), written the obvious way over the same tables and covering indexes.
HAND_WRITTEN = (
    "SELECT trainee_id, count(*), count(finished), max(updated), avg(overall), avg(passed) FROM sessions GROUP BY trainee_id",
    "SELECT trainee_id, dimension, avg(scaled) FROM session_scores GROUP BY trainee_id, dimension",
    "SELECT id, name, employee_id FROM trainees ORDER BY name COLLATE NOCASE",
)


def bench_cohort(work: Path, trainees: int) -> tuple[float, float]:
    path = work / f"cohort-{trainees}.db"
    if not path.exists():
        building = empty_store(work / "cohort-building.db")
        conn = raw_connect(building)
        for start in range(0, trainees, 1000):  # in slices, to keep memory modest
            insert_raw(conn, generate(min(1000, trainees - start), 20, 15, random.Random(start), start))
        conn.execute("ANALYZE")
        conn.close()  # folds the WAL into the file before it is renamed
        building.rename(path)
    store = open_store(path)
    assert len(store.cohort_summary()) == trainees
    ours = timed(store.cohort_summary, repeat=3)
    store.close()
    conn = raw_connect(path)
    raw = timed(lambda: [conn.execute(sql).fetchall() for sql in HAND_WRITTEN], repeat=3)
    conn.close()
    return ours, raw


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=float, default=1.0, help="fraction of the issue's sizes (default 1)")
    parser.add_argument("--keep", metavar="DIR", help="keep generated databases here and reuse them")
    parser.add_argument("--only", choices=("merge", "decision", "cohort"), help="run one line only")
    args = parser.parse_args()
    work = Path(args.keep or tempfile.mkdtemp(prefix="bench-store-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        run(work, args.scale, args.only)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


def run(work: Path, scale: float, only: str | None = None) -> None:
    merge_n, cohort_n = int(1_000_000 * scale), int(10_000 * scale)
    results = []
    if only in (None, "merge"):
        merged, raw = bench_merge(work, merge_n)
        results.append((f"merge {merge_n:,} decisions", f"{merged:.2f} s", f"{raw:.2f} s", merged / raw, "<= 1.5x"))
    if only in (None, "decision"):
        one, raw_one = bench_decision(work, 600)
        results.append(
            ("one decision, durable (median)", f"{one * 1000:.2f} ms", f"{raw_one * 1000:.2f} ms", one / raw_one, "<= 2 ms")
        )
    if only in (None, "cohort"):
        ours, raw = bench_cohort(work, cohort_n)
        results.append((f"cohort summary {cohort_n:,} x 20", f"{ours:.3f} s", f"{raw:.3f} s", ours / raw, "<= 1 s, <= 2x"))
    print(f"{'target':<34} {'store':>10} {'raw sqlite3':>12} {'ratio':>7}  goal")
    for name, store_time, raw_time, ratio, goal in results:
        print(f"{name:<34} {store_time:>10} {raw_time:>12} {ratio:>6.2f}x  {goal}")


if __name__ == "__main__":
    main()
