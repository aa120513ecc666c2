"""Turn a read Twine story into a scenario (a plain dict in the file format) and the trainer's to-do list.

Every passage becomes a place with an id slugged from its name: one with links is a node whose
links are the trainee's replies, one without is an ending. The passage text is what the customer
says. Code and layout passages (``script``, ``stylesheet``, story-format specials) are skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from simulator.authoring.template import slug
from simulator.authoring.twine.markup import markup_in, numeric_sets
from simulator.authoring.twine.passage_text import Parts, split_passage
from simulator.authoring.twine.scoring import Scoring, read_tags
from simulator.authoring.twine.story import Passage, Story
from simulator.scenario.rubric import DEFAULT_RUBRIC

SKIPPED_TAGS = {
    "script": "JavaScript", "stylesheet": "a stylesheet", "widget": "SugarCube widgets",
    "header": "a Harlowe header", "footer": "a Harlowe footer", "startup": "Harlowe start-up code",
    "debug-header": "a Harlowe debug header", "debug-footer": "a Harlowe debug footer",
    "debug-startup": "Harlowe debug start-up code", "Twine.image": "an image", "Twine.audio": "audio",
}  # fmt: skip
SKIPPED_NAMES = {
    "StoryInit", "StoryCaption", "StoryMenu", "StoryBanner", "StorySubtitle", "StoryAuthor", "StoryInterface",
    "StoryShare", "StoryIncludes", "PassageReady", "PassageDone", "PassageHeader", "PassageFooter",
}  # fmt: skip
NO_TEXT = "…"
NO_DEBRIEF = "Write what the trainee should take away from this ending."


@dataclass(slots=True)
class Place:
    id: str
    passage: Passage
    parts: Parts
    scoring: Scoring
    replies: list[dict[str, Any]] = field(default_factory=list)


@dataclass(slots=True)
class Converted:
    """The scenario as data, the Twine line of each place (to point lint findings back), and the start."""

    data: dict[str, Any]
    lines: dict[str, int]
    start: str


def convert(story: Story, title: str, look: str) -> Converted | None:
    places = _places(story)
    if not places:
        story.note(1, "error", "no-passages", "the story has no passages to import")
        return None
    by_name = {p.passage.name: p for p in places}
    for place in places:
        _markup(story, place)
        place.replies = _replies(story, place, by_name)
    start = _start(story, by_name, places)
    if not start.replies:
        message = f"the start passage '{start.passage.name}' links nowhere, so the scenario would end before the first reply"
        story.note(start.passage.line, "error", "start-is-ending", message)
        return None
    _todos(story, places)
    nodes = {p.id: _node(p) for p in places if p.replies}
    endings = {p.id: _ending(p) for p in places if not p.replies}
    data: dict[str, Any] = {
        "format": 1, "id": slug(title), "title": title,
        "summary": f"Imported from the Twine story '{title}'. Replace this with one or two sentences for the library card.",
        "difficulty": "medium", "minutes": max(1, min(120, len(nodes) // 2)), "version": "0.1", "tags": ["twine"],
        "customer": {"name": "The customer", "look": look},
    }  # fmt: skip
    rubric = _added_dimensions(places)
    if rubric:
        data["rubric"] = rubric
    data |= {"start": start.id, "nodes": nodes, "endings": endings}
    return Converted(data, {p.id: p.passage.line for p in places}, start.id)


def _places(story: Story) -> list[Place]:
    places: list[Place] = []
    taken: set[str] = set()
    for passage in story.passages.values():
        skipped = next((SKIPPED_TAGS[t] for t in passage.tags if t in SKIPPED_TAGS), None)
        if skipped or passage.name in SKIPPED_NAMES:
            what = skipped or "a story-format special passage"
            story.note(
                passage.line,
                "note",
                "skipped-passage",
                f"'{passage.name}' holds {what}; not imported (a scenario is data, never code)",
            )
            continue
        base = re.sub(r"[^a-z0-9]+", "-", passage.name.lower()).strip("-") or "passage"
        place_id, number = base, 2
        while place_id in taken:
            place_id, number = f"{base}-{number}", number + 1
        taken.add(place_id)
        places.append(Place(place_id, passage, split_passage(passage.text), read_tags(passage.tags)))
    return places


def _markup(story: Story, place: Place) -> None:
    name = place.passage.name
    for offset, line in enumerate(place.passage.text.split("\n")):
        where = place.passage.body_line + offset
        for kind, written in markup_in(line):
            story.note(where, "warning", "story-format-markup", f"{kind} '{written[:60]}' in '{name}' is kept as plain text")
        for variable, number in numeric_sets(line):
            story.note(where, "note", "sets-variable",
                       f"'{name}' sets ${variable} to {number}: declare '{variable}' under variables: and add "
                       "set:/when: to the replies by hand if the scenario needs it")  # fmt: skip
    for problem in place.scoring.problems:
        story.note(place.passage.line, "warning", "bad-tag", f"'{name}': {problem}")


def _replies(story: Story, place: Place, by_name: dict[str, Place]) -> list[dict[str, Any]]:
    replies: list[dict[str, Any]] = []
    for link in place.parts.links:
        where = place.passage.body_line + link.offset
        target = by_name.get(link.target)
        if target is None:
            story.note(
                where, "warning", "broken-link", f"{link.raw} in '{place.passage.name}' leads to no passage; the reply is dropped"
            )
            continue
        if link.setter:
            story.note(where, "note", "link-setter", f"the setter [{link.setter}] of {link.raw} is not imported")
        replies.append(_reply(link.text, target))
    if place.parts.links and not replies:
        story.note(
            place.passage.line,
            "warning",
            "all-links-broken",
            f"every link in '{place.passage.name}' is broken: it becomes an ending",
        )
    return replies


def _reply(text: str, target: Place) -> dict[str, Any]:
    scoring = target.scoring
    reply: dict[str, Any] = {"text": text, "goto": target.id}
    if scoring.points:
        reply["points"] = dict(scoring.points)
    if scoring.mood:
        reply["mood"] = scoring.mood
    if scoring.labels:
        reply["tags"] = list(scoring.labels)
    if target.parts.text("feedback"):
        reply["feedback"] = target.parts.text("feedback")
    return reply


def _start(story: Story, by_name: dict[str, Place], places: list[Place]) -> Place:
    """StoryData's start (or the HTML startnode), else the passage called Start, else the first passage."""
    if story.start and story.start in by_name:
        return by_name[story.start]
    if story.start:
        story.note(story.start_line, "warning", "bad-start", f"the start passage '{story.start}' does not exist")
    if "Start" in by_name:
        return by_name["Start"]
    first = places[0]
    why = "no start passage is named (StoryData 'start', startnode, or a passage called Start)"
    story.note(first.passage.line, "warning", "no-start", f"{why}: the first passage, '{first.passage.name}', is the start")
    return first


