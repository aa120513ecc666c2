"""Turn a session's decisions into a scorecard that explains itself.

Each dimension's points are scaled 0-100 against the best any path can earn (from the explorer),
so a scenario with few surprise opportunities doesn't punish trainees; the overall score is the
weighted mean of the dimensions the scenario can score at all. When the explorer can't play the
scenario out (too big), those maxima are bounds from its graph that real play may never reach:
the scorecard says so (``exact``) instead of quietly scoring a perfect run under 100.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, replace
from typing import TYPE_CHECKING, Any, Protocol

from simulator.engine.points import impact, point_scale
from simulator.scenario.exploration import explore
from simulator.scenario.grading import add_points, passes, scaled
from simulator.scenario.grading import overall as overall_score
from simulator.scenario.model import Choice, Node, Scenario

if TYPE_CHECKING:
    from simulator.engine.events import Decision


class Played(Protocol):
    """What a scorecard reads of a session; ``engine.session.Session`` is one (which calls ``scorecard``)."""

    @property
    def id(self) -> str: ...
    @property
    def scenario(self) -> Scenario: ...
    @property
    def mode(self) -> str: ...
    @property
    def state(self) -> str: ...
    @property
    def mood(self) -> int: ...
    @property
    def decisions(self) -> Sequence[Decision]: ...


_BEST: dict[str, tuple[dict[str, int], bool]] = {}
BOUNDS_NOTE = (
    "Scores are scaled against bounds from the scenario's map, not the best real play can earn: it is "
    "too big to play out exactly, so even a perfect run may score under 100."
)


@dataclass
class DimensionScore:
    id: str
    label: str
    weight: float
    earned: int
    best: int  # the most any path through the scenario can earn
    scaled: float | None  # 0-100, None when the scenario can't score this dimension


@dataclass
class Moment:
    """A decision that moved the score, with the scenario's explanation."""

    seq: int
    node: str
    said: str  # what the customer (or ``speaker``) had just said
    text: str  # what the trainee answered
    points: dict[str, int]
    impact: float  # effect on the overall score out of 100 (``engine.points``; negative = lost points)
    feedback: str
    typed: str = ""  # the trainee's own words, when they typed the reply
    better: str = ""  # the reply at this node that would have scored most, when it wasn't this one
    better_feedback: str = ""  # the file's feedback on that better reply: why it is better
    speaker: str = ""  # who said ``said``, as the conversation calls them: the customer's first name or the node's speaker


@dataclass
class Scorecard:
    session_id: str
    scenario_id: str
    scenario_title: str
    content_hash: str
    mode: str
    finished: bool
    ending_id: str
    ending_title: str
    outcome: str  # lost | neutral | loyal, or "unfinished"
    debrief: str
    dimensions: list[DimensionScore]
    overall: float | None
    passed: bool
    mood: int
    decisions: int
    moments: list[Moment] = field(default_factory=list)
    mood_trail: list[int] = field(default_factory=list)  # the mood at the start, then after each decision
    exact: bool = True  # False: scaled against bounds from the graph (the exact search gave up), see ``exact_maxima``

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def key_moments(self, count: int = 3) -> tuple[list[Moment], list[Moment]]:
        """The moments that earned the most and those that lost the most."""
        gains = sorted((m for m in self.moments if m.impact > 0), key=lambda m: -m.impact)[:count]
        losses = sorted((m for m in self.moments if m.impact < 0), key=lambda m: m.impact)[:count]
        return gains, losses

    def missed(self, count: int = 3) -> list[Moment]:
        """Replies that cost nothing but left a better one unsaid (a rain check instead of a Plan B):
        often the biggest lesson, and invisible among the points lost."""
        return [m for m in self.moments if m.impact == 0 and m.better][:count]


def best_points(scenario: Scenario) -> dict[str, int]:
    """Per-dimension maximum, cached per file content since exploring is the costly part."""
    return _maxima(scenario)[0]


def exact_maxima(scenario: Scenario) -> bool:
    """True when ``best_points`` is what real play can earn; False when the exact search gave up
    and they are bounds from the graph, which may be out of reach (``validate``: inexact-scores)."""
    return _maxima(scenario)[1]


def _maxima(scenario: Scenario) -> tuple[dict[str, int], bool]:
    key = f"{scenario.content_hash}:{scenario.path}:{scenario.start}"
    if key not in _BEST:
        report = explore(scenario, strategies=False)
        _BEST[key] = (report.max_points(), report.exact)
    return _BEST[key]


def score_dimensions(scenario: Scenario, earned: dict[str, int]) -> tuple[list[DimensionScore], float | None]:
    best = best_points(scenario)
    dims = []
    for dim in scenario.rubric.values():
        top, got = best.get(dim.id, 0), earned.get(dim.id, 0)
        dims.append(DimensionScore(dim.id, dim.label, dim.weight, got, top, scaled(got, top)))
    return dims, overall_score(scenario, best, earned)


def scenario_scale(scenario: Scenario) -> dict[str, float]:
    """Overall points per raw point of each dimension in ``scenario``: the coach bubble's scale."""
    return point_scale(score_dimensions(scenario, {})[0])


def scorecard(session: Played) -> Scorecard:
    scenario = session.scenario
    earned: dict[str, int] = {}
    for decision in session.decisions:
        add_points(earned, decision.points)
    dims, overall = score_dimensions(scenario, earned)
    ending = scenario.endings.get(session.state)
    passed = passes(scenario, session.state, overall)
    return Scorecard(
        session.id,
        scenario.id,
        scenario.title,
        scenario.content_hash,
        session.mode,
        ending is not None,
        ending.id if ending else "",
        ending.title if ending else "",
        ending.outcome if ending else "unfinished",
        ending.debrief if ending else "",
        dims,
        overall,
        passed,
        session.mood,
        len(session.decisions),
        _moments(session, dims),
        mood_trail(session),
        exact_maxima(scenario),
    )


def mood_trail(session: Played) -> list[int]:
    """How the customer felt through the conversation, for the debrief's mood curve."""
    decisions = session.decisions
    return [decisions[0].mood_before, *(d.mood_after for d in decisions)] if decisions else [session.mood]


def _moments(session: Played, dims: list[DimensionScore]) -> list[Moment]:
    scale = point_scale(dims)
    moments = []
    for d in session.decisions:
        place = session.scenario.place(d.node)
        better = _better_reply(place, d, scale) if isinstance(place, Node) else None
        if not d.points and better is None:
            continue
        why = better.feedback.strip() if better else ""
        moment = Moment(d.seq, d.node, place.say, d.text, dict(d.points), impact(d.points, scale), d.feedback, d.typed,
                        speaker=session.scenario.speaker(place, first=True))  # fmt: skip
        moments.append(replace(moment, better=better.text, better_feedback=why) if better else moment)
    return moments


def _better_reply(node: Node, taken: Decision, scale: dict[str, float]) -> Choice | None:
    """The always-shown reply at ``node`` worth most on the overall scale, if it beats what was taken
    (a reply or a timeout); a hint, not a verdict: a reply behind ``when`` may not have been on screen."""

    def worth(choice: Choice) -> float:
        return impact(choice.points, scale)

    shown = [c for c in node.choices if c.when is None or c.index == taken.choice_index]
    best = max(shown, key=worth, default=None)
    if best is None or best.index == taken.choice_index or worth(best) <= impact(taken.points, scale):
        return None
    return best
