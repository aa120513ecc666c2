"""Build the `transitions` state machine of a scenario, shared by every session playing it.

States are the scenario's nodes and endings; trigger ``pick_<i>`` takes the i-th declared
choice of the current node and ``pick_timeout`` its timeout. (Trigger names must not match any
method of the session: with ``model_override=True`` transitions replaces methods that share a
trigger's name.) The machine holds no rule of its own: the session first asks the rule of play
(``simulator.scenario.rules``) what a move does, and each transition's one condition is "the
rule's outcome goes here". So a trigger has one transition per place the move can lead (its
``goto``, and each mood rule's ``goto`` that the rule of play may check after it).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, Protocol

from transitions import Machine

from simulator.scenario.model import TIMEOUT, Choice, Scenario
from simulator.scenario.rules import Outcome

# With model_override=True transitions logs a warning for every convenience method it doesn't
# bind (is_<state>, may_<trigger>...): that is exactly what we asked for, so keep it quiet.
logging.getLogger("transitions.core").setLevel(logging.ERROR)

_CACHE: dict[str, Machine] = {}
_CACHE_SIZE = 8


class Conversation(Protocol):
    """The model object: transitions keeps its ``state``; ``outcome`` is the move being made."""

    state: str
    outcome: Outcome | None

    def advance(self) -> None: ...


def trigger_name(index: int) -> str:
    return "pick_timeout" if index == TIMEOUT else f"pick_{index}"


def _leads_to(dest: str) -> Callable[[Conversation], bool]:
    return lambda model: model.outcome is not None and model.outcome.place == dest


def _advance(model: Conversation) -> None:
    model.advance()


def _dests(scenario: Scenario, move: Choice) -> list[str]:
    """Every place the rule of play may send this move to, in the order it checks them."""
    rules = [r.goto for r in scenario.mood_rules if r.checked_after(move)]
    return list(dict.fromkeys([*rules, move.goto]))


def _transitions(scenario: Scenario) -> list[dict[str, Any]]:
    return [
        {"trigger": trigger_name(move.index), "source": node.id, "dest": dest,
         "conditions": [_leads_to(dest)], "before": [_advance]}
        for node in scenario.nodes.values()
        for move in node.moves
        for dest in _dests(scenario, move)
    ]  # fmt: skip


def shared_machine(scenario: Scenario) -> Machine:
    """One machine per scenario content; sessions join it with ``add_model``."""
    key = f"{scenario.content_hash}:{scenario.path}"
    machine = _CACHE.get(key)
    if machine is None:
        if len(_CACHE) >= _CACHE_SIZE:
            _CACHE.pop(next(iter(_CACHE)))
        states = list(scenario.nodes) + list(scenario.endings)
        machine = Machine(
            model=None,
            states=states,
            initial=scenario.start,
            transitions=_transitions(scenario),
            auto_transitions=False,
            model_override=True,
            queued=True,
        )
        _CACHE[key] = machine
    return machine
