"""Fixtures for the results store: small scenario files written here, real SQLite files in tmp_path."""

from __future__ import annotations

from pathlib import Path

import pytest
from storehelp import SHUTTLE

from simulator.scenario import Scenario, read_scenario


@pytest.fixture
def scenario_file(tmp_path: Path) -> Path:
    path = tmp_path / "scenarios" / "late-shuttle.yaml"
    path.parent.mkdir()
    path.write_text(SHUTTLE, encoding="utf-8")
    return path


@pytest.fixture
def scenario(scenario_file: Path) -> Scenario:
    return read_scenario(scenario_file)
