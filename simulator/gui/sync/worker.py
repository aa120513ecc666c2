"""Background xAPI sync for the GUI: the core's ``sync`` run in a pool thread, never in the GUI thread.

``run_sync(db_path, …)`` is the whole job and has no Qt in it: it opens its *own* connection
to the results file (SQLite connections belong to the thread that opened them), loads the
settings through ``xapi.settings``, and calls ``xapi.sync.sync`` with an ``LrsClient`` whose
retries and exponential backoff are the core's; only its ``sleep`` is ours, so closing the app
interrupts a backoff wait instead of waiting it out. It returns an ``Outcome``: plain data with a
one-line problem for the status bar and a longer detail for the settings page, neither ever
holding the user name or password.

``SyncController`` lives in the GUI thread. It runs the job on its own one-thread
``QThreadPool`` every ``PERIOD_MS`` (5 minutes), after a session finishes and on demand; the
thread hands results back through a queued signal, so no widget is touched from it. When the
LRS can't be reached the period doubles (up to an hour) until a sync succeeds; when the LRS says
the settings are wrong (credentials, address), automatic syncs pause until the settings change or
someone presses "Sync now", so a wrong password isn't retried against the LRS every 5 minutes.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal

PERIOD_MS = 5 * 60 * 1000
MAX_PERIOD_MS = 60 * 60 * 1000
REQUEST_TIMEOUT = 20.0  # seconds per request: bounds how long closing the app can wait for a sync
SHUTDOWN_WAIT_MS = 3000
Progress = Callable[[int, int], None]


class Cancelled(Exception):
    """The app is closing: stop between batches or during a backoff wait."""


@dataclass(frozen=True)
class Outcome:
    """What one sync run found; ``problem`` is one line, ``detail`` may be longer. No credentials."""

    state: str  # not-set-up | sent | problem | cancelled
    pending: int = 0
    sent: int = 0
    held: int = 0
    sent_now: int = 0
    problem: str = ""
    detail: str = ""
    settings_wrong: bool = False  # the LRS refused the credentials or the address: don't retry automatically
    at: datetime = field(default_factory=lambda: datetime.now().astimezone())


def _counted(state: str, counts: dict[str, int], **found: Any) -> Outcome:
    """An ``Outcome`` with the outbox's pending, sent and held counts."""
    return Outcome(state, counts["pending"], counts["sent"], counts["held"], **found)


@dataclass(frozen=True)
class Status:
    """What the indicator shows; ``state`` is one of checking, not-set-up, no-file, idle, sending, problem."""

    state: str = "checking"
    pending: int = 0
    sent: int = 0
    held: int = 0
    done: int = 0  # while sending: statements confirmed so far in this run
    total: int = 0
    last_sent: datetime | None = None  # the end of the last run that left nothing pending
    problem: str = ""
    detail: str = ""
    paused: bool = False  # automatic syncs wait for new settings or "Sync now"


def scrub(text: str, secrets: tuple[str, ...]) -> str:
    """``text`` with every given credential replaced, so no message can carry one."""
    for secret in secrets:
        if secret and len(secret.strip()) >= 3:
            text = text.replace(secret, "•••")
    return text


class _Watched:
    """The client as ``sync`` sees it, remembering the last ``LrsError`` so we know its kind."""

    def __init__(self, client: Any) -> None:
        self.client, self.endpoint = client, client.endpoint
        self.error: Exception | None = None

    def post_statements(self, body: bytes, ids: Any) -> list[str]:
        from simulator.xapi.lrs_client import LrsError

        try:
            return self.client.post_statements(body, ids)
        except LrsError as exc:
            self.error = exc
            raise


def run_sync(
    db_path: str,
    *,
    secrets: Any = None,
    password: str | None = None,
    cancel: threading.Event | None = None,
    progress: Progress | None = None,
    client_options: dict[str, Any] | None = None,
) -> Outcome:
    """Send what is pending from the results file at ``db_path``; safe to call in any thread."""
    from simulator.store import StoreError, open_store
    from simulator.store.outbox import Outbox
    from simulator.xapi import settings as lrs_settings
    from simulator.xapi.lrs_client import LrsClient
    from simulator.xapi.sync import sync

    cancel = cancel or threading.Event()
    try:
        store = open_store(db_path)
    except StoreError as exc:
        return Outcome("problem", problem="the results database can't be opened", detail=str(exc))
    try:
        outbox = Outbox(store)
        try:
            config = lrs_settings.load(store, password=password, secrets=secrets)
        except lrs_settings.SettingsError:
            return _counted("not-set-up", outbox.counts())
        except ValueError as exc:
            return _counted("problem", outbox.counts(), problem="the LRS address is not usable", detail=str(exc),
                            settings_wrong=True)  # fmt: skip
        hidden = (config.password, config.username)

        def sleep(seconds: float) -> None:
            if cancel.wait(seconds):
                raise Cancelled

        def step(done: int, total: int) -> None:
            if progress is not None:
                progress(done, total)
            if cancel.is_set():
                raise Cancelled

        options = {"timeout": REQUEST_TIMEOUT, **(client_options or {})}
        client = _Watched(LrsClient(config.endpoint, config.username, config.password, sleep=sleep, **options))
        try:
            report = sync(outbox, client, progress=step)
        except Cancelled:
            return _counted("cancelled", outbox.counts())
        no_password = config.password_from == "none" and bool(config.username)  # noqa: S105 - a source name
        outcome = _judge(report, client.error, outbox.counts(), no_password=no_password)
        return replace(outcome, problem=scrub(outcome.problem, hidden), detail=scrub(outcome.detail, hidden))
    except StoreError as exc:
        return Outcome("problem", problem="the results database is busy or can't be read", detail=str(exc))
    finally:
        store.close()


