"""Fixtures for the results store: small scenario files written here, real SQLite files in tmp_path."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from storehelp import SHUTTLE

from simulator.scenario import Scenario, read_scenario
from simulator.store import open_store


@pytest.fixture
def scenario_file(tmp_path: Path) -> Path:
    path = tmp_path / "scenarios" / "late-shuttle.yaml"
    path.parent.mkdir()
    path.write_text(SHUTTLE, encoding="utf-8")
    return path


@pytest.fixture
def scenario(scenario_file: Path) -> Scenario:
    return read_scenario(scenario_file)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "results.db"


@pytest.fixture
def store(db_path: Path):
    opened = open_store(db_path)
    yield opened
    with contextlib.suppress(Exception):  # a test may have closed it already
        opened.close()
