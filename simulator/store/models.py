"""What the store hands back: plain dataclasses, so the GUI and reports never see SQL rows.

Times are ISO 8601 strings exactly as the engine stamped them (UTC), which sort correctly as text
and show well in Datasette.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from simulator.engine.session import Session


@dataclass(frozen=True)
class Trainee:
    id: str  # a UUID: stable across PCs, so merging rooms never mixes people up
    name: str
    employee_id: str | None
    created: str


@dataclass(frozen=True)
class SessionInfo:
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


@dataclass(frozen=True)
class SessionSummary:
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
    scores: dict[str, float | None] = field(default_factory=dict)  # dimension -> scaled 0-100

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class CohortRow:
    """One line of the supervisor's cohort table."""

    trainee_id: str
    name: str
    employee_id: str | None
    sessions: int
    finished: int
    last_activity: str | None
    overall: float | None  # mean overall of finished sessions
    averages: dict[str, float]  # dimension -> mean scaled score of finished sessions
    trend: float | None  # mean overall of the newer half minus the older half; > 0 is improving

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class NodeStat:
    """A place in a scenario and how many points trainees leave there."""

    node: str
    visits: int
    missed: float  # mean points below the best choice at this node
    worst_choice: int | None  # the declared index most often taken among those that miss points


@dataclass(frozen=True)
class ScenarioStats:
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
        return asdict(self)


@dataclass(frozen=True)
class MergeResult:
    path: str
    trainees_added: int = 0
    trainees_matched: int = 0  # same name here under another id: their sessions join ours
    sessions_added: int = 0
    sessions_updated: int = 0  # the other copy had gone further
    decisions_added: int = 0
    versions_added: int = 0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Resumed:
    """A rebuilt session ready to continue, and a sentence for the trainee if something changed."""

    session: Session
    note: str | None = None


@dataclass(frozen=True)
class StoredDecision:
    """The fields ``Session.replay`` needs, read back from the database."""

    node: str
    choice_index: int
    response_ms: int
    at: str
