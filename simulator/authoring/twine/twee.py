"""Read Twee 3 source (specification 3.0.2): passage headers, escapes, StoryTitle and StoryData.

A header is ``:: Name [tags] {metadata}`` at the start of a line. ``[``, ``]``, ``{``, ``}`` and
``\\`` in names and tags are escaped with a backslash, and any escaped character decodes to
itself. Metadata that is not valid JSON is warned about and dropped, as the specification asks
of compilers; the passage itself is still read.
"""

from __future__ import annotations

import json
import re

from simulator.authoring.twine.story import Passage, Story

_ESCAPED = re.compile(r"\\(.)")


def unescape(text: str) -> str:
    return _ESCAPED.sub(r"\1", text)


def _scan(text: str, start: int, stops: str) -> int:
    """Index of the first unescaped character of ``stops`` at or after ``start`` (``len(text)`` if none)."""
    i = start
    while i < len(text):
        if text[i] == "\\":
            i += 2
            continue
        if text[i] in stops:
            return i
        i += 1
    return len(text)


def read_twee(text: str, path: str) -> Story:
    story = Story(path)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").removeprefix("\ufeff").split("\n")
    headers = [i for i, line in enumerate(lines) if line.startswith("::")]
    if not headers:
        story.note(1, "error", "no-passages", "no passage header ':: Name' found: is this a Twee file?")
        return story
    if any(line.strip() for line in lines[: headers[0]]):
        story.note(
            1, "note", "text-before-first-passage", "text before the first ':: ' header is not part of any passage; skipped"
        )
    for n, first in enumerate(headers):
        end = headers[n + 1] if n + 1 < len(headers) else len(lines)
        body = lines[first + 1 : end]
        while body and not body[-1].strip():  # the specification: trailing blank lines are not content
            body.pop()
        _passage(story, lines[first], first + 1, "\n".join(body))
    return story


def _passage(story: Story, header: str, line: int, body: str) -> None:
    parsed = _header(story, header, line)
    if parsed is None:
        return
    name, tags = parsed
    if name == "StoryTitle":
        story.title, story.title_line = body.strip().split("\n")[0].strip(), line
    elif name == "StoryData":
        _story_data(story, body, line)
    else:
        story.add(Passage(name, tags, body, line, line + 1))


def _header(story: Story, header: str, line: int) -> tuple[str, list[str]] | None:
    """Name and tags of a header line; the metadata block is only checked (positions mean nothing here)."""
    rest = header[2:]
    cut = _scan(rest, 0, "[{")
    name = unescape(rest[:cut]).strip()
    tags: list[str] = []
    if cut < len(rest) and rest[cut] == "[":
        close = _scan(rest, cut + 1, "]")
        if close == len(rest):
            story.note(
                line, "warning", "unclosed-tags", f"the tag block of '{name}' has no closing ']'; read to the end of the line"
            )
        tags = [unescape(tag) for tag in rest[cut + 1 : close].split()]
        cut = close + 1
    rest = rest[cut:].strip()
    if rest.startswith("{"):
        _metadata(story, rest, line, name)
    elif rest:
        story.note(
            line,
            "warning",
            "header-junk",
            f"'{rest}' after the name and tags of '{name}' is not part of a Twee 3 header; ignored",
        )
    if not name:
        story.note(line, "warning", "no-name", "a passage header with no name; the passage is skipped")
        return None
    return name, tags


def _metadata(story: Story, block: str, line: int, name: str) -> None:
    try:
        value = json.loads(block)
    except json.JSONDecodeError as exc:
        story.note(line, "warning", "bad-metadata", f"the metadata of '{name}' is not valid JSON ({exc.msg}); discarded")
        return
    if not isinstance(value, dict):
        story.note(line, "warning", "bad-metadata", f"the metadata of '{name}' is not a JSON object; discarded")


def _story_data(story: Story, body: str, line: int) -> None:
    try:
        data = json.loads(body)
    except json.JSONDecodeError as exc:
        story.note(line + exc.lineno, "warning", "bad-storydata", f"StoryData is not valid JSON ({exc.msg}); discarded")
        return
    if not isinstance(data, dict):
        story.note(line, "warning", "bad-storydata", "StoryData is not a JSON object; discarded")
        return
    start, story_format = data.get("start"), data.get("format")
    if isinstance(start, str) and start:
        story.start, story.start_line = start, line
    if isinstance(story_format, str):
        story.story_format = story_format
