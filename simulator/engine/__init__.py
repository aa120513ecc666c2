"""Playing a scenario: sessions, the shared state machine, scoring. No Qt here."""

from simulator.engine.clock import Clock, FakeClock, SystemClock
from simulator.engine.events import Decision, DecisionUndone, SessionFinished, SessionStarted
from simulator.engine.scoring import Scorecard, scorecard
from simulator.engine.session import PlayError, Session

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
