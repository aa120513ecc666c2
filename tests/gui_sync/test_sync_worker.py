"""The background sync against a real LRS: off the GUI thread, with the Staff menu entry following along."""

# ruff: noqa: S107 - test passwords

from __future__ import annotations

import threading
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtGui import QAction
from syncharness import AuthServer, bundled, free_port, outbox_ids, record, sent_count, started, statements_for

from simulator.gui.sync.indicator import SyncMenuItem, describe
from simulator.gui.sync.worker import Status, SyncController, run_sync
from simulator.xapi.lrs_client import urllib_transport

SCENARIOS = bundled()


def configure(store: Any, endpoint: str, user: str = "test", password: str = "test") -> None:
    """Saved as a supervisor would with no keyring: the password in the database, with consent."""
    from simulator.xapi.settings import LrsConfig, save

    save(store, LrsConfig(endpoint, user, password, "prompt"), secrets=None, password_in_db=True)


def test_the_worker_syncs_a_recorded_session_to_the_real_lrs(qtbot: Any, lrs: Any, store: Any, controller: Any) -> None:
    session = record(store, SCENARIOS[0], seed=5)
    configure(store, lrs.endpoint)
    indicator = SyncMenuItem(QAction())
    controller.changed.connect(indicator.show_status)
    seen: list[str] = []
    controller.changed.connect(lambda status: seen.append(indicator.text()))
    controller.start()
    qtbot.waitUntil(lambda: controller.status.state == "idle", timeout=20_000)
    expected = outbox_ids(store, session.id)
    stored = statements_for(lrs.endpoint, session.id)
    assert sorted(s["id"] for s in stored) == sorted(expected)
    assert sent_count(store.path) == len(expected) and controller.status.pending == 0
    assert seen[0].startswith("xAPI: sending…")
    assert indicator.text() == f"xAPI: all sent {controller.status.last_sent:%H:%M}"
    assert controller.timer.isActive() and controller.timer.interval() == 5 * 60 * 1000


def test_the_gui_thread_stays_responsive_while_the_lrs_is_slow(qtbot: Any, lrs: Any, store: Any, controller: Any) -> None:
    record(store, SCENARIOS[1], seed=9)
    configure(store, lrs.endpoint)
    release, threads = threading.Event(), []

    def slow(request: Any) -> Any:  # the real LRS, behind a very slow network
        threads.append(threading.current_thread())
        release.wait(30)
        return urllib_transport(request)

    controller.client_options = {**controller.client_options, "transport": slow}
    ticks: list[int] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(10)
    controller.request()
    qtbot.waitUntil(lambda: bool(threads), timeout=10_000)
    assert controller.status.state == "sending" and controller.running
    qtbot.waitUntil(lambda: len(ticks) >= 5, timeout=5_000)  # the event loop runs while the request hangs
    assert threads[0] is not threading.main_thread()
    controller.request()  # asked again while running: queued, not run twice at once
    release.set()
    qtbot.waitUntil(lambda: controller.status.state == "idle" and not controller.running, timeout=20_000)
    timer.stop()
    assert controller.status.pending == 0


def test_wrong_credentials_show_a_clear_one_line_problem_and_nothing_is_sent(
    qtbot: Any, tmp_path: Path, store: Any, controller: Any
) -> None:
    secret, wrong = "correct-horse-battery", "wrong-password-123"
    record(store, SCENARIOS[2], seed=3)
    with AuthServer("trainer-pc", secret) as auth:
        server = started(tmp_path / "lrs", auth_endpoint=auth.url)
        try:
            configure(store, server.endpoint, "trainer-pc", wrong)
            indicator = SyncMenuItem(QAction())
            controller.changed.connect(indicator.show_status)
            controller.start()
            qtbot.waitUntil(lambda: controller.status.state == "problem", timeout=20_000)
            assert indicator.text() == "xAPI: problem: the LRS refused the user name or password"
            assert "\n" not in indicator.text()
            assert controller.status.paused and sent_count(store.path) == 0
            assert "paused" in indicator.toolTip()
            for text in (indicator.text(), indicator.toolTip(), controller.status.detail):
                assert wrong not in text and "trainer-pc" not in text
            controller._tick()  # the 5-minute timer: no retry of a wrong password
            assert not controller.running
            configure(store, server.endpoint, "trainer-pc", secret)
            controller.settings_changed()
            qtbot.waitUntil(lambda: controller.status.state == "idle", timeout=20_000)
            assert controller.status.pending == 0 and sent_count(store.path) > 0
        finally:
            server.stop()
    log = Path(store.path).parent / "errors.log"
    assert not log.exists() or (secret not in log.read_text() and wrong not in log.read_text())


def test_an_unreachable_lrs_backs_off_and_the_staff_menu_says_so(qtbot: Any, store: Any, controller: Any) -> None:
    record(store, SCENARIOS[0], seed=11)
    configure(store, f"http://127.0.0.1:{free_port()}/xAPI")
    indicator = SyncMenuItem(QAction())
    controller.changed.connect(indicator.show_status)
    controller.start()
    qtbot.waitUntil(lambda: controller.status.state == "problem", timeout=20_000)
    assert indicator.text() == "xAPI: problem: the LRS can't be reached; will try again later"
    assert not controller.status.paused and controller.timer.interval() == 10 * 60 * 1000  # doubled
    pending = controller.status.pending
    assert pending > 0 and f"{pending} statements waiting" in indicator.toolTip()


def test_not_set_up_then_counts_then_closing_stops_a_run_in_a_backoff_wait(qtbot: Any, store: Any) -> None:
    controller = SyncController(store.path, secrets=None, client_options={"retries": 5, "backoff": 20, "timeout": 5})
    controller.start()
    qtbot.waitUntil(lambda: controller.status.state == "not-set-up", timeout=10_000)
    assert describe(controller.status)[0] == "xAPI: not set up"
    record(store, SCENARIOS[0], seed=2)
    configure(store, "http://127.0.0.1:9/xAPI")  # discard port: refused at once, then a 20 s backoff wait
    controller.request()
    qtbot.waitUntil(lambda: controller.running, timeout=5_000)
    started_at = datetime.now()
    assert controller.shutdown(10_000)  # interrupts the wait instead of sitting it out
    assert (datetime.now() - started_at).total_seconds() < 5


def test_status_words_for_every_state() -> None:
    at = datetime(2026, 3, 2, 14, 2)
    cases = {
        Status("checking"): "xAPI: checking…",
        Status("not-set-up"): "xAPI: not set up",
        Status("idle", pending=12): "xAPI: 12 waiting",
        Status("sending", pending=12, done=0, total=12): "xAPI: sending… 0/12",
        Status("idle", sent=14, last_sent=at): "xAPI: all sent 14:02",
        Status("problem", pending=3, problem="the LRS refused the user name or password"): (
            "xAPI: problem: the LRS refused the user name or password"
        ),
        Status("no-file"): "xAPI: off",
    }
    for status, text in cases.items():
        shown, tip = describe(status)
        assert shown == text and tip
    long = describe(Status("problem", problem="x" * 300))[0]
    assert len(long) < 80 and long.endswith("…")


def test_run_sync_without_settings_reports_not_set_up(store: Any) -> None:
    record(store, SCENARIOS[0], seed=4)
    outcome = run_sync(store.path)
    assert outcome.state == "not-set-up" and outcome.pending > 0
