"""Typed, position-aware reading of one YAML mapping, collecting problems instead of raising.

The loader reads every section through a ``Fields`` so that each wrong key or value becomes one
precise ``Problem`` and reading goes on: a trainer sees all mistakes of a file in one run.
"""

from __future__ import annotations

import difflib
import re
from typing import Any

from simulator.scenario.problems import Problem, Severity
from simulator.scenario.yamlpos import Map, Pos, Seq

MAX_TEXT = 10_000
ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
_TYPE_NAMES = {
    str: "text",
    int: "a whole number",
    float: "a number",
    bool: "true/false",
    Map: "a mapping (key: value lines)",
    Seq: "a list",
}


def type_name(value: Any) -> str:
    if value is None:
        return "nothing"
    return _TYPE_NAMES.get(type(value), type(value).__name__)


class Report:
    """Collects the problems of one file."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Problem] = []

    def add(self, pos: Pos, code: str, message: str, severity: Severity = "error") -> None:
        self.problems.append(Problem(self.path, pos[0], pos[1], severity, code, message))


class Fields:
    """Accessors for one mapping: each checks type and range and reports at the value's line."""

    def __init__(self, report: Report, data: Map, what: str) -> None:
        self.report, self.data, self.what = report, data, what

    def check_keys(self, allowed: tuple[str, ...], required: tuple[str, ...]) -> None:
        for key in self.data:
            if key not in allowed:
                close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
                hint = f"; did you mean '{close[0]}'?" if close else f"; expected one of: {', '.join(allowed)}"
                self.report.add(self.data.key_pos[key], "unknown-key", f"unknown key '{key}' in {self.what}{hint}")
        for key in required:
            if key not in self.data:
                self.report.add(self.data.pos, "missing-key", f"{self.what} needs '{key}'")

    def where(self, key: str) -> Pos:
        return self.data.where(key)

    def wrong(self, key: str, expected: str) -> None:
        got = type_name(self.data[key])
        self.report.add(self.where(key), "wrong-type", f"'{key}' in {self.what} must be {expected}, not {got}")

    def text(self, key: str, default: str = "", *, nonempty: bool = False) -> str:
        value = self.data.get(key)
        if value is None:
            if key in self.data and nonempty:
                self.report.add(self.where(key), "empty-text", f"'{key}' in {self.what} is empty")
            return default
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            self.wrong(key, "text")
            return default
        if len(value) > MAX_TEXT:
            self.report.add(self.where(key), "bad-value", f"'{key}' is longer than {MAX_TEXT:,} characters")
            return value[:MAX_TEXT]
        if nonempty and not value.strip():
            self.report.add(self.where(key), "empty-text", f"'{key}' in {self.what} is empty")
        return value

    def number(self, key: str, default: float | None, low: float, high: float, *, whole: bool = True) -> Any:
        value = self.data.get(key)
        if value is None:
            return default
        ok = isinstance(value, int) if whole else isinstance(value, (int, float))
        if isinstance(value, bool) or not ok:
            self.wrong(key, "a whole number" if whole else "a number")
            return default
        if not low <= value <= high:
            self.report.add(self.where(key), "bad-value", f"'{key}' must be between {low:g} and {high:g}, not {value}")
            return default
        return value

    def choice_of(self, key: str, options: tuple[str, ...], default: str) -> str:
        value = self.text(key, default)
        if value not in options:
            close = difflib.get_close_matches(str(value), options, n=1)
            hint = f"; did you mean '{close[0]}'?" if close else ""
            self.report.add(self.where(key), "bad-value", f"'{key}' must be one of {', '.join(options)}, not '{value}'{hint}")
            return default
        return value

    def ident(self, key: str) -> str:
        value = self.text(key, nonempty=True)
        if value and not ID_RE.match(value):
            self.report.add(self.where(key), "bad-value", f"'{value}' is not a valid id (letters, digits, - _ .)")
        return value

    def mapping(self, key: str) -> Map | None:
        value = self.data.get(key)
        if value is None:
            return None
        if not isinstance(value, Map):
            self.wrong(key, "a mapping (key: value lines)")
            return None
        return value

    def sequence(self, key: str) -> Seq | None:
        value = self.data.get(key)
        if value is None:
            return None
        if not isinstance(value, Seq):
            self.wrong(key, "a list")
            return None
        return value

    def strings(self, key: str) -> tuple[str, ...]:
        items = self.sequence(key) or Seq(self.data.pos)
        out = []
        for i, item in enumerate(items):
            if isinstance(item, str):
                out.append(item)
            else:
                self.report.add(items.where(i), "wrong-type", f"items of '{key}' must be text, not {type_name(item)}")
        return tuple(out)
