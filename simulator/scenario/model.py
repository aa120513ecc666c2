"""The in-memory scenario: plain frozen dataclasses the engine, explorer and GUI share.

Positions (``line``, ``col``) travel with each part so that problems found after loading (a
``goto`` to a missing node, an unreachable ending) still point at the right place in the file.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from simulator.scenario.expr import Expr, Value

EXPRESSIONS = ("furious", "upset", "neutral", "warming", "delighted")
OUTCOMES = ("lost", "neutral", "loyal")
DIFFICULTIES = ("easy", "medium", "hard")
CHANNELS = ("in-person", "phone", "chat", "email")  # how the customer reaches the trainee; the play view follows it
TIMEOUT = -1  # the choice index recorded when the clock, not the trainee, chose
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Dimension:
    """One rubric dimension; weights feed the overall score."""

    id: str
    label: str
    description: str = ""
    weight: float = 1.0


@dataclass(frozen=True, slots=True)
class Customer:
    name: str
    persona: str = ""
    look: str = "maria"
    mood: int = 50


@dataclass(frozen=True, slots=True)
class Choice:
    """A reply the trainee may give (or, with ``index == TIMEOUT``, the silence of a timeout)."""

    index: int
    text: str
    goto: str
    points: dict[str, int] = field(default_factory=dict)
    mood: int = 0
    feedback: str = ""
    tags: tuple[str, ...] = ()
    when: Expr | None = None
    effects: tuple[tuple[str, Expr], ...] = ()
    line: int = 0
    col: int = 0
    cues: tuple[str, ...] = ()  # other ways a trainee might say this reply (typed-reply matching)


@dataclass(frozen=True, slots=True)
class Node:
    id: str
    say: str
    choices: tuple[Choice, ...]
    narration: str = ""
    face: str = ""
    time_limit: float | None = None
    timeout: Choice | None = None
    line: int = 0
    col: int = 0
    order: str = "shuffled"  # "fixed": the replies keep the file's order even in a shuffled session
    speaker: str = ""  # who says ``say`` when it isn't the customer (a companion, a child, a manager on the phone)

    @property
    def moves(self) -> tuple[Choice, ...]:
        """Every way out of this node: the choices, then the timeout if any."""
        return self.choices + ((self.timeout,) if self.timeout else ())


@dataclass(frozen=True, slots=True)
class Ending:
    id: str
    outcome: str
    title: str
    debrief: str
    say: str = ""
    narration: str = ""
    face: str = ""
    line: int = 0
    col: int = 0
    speaker: str = ""


def attributed(place: Node | Ending) -> str:
    """The line as quoted away from the conversation (a report, an LRS): named when a second character says it."""
    return f"{place.speaker}: {place.say}" if place.speaker else place.say


@dataclass(frozen=True, slots=True)
class MoodRule:
    """Forces a transition when mood falls below (``below=True``) or rises above a threshold."""

    below: bool
    threshold: int
    goto: str
    line: int = 0
    col: int = 0

    def fires(self, mood: int) -> bool:
        return mood < self.threshold if self.below else mood > self.threshold

    def checked_after(self, move: Choice) -> bool:
        """The rule of play checks this rule only after a move that pushes the mood its way."""
        return move.mood < 0 if self.below else move.mood > 0


@dataclass(frozen=True, slots=True)
class PlayTest:
    """A declared playthrough: reply numbers as shown (``"t"``: the timer runs out), the expected ending and score bounds."""

    name: str
    choose: tuple[int | str, ...]
    ending: str = ""
    score_min: float | None = None
    score_max: float | None = None
    line: int = 0


@dataclass(slots=True)
class Scenario:
    """A whole scenario file; ``source`` and ``content_hash`` let the store keep history."""

    path: str
    id: str
    title: str
    summary: str
    difficulty: str
    minutes: float
    customer: Customer
    rubric: dict[str, Dimension]
    start: str
    nodes: dict[str, Node]
    endings: dict[str, Ending]
    version: str = ""
    channel: str = "in-person"
    tags: tuple[str, ...] = ()
    pass_mark: float = 60.0
    variables: dict[str, Value] = field(default_factory=dict)
    mood_rules: tuple[MoodRule, ...] = ()
    tests: tuple[PlayTest, ...] = ()
    source: str = ""
    content_hash: str = ""
    line_of_start: tuple[int, int] = (1, 1)
    anchors: dict[str, tuple[int, int]] = field(default_factory=dict)  # "variables.x", "rubric.y" -> line, col
    derived: dict[Hashable, Any] = field(default_factory=dict, init=False, repr=False, compare=False)

    @property
    def folder(self) -> Path:
        return Path(self.path).resolve().parent

    def derive(self, key: Hashable, make: Callable[[], T]) -> T:
        """What ``make`` works out from this scenario (its rules, play space, exploration), once.

        Kept on the scenario, not in a module-level cache: the lint, the explorer and the
        scorecard ask in turn, and a cache outside kept big scenarios alive after use, which
        made every later garbage collection walk them (issue 15: the 10,000-node load ran
        at 2.5x the bare YAML parse instead of under 2x). A scenario is never changed after
        loading, so nothing here goes stale.
        """
        try:
            return self.derived[key]  # type: ignore[no-any-return]
        except KeyError:
            value = self.derived[key] = make()
            return value

    def speaker(self, place: Node | Ending, *, first: bool = False) -> str:
        """Who says ``place``'s line: its own ``speaker``, else the customer (``first``: their first name).

        A named speaker is shown as written: "Rosa" or "Captain Comet" is already how the scene calls them.
        """
        if place.speaker:
            return place.speaker
        name = self.customer.name
        return name.split()[0] if first and name.split() else name

    def place(self, place_id: str) -> Node | Ending:
        """The node or ending with this id (they share one namespace)."""
        return self.nodes.get(place_id) or self.endings[place_id]
