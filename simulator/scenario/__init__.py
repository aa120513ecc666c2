"""Scenario files: loading with positions, the model, lint and exploration. No Qt here.

Names are loaded on first use (PEP 562) so that a light import (the model, the rubric) doesn't
pull in the YAML loader, the lint and the explorer. The bottom layer: imports PyYAML and the
small helpers (``resources``, ``lazy``), no other package of ``simulator``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from simulator.lazy import lazy_getattr

_WHERE = {
    "Exploration": "exploration", "explore": "exploration",
    "Loaded": "load", "load_bytes": "load", "load_scenario": "load", "read_scenario": "load",
    "Choice": "model", "Customer": "model", "Dimension": "model", "Ending": "model", "Node": "model",
    "Scenario": "model", "Problem": "problems", "ScenarioError": "problems",
}  # fmt: skip
__all__ = [
    "Choice",
    "Customer",
    "Dimension",
    "Ending",
    "Exploration",
    "Loaded",
    "Node",
    "Problem",
    "Scenario",
    "ScenarioError",
    "explore",
    "load_bytes",
    "load_scenario",
    "read_scenario",
]

if TYPE_CHECKING:
    from simulator.scenario.exploration import Exploration, explore
    from simulator.scenario.load import Loaded, load_bytes, load_scenario, read_scenario
    from simulator.scenario.model import Choice, Customer, Dimension, Ending, Node, Scenario
    from simulator.scenario.problems import Problem, ScenarioError


__getattr__ = lazy_getattr(__name__, _WHERE, globals())
