"""What a play session announces; the store records these and the GUI redraws on them.

Events are plain frozen dataclasses so any consumer (SQLite, xAPI, a Qt signal bridge) can use
them without knowing the engine.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class SessionStarted:
    session_id: str
    scenario_id: str
    content_hash: str
    start: str  # the node the session starts at (authors may preview from any node)
    mode: str
    at: str  # ISO 8601 UTC


@dataclass(frozen=True, slots=True)
class Decision:
    """One answer (or timeout) and everything it changed."""

    session_id: str
    seq: int  # 1, 2, 3... in the order taken
    node: str
    choice_index: int  # declared position in the file (0-based); -1 for a timeout
    number: int  # as shown to the trainee (1-based); 0 for a timeout
    text: str
    target: str  # where the conversation went
    forced: bool  # a mood rule overrode the choice's goto
    points: dict[str, int] = field(default_factory=dict)
    mood_before: int = 0
    mood_after: int = 0
    at: str = ""
    response_ms: int = 0
    feedback: str = ""
    tags: tuple[str, ...] = ()
    typed: str = ""  # what the trainee typed, when the reply was matched from their own words

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class DecisionUndone:
    """Practice mode stepped back: the decision ``seq`` no longer counts."""

    session_id: str
    seq: int


@dataclass(frozen=True, slots=True)
class SessionFinished:
    session_id: str
    scorecard: Any  # simulator.engine.scoring.Scorecard (kept loose to avoid an import cycle)
    at: str


@dataclass(frozen=True, slots=True)
class TimeKept:
    """The reply clock's time left at the node on screen, kept so a resumed session goes on with it
    instead of a fresh timer (a restart must not buy more time)."""

    session_id: str
    seq: int  # decisions made so far: the time belongs to the node they led to
    left: float  # seconds
