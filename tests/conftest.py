"""Shared fixtures. Qt runs offscreen unless a display is explicitly wanted."""

from __future__ import annotations

import os
from pathlib import Path

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
