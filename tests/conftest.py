"""Shared fixtures. Qt runs offscreen unless a display is explicitly wanted."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("SIMULATOR_LOG", str(Path(__file__).parent / ".errors.log"))

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


@pytest.fixture(autouse=True)
def _isolated_user_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Never touch the real user's database or logs from a test."""
    monkeypatch.setenv("SIMULATOR_DB", str(tmp_path / "results.db"))
    monkeypatch.setenv("SIMULATOR_LOG", str(tmp_path / "errors.log"))
    monkeypatch.setenv("SIMULATOR_CACHE", str(tmp_path / "cache"))


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """The test's results file; a folder's conftest may override it (e.g. a prepared cohort)."""
    return tmp_path / "results.db"


@pytest.fixture
def store(db_path: Path) -> Iterator[Any]:
    """A real results store on ``db_path``, closed after the test (unless the test closed it)."""
    from simulator.store import open_store

    opened = open_store(db_path)
    yield opened
    with contextlib.suppress(Exception):
        opened.close()