def check_connection(endpoint: str, username: str, password: str, *, transport: Any = None, timeout: float = 10.0) -> str:
    """Ask the LRS who it is and read one statement with these credentials; a sentence either way.

    Raises nothing: every failure becomes a sentence without the credentials in it."""
    from simulator.xapi.lrs_client import LrsAuthError, LrsClient, LrsEndpointError, LrsError

    hidden = (password, username)
    try:
        client = LrsClient(endpoint, username, password, transport=transport, retries=0, timeout=timeout)
        about = client.get("about")
        client.get("statements", {"limit": 1})
    except LrsAuthError:
        return "Not connected: the LRS refused the user name or password."
    except LrsEndpointError:
        return "Not connected: this address is not an xAPI endpoint (it usually ends in /xAPI or /data/xAPI)."
    except LrsError as exc:
        return scrub(f"Not connected: {exc}.", hidden)
    except ValueError as exc:  # the address, or an answer that isn't JSON
        return scrub(f"Not connected: {exc}.", hidden)
    versions = about.get("version") if isinstance(about, dict) else None
    spoken = ", ".join(str(v) for v in versions) if isinstance(versions, list) and versions else "xAPI"
    return f"Connected: the LRS answers (xAPI {spoken}) and accepted the user name and password."


def _judge(report: Any, error: Exception | None, totals: dict[str, int], *, no_password: bool) -> Outcome:
    from simulator.xapi.lrs_client import LrsAuthError, LrsEndpointError, LrsRejected, LrsUnavailable
    from simulator.xapi.sync import describe_statement

    counts = {**totals, "sent_now": report.sent}
    lines = [f"The LRS refused {describe_statement(r.statement)}: {r.answer}" for r in report.rejected[:3]]
    if len(report.rejected) > 3:
        lines.append(f"… and {len(report.rejected) - 3} more.")
    if report.stopped:
        if isinstance(error, LrsAuthError):
            problem = "the LRS refused the user name or password"
            if no_password:
                lines.insert(0, "No password is saved for this address and user: enter it in the settings.")
        elif isinstance(error, LrsEndpointError):
            problem = "the address is not an xAPI endpoint"
        elif isinstance(error, LrsUnavailable):
            problem = "the LRS can't be reached; will try again later"
        elif isinstance(error, LrsRejected):
            problem = "the LRS refuses every statement; check the address"
        else:
            problem = "the sync stopped"
        wrong = not isinstance(error, LrsUnavailable)
        return Outcome("problem", **counts, problem=problem, detail="\n".join([report.stopped, *lines]), settings_wrong=wrong)
    if report.rejected:
        return Outcome(
            "problem", **counts, problem=f"the LRS refused {len(report.rejected)} statement(s); they are held",
            detail="\n".join(lines),
        )  # fmt: skip
    if report.unconfirmed:
        text = f"the LRS did not confirm {report.unconfirmed} statement(s); they stay waiting"
        return Outcome("problem", **counts, problem=text, detail=text)
    return Outcome("sent", **counts)


class _Bridge(QObject):
    """Created in the GUI thread; its signals, emitted from the pool thread, arrive queued."""

    progress = Signal(int, int)
    done = Signal(object)


class _Job(QRunnable):
    def __init__(self, work: Callable[[Progress], Any], bridge: _Bridge) -> None:
        super().__init__()
        self.work, self.bridge = work, bridge

    def run(self) -> None:
        try:
            result = self.work(self.bridge.progress.emit)
        except Exception as exc:  # handed to the GUI thread, which decides what the user reads
            result = exc
        # The window may have closed while the job ran: its bridge is gone and nobody is waiting.
        with contextlib.suppress(RuntimeError):
            self.bridge.done.emit(result)


