"""A typed reply's words are kept with the decision and travel with every way a session leaves the PC."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

from simulator.engine import FakeClock, Session
from simulator.engine.scoring import scorecard
from simulator.reports.formats import EXPORTERS
from simulator.reports.transcript import transcript
from simulator.xapi.history import session_statements

WORDS = "=so sorry, that's awful - when does your flight leave?"  # a leading '=' must never reach a spreadsheet as a formula


def typed_session(store: Any, scenario: Any) -> Session:
    session = Session(scenario, clock=FakeClock())
    store.attach(session, trainee="Ann Lee")
    session.begin()
    session.choose(1, typed=WORDS)
    session.choose(2)  # a clicked reply keeps no words
    return session


def test_the_words_are_stored_with_the_decision_and_survive_resume(store: Any, scenario: Any, scenario_file: Path) -> None:
    session = typed_session(store, scenario)
    rows = store.db.execute("SELECT seq, typed FROM decisions WHERE session_id = ? ORDER BY seq", [session.id]).fetchall()
    assert rows == [(1, WORDS), (2, None)]
    resumed = store.resume(session.id, str(scenario_file), clock=FakeClock()).session
    assert [d.typed for d in resumed.decisions] == [WORDS, ""]


def test_transcript_and_debrief_say_what_was_written_and_meant(store: Any, scenario: Any) -> None:
    session = typed_session(store, scenario)
    lines = transcript(scenario, session.start, session.decisions)
    wrote = lines.index(f"  You wrote: {WORDS}")
    assert lines[wrote + 1].startswith("  You meant: 1. I'm so sorry")
    moment = next(m for m in scorecard(session).moments if m.seq == 1)
    assert moment.typed == WORDS and moment.text.startswith("I'm so sorry")


def test_exports_and_xapi_carry_the_words(store: Any, scenario: Any, tmp_path: Path) -> None:
    session = typed_session(store, scenario)
    EXPORTERS["csv"](store, tmp_path / "c.csv", decisions=True, unpublished=True)  # a test file, not the library's
    with (tmp_path / "c.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["typed"] for r in rows] == ["'" + WORDS, ""]  # neutralised like every text cell
    EXPORTERS["json"](store, tmp_path / "s.json", decisions=True, unpublished=True)
    choices = json.loads((tmp_path / "s.json").read_text(encoding="utf-8"))["sessions"][0]["choices"]
    assert [c["typed"] for c in choices] == [WORDS, None]
    answered = [s for s in session_statements(store, session.id) if s["verb"]["id"].endswith("/answered")]
    assert answered[0]["result"]["response"] == WORDS
    reply = [v for k, v in answered[0]["result"]["extensions"].items() if k.endswith("/reply")]
    assert reply and reply[0].startswith("I'm so sorry")
    assert answered[1]["result"]["response"] == session.decisions[1].text.strip()