def _node(place: Place) -> dict[str, Any]:
    node: dict[str, Any] = {}
    if place.parts.text("narration"):
        node["narration"] = place.parts.text("narration")
    if place.parts.text("speaker"):
        node["speaker"] = place.parts.text("speaker")
    node["say"] = "\n".join(place.parts.say) or NO_TEXT
    node["choices"] = place.replies
    return node


def _ending(place: Place) -> dict[str, Any]:
    ending: dict[str, Any] = {"outcome": place.scoring.outcome or "neutral", "title": place.passage.name}
    if place.parts.say:
        if place.parts.text("speaker"):
            ending["speaker"] = place.parts.text("speaker")
        ending["say"] = "\n".join(place.parts.say)
    if place.parts.text("narration"):
        ending["narration"] = place.parts.text("narration")
    ending["debrief"] = place.parts.text("debrief") or NO_DEBRIEF
    return ending


def _added_dimensions(places: list[Place]) -> dict[str, dict[str, str]]:
    names = sorted({d for p in places for d in p.scoring.points} - DEFAULT_RUBRIC.keys())
    return {
        d: {"label": d.replace("_", " ").capitalize(), "description": "Added by a Twine tag: describe what earns it."}
        for d in names
    }


def _todos(story: Story, places: list[Place]) -> None:
    """What the trainer must still add, at the Twine line where it belongs."""
    story.note(story.title_line, "todo", "customer", "write the summary for the library card and the customer's name and persona")
    linked = {r["goto"] for p in places for r in p.replies}
    for place in places:
        name, missing = place.passage.name, []
        if place.id in linked and not place.scoring.points:
            missing.append(f"points for the replies leading here (tag '{name}', e.g. listening+2)")
        if place.id in linked and not place.parts.text("feedback"):
            missing.append("feedback for those replies (a line 'Feedback: ...')")
        if place.replies and not place.parts.say:
            missing.append("what the customer says here")
        if not place.replies and not place.scoring.outcome:
            missing.append("an outcome (tag outcome-loyal, outcome-neutral or outcome-lost; neutral for now)")
        if not place.replies and not place.parts.text("debrief"):
            missing.append("a debrief (a line 'Debrief: ...')")
        if missing:
            story.note(place.passage.line, "todo", "to-add", f"'{name}' needs {'; '.join(missing)}")
