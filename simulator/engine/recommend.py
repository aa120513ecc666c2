"""Which scenario to play next: the one that trains the skill the trainee is weakest at *now*.

"Now" means their last few assessment sessions: practice (with step-backs) says little about
what they can do, and an all-time average keeps recommending a skill they have since mastered.
A scenario "trains" a dimension by the share of its overall score that rides on it; between
equal shares, more points to earn there means more chances to practise it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from statistics import fmean

from simulator.engine.scoring import score_dimensions
from simulator.scenario.model import Scenario

RECENT = 5  # assessment sessions that say where a trainee is now


@dataclass(frozen=True)
class Offer:
    """What one scenario can train: per dimension, its share of the overall score and the points to earn."""

    scenario_id: str
    title: str
    share: dict[str, float]
    chances: dict[str, int]
    labels: dict[str, str]


@dataclass(frozen=True)
class Suggestion:
    scenario_id: str
    title: str
    dimension: str
    label: str
    recent: float  # the trainee's mean in that dimension over the recent sessions
    sessions: int  # how many recent sessions that mean is over


def offer(scenario: Scenario) -> Offer:
    """A scenario's ``Offer`` (explores it once, as its scorecard would)."""
    dims = [d for d in score_dimensions(scenario, {})[0] if d.best > 0 and d.weight > 0]
    total = sum(d.weight for d in dims) or 1.0
    return Offer(
        scenario.id,
        scenario.title,
        {d.id: d.weight / total for d in dims},
        {d.id: d.best for d in dims},
        {d.id: d.label for d in dims},
    )


def recent_means(recent: Sequence[Mapping[str, float | None]]) -> dict[str, float]:
    """Each dimension's mean over the sessions that scored it."""
    values: dict[str, list[float]] = {}
    for scores in recent:
        for dim, value in scores.items():
            if value is not None:
                values.setdefault(dim, []).append(value)
    return {dim: fmean(found) for dim, found in values.items()}


def suggest(recent: Sequence[Mapping[str, float | None]], offers: Sequence[Offer], played: str) -> Suggestion | None:
    """The scenario (other than ``played``) that best trains the weakest recent dimension it can train;
    None without recent sessions or another scenario."""
    means = recent_means(recent)
    others = [o for o in offers if o.scenario_id != played]
    trainable = {dim: mean for dim, mean in means.items() if any(dim in o.share for o in others)}
    if not trainable:
        return None
    weakest = min(trainable, key=lambda dim: (trainable[dim], dim))
    best = min(
        (o for o in others if weakest in o.share),
        key=lambda o: (-o.share[weakest], -o.chances[weakest], o.title.lower()),
    )
    scored = sum(1 for scores in recent if scores.get(weakest) is not None)
    return Suggestion(best.scenario_id, best.title, weakest, best.labels[weakest], round(trainable[weakest], 1), scored)
