"""Forged records show (#21 point 8): a copy of a bundled scenario played outside the library.

The red team's case: a file with a bundled scenario's id, title and version in which one reply earns
every point, played with ``simulator play --trainee``, recorded a 100 "pass" that no view or export
could tell from a real one. Here it is recorded with ``library = 0``: left out of the figures and
exports by default, and marked wherever it is shown.
"""

from __future__ import annotations

import csv
import hashlib
import json
from pathlib import Path

import pytest
from sqlite_utils import Database

from simulator.cli import main
from simulator.engine import FakeClock, Session
from simulator.resources import scenarios_dir
from simulator.scenario import read_scenario
from simulator.store import open_store, supervision
from simulator.store.schema import migrations
from simulator.store.supervision import Filters

REAL = scenarios_dir() / "rained-out-park.yaml"
FORGED = """\
format: 1
id: rained-out-park
title: Rained out at Pinecrest Falls
summary: Lightning has closed every ride at noon.
difficulty: hard
minutes: 7
version: "2.0"
pass_mark: 60
customer: {name: Maria Delgado, look: maria, mood: 30}
start: at-the-window
nodes:
  at-the-window:
    say: What happens now?
    choices:
      - text: Here is everything you could wish for.
        goto: saved
        points: {alternatives: 5, listening: 5, emotional_repair: 5, surprise: 5}
        mood: 60
        feedback: Perfect.
      - text: Sorry, nothing I can do.
        goto: gone
        points: {alternatives: -1}
        mood: -30
        feedback: No.
endings:
  saved: {outcome: loyal, title: Saved, debrief: Perfect.}
  gone: {outcome: lost, title: Gone, debrief: Lost.}
"""


@pytest.fixture
def forged(tmp_path: Path) -> Path:
    path = tmp_path / "downloads" / "rained-out-park.yaml"
    path.parent.mkdir()
    path.write_text(FORGED, encoding="utf-8")
    return path


def _play_real(db: Path, trainee: str, best: bool) -> None:
    """The bundled file through the API, best or worst reply every time (an honest result)."""
    with open_store(db) as store:
        session = Session(read_scenario(REAL), clock=FakeClock(), mode="assessment")
        store.attach(session, trainee)
        session.begin()
        while not session.finished:
            shown = session.available_choices()
            pick = max if best else min
            session.choose(1 + pick(range(len(shown)), key=lambda i: sum(shown[i].points.values())))


@pytest.fixture
def db(tmp_path: Path, forged: Path) -> Path:
    path = tmp_path / "results.db"
    with open_store(path) as store:
        store.add_trainee("Dana Reyes", "E100")
        store.add_trainee("Bob", "A")
    _play_real(path, "Dana Reyes", best=False)
    _play_real(path, "Bob", best=True)
    argv = ["play", str(forged), "--choose", "1", "--mode", "assessment", "--trainee", "Dana Reyes", "--db", str(path)]
    assert main(argv) == 0
    return path


def _dana(db: Path, **filters: object) -> supervision.CohortLine:
    with open_store(db) as store:
        return next(x for x in supervision.cohort(store, Filters(**filters)) if x.name == "Dana Reyes")  # type: ignore[arg-type]


def test_the_forged_pass_is_recorded_but_marked_and_left_out_of_the_figures(db: Path, capsys) -> None:
    with open_store(db) as store:
        rows = store.db.execute("SELECT scenario_id, overall, passed, library FROM sessions ORDER BY overall").fetchall()
        forged = [r for r in rows if r[1] == 100.0 and r[3] == 0]
        assert len(forged) == 1 and forged[0][0] == "rained-out-park"  # what the red team saw, now with its mark
        assert sum(r[3] for r in rows) == 2  # the two honest sessions on the bundled file
        assert store.db.execute("SELECT count(*) FROM session_scores WHERE library = 0").fetchone()[0] == 4
    everything, library = _dana(db), _dana(db, library_only=True)
    assert everything.sessions == 2 and library.sessions == 1
    assert library.overall is not None and library.overall < 60 and library.pass_rate == 0.0
    assert everything.pass_rate == 0.5  # what the supervisor would have believed without the mark
    with open_store(db) as store:
        honest = dict(store.db.execute(
            "SELECT sc.dimension, sc.scaled FROM session_scores sc JOIN trainees t ON t.id = sc.trainee_id "
            "WHERE t.name = 'Dana Reyes' AND sc.library = 1"
        ).fetchall())  # fmt: skip
    assert library.averages == {d: round(v, 1) for d, v in honest.items()} != everything.averages  # the per-dimension means too
    assert main(["sessions", "--db", str(db)]) == 0
    lines = capsys.readouterr().out.splitlines()
    marked = [line for line in lines if "[not from the library]" in line]
    assert len(marked) == 1 and "Dana Reyes" in marked[0] and "loyal 100 passed" in marked[0]


