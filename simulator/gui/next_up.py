"""Finding the debrief's "Next scenario" without holding the debrief up.

Reading and exploring a scenario file takes ~45 ms (0.6 s for the 14 bundled ones), so the files
are read one per turn of the event loop once the debrief is on screen, and what each can train is
remembered per file state: the next debrief of the visit answers at once.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from simulator.engine.recommend import Offer, offer, suggest

_OFFERS: dict[tuple[str, int, int], Offer | None] = {}


def _state(path: Path) -> tuple[str, int, int] | None:
    try:
        state = path.stat()
    except OSError:
        return None
    return str(path.resolve()), state.st_mtime_ns, state.st_size


def _offer(path: Path) -> Offer | None:
    """What the file at ``path`` trains; None when it can't be read (the library says so on its card)."""
    from simulator.scenario import ScenarioError, read_scenario

    key = _state(path)
    if key is None:
        return None
    if key not in _OFFERS:
        try:
            _OFFERS[key] = offer(read_scenario(path))
        except ScenarioError:
            _OFFERS[key] = None
    return _OFFERS[key]


class NextFinder(QObject):
    """Looks through the library for the scenario that trains the trainee's weakest recent skill."""

    found = Signal(object, object)
    """The ``Suggestion`` and the library ``Entry`` to start, or (None, None) when there is none to make."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._run = 0

    def look(self, entries: Sequence[Any], recent: Sequence[Mapping[str, float | None]], played: str) -> None:
        """Start looking (a look still under way is dropped); ``recent``: the trainee's latest assessment scores."""
        self._run += 1
        run = self._run
        todo = [e for e in entries if not e.problem and e.id != played] if recent else []
        offers: list[tuple[Offer, Any]] = []

        def step() -> None:
            if run != self._run:
                return
            while todo:
                entry = todo.pop(0)
                fresh = _state(entry.path) not in _OFFERS
                found = _offer(entry.path)
                if found is not None:
                    offers.append((found, entry))
                if fresh:  # that one cost a file read and an exploration: let the screen breathe
                    QTimer.singleShot(0, self, step)
                    return
            suggestion = suggest(recent, [o for o, _ in offers], played)
            entry = next((e for o, e in offers if suggestion and o.scenario_id == suggestion.scenario_id), None)
            self.found.emit(suggestion if entry is not None else None, entry)

        QTimer.singleShot(0, self, step)

    def cancel(self) -> None:
        self._run += 1
