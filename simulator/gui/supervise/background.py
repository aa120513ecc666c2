"""Run slow reads and exports off the GUI thread without sharing any Qt object with the thread.

The thread only writes to a plain Python ``_State``; a ``QTimer`` owned by the widget polls it
and calls back in the GUI thread. So a widget closed or destroyed while the thread still runs
(supervisor mode locked mid-export) just stops polling: the thread never touches a deleted
QObject and never emits into one. SQLite connections stay in their thread: the work function
opens its own (``reader``).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from PySide6.QtCore import QObject, QTimer

POLL_MS = 40


class _State:
    """Written by the thread, read by the timer; attribute writes are atomic in CPython."""

    def __init__(self) -> None:
        self.progress: tuple[int, int] | None = None
        self.done = False
        self.result: Any = None


class Background(QObject):
    """``work(progress)`` in a thread; ``on_done(result or exception)`` and ``on_progress`` in the GUI thread."""

    def __init__(self, parent: QObject, work: Callable[[Callable[[int, int], None]], Any], on_done: Callable[[Any], None],
                 on_progress: Callable[[int, int], None] | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.state = _State()
        self.on_done, self.on_progress = on_done, on_progress
        self.timer = QTimer(self)
        self.timer.setInterval(POLL_MS)
        self.timer.timeout.connect(self._poll)
        state = self.state

        def run() -> None:
            def report(done: int, total: int) -> None:
                state.progress = (done, total)

            try:
                state.result = work(report)
            except Exception as exc:  # handed to on_done, which decides what the user reads
                state.result = exc
            state.done = True

        self.worker_thread = threading.Thread(target=run, daemon=True)

    def start(self) -> None:
        self.worker_thread.start()
        self.timer.start()

    def join(self, timeout: float = 30.0) -> None:
        self.worker_thread.join(timeout)

    def _poll(self) -> None:
        state = self.state
        if state.progress is not None and self.on_progress is not None:
            self.on_progress(*state.progress)
        if state.done:
            self.timer.stop()
            self.on_done(state.result)


@contextmanager
def reader(path: str) -> Iterator[Any]:
    """A ``Store`` on its own read-only connection to ``path``, for use in one thread."""
    from simulator.store.store import read_only_store

    store = read_only_store(path)
    try:
        yield store
    finally:
        store.db.close()
