"""Supervisor speed: CSV export of 200,000 sessions and opening the cohort view on 10,000 trainees.

Run on demand (``.venv/bin/python benchmarks/bench_exports.py``), never in the test suite;
``BENCH_EXPORTS_DB=/tmp/bench.db`` keeps the generated database for the next run.
Targets (issue 7): the CSV export <= 3 s and <= 2x writing the same rows with the ``csv`` module
straight from a plain SQL query in the same run; the cohort view open on 10,000 trainees <= 1 s.

The database is built with raw ``executemany`` from real plays: each bundled scenario is played
a few dozen times by the engine with random replies, and the 200,000 sessions reuse those
decisions and scorecards under new ids, trainees and dates, so every row is one the app could write.
"""

# ruff: noqa: S608 - SQL assembled from our own column names

from __future__ import annotations

import csv
import json
import os
import random
import sys
import tempfile
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from simulator.engine import FakeClock, Session
from simulator.scenario import read_scenario
from simulator.store import Store, open_store
from simulator.store.versions import missed_points, save_version

ROOT = Path(__file__).resolve().parent.parent
TRAINEES, PER_TRAINEE = 10_000, 20
START = datetime(2026, 1, 5, 8, 0, tzinfo=UTC)


def sample_plays(per_scenario: int = 40, seed: int = 5) -> list[tuple]:
    """(scenario, decision rows, scorecard) of random plays through every bundled scenario.

    A decision row is everything but its id, session, and time: (seq, node, choice_index, number,
    text, target, forced, points, mood_before, mood_after, response_ms, tags, missed).
    """
    rng = random.Random(seed)
    plays = []
    for path in sorted((ROOT / "scenarios").glob("*.yaml")):
        scenario = read_scenario(path)
        for _ in range(per_scenario):
            session = Session(scenario, clock=FakeClock())
            cards = []
            session.listeners.append(lambda e, c=cards: c.append(e.scorecard) if hasattr(e, "scorecard") else None)
            session.begin()
            while not session.finished:
                session.clock.advance(rng.uniform(3, 25))
                session.choose(rng.randint(1, len(session.available_choices())))
            rows = [(d.seq, d.node, d.choice_index, d.number, d.text, d.target, int(d.forced), json.dumps(d.points),
                     d.mood_before, d.mood_after, d.response_ms, json.dumps(list(d.tags)),
                     missed_points(scenario, d.node, d.choice_index)) for d in session.decisions]  # fmt: skip
            plays.append((scenario, rows, cards[0]))
    return plays


def build(path: Path, trainees: int = TRAINEES, per_trainee: int = PER_TRAINEE) -> Store:
    store = open_store(path)
    plays = sample_plays()
    rng = random.Random(11)
    people = [(str(uuid.uuid4()), f"Trainee {i:05d}", f"E{i:05d}", START.isoformat()) for i in range(trainees)]
    # The app inserts a session when it starts, so rows land in time order: keep that here.
    planned = sorted(
        ((START + timedelta(seconds=rng.randrange(86400 * 42)), tid, rng.randrange(len(plays)))
         for tid, *_ in people for _ in range(per_trainee)),
        key=lambda plan: plan[0],
    )  # fmt: skip
    sessions, scores, decisions = [], [], []
    for number, (began, tid, which) in enumerate(planned):
        scenario, rows, card = plays[which]
        sid, at = str(uuid.uuid4()), began
        for row in rows:
            at += timedelta(milliseconds=row[10])
            decisions.append((f"{number:08x}-0000-7000-8000-{row[0]:012x}", sid, *row[:10], at.isoformat(), *row[10:]))
        dims = {x.id: x.scaled for x in card.dimensions}
        sessions.append((sid, tid, scenario.id, scenario.title, scenario.version, scenario.content_hash, scenario.path,
                         scenario.start, "practice", began.isoformat(), at.isoformat(), at.isoformat(), card.ending_id,
                         card.outcome, card.overall, int(card.passed), card.mood, json.dumps(dims)))  # fmt: skip
        scores += [(sid, x.id, tid, scenario.id, began.isoformat(), x.label, x.weight, x.earned, x.best, x.scaled)
                   for x in card.dimensions]  # fmt: skip
    conn = store.db.conn
    conn.execute("PRAGMA cache_size = -1000000")  # keep the indexes in memory while loading
    conn.execute("PRAGMA foreign_keys = OFF")  # every row refers to one inserted just before
    with store.write():
        for scenario in {p[0].content_hash: p[0] for p in plays}.values():
            save_version(store.db, scenario, START.isoformat())
        conn.executemany("INSERT INTO trainees (id, name, employee_id, created) VALUES (?, ?, ?, ?)", people)
        conn.executemany(
            "INSERT INTO sessions (id, trainee_id, scenario_id, scenario_title, scenario_version, content_hash, scenario_path, "
            "start_node, mode, started, updated, finished, ending_id, outcome, overall, passed, mood, scores) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            sessions,
        )
        insert_scores(conn, scores)
        conn.executemany(
            "INSERT INTO decisions (id, session_id, seq, node, choice_index, number, text, target, forced, points, "
            "mood_before, mood_after, at, response_ms, tags, missed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            decisions,
        )
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("ANALYZE")
    conn.execute("PRAGMA cache_size = -2000")  # back to SQLite's default, as the app runs
    return store


