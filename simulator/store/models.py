"""What the store hands back: plain immutable records, so the GUI and reports never see SQL rows.

They are ``NamedTuple``s rather than frozen dataclasses because the app imports them on every
start: building nine dataclasses cost ~6 ms there, the tuples a quarter of that. No
``from __future__ import annotations`` here: with string annotations ``typing`` compiles each
field's type when the class is made (~0.4 ms for all of them).

Times are ISO 8601 strings exactly as the engine stamped them (UTC), which sort correctly as text
and show well in Datasette.
"""

from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from simulator.engine.session import Session


class Trainee(NamedTuple):
    id: str  # a UUID: stable across PCs, so merging rooms never mixes people up
    name: str
    employee_id: str | None
    created: str
    extra_time: str = "off"  # off | 1.5x | 2x | none (no time limits): set by a supervisor, see engine.countdown


class SessionInfo(NamedTuple):
    """An interrupted session the app can offer to resume."""

    id: str
    trainee_id: str
    trainee_name: str
    scenario_id: str
    scenario_title: str
    started: str
    updated: str  # the last decision (or the start)
    decisions: int
    content_hash: str
    mode: str


class SessionSummary(NamedTuple):
    """One session as the trainee's history and the sessions list show it."""

    id: str
    trainee_id: str
    trainee_name: str
    scenario_id: str
    scenario_title: str
    content_hash: str
    mode: str
    started: str
    updated: str
    finished: str | None
    abandoned: str | None
    outcome: str | None  # lost | neutral | loyal; None while unfinished
    ending_id: str | None
    overall: float | None
    passed: bool | None
    decisions: int
    scores: dict[str, float | None]  # dimension -> scaled 0-100
    step_backs: int = 0  # replies taken back in practice mode
    time_factor: float | None = 1.0  # extra time the session was played with; None: no time limits
    library: bool = True  # played on a version the library offers (False: another file; see store.library)

    def to_dict(self) -> dict[str, Any]:
        return {**self._asdict(), "scores": dict(self.scores)}


class NodeStat(NamedTuple):
    """A place in a scenario and how many points trainees leave there."""

    node: str
    visits: int
    missed: float  # mean points below the best choice at this node
    worst_choice: int | None  # the declared index most often taken among those that miss points


class ScenarioStats(NamedTuple):
    scenario_id: str
    title: str
    sessions: int
    finished: int
    abandoned: int
    completion: float | None  # finished / sessions
    outcomes: dict[str, int]  # lost | neutral | loyal -> count of finished sessions
    average_overall: float | None
    pass_rate: float | None
    hardest: list[NodeStat]

    def to_dict(self) -> dict[str, Any]:
        return {**self._asdict(), "outcomes": dict(self.outcomes), "hardest": [n._asdict() for n in self.hardest]}


class MergeResult(NamedTuple):
    path: str
    trainees_added: int = 0
    trainees_matched: int = 0  # same name here under another id: their sessions join ours
    sessions_added: int = 0
    sessions_updated: int = 0  # the other copy had gone further
    decisions_added: int = 0
    versions_added: int = 0
    trainees_renamed: int = 0  # same name here but another employee ID: someone else, added as "Name (ID)"

    def to_dict(self) -> dict[str, Any]:
        return self._asdict()


class Resumed(NamedTuple):
    """A rebuilt session ready to continue, and a sentence for the trainee if something changed."""

    session: "Session"  # imported only for type checkers
    note: str | None = None


class StoredDecision(NamedTuple):
    """The fields ``Session.replay`` needs, read back from the database."""

    node: str
    choice_index: int
    response_ms: int
    at: str
    typed: str = ""  # the trainee's own words, when they typed the reply


def stored_factor(factor: float | None) -> float:
    """A session's time factor as stored: 0 stands for "no time limits" (the column is NOT NULL)."""
    return 0.0 if factor is None else factor


def factor_of(stored: float | None) -> float | None:
    """A stored time factor as the engine takes it (the inverse of ``stored_factor``)."""
    if stored is None:
        return 1.0
    return None if stored == 0 else float(stored)
