"""Helpers for the results-sync GUI tests (a module of its own: never ``from conftest import``).

The real LRS comes from the xAPI tests' harness, ``tests/xapi/lrs_server.py`` (Learning Locker's
statements service on 127.0.0.1); that folder is put on ``sys.path`` here so the same code serves
both suites. ``started`` is the same thin wrapper as in ``tests/xapi/conftest.py``: a setup
problem fails the test with the reason, never skips it.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
XAPI_TESTS = ROOT / "tests" / "xapi"
if str(XAPI_TESTS) not in sys.path:
    sys.path.insert(0, str(XAPI_TESTS))

from lrs_server import AuthServer, LrsServer, LrsSetupError, free_port, statements_for  # noqa: E402
from xapihelp import bundled, outbox_ids, record  # noqa: E402

__all__ = ["AuthServer", "LrsServer", "MemoryKeyring", "bundled", "file_bytes", "free_port", "outbox_ids", "record", "started",
           "statements_for"]  # fmt: skip

SHOTS = Path("/tmp")


def started(workdir: Path, **kw: str) -> LrsServer:
    try:
        return LrsServer(workdir, **kw).start()
    except LrsSetupError as exc:
        problem = str(exc)
    pytest.fail(f"cannot run the test LRS: {problem}", pytrace=False)


class MemoryKeyring:
    """The part of ``keyring`` that lrs_settings uses, in memory."""

    def __init__(self) -> None:
        self.saved: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.saved.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.saved[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.saved.pop((service, username), None)


def file_bytes(db_path: Path | str) -> bytes:
    """Every byte SQLite keeps for this database: the file and its write-ahead log.

    Read by another process: a descriptor opened and closed in this one, where a store is open,
    would drop that connection's locks (issue 14).
    """
    path = Path(db_path)
    names = [str(p) for p in (path, path.with_name(path.name + "-wal")) if p.exists()]
    return subprocess.run(["cat", *names], capture_output=True, check=True).stdout


def setting_rows(db_path: Path | str) -> dict[str, Any]:
    """The settings table read straight from the file, with a connection of our own."""
    with sqlite3.connect(db_path) as conn:
        return dict(conn.execute("SELECT key, value FROM settings WHERE key LIKE 'xapi.%'").fetchall())


def sent_count(db_path: Path | str) -> int:
    with sqlite3.connect(db_path) as conn:
        return conn.execute("SELECT count(*) FROM xapi_outbox WHERE sent IS NOT NULL").fetchone()[0]


def grab(widget: Any, name: str) -> Path:
    """A screenshot of ``widget`` for a human to look at."""
    target = SHOTS / name
    widget.grab().save(str(target))
    return target


BUNDLED = ROOT / "scenarios" / "rained-out-park.yaml"


def declared_path() -> list[int]:
    """Replies to an ending that the bundled scenario itself declares."""
    from simulator.scenario import read_scenario

    scenario = read_scenario(BUNDLED)
    return list(next(t for t in scenario.tests if t.ending).choose)
