"""A commented starter scenario that passes ``simulator validate`` as it is."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from simulator.resources import assets_dir, scenarios_dir

TEMPLATE = """\
# yaml-language-server: $schema=../simulator/scenario/schema.json
# {title}: a new scenario. The format is documented in docs/scenario-format.md.
# Check it with:  simulator validate {file}   and play it with:  simulator play {file} --choose 2,1,2
format: 1
id: {id}
title: {title}
summary: >-
  One or two sentences for the library card: who the customer is and what went wrong.
difficulty: medium            # easy | medium | hard
minutes: 5
version: "0.1"
tags: [draft]

customer:
  name: Sam Rivera
  persona: A regular customer whose order went wrong today.
  look: {look}{pad}# a face set from assets/faces/: give each customer their own
  mood: 30                    # 0 furious .. 100 delighted

variables:
  apologised: false           # remember something the trainee did

mood_rules:
  - below: 10                 # push the mood under 10 and the customer walks out
    goto: walks-out

start: complaint

nodes:
  complaint:
    narration: Describe the scene in a sentence.
    # speaker: Jo               # when someone else says the line (a companion, a manager): names it everywhere
    say: What the customer says first, in their own words.
    time_limit: 30            # seconds; delete both lines for no timer
    timeout:
      goto: still-waiting
      mood: -10
      feedback: Silence feels like indifference; acknowledge the customer quickly.
    choices:
      # Vary where the best reply sits and how long it is: validate warns when its place or
      # length gives it away (position-bias, length-bias, gameable).
      - text: A tempting, reasonable-sounding reply that explains the policy instead.
        goto: still-waiting
        points: {{listening: -1}}
        mood: -15
        tags: [policy]
        feedback: Say why this feels right but costs trust.
      - text: Listen, and acknowledge the feelings.
        goto: heard
        points: {{listening: 2, emotional_repair: 2}}
        mood: 15
        set: {{apologised: true}}
        feedback: Say why this works, tied to the rubric.

  still-waiting:
    say: The customer, more upset now.
    choices:
      - text: Finally acknowledge them.
        goto: heard
        points: {{emotional_repair: 1}}
        mood: 10
        set: {{apologised: true}}
        feedback: Better late than never, but the delay cost you.
      - text: Offer a refund and nothing else.
        goto: walks-out
        mood: -20
        tags: [refund-only]
        feedback: A refund without an alternative still leaves them stranded.

  heard:
    say: The customer, calmer, asks what you can do.
    choices:
      - text: Offer a thoughtful Plan B and make it easy (contact, directions).
        goto: surprise
        points: {{alternatives: 3}}
        mood: 20
        feedback: A reasonable alternative shows you think like the customer.
      - text: Fix only the original problem.
        goto: fixed
        when: apologised
        points: {{alternatives: 1}}
        mood: 5
        feedback: Fixed, but nothing memorable.

  surprise:
    say: The customer thanks you.
    choices:
      - text: Thank them and close the conversation.
        goto: fixed
        feedback: Fine, but you left the WOW on the table.
      - text: Add a small, personal, unexpected gesture.
        goto: loyal
        points: {{surprise: 3}}
        mood: 25
        feedback: Surprise turns OOPS into WOW.

endings:
  loyal:
    outcome: loyal
    title: A loyal advocate
    say: I'm telling everyone about this.
    debrief: What the trainee did right, in two or three sentences.
  fixed:
    outcome: neutral
    title: Fixed, but forgettable
    debrief: What was missing between fixing it and wowing them.
  walks-out:
    outcome: lost
    title: The customer walks out
    say: Forget it.
    debrief: What went wrong and what to try first next time.

tests:
  - name: best path
    choose: [2, 1, 2]
    ending: loyal
    score: {{min: 80}}
  - name: policy then refund loses the customer
    choose: [1, 2]
    ending: walks-out
    score: {{max: 40}}
"""


def slug(name: str) -> str:
    text = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    return text or "new-scenario"


def new_scenario(name: str, file_name: str, look: str = "maria", taken: Iterable[str] = ()) -> str:
    """The template filled in; the id is the title's slug, numbered past any id in ``taken``."""
    title = name.strip() or "New scenario"
    pad = " " * max(1, 22 - len(look))  # keeps the comment in line with its neighbours
    base, used = slug(title), set(taken)
    scenario_id = next(i for i in (base, *(f"{base}-{n}" for n in range(2, len(used) + 3))) if i not in used)
    return TEMPLATE.format(id=scenario_id, title=title.replace(":", " -"), file=file_name, look=look, pad=pad)


def ids_in(folder: Path) -> set[str]:
    """Scenario ids already used in ``folder`` and by the bundled scenarios: a new one must differ."""
    return {header.get("id", "") for header in _headers([folder, scenarios_dir()])}


def fresh_look(folder: Path) -> str:
    """The bundled look used least by the scenarios in ``folder`` and the bundled ones (first by name on a tie).

    Trainees meet every scenario in one library: two customers with one face read as one person.
    """
    faces = assets_dir() / "faces"
    looks = sorted(p.name for p in faces.iterdir() if (p / "neutral.svg").is_file()) if faces.is_dir() else []
    if not looks:
        return "maria"
    used = Counter(_looks_in([folder, scenarios_dir()]))
    return min(looks, key=lambda look: (used[look], look))


def _looks_in(folders: Iterable[Path]) -> Iterable[str]:
    return (header.get("customer.look") or "maria" for header in _headers(folders))


def _headers(folders: Iterable[Path]) -> Iterable[dict[str, str]]:
    from simulator.scenario.header import read_header

    files = {f.resolve() for folder in folders if folder.is_dir() for f in folder.glob("*.y*ml") if f.is_file()}
    for file in files:
        try:
            header = read_header(file.read_bytes()[: 256 * 1024])  # the header comes long before the nodes
        except (OSError, ValueError):
            continue
        if header is not None:
            yield header
