"""Fixtures for the xAPI tests: a real LRS (Learning Locker's statements service) on 127.0.0.1.

``lrs`` is shared by the tests that only add statements (each uses its own registrations);
``fresh_lrs`` is a private one for tests that pause, kill or count everything in it. If Node.js
or the LRS can't be set up the tests fail with the reason: they are never silently skipped.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from lrs_server import LrsServer, LrsSetupError


def _started(workdir: Path, **kw: str) -> LrsServer:
    try:
        return LrsServer(workdir, **kw).start()
    except LrsSetupError as exc:
        problem = str(exc)
    pytest.fail(f"cannot run the test LRS: {problem}", pytrace=False)


@pytest.fixture(scope="session")
def lrs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LrsServer]:
    server = _started(tmp_path_factory.mktemp("lrs"))
    yield server
    server.stop()


@pytest.fixture
def fresh_lrs(tmp_path: Path) -> Iterator[LrsServer]:
    server = _started(tmp_path / "lrs")
    yield server
    server.stop()
