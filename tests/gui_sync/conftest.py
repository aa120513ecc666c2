"""Results sync GUI tests: offscreen Qt with the real style, a results file per test, a real LRS."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from syncharness import LrsServer, MemoryKeyring, started


@pytest.fixture(autouse=True)
def _styled(qapp: Any) -> None:
    from simulator.gui import style

    style.apply(qapp, scale=1.0)


@pytest.fixture(scope="session")
def lrs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LrsServer]:
    server = started(tmp_path_factory.mktemp("lrs"))
    yield server
    server.stop()


@pytest.fixture
def keyring() -> MemoryKeyring:
    return MemoryKeyring()


@pytest.fixture
def controller(qtbot: Any, store: Any) -> Iterator[Any]:
    """A controller on the test's results file, with no OS keyring and quick retries."""
    from simulator.gui.sync.worker import SyncController

    made = SyncController(store.path, secrets=None, client_options={"retries": 1, "backoff": 0.05, "timeout": 10})
    yield made
    made.shutdown(10_000)
