"""Build the `transitions` state machine of a scenario, shared by every session playing it.

States are the scenario's nodes and endings; trigger ``pick_<i>`` takes the i-th declared
choice of the current node and ``pick_timeout`` its timeout. (Trigger names must not match any
method of the session: with ``model_override=True`` transitions replaces methods that share a
trigger's name.) A ``when`` becomes a transition condition, and a
mood rule becomes an earlier transition on the same trigger whose condition is "this move would
push the mood past the threshold", so the machine itself decides where a move leads.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, Protocol

from transitions import Machine

from simulator.scenario.model import TIMEOUT, Choice, MoodRule, Scenario

# With model_override=True transitions logs a warning for every convenience method it doesn't
# bind (is_<state>, may_<trigger>...): that is exactly what we asked for, so keep it quiet.
logging.getLogger("transitions.core").setLevel(logging.ERROR)

_CACHE: dict[str, Machine] = {}
_CACHE_SIZE = 8


class Conversation(Protocol):
    """The model object: transitions keeps its ``state``; the engine keeps the rest."""

    state: str
    mood: int
    env: dict[str, Any]

    def apply(self, move: Choice) -> None: ...


def trigger_name(index: int) -> str:
    return "pick_timeout" if index == TIMEOUT else f"pick_{index}"


def new_mood(mood: int, move: Choice) -> int:
    return min(100, max(0, mood + move.mood))


def _rule_fires(rule: MoodRule, move: Choice) -> Callable[[Conversation], bool]:
    return lambda model: rule.fires(new_mood(model.mood, move))


def _when(move: Choice) -> list[Callable[[Conversation], bool]]:
    when = move.when
    return [lambda model: bool(when.evaluate(model.env))] if when else []


def _apply(move: Choice) -> Callable[[Conversation], None]:
    return lambda model: model.apply(move)


def _transitions(scenario: Scenario) -> list[dict[str, Any]]:
    out = []
    for node in scenario.nodes.values():
        for move in node.moves:
            trigger, when, before = trigger_name(move.index), _when(move), [_apply(move)]
            for rule in scenario.mood_rules:
                if (move.mood < 0) if rule.below else (move.mood > 0):
                    out.append(
                        {
                            "trigger": trigger,
                            "source": node.id,
                            "dest": rule.goto,
                            "conditions": [*when, _rule_fires(rule, move)],
                            "before": before,
                        }
                    )
            out.append({"trigger": trigger, "source": node.id, "dest": move.goto, "conditions": when, "before": before})
    return out


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
