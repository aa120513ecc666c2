"""Scenario files: loading with positions, the model, lint and exploration. No Qt here."""

from simulator.scenario.explore import Exploration, explore
from simulator.scenario.load import Loaded, load_bytes, load_scenario, read_scenario
from simulator.scenario.model import Choice, Customer, Dimension, Ending, Node, Scenario
from simulator.scenario.problems import Problem, ScenarioError

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
