"""Send the outbox to the LRS: in order, in batches, each marked sent only once the LRS confirmed it.

A batch the LRS refuses (4xx other than credentials) is split in halves until the refused
statements are found; those are *held* with the LRS's answer and everything else keeps flowing.
Bad credentials or a wrong address stop the run at once with nothing marked; an LRS that stays
unreachable (after the client's retries) stops it too, leaving the rest pending for next time.
Statement ids are deterministic, so re-sending a batch whose confirmation got lost is harmless:
the LRS answers with the same ids and stores nothing twice.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Protocol

from simulator.store.outbox import OutboxRow
from simulator.xapi.lrs_client import LrsError, LrsRejected

DEFAULT_BATCH = 100  # ~200 KB per POST; LRSs often cap bodies at a few MB
GIVE_UP_AFTER = 5  # refusals without a single acceptance: the LRS refuses everything, not one statement
Progress = Callable[[int, int], None]


class OutboxLike(Protocol):
    def pending(self, limit: int, after: int = 0) -> list[OutboxRow]: ...
    def mark_sent(self, ids: Sequence[str], at: str | None = None) -> None: ...
    def hold(self, statement_id: str, problem: str) -> None: ...
    def release(self, ids: Sequence[str] | None = None) -> int: ...
    def counts(self) -> dict[str, int]: ...


class ClientLike(Protocol):
    endpoint: str

    def post_statements(self, body: bytes, ids: Sequence[str]) -> list[str]: ...


@dataclass
class Rejection:
    statement_id: str
    answer: str  # what the LRS said, e.g. "HTTP 400: ..."
    statement: str  # the JSON we sent


@dataclass
class SyncReport:
    sent: int = 0
    batches: int = 0
    unconfirmed: int = 0  # posted, answered 200, but the LRS's list lacked their ids: still pending
    rejected: list[Rejection] = field(default_factory=list)
    stopped: str | None = None  # why the run ended early (credentials, address, unreachable)
    pending: int = 0  # left in the outbox after the run (not counting held ones)
    held: int = 0

    @property
    def ok(self) -> bool:
        return self.stopped is None and not self.rejected and not self.unconfirmed


def sync(
    outbox: OutboxLike, client: ClientLike, *, batch_size: int = DEFAULT_BATCH, progress: Progress | None = None
) -> SyncReport:
    report = SyncReport()
    total = outbox.counts()["pending"]
    cursor = 0
    try:
        while rows := outbox.pending(batch_size, after=cursor):
            cursor = rows[-1].n
            _send(outbox, client, rows, report)
            if progress is not None:
                progress(report.sent, total)
    except LrsError as exc:
        report.stopped = str(exc)
    counts = outbox.counts()
    report.pending, report.held = counts["pending"], counts["held"]
    return report


def _send(outbox: OutboxLike, client: ClientLike, rows: list[OutboxRow], report: SyncReport) -> None:
    ids = [row.id for row in rows]
    body = b"[" + b",".join(row.statement.encode("utf-8") for row in rows) + b"]"
    try:
        confirmed = client.post_statements(body, ids)
    except LrsRejected as exc:
        if len(rows) > 1:
            middle = len(rows) // 2
            _send(outbox, client, rows[:middle], report)
            _send(outbox, client, rows[middle:], report)
            return
        report.rejected.append(Rejection(rows[0].id, str(exc), rows[0].statement))
        outbox.hold(rows[0].id, str(exc))
        if len(report.rejected) >= GIVE_UP_AFTER and report.sent == 0:
            outbox.release([r.statement_id for r in report.rejected])
            raise LrsError(
                f"the LRS refused each of the first {GIVE_UP_AFTER} statements tried ({exc}); is this the right LRS "
                "and xAPI version? Nothing was marked as sent."
            ) from None
        return
    report.batches += 1
    if confirmed:
        outbox.mark_sent(confirmed, datetime.now(UTC).isoformat())
    report.sent += len(confirmed)
    report.unconfirmed += len(rows) - len(confirmed)


def describe_statement(text: str) -> str:
    """A one-line label for a statement in messages: verb, object and registration."""
    try:
        data = json.loads(text)
        verb = data["verb"]["id"].rsplit("/", 1)[-1]
        obj = data["object"]["id"]
        registration = data.get("context", {}).get("registration", "?")
    except (ValueError, KeyError, TypeError, AttributeError):
        return "(unreadable statement)"
    return f"{verb} {obj} (session {registration})"
