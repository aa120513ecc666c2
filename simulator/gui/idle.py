"""Noticing that nobody has touched the app for a while, so staff tools lock themselves.

A supervisor called away from the shared PC leaves everyone's results (and the workbench's answer
key) open to the next trainee. ``IdleWatch`` watches the whole application's keyboard and mouse
input while it runs and emits ``idle`` once ``limit`` seconds pass without any. The clock is
injectable (tests pass a fake one and call ``check``); a timer polls it every few seconds, so a
laptop waking from sleep locks at once rather than a full limit later.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, Signal

IDLE_LIMIT = 5 * 60.0  # seconds without input before the staff visit ends
POLL_MS = 5_000
INPUT = frozenset({
    QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove, QEvent.Type.Wheel,
    QEvent.Type.TouchBegin, QEvent.Type.TabletPress,
})  # fmt: skip


class IdleWatch(QObject):
    """Emits ``idle`` after ``limit`` seconds of ``clock()`` without keyboard or mouse input."""

    idle = Signal()
    """Nobody used the app for ``limit`` seconds: lock what must not stay open."""

    def __init__(self, parent: QObject | None = None, *, limit: float = IDLE_LIMIT,
                 clock: Callable[[], float] = time.monotonic) -> None:  # fmt: skip
        super().__init__(parent)
        self.limit, self.clock = limit, clock
        self.last_input = clock()
        self.timer = QTimer(self)
        self.timer.setInterval(POLL_MS)
        self.timer.timeout.connect(self.check)

    @property
    def running(self) -> bool:
        return self.timer.isActive()

    def start(self) -> None:
        self.last_input = self.clock()
        app = QCoreApplication.instance()
        if app is not None and not self.running:
            app.installEventFilter(self)
        self.timer.start()

    def stop(self) -> None:
        app = QCoreApplication.instance()
        if app is not None and self.running:
            app.removeEventFilter(self)
        self.timer.stop()

    def check(self) -> None:
        """Emit ``idle`` (and stop) when the limit has passed since the last input."""
        if self.running and self.clock() - self.last_input >= self.limit:
            self.stop()
            self.idle.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in INPUT:
            self.last_input = self.clock()
        return False
