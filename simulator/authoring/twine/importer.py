"""Import one Twine file: read it, convert it, check the result with the scenario lint, write it.

Nothing is written unless the scenario passes the lint without errors, and an existing file is
never replaced (the output is created exclusively). Lint findings on the written scenario are
reported at the line of the passage they came from, so the trainer fixes the Twine draft or the
new file knowing where.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from simulator.authoring.template import fresh_look, slug
from simulator.authoring.twine.convert import Converted, convert
from simulator.authoring.twine.scenario_yaml import PlaceLines, to_yaml
from simulator.authoring.twine.story import Note, Story
from simulator.authoring.twine.twee import read_twee
from simulator.authoring.twine.twine_html import read_html
from simulator.scenario import load_bytes

MAX_BYTES = 16 * 1024 * 1024
TWEE_SUFFIXES, HTML_SUFFIXES = (".twee", ".tw"), (".html", ".htm")
COVERED_BY_TODOS = {"missing-feedback"}


class ImportRefused(Exception):
    """The request itself can't be done (no such file, the output exists): nothing was read or written."""


@dataclass(slots=True)
class ImportResult:
    source: Path
    out: Path
    notes: list[Note] = field(default_factory=list)
    written: bool = False
    nodes: int = 0
    endings: int = 0

    def count(self, level: str) -> int:
        return sum(n.level == level for n in self.notes)

    def summary(self) -> str:
        if not self.written:
            return f"{self.source}: nothing written: {self.count('error')} error(s) above"
        return (f"wrote {self.out}: {self.nodes} nodes and {self.endings} endings; "
                f"{self.count('warning')} warning(s), {self.count('todo')} passage(s) with something to add")  # fmt: skip


def import_twine(source: Path, out: Path, *, story_name: str | None = None) -> ImportResult:
    """Import ``source`` (Twee 3 or Twine 2 HTML) into the new scenario file ``out``."""
    _check_request(source, out)
    result = ImportResult(source, out)
    story = _read(source, story_name)
    result.notes = story.notes
    if not any(n.level == "error" for n in story.notes):
        _convert(result, story)
    if not result.written:
        result.notes = [n for n in result.notes if n.level != "todo"]  # nothing was written to finish
    result.notes.sort(key=lambda n: n.line)
    return result


def _convert(result: ImportResult, story: Story) -> None:
    converted = convert(story, story.title or result.source.stem, fresh_look(result.out.parent))
    if converted is None:
        return
    text = to_yaml(converted.data, result.source.name, result.out.name)
    if _lint(story, converted, text, result.out):
        _write(result, text, story)
        result.nodes, result.endings = len(converted.data["nodes"]), len(converted.data["endings"])


def unused_name(folder: Path, source: Path) -> Path:
    """A new ``.yaml`` path in ``folder`` named after ``source``: ``story.yaml``, ``story-2.yaml``..."""
    base = slug(source.stem)
    path, number = folder / f"{base}.yaml", 2
    while path.exists():
        path, number = folder / f"{base}-{number}.yaml", number + 1
    return path


def _check_request(source: Path, out: Path) -> None:
    if not source.is_file():
        raise ImportRefused(f"{source}: no such file")
    if out.suffix not in (".yaml", ".yml"):
        raise ImportRefused(f"{out}: the scenario file must end in .yaml or .yml")
    if out.exists():
        raise ImportRefused(f"{out} already exists; choose another name (an import never overwrites)")
    if not out.parent.is_dir():
        raise ImportRefused(f"{out.parent}: no such folder")


def _read(source: Path, story_name: str | None) -> Story:
    story = Story(str(source))
    try:
        raw = source.read_bytes()
    except OSError as exc:
        story.note(1, "error", "unreadable", f"cannot read the file: {exc.strerror or exc}")
        return story
    text = _decode(story, raw)
    if text is None:
        return story
    suffix = source.suffix.lower()
    is_html = suffix in HTML_SUFFIXES or (suffix not in TWEE_SUFFIXES and "<tw-storydata" in text)
    if story_name is not None and not is_html:
        story.note(1, "error", "no-such-story", "--story picks a story in a Twine 2 library file; a Twee file holds one story")
        return story
    if is_html:
        return read_html(text, str(source), story_name)
    return read_twee(text, str(source))


def _decode(story: Story, raw: bytes) -> str | None:
    if len(raw) > MAX_BYTES:
        story.note(1, "error", "file-too-large", f"file is {len(raw):,} bytes; the limit is {MAX_BYTES:,}")
    elif b"\0" in raw[:8192]:
        story.note(1, "error", "binary-file", "this is a binary file, not a Twee or Twine HTML story")
    else:
        try:
            return raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = raw[: exc.start].count(b"\n") + 1
            story.note(line, "error", "not-utf8", f"byte {exc.start} is not UTF-8; save the file as UTF-8")
    return None


def _lint(story: Story, converted: Converted, text: str, out: Path) -> bool:
    """Check the scenario as the simulator will read it; report findings at their passage's Twine line."""
    loaded = load_bytes(text.encode("utf-8"), str(out))
    places = PlaceLines(text)
    for problem in loaded.problems:
        if problem.code in COVERED_BY_TODOS:
            continue
        place = places.place_at(problem.line)
        line = converted.lines.get(place, story.title_line) if place else story.title_line
        story.note(line, problem.severity, problem.code, f"{problem.message} (in the scenario written from it)")
    return loaded.ok


def _write(result: ImportResult, text: str, story: Story) -> None:
    try:
        with result.out.open("x", encoding="utf-8") as handle:
            handle.write(text)
    except FileExistsError as exc:
        raise ImportRefused(f"{result.out} already exists; choose another name (an import never overwrites)") from exc
    except OSError as exc:
        story.note(1, "error", "cannot-write", f"cannot write {result.out}: {exc.strerror or exc}")
        return
    result.written = True
