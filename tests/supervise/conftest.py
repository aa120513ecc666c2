"""Supervisor tests: offscreen Qt, and a realistic cohort database built once and copied per test.

The cohort is real play through the bundled scenarios (``supervisedata.populate``) plus two
trainees whose names attack the outputs: a spreadsheet formula and HTML markup.
"""

from __future__ import annotations

import os
import shutil
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from supervisedata import FORMULA, MARKUP


@pytest.fixture(autouse=True)
def _qt(qapp: Any) -> None:
    """A QApplication before anything else: the PDF writer would otherwise make a bare QGuiApplication."""
    from simulator.gui import style

    style.apply(qapp, scale=1.0)


@pytest.fixture(scope="session")
def cohort_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from supervisedata import play_one, populate, scenarios

    from simulator.store import open_store

    path = tmp_path_factory.mktemp("cohort") / "cohort.db"
    with open_store(path) as store:
        populate(store, trainees=8, weeks=3, max_sessions=4)
        import random

        rng = random.Random(1)
        park = next(s for s in scenarios() if s.id == "rained-out-park")
        for name in (FORMULA, MARKUP):
            store.add_trainee(name, "-42")
            play_one(store, park, name, datetime(2026, 1, 20, 10, tzinfo=UTC), chance=0.9, rng=rng)
        store.add_trainee("Idle Ida")  # never played: a supervisor still wants to see her
    return path


@pytest.fixture
def db_path(cohort_template: Path, tmp_path: Path) -> Path:
    target = tmp_path / "results.db"
    shutil.copy(cohort_template, target)
    return target
