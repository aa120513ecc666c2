"""GUI fixtures: offscreen Qt (set SIMULATOR_ONSCREEN=1 to watch), a real SQLite file per test,
an injected FakeClock, and small scenario files written into tmp_path.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

if not os.environ.get("SIMULATOR_ONSCREEN"):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from guihelp import BUNDLED, ROOT, rows, write_scenario  # noqa: F401 - re-exported for fixtures


@pytest.fixture(autouse=True)
def _styled(qapp: Any) -> None:
    """Every GUI test runs with the real style sheet and font, as users see it."""
    from simulator.gui import style

    style.apply(qapp, scale=1.0)


@pytest.fixture
def gate_file(tmp_path: Path) -> Path:
    return write_scenario(tmp_path / "scenarios")


@pytest.fixture
def clock() -> Any:
    from simulator.engine import FakeClock

    return FakeClock()


@pytest.fixture
def make_window(qtbot: Any, store: Any, clock: Any) -> Any:
    """A main window at 1024x700 on the given store and clock, with extra scenario files (``shuffled``:
    replies in each session's own order, as in the app)."""

    def make(*extra: Path, db: Any = None, shuffled: bool = False) -> Any:
        from PySide6.QtWidgets import QApplication

        from simulator.gui.window import MainWindow

        # Replies in the file's order unless asked: most tests click replies by their place in the file.
        window = MainWindow(db or store, clock=clock, extra_scenarios=[str(p) for p in extra],
                            shuffle=None if shuffled else (lambda: None))  # fmt: skip
        qtbot.addWidget(window)
        window.resize(1024, 700)
        window.show_profiles()
        window.show()
        qtbot.waitExposed(window)
        # In front, as a window manager would put it: the reply clock runs only while the window is active.
        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
        return window

    return make


@pytest.fixture
def lrs(tmp_path: Path) -> Any:
    """A private real LRS (Learning Locker's statements service) on 127.0.0.1, from the xAPI tests' harness."""
    import sys

    xapi_tests = ROOT / "tests" / "xapi"
    if str(xapi_tests) not in sys.path:
        sys.path.insert(0, str(xapi_tests))
    from lrs_server import LrsServer, LrsSetupError

    try:
        server = LrsServer(tmp_path / "lrs").start()
    except LrsSetupError as exc:
        pytest.fail(f"cannot run the test LRS: {exc}", pytrace=False)
    yield server
    server.stop()
