"""Playing a scenario: sessions, the shared state machine, scoring. No Qt here.

Names are loaded on first use (PEP 562), so importing ``simulator.engine.events`` (as the store
does at start-up) doesn't pay for the scenario loader, the explorer and ``transitions``.
May import ``scenario`` and ``transitions``; nothing above it (it knows no listener type).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from simulator.lazy import lazy_getattr

_WHERE = {
    "Clock": "clock", "FakeClock": "clock", "SystemClock": "clock",
    "Decision": "events", "DecisionUndone": "events", "SessionFinished": "events", "SessionStarted": "events",
    "TimeKept": "events",
    "Scorecard": "scoring", "scorecard": "scoring",
    "PlayError": "session", "Session": "session",
}  # fmt: skip
__all__ = [
    "Clock",
    "Decision",
    "DecisionUndone",
    "FakeClock",
    "PlayError",
    "Scorecard",
    "Session",
    "SessionFinished",
    "SessionStarted",
    "SystemClock",
    "scorecard",
]

if TYPE_CHECKING:
    from simulator.engine.clock import Clock, FakeClock, SystemClock
    from simulator.engine.events import Decision, DecisionUndone, SessionFinished, SessionStarted
    from simulator.engine.scoring import Scorecard, scorecard
    from simulator.engine.session import PlayError, Session


__getattr__ = lazy_getattr(__name__, _WHERE, globals())
