"""Rows a report can't use, found one at a time, so one bad row never breaks a view or an export.

A hand-edited file, another tool or a merge from before the merge rules can leave a session whose
scores aren't JSON, whose start time is a number or whose overall is text. Readers ask
``session_problem`` / ``choice_problem`` about each row they are about to use; a row with a
problem is skipped and named (``Skipped``) in the export's summary or the view's message, and the
rest of the cohort is reported as usual.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime
from typing import Any, NamedTuple


class Skipped(NamedTuple):
    """A row left out of a report: which session, and what is wrong with it."""

    session_id: str
    problem: str

    def __str__(self) -> str:
        return f"session {self.session_id}: {self.problem}"


def describe(skipped: list[Skipped], limit: int = 3, what: str = "skipped (unreadable data)") -> str:
    """ "2 session(s) skipped (unreadable data): session a: …; session b: …" or ""."""
    if not skipped:
        return ""
    named = "; ".join(str(s) for s in skipped[:limit]) + ("; …" if len(skipped) > limit else "")
    return f"{len(skipped)} session(s) {what}: {named}"


KEPT = "kept with the cells that can't be read left empty"  # how the CSV treats an odd session


def _time(value: Any, required: bool) -> str | None:
    if value is None:
        return "missing" if required else None
    if not isinstance(value, str):
        return "not a date and time"
    try:
        datetime.fromisoformat(value)
    except ValueError:
        return "not a date and time"
    return None


def _number(value: Any, low: float, high: float) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        return "not a number"
    return None if low <= value <= high else f"outside {low:g}..{high:g}"


def _json(value: Any, kind: type, items: tuple[type, ...]) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        return "not JSON text"
    try:
        parsed: Any = json.loads(value)
    except ValueError:
        return "not valid JSON"
    values: list[Any] = list(parsed.values()) if isinstance(parsed, dict) else parsed if isinstance(parsed, list) else []
    if not isinstance(parsed, kind):
        return f"not a JSON {kind.__name__}"
    if any(v is not None and (isinstance(v, bool) or not isinstance(v, items)) for v in values):
        return "holds a value of the wrong kind"
    return None


Check = Callable[[Any], "str | None"]


def _values(name: str) -> tuple[str, ...]:
    """The engine's modes or the scenario's outcomes, imported on first use: ``store`` loads this module at
    start-up, which must not pay for the engine."""
    if name == "MODES":
        from simulator.engine.session import MODES

        return MODES
    from simulator.scenario.model import OUTCOMES

    return OUTCOMES


def _text(value: Any) -> str | None:
    return None if value is None or isinstance(value, str) else "not text"


def _whole(value: Any) -> str | None:
    return None if value is None or (isinstance(value, int) and not isinstance(value, bool)) else "not a whole number"


SESSION_CHECKS: dict[str, Check] = {
    "started": lambda v: _time(v, True), "updated": lambda v: _time(v, False), "finished": lambda v: _time(v, False),
    "abandoned": lambda v: _time(v, False), "overall": lambda v: _number(v, 0, 100),
    "passed": lambda v: None if v in (None, 0, 1) else "not 0 or 1",
    "mode": lambda v: None if v in _values("MODES") else "not practice or assessment",
    "outcome": lambda v: None if v is None or v in _values("OUTCOMES") else "not an outcome",
    "scores": lambda v: _json(v, dict, (int, float)),
    **dict.fromkeys(("id", "trainee_id", "trainee_name", "trainee", "scenario_id", "scenario_title", "scenario_version",
                     "content_hash", "ending_id", "channel"), _text),
}  # fmt: skip
CHOICE_CHECKS: dict[str, Check] = {
    "points": lambda v: _json(v, dict, (int, float)), "tags": lambda v: _json(v, list, (str,)),
    "at": lambda v: _time(v, True), "seq": lambda v: _number(v, 1, 100_000), "choice_index": lambda v: _number(v, -1, 1000),
    **dict.fromkeys(("node", "text", "target", "typed"), _text),
    **dict.fromkeys(("number", "forced", "mood_before", "mood_after", "response_ms", "missed"), _whole),
}  # fmt: skip


def _first_problem(row: dict[str, Any], checks: dict[str, Check]) -> str | None:
    for column, value in row.items():
        check = checks.get(column)
        problem = check(value) if check else None
        if problem:
            return f"{column}: {problem}"
    return None


def session_problem(row: dict[str, Any]) -> str | None:
    """What makes this sessions row (any subset of its columns) unusable, or None."""
    return _first_problem(row, SESSION_CHECKS)


def choice_problem(row: dict[str, Any]) -> str | None:
    """What makes this decisions row (any subset of its columns) unusable, or None."""
    problem = _first_problem(row, CHOICE_CHECKS)
    return f"choice {row.get('seq', '?')}: {problem}" if problem else None
