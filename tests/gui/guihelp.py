"""Helpers shared by the GUI tests (a module of its own: `from conftest import` is ambiguous
when several test folders have a conftest)."""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
BUNDLED = ROOT / "scenarios" / "rained-out-park.yaml"

# A small scenario with every path the play view must handle: a time limit and its timeout, a
# reply shown only once (``when``), a mood rule that overrides a goto, and three outcomes.
GATE = """\
format: 1
id: {id}
title: "{title}"
summary: A family reaches the gate just as the rides close.
difficulty: easy
minutes: 3
customer:
  name: "{name}"
  persona: Drove two hours for her son's birthday.
  look: maria
  mood: 30
variables: {{asked: false}}
mood_rules:
  - below: 10
    goto: walks-out
start: gate
nodes:
  gate:
    narration: Rain on the ticket booth roof.
    say: "{say}"
    time_limit: 10
    timeout:
      goto: cold
      mood: -5
      points: {{listening: -1}}
      feedback: Silence reads as indifference.
    choices:
      - text: "{reply}"
        goto: listens
        points: {{listening: 2, emotional_repair: 1}}
        mood: 20
        feedback: "{feedback}"
      - text: Policy says no refunds for weather.
        goto: policy
        points: {{listening: -1}}
        mood: -15
        feedback: Quoting policy puts the rule between you.
  cold:
    say: Hello? Is anyone going to talk to me?
    choices:
      - text: I'm sorry, you waited too long. Tell me about your day.
        goto: listens
        points: {{emotional_repair: 1}}
        mood: 10
        feedback: A late start, but a real one.
      - text: Next, please.
        goto: walks-out
        mood: -30
        feedback: She was still there.
  listens:
    say: It's his birthday. What now?
    choices:
      - text: Here is a Plan B, the aquarium, and I'll call ahead for you.
        goto: loyal-fan
        points: {{alternatives: 2, surprise: 1}}
        mood: 40
        feedback: A thoughtful Plan B, made easy.
      - text: Can I ask what he likes most?
        when: not asked
        set: {{asked: true}}
        goto: listens
        points: {{listening: 1}}
        feedback: More listening.
      - text: Here is a rain check.
        goto: settles
        feedback: Correct, and forgettable.
  policy:
    say: That's it?
    choices:
      - text: That's the policy.
        goto: walks-out
        mood: -10
        points: {{listening: -1}}
        feedback: Twice.
endings:
  loyal-fan: {{outcome: loyal, title: A fan for life, debrief: "{debrief}", say: Thank you so much!}}
  settles: {{outcome: neutral, title: They take the rain check, debrief: Fine but forgettable.}}
  walks-out: {{outcome: lost, title: They walk out, debrief: Acknowledge first., face: furious}}
"""

PLAIN = {
    "id": "gate",
    "title": "Closed at the gate",
    "name": "Maria Okafor",
    "say": "We drove two hours. What are you going to do?",
    "reply": "I'm so sorry, on his birthday too. Tell me what you had planned.",
    "feedback": "Dramatic listening first.",
    "debrief": "You listened, then offered a Plan B.",
}


def write_scenario(folder: Path, **fields: str) -> Path:
    """The GATE scenario with some texts replaced (YAML double-quoted strings)."""
    values = {**PLAIN, **fields}
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{values['id']}.yaml"
    quoted = {k: v.replace("\\", "\\\\").replace('"', '\\"') for k, v in values.items()}
    path.write_text(GATE.format(**quoted), encoding="utf-8")
    return path


def rows(db_path: Path, sql: str, *args: Any) -> list[tuple[Any, ...]]:
    """Read the database file directly, as another program would, to check what really landed."""
    with contextlib.closing(sqlite3.connect(db_path)) as conn:
        return conn.execute(sql, args).fetchall()


def accept_next_message(seen: list[str]) -> None:
    """When the next modal message box appears (``exec`` blocks the test), note its text and press OK."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    def close_it() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, close_it)
            return
        seen.append(box.text())
        box.accept()

    QTimer.singleShot(20, close_it)


def start_as(window: Any, trainee: str, scenario_id: str) -> Any:
    """Sign ``trainee`` in as a new trainee and start ``scenario_id`` from its library card; the play view."""
    window.profile.name_edit.setText(trainee)
    window.profile.create_button.click()
    next(c for c in window.library.cards if c.entry.id == scenario_id).start_button.click()
    return window.play


def shown(qtbot: Any, widget: Any, size: tuple[int, int]) -> Any:
    """``widget`` owned by the test, at ``size``, on screen and exposed."""
    qtbot.addWidget(widget)
    widget.resize(*size)
    widget.show()
    qtbot.waitExposed(widget)
    return widget
