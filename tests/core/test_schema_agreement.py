"""The JSON Schema and `simulator validate` agree: a corpus of the study's disagreements, each run through both."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft7Validator

from simulator.scenario import load_bytes

SCHEMA = json.loads((Path(__file__).resolve().parents[2] / "simulator" / "scenario" / "schema.json").read_text())
BASE = """format: 1
id: cake
title: Cake
summary: A cake.
difficulty: easy
minutes: 3
customer: {name: Di Ane, mood: 50}
variables: {asked: false}
start: a
nodes:
  a:
    say: Where is my cake?
    time_limit: 30
    timeout: {goto: b, feedback: f}
    choices:
      - {text: Tell me more, goto: b, points: {listening: 2}, mood: 5, feedback: f, set: {asked: true}}
      - {text: Policy, goto: b, points: {listening: -1}, feedback: f}
  b:
    say: Well?
    choices:
      - {text: A plan, goto: won, when: asked, points: {alternatives: 2, emotional_repair: 1, surprise: 1}, feedback: f}
      - {text: Sorry, goto: won, feedback: f}
endings:
  won: {outcome: loyal, title: Won, debrief: Done.}
tests:
  - {name: best, choose: [1, 1], ending: won}
"""

# (what the study found, the edit to BASE, whether both must accept it)
CASES = [
    ("the base file", lambda s: s, True),
    ("3.0 for whole points", lambda s: s.replace("listening: 2}", "listening: 2.0}"), True),
    ("15.0 for a mood change", lambda s: s.replace("mood: 5,", "mood: 5.0,"), True),
    ("25.0 for the customer's mood", lambda s: s.replace("mood: 50}", "mood: 50.0}"), True),
    ("2.0 and t in a test", lambda s: s.replace("choose: [1, 1]", "choose: [t, 2.0]"), True),
    ("when: 1", lambda s: s.replace("when: asked", "when: 1"), False),
    ("an added dimension without label", lambda s: s.replace("variables:", "rubric: {speed: {weight: 1}}\nvariables:"), False),
    ("a core dimension relabelled", lambda s: s.replace("variables:", "rubric: {listening: {weight: 2}}\nvariables:"), True),
    ("score.min 185", lambda s: s.replace("ending: won}", "ending: won, score: {min: 185}}"), False),
    ("text over 10,000 characters", lambda s: s.replace("say: Well?", "say: " + "w" * 10_001), False),
    ("whitespace-only text", lambda s: s.replace("title: Cake", "title: '   '"), False),
    ("feedback over 10,000 characters", lambda s: s.replace("feedback: f}", "feedback: " + "f" * 10_001 + "}", 1), False),
    ("a numeric node id", lambda s: s.replace("  b:\n", "  404:\n").replace("goto: b", "goto: '404'"), False),
    ("a quoted numeric node id", lambda s: s.replace("  b:\n", "  '404':\n").replace("goto: b", "goto: '404'"), True),
    ("a scenario id with capitals and a dot", lambda s: s.replace("id: cake", "id: Wrong.Cake"), False),
    ("a second character's line", lambda s: s.replace("    say: Well?", "    speaker: Rosa\n    say: Well?"), True),
    ("a speaker on two lines", lambda s: s.replace("    say: Well?", '    speaker: "Rosa\\nDelgado"\n    say: Well?'), False),
    ("an empty speaker", lambda s: s.replace("    say: Well?", '    speaker: ""\n    say: Well?'), False),
    ("a speaker of 61 letters", lambda s: s.replace("    say: Well?", f"    speaker: {'R' * 61}\n    say: Well?"), False),
]


@pytest.mark.parametrize(("name", "edit", "accepted"), CASES, ids=[c[0] for c in CASES])
def test_schema_and_validate_agree(name: str, edit, accepted: bool) -> None:
    text = edit(BASE)
    schema_errors = [e.message for e in Draft7Validator(SCHEMA).iter_errors(yaml.safe_load(text))]
    loaded = load_bytes(text.encode(), "case.yaml")
    validate_errors = [str(p) for p in loaded.problems if p.severity == "error"]
    assert (schema_errors == [], validate_errors == []) == (accepted, accepted), (schema_errors, validate_errors)
