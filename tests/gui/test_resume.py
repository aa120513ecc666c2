"""An interrupted session (the app killed mid-conversation) is offered on the next start and resumes
at the last decision, in the same mode, recording on into the same session."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

from guihelp import ROOT, accept_next_message, rows

from simulator.store import open_store

PLAYER = Path(__file__).with_name("interrupted_player.py")


def kill_mid_session(db_path: Path, scenario: Path, name: str, mode: str = "practice") -> str:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, str(PLAYER), str(db_path), str(scenario), name, mode],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert done.returncode == -signal.SIGKILL, done.stderr
    return done.stdout.strip()


def test_killed_session_is_offered_and_resumes_at_the_last_decision(make_window: Any, gate_file: Path, db_path: Path) -> None:
    session_id = kill_mid_session(db_path, gate_file, "Rosa Diaz")
    assert rows(db_path, "SELECT count(*) FROM decisions WHERE session_id = ?", session_id) == [(2,)]

    with open_store(db_path) as store:
        window = make_window(gate_file, db=store)
        assert [t.name for t in store.trainees()] == ["Rosa Diaz"]
        window.profile.continue_button.click()  # the only profile is preselected
        library = window.library
        assert library.banner.isVisible()
        assert window.focusWidget() is library.resume_now  # offered first: Enter resumes
        card = next(c for c in library.cards if c.entry.id == "gate")
        assert card.badge is not None and card.badge.text() == "Unfinished · 2 replies"
        library.resume_now.click()

        play = window.play
        assert play.session.id == session_id
        assert play.session.state == "listens"
        assert play.session.mode == "practice"
        texts = play.label_texts()
        assert "Welcome back: you're continuing where you left off." in texts
        assert texts.count("It's his birthday. What now?") == 2  # shown once per visit, before and after the loop
        assert [b.reply for b in play.choices.buttons] == [
            "Here is a Plan B, the aquarium, and I'll call ahead for you.",
            "Here is a rain check.",
        ]  # the "ask" reply was used up before the crash, so the resumed session knows it
        play.choices.buttons[0].click()
        play.end_button.click()
        assert window.debrief.card.outcome == "loyal"

    seqs = rows(db_path, "SELECT seq, node, number FROM decisions WHERE session_id = ? ORDER BY seq", session_id)
    assert seqs == [(1, "gate", 1), (2, "listens", 2), (3, "listens", 1)]
    assert rows(db_path, "SELECT ending_id, finished IS NOT NULL FROM sessions") == [("loyal-fan", 1)]


def test_resume_from_a_card_and_not_now_hides_the_banner(make_window: Any, gate_file: Path, db_path: Path) -> None:
    session_id = kill_mid_session(db_path, gate_file, "Ken", mode="assessment")
    with open_store(db_path) as store:
        window = make_window(gate_file, db=store)
        window.profile.continue_button.click()
        library = window.library
        assert library.banner.isVisible()
        library.banner.findChildren(type(library.switch_button))[-1].click()  # "Not now"
        assert not library.banner.isVisible()
        card = next(c for c in library.cards if c.entry.id == "gate")
        assert card.resume_button is not None
        card.resume_button.click()
        play = window.play
        assert play.session.id == session_id
        assert play.session.mode == "assessment"
        assert not play.back_button.isVisible()
        assert not any(kind.startswith("coach") for kind, _text in play.transcript.entries)


def test_resume_after_the_file_changed_says_so_and_plays_the_old_version(
    make_window: Any, gate_file: Path, db_path: Path
) -> None:
    session_id = kill_mid_session(db_path, gate_file, "Ida")
    gate_file.write_text(
        gate_file.read_text(encoding="utf-8").replace("It's his birthday. What now?", "Edited line."), encoding="utf-8"
    )
    with open_store(db_path) as store:
        window = make_window(gate_file, db=store)
        window.profile.continue_button.click()
        window.library.resume_now.click()
        play = window.play
        assert play.session.id == session_id
        texts = play.label_texts()
        assert any(t.startswith("Welcome back") and "has changed since this session started" in t for t in texts)
        assert "It's his birthday. What now?" in texts and "Edited line." not in texts


def test_a_results_file_that_is_not_a_database_is_named_and_left_alone(qapp: Any, tmp_path: Path) -> None:
    """The app opens the store before any window: a bad file gets a message naming it, exit 1, bytes untouched."""
    import argparse

    from simulator.gui.main import run

    bad = tmp_path / "results.db"
    bad.write_text("these are my notes, not a database\n")
    before = bad.read_bytes()
    seen: list[str] = []
    accept_next_message(seen)
    assert run(argparse.Namespace(db=str(bad), self_test=False, scenario=None)) == 1
    assert seen and str(bad) in seen[0]
    assert bad.read_bytes() == before
