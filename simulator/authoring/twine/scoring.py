"""The scoring a trainer can type in Twine: tags on the passage a reply leads to.

``listening+2`` ``surprise+1`` ``emotional-repair-1`` give the reply points on a rubric dimension
(a name the rubric doesn't have becomes an added dimension), ``mood+10`` moves the customer's
mood, ``outcome-loyal`` / ``outcome-neutral`` / ``outcome-lost`` set an ending's outcome, and any
other tag (``policy``, ``proactive``...) becomes a label on the reply for reports.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from simulator.scenario.model import OUTCOMES

_AMOUNT = re.compile(r"^([A-Za-z][\w-]*?)([+-]\d+)$")
_OUTCOME = re.compile(r"^outcome[-_:](.*)$", re.IGNORECASE)
POINTS_RANGE, MOOD_RANGE = 10, 100


@dataclass(slots=True)
class Scoring:
    """What a passage's tags say about the replies that lead to it (and about it, if it's an ending)."""

    points: dict[str, int] = field(default_factory=dict)
    mood: int = 0
    labels: list[str] = field(default_factory=list)
    outcome: str = ""
    problems: list[str] = field(default_factory=list)


def read_tags(tags: list[str]) -> Scoring:
    scoring = Scoring()
    for tag in tags:
        amount, outcome = _AMOUNT.match(tag), _OUTCOME.match(tag)
        if outcome:
            _outcome(scoring, tag, outcome.group(1).lower())
        elif amount:
            name, value = amount.group(1).lower().replace("-", "_"), int(amount.group(2))
            if name == "mood":
                scoring.mood += value
            else:
                scoring.points[name] = scoring.points.get(name, 0) + value
        else:
            scoring.labels.append(tag)
    _clamp(scoring)
    return scoring


def _outcome(scoring: Scoring, tag: str, value: str) -> None:
    if value in OUTCOMES:
        scoring.outcome = value
    else:
        scoring.problems.append(f"tag '{tag}' names no outcome; use one of {', '.join(f'outcome-{o}' for o in OUTCOMES)}")


def _clamp(scoring: Scoring) -> None:
    for name, value in scoring.points.items():
        if abs(value) > POINTS_RANGE:
            scoring.problems.append(f"{name}{value:+d} is outside -{POINTS_RANGE}..{POINTS_RANGE}; kept at the limit")
            scoring.points[name] = max(-POINTS_RANGE, min(POINTS_RANGE, value))
    if abs(scoring.mood) > MOOD_RANGE:
        scoring.problems.append(f"mood{scoring.mood:+d} is outside -{MOOD_RANGE}..{MOOD_RANGE}; kept at the limit")
        scoring.mood = max(-MOOD_RANGE, min(MOOD_RANGE, scoring.mood))
