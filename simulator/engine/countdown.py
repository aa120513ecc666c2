"""The reply clock of the node on screen: it can stand still, be stretched, and pick up where it was.

A trainee must not lose time they could not use: the GUI pauses the clock whenever the play screen
is not in front (a dialog, a menu, another window, minimised), and a resumed session continues with
the time that was left, not a fresh timer. ``factor`` is a trainee's extra time (1.5, 2.0) and
``None`` switches time limits off (WCAG 2.2.1 Timing Adjustable); the scenario file is untouched.
"""

from __future__ import annotations

from simulator.engine.clock import Clock

EXTRA_TIME = {"off": 1.0, "1.5x": 1.5, "2x": 2.0, "none": None}
"""A trainee's extra-time setting and the factor it puts on every time limit (None: no timers)."""


def time_factor(setting: object) -> float | None:
    """The factor for a stored setting; anything unknown counts as no extra time."""
    key = setting if isinstance(setting, str) else "off"
    return EXTRA_TIME.get(key, 1.0)


class Countdown:
    """Running time since the node was shown, pauses left out; ``left()`` against the stretched limit."""

    def __init__(self, clock: Clock, factor: float | None = 1.0) -> None:
        self.clock, self.factor = clock, factor
        self.limit: float | None = None
        self._used = 0.0  # seconds used before the current run (earlier runs, or a resumed session's)
        self._since: float | None = clock.monotonic()  # None while paused

    def restart(self, limit: float | None, left: float | None = None) -> None:
        """A new node: its ``limit`` (seconds in the file), optionally with only ``left`` of it remaining."""
        self.limit = None if limit is None or self.factor is None else limit * self.factor
        self._used = 0.0 if left is None or self.limit is None else max(0.0, self.limit - max(0.0, left))
        if self._since is not None:
            self._since = self.clock.monotonic()

    def stretch(self, factor: float | None, limit: float | None) -> None:
        """A new factor for this node's ``limit`` (seconds in the file), the time used so far kept."""
        self.factor = factor
        self.limit = None if limit is None or factor is None else limit * factor

    @property
    def paused(self) -> bool:
        return self._since is None

    def pause(self) -> None:
        if self._since is not None:
            self._used += self.clock.monotonic() - self._since
            self._since = None

    def resume(self) -> None:
        if self._since is None:
            self._since = self.clock.monotonic()

    def elapsed(self) -> float:
        """Seconds the trainee has had this node in front of them."""
        running = 0.0 if self._since is None else self.clock.monotonic() - self._since
        return self._used + running

    def left(self) -> float | None:
        """Seconds left to reply, or None when this node has no limit (or timers are off)."""
        return None if self.limit is None else max(0.0, self.limit - self.elapsed())
