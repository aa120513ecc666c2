"""Clocks are injected so tests and replays never sleep and timeouts stay deterministic."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    def monotonic(self) -> float:
        """Seconds for measuring response times and time limits."""

    def now(self) -> datetime:
        """Wall-clock time stamped on decisions (UTC)."""


class SystemClock:
    def monotonic(self) -> float:
        return time.monotonic()

    def now(self) -> datetime:
        return datetime.now(UTC)


class FakeClock:
    """A clock that moves only when told to."""

    def __init__(self, start: datetime | None = None) -> None:
        self.seconds = 0.0
        self.start = start or datetime(2026, 1, 5, 9, 0, tzinfo=UTC)

    def advance(self, seconds: float) -> None:
        self.seconds += seconds

    def monotonic(self) -> float:
        return self.seconds

    def now(self) -> datetime:
        return self.start + timedelta(seconds=self.seconds)
