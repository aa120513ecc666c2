"""What the Twee and Twine HTML readers hand the converter: passages with their source lines, and notes.

Both readers keep going past anything odd in a draft (a bad metadata block, a passage without a
name) and say so in a ``Note``; only a file that holds no story at all stops an import.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Level = Literal["error", "warning", "note", "todo"]


@dataclass(frozen=True, slots=True)
class Note:
    """One line of the import report, anchored to a line of the Twine file where there is one."""

    path: str
    line: int
    level: Level
    code: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.level}: {self.code}: {self.message}"


@dataclass(slots=True)
class Passage:
    """A passage as the author wrote it; ``line`` is its header (Twee) or tag (HTML), ``body_line`` its first text line."""

    name: str
    tags: list[str]
    text: str
    line: int
    body_line: int
    pid: str = ""


@dataclass(slots=True)
class Story:
    """A Twine story: its title, declared start and format, passages in file order, and what reading it found."""

    path: str
    title: str = ""
    title_line: int = 1
    start: str = ""
    start_line: int = 1
    story_format: str = ""
    passages: dict[str, Passage] = field(default_factory=dict)
    notes: list[Note] = field(default_factory=list)

    def note(self, line: int, level: Level, code: str, message: str) -> None:
        self.notes.append(Note(self.path, line, level, code, message))

    def add(self, passage: Passage) -> None:
        """Keep the first passage of a name, as Twine does, and warn about the later ones."""
        first = self.passages.get(passage.name)
        if first is not None:
            again = f"a second passage named '{passage.name}' (the first is on line {first.line}); the first is kept"
            self.note(passage.line, "warning", "duplicate-passage", again)
            return
        self.passages[passage.name] = passage
