"""A commented starter scenario that passes ``simulator validate`` as it is."""

from __future__ import annotations

import re

TEMPLATE = """\
# yaml-language-server: $schema=../simulator/scenario/schema.json
# {title}: a new scenario. The format is documented in docs/scenario-format.md.
# Check it with:  simulator validate {file}   and play it with:  simulator play {file} --choose 1,1,1
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
  look: maria                 # a face set from assets/faces/
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
    say: What the customer says first, in their own words.
    time_limit: 30            # seconds; delete both lines for no timer
    timeout:
      goto: still-waiting
      mood: -10
      feedback: Silence feels like indifference; acknowledge the customer quickly.
    choices:
      - text: A reply that listens and acknowledges the feelings.
        goto: heard
        points: {{listening: 2, emotional_repair: 2}}
        mood: 15
        set: {{apologised: true}}
        feedback: Say why this works, tied to the rubric.
      - text: A tempting reply that explains policy instead.
        goto: still-waiting
        points: {{listening: -1}}
        mood: -15
        tags: [policy]
        feedback: Say why this feels right but costs trust.

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
      - text: Add a small, personal, unexpected gesture.
        goto: loyal
        points: {{surprise: 3}}
        mood: 25
        feedback: Surprise turns OOPS into WOW.
      - text: Thank them and close the conversation.
        goto: fixed
        feedback: Fine, but you left the WOW on the table.

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
    choose: [1, 1, 1]
    ending: loyal
    score: {{min: 80}}
  - name: policy then refund loses the customer
    choose: [2, 2]
    ending: walks-out
    score: {{max: 40}}
"""


def slug(name: str) -> str:
    text = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    return text or "new-scenario"


def new_scenario(name: str, file_name: str) -> str:
    title = name.strip() or "New scenario"
    return TEMPLATE.format(id=slug(title), title=title.replace(":", " -"), file=file_name)
