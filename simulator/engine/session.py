"""A play session: the model object that the scenario's shared state machine drives.

The session holds what changes while playing (the rule-of-play ``State`` and the decisions) and
announces each step as an event; it never touches a database or a widget. What a move does is
decided by ``simulator.scenario.rules`` alone; the shared machine then moves ``state`` there.
Replaying the recorded choice indexes rebuilds a session exactly, which is how resume and
practice-mode "step back" work.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable
from typing import Any

from simulator.engine.clock import Clock, SystemClock
from simulator.engine.countdown import Countdown
from simulator.engine.events import Decision, DecisionUndone, SessionFinished, SessionStarted, TimeKept
from simulator.engine.machine import shared_machine, trigger_name
from simulator.engine.order import in_order
from simulator.scenario.model import TIMEOUT, Choice, Ending, Node, Scenario
from simulator.scenario.rubric import mood_face
from simulator.scenario.rules import NotAllowed, Outcome, State, rules_of

Listener = Callable[[Any], None]
MODES = ("practice", "assessment")


class PlayError(ValueError):
    """A move that isn't allowed now (wrong number, hidden reply, session over, step back in assessment)."""


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
        time_factor: float | None = 1.0,
        shuffle_seed: int | None = None,
    ) -> None:
        """``time_factor`` stretches every time limit (a trainee's extra time); None turns them off.
        ``shuffle_seed`` shows replies in this session's own order (``engine.order``); None: the file's."""
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
        self.extra_time = time_factor  # the trainee's own: typing may stretch it further (``time_factor``)
        self.shuffle_seed = shuffle_seed
        self.step_backs = 0  # practice replies taken back (a resumed session learns its count from the store)
        self.rules = rules_of(scenario)
        self.outcome: Outcome | None = None  # the move being made, while the machine routes it
        self.countdown = Countdown(self.clock, time_factor)
        self._reset()
        self.machine = shared_machine(scenario)
        self.machine.add_model(self, initial=self.start)

    def _reset(self) -> None:
        self.state = self.start
        self.now: State = self.rules.start(self.start)
        self.decisions: list[Decision] = []
        self._restart_clock()

    # -- what the GUI and CLI read -------------------------------------------------------
    @property
    def place(self) -> Node | Ending:
        return self.scenario.place(self.state)

    @property
    def mood(self) -> int:
        return self.now.mood

    @property
    def env(self) -> dict[str, Any]:
        """The variables (a copy), ``mood`` included."""
        return self.rules.env(self.now)

    @property
    def finished(self) -> bool:
        return self.state in self.scenario.endings

    @property
    def face(self) -> str:
        """The expression (or scenario SVG path) to show now."""
        return self.place.face or mood_face(self.mood)

    def available_choices(self) -> list[Choice]:
        """The choices shown now, numbered 1.. in this order (the session's shuffle, if it has one)."""
        return in_order(self.rules.shown(self.now), self.scenario.nodes.get(self.state), self.shuffle_seed)

    @property
    def time_factor(self) -> float | None:
        """What every time limit is multiplied by now; None: no time limits."""
        return self.countdown.factor

    @time_factor.setter
    def time_factor(self, typing: float) -> None:
        """Typing a reply takes longer than a click: ``typing`` multiplies the trainee's extra time
        (no time limits stay none); the node on screen keeps the time already used."""
        place = self.place
        factor = None if self.extra_time is None else self.extra_time * typing
        self.countdown.stretch(factor, place.time_limit if isinstance(place, Node) else None)

    def time_left(self) -> float | None:
        """Seconds left to reply here (extra time included, pauses left out); None: no limit."""
        return self.countdown.left()

    def pause_clock(self) -> None:
        """The trainee can't see the conversation now: their time stands still."""
        self.countdown.pause()

    def resume_clock(self) -> None:
        self.countdown.resume()

    def keep_time(self) -> None:
        """Announce the time left here (``TimeKept``) so the store can keep it for a resume."""
        left = self.time_left()
        if left is not None and not self.finished:
            self._emit(TimeKept(self.id, len(self.decisions), round(left, 1)))

    def continue_clock(self, left: float | None) -> None:
        """A resumed session: this node has only ``left`` seconds of its limit remaining (None: all)."""
        self._restart_clock(left)

    def _restart_clock(self, left: float | None = None) -> None:
        place = self.place
        self.countdown.restart(place.time_limit if isinstance(place, Node) else None, left)

    # -- moves ---------------------------------------------------------------------------
    def begin(self) -> None:
        """Announce the start; separate from ``__init__`` so listeners can subscribe first."""
        self._emit(
            SessionStarted(
                self.id, self.scenario.id, self.scenario.content_hash, self.start, self.mode, self.clock.now().isoformat()
            )
        )

    def choose(self, number: int, *, typed: str = "") -> Decision:
        """Take the choice with this number as shown (1-based); ``typed`` is what the trainee wrote
        when they answered in their own words and confirmed this reply as the one they meant."""
        shown = self.available_choices()
        if self.finished:
            raise PlayError("the conversation is over")
        if not 1 <= number <= len(shown):
            raise PlayError(self._range_message(number, shown))
        return self._take(shown[number - 1], number, typed=typed)

    def expire(self) -> Decision | None:
        """Take the timeout path if the node's time limit has run out."""
        left = self.time_left()
        return self.timeout() if left is not None and left <= 0 else None

    def timeout(self) -> Decision:
        place = self.place
        if not isinstance(place, Node) or place.timeout is None:
            raise PlayError("this node has no time limit")
        return self._take(place.timeout, 0)

    def take_index(
        self, node: str, index: int, *, response_ms: int | None = None, at: str | None = None, typed: str = ""
    ) -> Decision:
        """Replay a recorded decision by its declared index; checks it is still legal."""
        if node != self.state:
            raise PlayError(f"recorded decision at '{node}' but the session is at '{self.state}'")
        place = self.place
        if index == TIMEOUT:
            if response_ms is None:
                return self.timeout()
            move = place.timeout if isinstance(place, Node) else None
        else:
            choices = place.choices if isinstance(place, Node) else ()
            move = choices[index] if 0 <= index < len(choices) else None
        if move is None:
            raise PlayError(f"'{node}' has no {'timeout' if index == TIMEOUT else f'reply {index + 1}'}")
        shown = self.available_choices()
        number = shown.index(move) + 1 if move in shown else 0
        return self._take(move, number, response_ms, at, typed)

    def _range_message(self, number: int, shown: list[Choice]) -> str:
        hidden = len(self.place.choices) - len(shown) if isinstance(self.place, Node) else 0
        why = f" ({hidden} more {'is' if hidden == 1 else 'are'} hidden by 'when')" if hidden else ""
        return f"choose a number from 1 to {len(shown)}, not {number}: {len(shown)} replies are shown here{why}"

    def _take(
        self, move: Choice, number: int, response_ms: int | None = None, at: str | None = None, typed: str = ""
    ) -> Decision:
        """Ask the rule of play what ``move`` does (it refuses a hidden reply), then let the machine go there."""
        try:
            outcome = self.rules.step(self.now, move)
        except NotAllowed as exc:
            raise PlayError(str(exc)) from None
        mood_before = self.mood
        elapsed = round(self.countdown.elapsed() * 1000)
        node = self.state
        self.outcome = outcome
        try:
            self.machine.events[trigger_name(move.index)].trigger(self, self)
        finally:
            self.outcome = None
        if self.state != outcome.place or self.now != outcome.state:  # the machine must follow the rule
            raise RuntimeError(f"the state machine did not follow the rule of play from '{node}' to '{outcome.place}'")
        decision = Decision(
            self.id,
            len(self.decisions) + 1,
            node,
            move.index,
            number,
            move.text,
            self.state,
            outcome.place != move.goto,
            dict(outcome.points),
            mood_before,
            self.mood,
            at or self.clock.now().isoformat(),
            elapsed if response_ms is None else response_ms,
            move.feedback,
            move.tags,
            typed,
        )
        self.decisions.append(decision)
        self._restart_clock()
        self._emit(decision)
        if self.finished:
            self._finish()
        return decision

    def advance(self) -> None:
        """Called by the machine as it takes the transition: the rule's new state becomes ours."""
        if self.outcome is not None:
            self.now = self.outcome.state

    def undo(self) -> None:
        """Step back one decision (practice mode only) by replaying the ones before it."""
        if self.mode != "practice":
            raise PlayError("stepping back is only allowed in practice mode")
        if not self.decisions or self.finished:
            raise PlayError("nothing to step back from")
        keep = self.decisions[:-1]
        undone = self.decisions[-1]
        self.replay(keep)
        self.step_backs += 1
        self._emit(DecisionUndone(self.id, undone.seq))

    def replay(self, decisions: Iterable[Any]) -> None:
        """Rebuild the state from recorded decisions without announcing them again."""
        listeners, self.listeners = self.listeners, []
        try:
            self._reset()
            self.machine.set_state(self.start, model=self)
            for d in decisions:
                typed = getattr(d, "typed", "") or ""  # rows stored before typed replies existed have none
                self.take_index(d.node, d.choice_index, response_ms=d.response_ms, at=d.at, typed=typed)
        finally:
            self.listeners = listeners
        self._restart_clock()

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
