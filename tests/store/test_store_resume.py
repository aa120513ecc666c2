"""Resume after a crash, and history that survives the trainer editing or deleting the file."""

from __future__ import annotations

import signal
import subprocess
import time
from pathlib import Path

import pytest
from storehelp import SHUTTLE, WRITER, play, python

from simulator.engine import FakeClock
from simulator.store import StoreError, open_store


def test_sigkill_mid_session_then_resume_loses_nothing(db_path: Path, scenario_file: Path) -> None:
    done = subprocess.run(
        [python(), str(WRITER), "kill", str(db_path), str(scenario_file), "2,1"],
        check=False,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == -signal.SIGKILL, done.stderr
    session_id = done.stdout.strip()
    store = open_store(db_path)
    offered = store.unfinished()
    assert [(s.id, s.trainee_name, s.decisions, s.scenario_id) for s in offered] == [(session_id, "Ann", 2, "late-shuttle")]
    resumed = store.resume(session_id, str(scenario_file), clock=FakeClock())
    assert resumed.note is None
    session = resumed.session
    assert session.id == session_id
    assert session.state == "listen"  # greet -(2)-> excuse -(1)-> listen
    assert [d.node for d in session.decisions] == ["greet", "excuse"]
    assert session.mood == 30
    session.choose(1)
    session.choose(1)
    assert session.finished
    assert [r["seq"] for r in store.session_decisions(session_id)] == [1, 2, 3, 4]
    assert store.unfinished() == []
    assert store.sessions()[0].outcome == "loyal"
    store.close()


@pytest.mark.slow
def test_sigkill_while_writing_leaves_every_session_consistent(db_path: Path, scenario_file: Path) -> None:
    writer = subprocess.Popen(
        [python(), str(WRITER), "loop", str(db_path), str(scenario_file)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert writer.stdout is not None and writer.stdout.readline().strip() == "running"
        time.sleep(0.3)  # let it write a few hundred transactions; the kill lands mid-write
    finally:
        writer.send_signal(signal.SIGKILL)
        writer.wait(timeout=30)
    store = open_store(db_path)  # quick_check runs here: the file is intact
    assert store.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    sessions = store.sessions()
    assert len(sessions) >= 3
    for s in sessions:
        seqs = [r["seq"] for r in store.session_decisions(s.id)]
        assert seqs == list(range(1, len(seqs) + 1))
        if s.finished:
            assert s.outcome in ("loyal", "neutral", "lost") and s.scores
    unfinished = store.unfinished()
    assert len(unfinished) <= 1  # at most the one being played when the kill landed; it resumes
    for info in unfinished:
        assert len(store.resume(info.id, str(scenario_file)).session.decisions) == info.decisions
    print(f"{len(sessions)} sessions written before the kill")
    store.close()


def test_resume_uses_the_stored_version_when_the_file_changed(store, scenario, scenario_file: Path) -> None:
    session = play(store, scenario, [1])
    edited = (
        SHUTTLE.replace("Four thirty, terminal B.", "Five o'clock!")
        .replace("listen:", "hear:")
        .replace("goto: listen", "goto: hear")
    )
    scenario_file.write_text(edited, encoding="utf-8")
    resumed = store.resume(session.id, str(scenario_file), clock=FakeClock())
    assert resumed.note and "changed" in resumed.note and str(scenario_file) in resumed.note
    assert resumed.session.state == "listen"  # the old node id still works: it is the old version
    assert resumed.session.place.say == "Four thirty, terminal B."
    assert resumed.session.scenario.content_hash == scenario.content_hash
    resumed.session.choose(1)
    assert [r["seq"] for r in store.session_decisions(session.id)] == [1, 2]


def test_resume_after_the_file_was_deleted(store, scenario, scenario_file: Path) -> None:
    session = play(store, scenario, [2, 1])
    scenario_file.unlink()
    resumed = store.resume(session.id)  # no current path: the stored one, which is gone
    assert resumed.note and "no longer there" in resumed.note
    assert resumed.session.state == "listen"


def test_transcript_and_scores_survive_edits(store, scenario, scenario_file: Path) -> None:
    session = play(store, scenario, [1, 1, 1])
    scenario_file.write_text(SHUTTLE.replace("Four thirty, terminal B.", "Changed."), encoding="utf-8")
    old = store.session_scenario(session.id)
    assert old.content_hash == scenario.content_hash
    said = [old.place(r["node"]).say for r in store.session_decisions(session.id)]
    assert said[1] == "Four thirty, terminal B."
    assert store.sessions()[0].overall == 100.0


def test_resume_refuses_finished_and_unknown_sessions(store, scenario) -> None:
    session = play(store, scenario, [2, 2])
    with pytest.raises(StoreError, match="already finished"):
        store.resume(session.id)
    with pytest.raises(StoreError, match="no session"):
        store.resume("nope")


def test_resume_keeps_mode_start_and_decision_times(store, scenario, scenario_file: Path) -> None:
    session = play(store, scenario, [1], mode="assessment", start="greet")
    first_at = store.session_decisions(session.id)[0]["at"]
    resumed = store.resume(session.id, str(scenario_file), clock=FakeClock())
    assert resumed.session.mode == "assessment" and resumed.session.start == "greet"
    assert resumed.session.decisions[0].at == first_at
    assert resumed.session.decisions[0].response_ms == 3000


def test_resuming_a_session_still_open_in_this_store_takes_it_over(store, scenario, scenario_file: Path) -> None:
    old = play(store, scenario, [1])
    new = store.resume(old.id, str(scenario_file), clock=FakeClock()).session
    old.choose(1)  # the stale copy is no longer recorded ...
    new.choose(2)  # ... the resumed one is
    assert [(r["seq"], r["number"]) for r in store.session_decisions(old.id)] == [(1, 1), (2, 2)]
