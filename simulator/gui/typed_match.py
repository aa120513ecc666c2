"""Typed-reply matching off the GUI thread.

The model's first load takes about a second (longer on a busy PC), and a window must never
freeze while it reads: the loading and every ranking run on Qt's thread pool, and the answers
come back as queued signals. Only the newest request is answered; older ones are dropped.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from simulator.scenario.model import Choice


class _Job(QRunnable):
    def __init__(self, work: Callable[[], None]) -> None:
        super().__init__()
        self.work = work

    def run(self) -> None:
        self.work()


class MatchRunner(QObject):
    """Ranks typed replies on a worker thread; ``rank`` returns at once."""

    ready = Signal()
    """The model is loaded: matches now answer within milliseconds."""
    matched = Signal(object)
    """The ``engine.matching.Match`` for the newest request."""
    failed = Signal(str)
    """The model could not be loaded or used; the message says why (play falls back to the cards)."""

    _answer = Signal(int, object)
    _error = Signal(int, str)
    _loaded = Signal()

    def __init__(self, parent: QObject | None = None, pool: QThreadPool | None = None) -> None:
        super().__init__(parent)
        self.pool = pool or QThreadPool.globalInstance()
        self.asked = 0  # the newest request's number; answers to older ones are dropped
        self.loading = False
        self._answer.connect(self._deliver)
        self._error.connect(self._complain)
        self._loaded.connect(self._on_loaded)

    @property
    def loaded(self) -> bool:
        from simulator.engine.matching import model_loaded

        return model_loaded()

    def preload(self) -> None:
        """Start reading the model now (when the mode is chosen), so the first match is quick."""
        if self.loaded:
            self.ready.emit()
            return
        if not self.loading:
            self.loading = True
            self.pool.start(_Job(self._load))

    def rank(self, text: str, choices: Sequence[Choice]) -> int:
        """Ask for a ranking; the answer comes as ``matched`` (or ``failed``). Returns the request number."""
        self.asked += 1
        number, replies = self.asked, tuple(choices)
        self.pool.start(_Job(lambda: self._rank(number, text, replies)))
        return number

    # -- on the worker thread ------------------------------------------------------------
    def _load(self) -> None:
        from simulator.engine.matching import ModelMissing, load_model

        try:
            load_model()
        except ModelMissing as exc:
            self._send(self._error, self.asked, str(exc))
            return
        self._send(self._loaded)

    def _rank(self, number: int, text: str, choices: tuple[Choice, ...]) -> None:
        from simulator.engine.matching import Matcher, ModelMissing

        try:
            found = Matcher().rank(text, choices)
        except ModelMissing as exc:
            self._send(self._error, number, str(exc))
            return
        self._send(self._answer, number, found)

    @staticmethod
    def _send(signal: Any, *args: Any) -> None:
        with contextlib.suppress(RuntimeError):  # the window closed while we worked: nobody to tell
            signal.emit(*args)

    # -- back on the GUI thread ----------------------------------------------------------
    def _deliver(self, number: int, found: object) -> None:
        self.loading = False
        if number == self.asked:
            self.matched.emit(found)

    def _on_loaded(self) -> None:
        self.loading = False
        self.ready.emit()

    def _complain(self, number: int, message: str) -> None:
        self.loading = False
        if number == self.asked:
            self.failed.emit(message)