def insert_scores(conn, scores: list[tuple]) -> None:
    """Score rows, with the copied session columns only if this schema has them."""
    have = {row[1] for row in conn.execute("PRAGMA table_info(session_scores)")}
    names = ["session_id", "dimension", "trainee_id", "scenario_id", "started", "label", "weight", "earned", "best", "scaled"]
    keep = [i for i, name in enumerate(names) if name in have]
    sql = f"INSERT INTO session_scores ({', '.join(names[i] for i in keep)}) VALUES ({', '.join('?' * len(keep))})"
    conn.executemany(sql, [tuple(row[i] for i in keep) for row in scores])


def plain_csv(store: Store, out: Path) -> int:
    """The yardstick: the same sessions and dimension columns, csv.writer straight from one query."""
    from simulator.store.supervision import dimensions

    dims = [d for d, _ in dimensions(store)]
    cols = ", ".join(f"json_extract(s.scores, '$.\"{d}\"')" for d in dims)
    sql = (
        "SELECT s.id, t.name, t.employee_id, s.trainee_id, s.scenario_id, s.scenario_title, s.scenario_version, s.mode, "
        "s.started, s.finished, s.abandoned, s.outcome, s.ending_id, s.overall, s.passed, "
        "s.updated, "
        f"{cols} FROM sessions s JOIN trainees t ON t.id = s.trainee_id ORDER BY s.started, s.id"
    )
    with out.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        cursor = store.db.conn.execute(sql)
        writer.writerow([c[0] for c in cursor.description])
        writer.writerows(cursor)
    return 0


def timed(fn, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def bench_csv(store: Store, folder: Path) -> tuple[float, float]:
    from simulator.reports.formats import EXPORTERS

    ours = timed(lambda: EXPORTERS["csv"](store, folder / "sessions.csv"))
    plain = timed(lambda: plain_csv(store, folder / "plain.csv"))
    return ours, plain


def bench_cohort(store: Store) -> tuple[list[float], list[float], list[float]]:
    """Open the cohort table on the store and paint it, as unlocking supervisor mode does.

    Returns (table shown and painted, per-dimension columns filled, whole supervisor area shown)
    in seconds, three runs each.
    """
    from PySide6.QtWidgets import QApplication

    from simulator.gui import style
    from simulator.gui.supervise.area import SupervisorContent
    from simulator.gui.supervise.cohort import CohortTable
    from simulator.store.supervision import Filters

    app = QApplication.instance() or QApplication([])
    style.apply(app, 1.0)
    shown, filled, area = [], [], []
    for _ in range(3):
        t0 = time.perf_counter()
        table = CohortTable(store)
        table.resize(1280, 800)
        table.load(Filters())
        table.show()
        table.grab()  # one full paint of the visible rows
        shown.append(time.perf_counter() - t0)
        while not table.model_.complete:
            app.processEvents()
            time.sleep(0.002)
        filled.append(time.perf_counter() - t0)
        table.close()
        table.deleteLater()
        app.processEvents()
        t0 = time.perf_counter()
        content = SupervisorContent(store, date.today)
        content.resize(1280, 800)
        content.reload()
        content.show()
        content.grab()
        area.append(time.perf_counter() - t0)
        while not content.cohort.model_.complete:
            app.processEvents()
            time.sleep(0.002)
        content.close()
        content.deleteLater()
        app.processEvents()
    return shown, filled, area


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        t0 = time.perf_counter()
        kept = os.environ.get("BENCH_EXPORTS_DB")  # reuse a database built by an earlier run
        store = open_store(kept) if kept and Path(kept).exists() else build(Path(kept or folder / "bench.db"))
        sessions = store.db.execute("SELECT count(*) FROM sessions").fetchone()[0]
        print(f"built {TRAINEES:,} trainees, {sessions:,} sessions in {time.perf_counter() - t0:.1f} s")
        ours, plain = bench_csv(store, folder)
        size = (folder / "sessions.csv").stat().st_size / 1e6
        print(f"CSV export, {sessions:,} sessions ({size:.0f} MB): {ours:.2f} s (target <= 3 s)")
        print(f"  plain csv.writer from one SQL query: {plain:.2f} s; ratio {ours / plain:.2f}x (target <= 2x)")
        shown, filled, area = bench_cohort(store)
        print(f"cohort view open on {TRAINEES:,} trainees: {max(shown):.2f} s worst of 3, first {shown[0]:.2f} s (target <= 1 s)")
        print(f"  per-dimension columns filled (background thread): {max(filled):.2f} s worst of 3")
        print(f"  whole supervisor area (filters, cohort, tabs) shown: {max(area):.2f} s worst of 3")
        ok = ours <= 3 and ours <= 2 * plain and max(shown) <= 1
        store.close()
    print("OK" if ok else "MISSED A TARGET")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
