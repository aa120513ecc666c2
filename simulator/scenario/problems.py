"""Problems found in a scenario file, reported as ``path:line:col: severity: code: message``.

Every user-facing error names the file and the position of the offending YAML node, so a
trainer can jump straight to it; lines and columns are 1-based like every editor's.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, slots=True)
class Problem:
    """One finding of the loader or the lint."""

    path: str
    line: int
    col: int
    severity: Severity
    code: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.severity}: {self.code}: {self.message}"

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


class ScenarioError(Exception):
    """Raised when a scenario cannot be used at all; carries the problems that explain why."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def has_errors(problems: list[Problem]) -> bool:
    return any(p.severity == "error" for p in problems)