def start_job(
    pool: QThreadPool, work: Callable[[Progress], Any], on_done: Callable[[Any], None], on_progress: Progress | None = None
) -> _Bridge:
    """Run ``work(progress)`` on ``pool``; ``on_done(result or exception)`` runs in the GUI thread.
    Keep the returned bridge until ``on_done`` ran."""
    bridge = _Bridge()
    bridge.done.connect(on_done)
    if on_progress is not None:
        bridge.progress.connect(on_progress)
    pool.start(_Job(work, bridge))
    return bridge


def _default_secrets() -> Any:
    from simulator.xapi.settings import os_keyring

    return os_keyring()


class SyncController(QObject):
    """Runs ``run_sync`` in the background and says how it went (``changed``, in the GUI thread)."""

    changed = Signal(object)  # Status

    def __init__(
        self,
        db_path: str,
        parent: QObject | None = None,
        *,
        secrets: Any = ...,
        period_ms: int = PERIOD_MS,
        client_options: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(parent)
        self.db_path = db_path
        self._secrets = secrets
        self.period_ms = period_ms
        self.client_options = client_options
        self.session_password: str | None = None  # typed in the settings but not kept: used until the app closes
        self.status = Status("no-file") if db_path in ("", ":memory:") else Status("checking")
        self.last: Outcome | None = None
        self.failures = 0
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self.cancel = threading.Event()
        self._bridge: _Bridge | None = None
        self._again = False
        self.timer = QTimer(self)
        self.timer.setInterval(period_ms)
        self.timer.timeout.connect(self._tick)

    @property
    def secrets(self) -> Any:
        """The OS keyring (or the one given), looked up on first use, in the GUI thread."""
        if self._secrets is ...:
            self._secrets = _default_secrets()
        return self._secrets

    @property
    def running(self) -> bool:
        return self._bridge is not None

    def start(self) -> None:
        """Sync now and every period from here on."""
        if self.status.state == "no-file":
            self.changed.emit(self.status)
            return
        self.timer.start()
        self.request()

    def request(self) -> None:
        """Sync as soon as possible (after the run in progress, if any)."""
        if self.status.state == "no-file" or self.cancel.is_set():
            return
        if self.running:
            self._again = True
            return
        self._again = False
        secrets, password, path, options = self._secrets, self.session_password, self.db_path, self.client_options
        cancel = self.cancel

        def work(progress: Progress) -> Outcome:
            found = _default_secrets() if secrets is ... else secrets  # importing keyring: in this thread, not the GUI's
            return run_sync(path, secrets=found, password=password, cancel=cancel, progress=progress,
                            client_options=options)  # fmt: skip

        self._set(replace(self.status, state="sending", done=0, total=self.status.pending))
        self._bridge = start_job(self.pool, work, self._finished, self._progress)

    def sync_now(self) -> None:
        """On demand: also resumes automatic syncs paused by wrong settings."""
        self._set(replace(self.status, paused=False))
        self.request()

    def session_finished(self) -> None:
        if not self.status.paused:
            self.request()

    def settings_changed(self) -> None:
        self.failures = 0
        self.timer.setInterval(self.period_ms)
        self._set(replace(self.status, paused=False))
        self.request()

    def shutdown(self, wait_ms: int = SHUTDOWN_WAIT_MS) -> bool:
        """Stop the timer, interrupt a run at its next wait or batch; True if nothing runs any more."""
        self.timer.stop()
        self.cancel.set()
        return self.pool.waitForDone(wait_ms)

    def _tick(self) -> None:
        if not self.status.paused:
            self.request()

    def _progress(self, done: int, total: int) -> None:
        if self.status.state == "sending":
            self._set(replace(self.status, done=done, total=total))

    def _finished(self, result: Any) -> None:
        self._bridge = None
        if isinstance(result, Exception):  # a bug, not an LRS answer: say so without any detail that could leak
            result = Outcome("problem", problem=f"the sync failed ({type(result).__name__})", detail=type(result).__name__)
        self.last = result
        if result.state == "cancelled":
            return
        self._schedule(result)
        status = Status(
            {"not-set-up": "not-set-up", "sent": "idle"}.get(result.state, "problem"),
            pending=result.pending, sent=result.sent, held=result.held,
            last_sent=result.at if result.state == "sent" and result.pending == 0 else self.status.last_sent,
            problem=result.problem, detail=result.detail, paused=result.settings_wrong,
        )  # fmt: skip
        self._set(status)
        if self._again and not status.paused:
            self.request()

    def _schedule(self, result: Outcome) -> None:
        """Back off the period while the LRS stays unreachable; back to normal after a good run."""
        if result.state == "problem" and not result.settings_wrong:
            self.failures += 1
        else:
            self.failures = 0
        self.timer.setInterval(min(MAX_PERIOD_MS, self.period_ms * 2**self.failures))

    def _set(self, status: Status) -> None:
        self.status = status
        self.changed.emit(status)
