"""A play session: the model object that the scenario's shared state machine drives.

The session holds what changes while playing (place, mood, variables, decisions) and announces
each step as an event; it never touches a database or a widget. Replaying the recorded choice
indexes rebuilds a session exactly, which is how resume and practice-mode "step back" work.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable
from typing import Any

from simulator.engine.clock import Clock, SystemClock
from simulator.engine.events import Decision, DecisionUndone, SessionFinished, SessionStarted
from simulator.engine.machine import new_mood, shared_machine, trigger_name
from simulator.scenario.model import TIMEOUT, Choice, Ending, Node, Scenario
from simulator.scenario.rubric import mood_face

Listener = Callable[[Any], None]
MODES = ("practice", "assessment")


class PlayError(ValueError):
    """A move that isn't allowed now (wrong number, session over, step back in assessment)."""


class Session:
    """One trainee's way through one scenario."""

    def __init__(
        self,
        scenario: Scenario,
        *,
        start: str | None = None,
        mode: str = "practice",
        clock: Clock | None = None,
        session_id: str | None = None,
    ) -> None:
        if mode not in MODES:
            raise PlayError(f"mode must be one of {', '.join(MODES)}")
        self.scenario = scenario
        self.mode = mode
        self.clock: Clock = clock or SystemClock()
        self.id = session_id or str(uuid.uuid4())
        self.start = start or scenario.start
        if self.start not in scenario.nodes:
            raise PlayError(f"'{self.start}' is not a node of {scenario.id}")
        self.listeners: list[Listener] = []
        self._reset()
        self.machine = shared_machine(scenario)
        self.machine.add_model(self, initial=self.start)

    def _reset(self) -> None:
        self.state = self.start
        self.mood = self.scenario.customer.mood
        self.env: dict[str, Any] = dict(self.scenario.variables)
        self.env["mood"] = self.mood
        self.decisions: list[Decision] = []
        self._taken: set[tuple[str, int]] = set()
        self._pending: dict[str, Any] = {}
        self._shown_at = self.clock.monotonic()

    # -- what the GUI and CLI read -------------------------------------------------------
    @property
    def place(self) -> Node | Ending:
        return self.scenario.place(self.state)

    @property
    def finished(self) -> bool:
        return self.state in self.scenario.endings

    @property
    def face(self) -> str:
        """The expression (or scenario SVG path) to show now."""
        return self.place.face or mood_face(self.mood)

    def available_choices(self) -> list[Choice]:
        """The choices shown now, numbered 1.. in this order."""
        place = self.place
        if not isinstance(place, Node):
            return []
        return [c for c in place.choices if c.when is None or c.when.evaluate(self.env)]

    def time_left(self) -> float | None:
        place = self.place
        if not isinstance(place, Node) or place.time_limit is None:
            return None
        return max(0.0, place.time_limit - (self.clock.monotonic() - self._shown_at))

    # -- moves ---------------------------------------------------------------------------
    def begin(self) -> None:
        """Announce the start; separate from ``__init__`` so listeners can subscribe first."""
        self._emit(
            SessionStarted(
                self.id, self.scenario.id, self.scenario.content_hash, self.start, self.mode, self.clock.now().isoformat()
            )
        )

    def choose(self, number: int) -> Decision:
        """Take the choice with this number as shown (1-based)."""
        shown = self.available_choices()
        if self.finished:
            raise PlayError("the conversation is over")
        if not 1 <= number <= len(shown):
            raise PlayError(f"choose a number from 1 to {len(shown)}, not {number}")
        return self._take(shown[number - 1], number)

    def expire(self) -> Decision | None:
        """Take the timeout path if the node's time limit has run out."""
        left = self.time_left()
        return self.timeout() if left is not None and left <= 0 else None

    def timeout(self) -> Decision:
        place = self.place
        if not isinstance(place, Node) or place.timeout is None:
            raise PlayError("this node has no time limit")
        return self._take(place.timeout, 0)

    def take_index(self, node: str, index: int, *, response_ms: int | None = None, at: str | None = None) -> Decision:
        """Replay a recorded decision by its declared index; checks it is still legal."""
        if node != self.state:
            raise PlayError(f"recorded decision at '{node}' but the session is at '{self.state}'")
        place = self.place
        if index == TIMEOUT:
            return self.timeout() if response_ms is None else self._take(place.timeout, 0, response_ms, at)  # type: ignore[union-attr,arg-type]
        shown = self.available_choices()
        for number, choice in enumerate(shown, 1):
            if choice.index == index:
                return self._take(choice, number, response_ms, at)
        raise PlayError(f"choice {index + 1} of '{node}' is not available any more")

    def _take(self, move: Choice, number: int, response_ms: int | None = None, at: str | None = None) -> Decision:
        mood_before = self.mood
        elapsed = round((self.clock.monotonic() - self._shown_at) * 1000)
        first_time = (self.state, move.index) not in self._taken
        node = self.state
        if not self.machine.events[trigger_name(move.index)].trigger(self, self):
            raise PlayError(f"'{move.text}' is not available now")
        self._taken.add((node, move.index))
        decision = Decision(
            self.id,
            len(self.decisions) + 1,
            node,
            move.index,
            number,
            move.text,
            self.state,
            self.state != move.goto,
            dict(move.points) if first_time else {},
            mood_before,
            self.mood,
            at or self.clock.now().isoformat(),
            elapsed if response_ms is None else response_ms,
            move.feedback,
            move.tags,
        )
        self.decisions.append(decision)
        self._shown_at = self.clock.monotonic()
        self._emit(decision)
        if self.finished:
            self._finish()
        return decision

    def apply(self, move: Choice) -> None:
        """Called by the machine before the state changes: mood and ``set`` effects."""
        values = [(name, expr.evaluate(self.env)) for name, expr in move.effects]
        self.mood = new_mood(self.mood, move)
        self.env.update(values)
        self.env["mood"] = self.mood

    def undo(self) -> None:
        """Step back one decision (practice mode only) by replaying the ones before it."""
        if self.mode != "practice":
            raise PlayError("stepping back is only allowed in practice mode")
        if not self.decisions or self.finished:
            raise PlayError("nothing to step back from")
        keep = self.decisions[:-1]
        undone = self.decisions[-1]
        self.replay(keep)
        self._emit(DecisionUndone(self.id, undone.seq))

    def replay(self, decisions: Iterable[Any]) -> None:
        """Rebuild the state from recorded decisions without announcing them again."""
        listeners, self.listeners = self.listeners, []
        try:
            self._reset()
            self.machine.set_state(self.start, model=self)
            for d in decisions:
                self.take_index(d.node, d.choice_index, response_ms=d.response_ms, at=d.at)
        finally:
            self.listeners = listeners
        self._shown_at = self.clock.monotonic()

    def _finish(self) -> None:
        from simulator.engine.scoring import scorecard

        self._emit(SessionFinished(self.id, scorecard(self), self.clock.now().isoformat()))
        self.close()

    def close(self) -> None:
        """Leave the shared machine; the session stays readable."""
        if self in self.machine.models:
            self.machine.remove_model(self)

    def _emit(self, event: object) -> None:
        for listener in list(self.listeners):
            listener(event)
