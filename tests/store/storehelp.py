"""Helpers shared by the store tests (a module name of its own: no clash with other test folders)."""

from __future__ import annotations

import sys
from pathlib import Path

from simulator.engine import FakeClock, Session
from simulator.scenario import Scenario
from simulator.store import Store

HERE = Path(__file__).resolve().parent
WRITER = HERE / "store_writer.py"

SHUTTLE = """\
format: 1
id: late-shuttle
title: The shuttle never came
summary: A guest missed the airport shuttle and her flight leaves soon.
difficulty: easy
minutes: 4
version: "1"
customer: {name: Dana Ruiz, look: maria, mood: 40}
start: greet
nodes:
  greet:
    say: Your shuttle never showed up! My flight leaves in two hours.
    choices:
      - text: "I'm so sorry - that's stressful. When is your flight?"
        goto: listen
        points: {listening: 2, emotional_repair: 2}
        mood: 15
        feedback: Heard first.
      - text: The shuttle company is a separate business.
        goto: excuse
        points: {listening: -1, emotional_repair: -2}
        mood: -20
        tags: [blaming]
        feedback: Blame.
  listen:
    say: Four thirty, terminal B.
    time_limit: 30
    timeout: {goto: fix, mood: -10, points: {listening: -1}, feedback: Too slow.}
    choices:
      - {text: "I'll book you a taxi on us.", goto: fix, points: {alternatives: 2}, mood: 15, feedback: Plan B made easy.}
      - {text: You could try calling a taxi., goto: fix, points: {alternatives: 1}, mood: -5, feedback: Make it easy for them.}
  excuse:
    say: I don't care whose business it is!
    choices:
      - {text: "You're right, I'm sorry.", goto: listen, points: {emotional_repair: 1}, mood: 10, feedback: Recovered.}
      - {text: "There's nothing I can do.", goto: lost, points: {alternatives: -2}, mood: -30, feedback: Never say this.}
  fix:
    say: OK... thank you.
    choices:
      - {text: "And here's a snack box for the road.", goto: wow, points: {surprise: 2}, mood: 20, feedback: WOW.}
      - {text: Have a good flight., goto: ok, feedback: Fine.}
endings:
  wow: {outcome: loyal, title: A fan for life, debrief: Great recovery.}
  ok: {outcome: neutral, title: Fine, debrief: It was fixed.}
  lost: {outcome: lost, title: Gone, debrief: She will not be back.}
"""


def play(store: Store, scenario: Scenario, picks: list[int | str] | str, trainee: str = "Ann", **kw) -> Session:
    """Play with a fake clock, recording into ``store``; 't' lets the timer run out."""
    session = Session(scenario, clock=kw.pop("clock", None) or FakeClock(), **kw)
    store.attach(session, trainee=trainee)
    session.begin()
    for pick in picks:
        session.clock.advance(3)  # type: ignore[attr-defined]
        session.timeout() if pick == "t" else session.choose(int(pick))
    return session


def python() -> str:
    return sys.executable


