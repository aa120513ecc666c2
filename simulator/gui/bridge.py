"""One small QObject that turns a play session's engine events into Qt signals.

The engine calls plain listeners and knows nothing of Qt; screens connect to these signals
instead, so a redraw is always the answer to an event and never a poll.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal

from simulator.engine.events import Decision, DecisionUndone, SessionFinished, SessionStarted

SIGNALS = {
    SessionStarted: "session_started",
    Decision: "choice_made",
    DecisionUndone: "choice_undone",
    SessionFinished: "session_finished",
}


class SessionBridge(QObject):
    """Re-emits one session's events; detach it when the screen lets the session go."""

    session_started = Signal(object)
    """The session announced its start (``SessionStarted``)."""

    choice_made = Signal(object)
    """A reply or a timeout was taken (``Decision``); the session is already at its target."""

    choice_undone = Signal(object)
    """Practice mode stepped back one reply (``DecisionUndone``)."""

    session_finished = Signal(object)
    """The conversation reached an ending (``SessionFinished`` carrying the scorecard)."""

    def __init__(self, session: Any, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        session.listeners.append(self._relay)

    def _relay(self, event: object) -> None:
        name = SIGNALS.get(type(event))
        if name:
            getattr(self, name).emit(event)

    def detach(self) -> None:
        """Stop listening; the session keeps its other listeners (the store's, for one)."""
        if self._relay in self.session.listeners:
            self.session.listeners.remove(self._relay)