def test_exports_leave_it_out_unless_asked_and_then_mark_it(db: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "out.csv"
    assert main(["export", "--format", "csv", "--out", str(out), "--db", str(db)]) == 0
    rows = list(csv.DictReader(out.open(encoding="utf-8-sig")))
    assert len(rows) == 2 and {r["library"] for r in rows} == {"1"}
    said = capsys.readouterr().err
    assert "1 session(s) not from the library left out" in said and "--unpublished" in said  # never silently
    assert main(["export", "--format", "csv", "--out", str(out), "--unpublished", "--db", str(db)]) == 0
    assert "left out" not in capsys.readouterr().err
    rows = list(csv.DictReader(out.open(encoding="utf-8-sig")))
    assert sorted((r["trainee"], r["library"], r["overall"]) for r in rows if r["library"] == "0") == [
        ("Dana Reyes", "0", "100.0")
    ]
    doc = tmp_path / "out.json"
    assert main(["export", "--format", "json", "--out", str(doc), "--db", str(db)]) == 0
    data = json.loads(doc.read_text(encoding="utf-8"))
    assert data["filters"]["unpublished"] is False and all(s["library"] for s in data["sessions"])
    dana = next(t for t in data["trainees"] if t["name"] == "Dana Reyes")
    assert dana["pass_rate"] == 0.0 and dana["overall"] < 60
    assert main(["export", "--format", "json", "--out", str(doc), "--unpublished", "--db", str(db)]) == 0
    data = json.loads(doc.read_text(encoding="utf-8"))
    assert [s["overall"] for s in data["sessions"] if s["library"] is False] == [100.0]


@pytest.mark.usefixtures("qapp")  # the PDF writer paints with Qt
@pytest.mark.parametrize("fmt", ["csv", "json", "pdf"])
def test_every_format_counts_what_it_left_out(db: Path, tmp_path: Path, fmt: str) -> None:
    """The writer that applied the filters says how many sessions weren't from the library (the CLI prints it)."""
    from simulator.reports.formats import EXPORTERS

    with open_store(db) as store:
        assert EXPORTERS[fmt](store, tmp_path / f"out.{fmt}").left_out == 1
        assert EXPORTERS[fmt](store, tmp_path / f"out.{fmt}", trainee="Bob").left_out == 0  # Bob played the library's file
        assert EXPORTERS[fmt](store, tmp_path / f"out.{fmt}", unpublished=True).left_out == 0


def test_xapi_statements_say_whether_the_file_was_the_librarys(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "statements.json"
    assert main(["export", "--format", "xapi", "--out", str(out), "--db", str(db)]) == 0
    flags: dict[str, set[bool]] = {}
    for statement in json.loads(out.read_text(encoding="utf-8")):
        context = statement.get("context", {})
        if "extensions" in context:
            ext = context["extensions"]
            flags.setdefault(context["registration"], set()).add(ext[next(k for k in ext if k.endswith("/from-library"))])
    assert sorted(tuple(v) for v in flags.values()) == [(False,), (True,), (True,)]
    from simulator.xapi.history import session_statements

    with open_store(db) as store:  # rebuilt from the stored rows (a merged session): the same mark
        forged = store.db.execute("SELECT id FROM sessions WHERE library = 0").fetchone()[0]
        rebuilt = session_statements(store, forged)
    assert {s["context"]["extensions"].get("https://service-recovery-simulator.invalid/xapi/extensions/from-library")
            for s in rebuilt if "extensions" in s.get("context", {})} == {False}  # fmt: skip


def test_a_published_folder_counts_as_the_library(tmp_path: Path, forged: Path) -> None:
    """A trainer's own published folder is the library too: its sessions count like bundled ones."""
    path = tmp_path / "published.db"
    with open_store(path) as store:
        store.set_setting("library_folders", [str(forged.parent)])
    assert main(["play", str(forged), "--choose", "1", "--trainee", "Cy", "--db", str(path)]) == 0
    with open_store(path) as store:
        assert store.db.execute("SELECT library FROM sessions").fetchall() == [(1,)]


def test_merge_judges_the_other_files_sessions_here_never_on_its_word(db: Path, tmp_path: Path, forged: Path) -> None:
    other = tmp_path / "other.db"
    with open_store(other) as store:
        store.set_setting("library_folders", [str(forged.parent)])  # the other PC "published" the forged copy
    argv = ["play", str(forged), "--choose", "1", "--mode", "assessment", "--trainee", "Eve", "--db", str(other)]
    assert main(argv) == 0
    _play_real(other, "Eve", best=True)
    with open_store(other) as store:
        assert store.db.execute("SELECT sum(library) FROM sessions").fetchone()[0] == 2  # it says both are real
    with open_store(db) as store:
        store.merge(other)
        eve = store.db.execute(
            "SELECT s.overall, s.library, (SELECT min(library) FROM session_scores WHERE session_id = s.id) FROM sessions s "
            "JOIN trainees t ON t.id = s.trainee_id WHERE t.name = 'Eve' ORDER BY s.library"
        ).fetchall()
    assert [(overall, library, scores) for overall, library, scores in eve] == [(100.0, 0, 0), (eve[1][0], 1, 1)]


def test_old_sessions_are_judged_from_their_stored_version(tmp_path: Path, forged: Path) -> None:
    """Sessions recorded before m009 get their mark from the stored text: a library file's version
    counts, a copy from another folder doesn't, and text that doesn't hash to its key never does."""
    path = tmp_path / "old.db"
    db = Database(path)
    migrations.apply(db, stop_before="m009_library_versions")
    db["trainees"].insert({"id": "t1", "name": "Dana", "created": "2026-01-01T00:00:00+00:00"})
    real, fake = REAL.read_bytes(), forged.read_bytes()
    versions = [(hashlib.sha256(real).hexdigest(), real, str(REAL)), (hashlib.sha256(fake).hexdigest(), fake, str(forged)),
                (hashlib.sha256(real).hexdigest()[:-4] + "beef", real, str(REAL))]  # fmt: skip
    for n, (key, raw, where) in enumerate(versions):
        db["scenario_versions"].insert({"content_hash": key, "scenario_id": "rained-out-park", "path": where,
                                        "content": raw.decode("utf-8"), "first_seen": "2026-01-01T00:00:00+00:00"})  # fmt: skip
        db["sessions"].insert({"id": f"s{n}", "trainee_id": "t1", "scenario_id": "rained-out-park", "content_hash": key,
                               "mode": "assessment", "started": f"2026-01-0{n + 1}T00:00:00+00:00",
                               "updated": "2026-01-09T00:00:00+00:00", "finished": "2026-01-09T00:00:00+00:00",
                               "overall": 100.0, "passed": 1})  # fmt: skip
        db["session_scores"].insert({"session_id": f"s{n}", "dimension": "listening", "trainee_id": "t1",
                                     "scenario_id": "rained-out-park", "started": "2026-01-01", "scaled": 100.0})  # fmt: skip
    db.close()
    with open_store(path) as store:
        assert store.db.execute("SELECT id, library FROM sessions ORDER BY id").fetchall() == [("s0", 1), ("s1", 0), ("s2", 0)]
        assert store.db.execute("SELECT session_id, library FROM session_scores ORDER BY 1").fetchall() == [
            ("s0", 1), ("s1", 0), ("s2", 0)
        ]  # fmt: skip
        query = "EXPLAIN QUERY PLAN SELECT trainee_id, avg(scaled) FROM session_scores WHERE library = 1 GROUP BY 1"
        assert "COVERING INDEX idx_session_scores_cohort" in " ".join(str(r) for r in store.db.execute(query))
