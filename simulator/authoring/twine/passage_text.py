"""Split a passage's text into what the scenario needs: links, the customer's words, and marked lines.

Links follow Twine 2's rules: ``[[Target]]``, ``[[Text|Target]]``, ``[[Text->Target]]`` (the
rightmost ``->``) and ``[[Target<-Text]]`` (the leftmost ``<-``); a SugarCube setter
(``[[Text|Target][$x to 1]]``) is cut off. A line holding only links (and list bullets) is the
list of replies; a link inside a sentence stays in the sentence as its text. Lines starting with
``Narration:``, ``Feedback:``, ``Debrief:`` or ``Speaker:`` go to those fields instead of ``say``
(a passage where a companion, not the customer, speaks names them the way a script would).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

LINK = re.compile(r"\[\[(.*?)\]\]")
_BULLETS = re.compile(r"^[\s\-*•>+]*(\d+[.)])?\s*$")
MARKERS = ("narration", "feedback", "debrief", "speaker")
_MARKER = re.compile(rf"^\s*({'|'.join(MARKERS)})\s*:\s*(.*)$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Link:
    text: str
    target: str
    offset: int  # line within the passage text, from 0
    raw: str
    setter: str


@dataclass(slots=True)
class Parts:
    links: list[Link] = field(default_factory=list)
    say: list[str] = field(default_factory=list)
    marked: dict[str, list[str]] = field(default_factory=dict)

    def text(self, key: str) -> str:
        return " ".join(self.marked.get(key, []))


def parse_link(inner: str) -> tuple[str, str, str]:
    """Display text, target and SugarCube setter of the inside of ``[[...]]``."""
    inner, _, setter = inner.partition("][")
    if "|" in inner:
        text, _, target = inner.partition("|")
    elif "->" in inner:
        text, _, target = inner.rpartition("->")
    elif "<-" in inner:
        target, _, text = inner.partition("<-")
    else:
        text = target = inner
    return text.strip(), target.strip(), setter.strip()


def split_passage(text: str) -> Parts:
    parts = Parts()
    for offset, line in enumerate(text.split("\n")):
        found = [(m.group(0), *parse_link(m.group(1))) for m in LINK.finditer(line)]
        parts.links += [Link(text or target, target, offset, raw, setter) for raw, text, target, setter in found]
        if found and _BULLETS.match(LINK.sub("", line)):
            continue
        words = LINK.sub(lambda m: parse_link(m.group(1))[0] or parse_link(m.group(1))[1], line)
        marker = _MARKER.match(words)
        if marker:
            parts.marked.setdefault(marker.group(1).lower(), []).append(marker.group(2).strip())
        else:
            parts.say.append(words)
    while parts.say and not parts.say[-1].strip():
        parts.say.pop()
    while parts.say and not parts.say[0].strip():
        parts.say.pop(0)
    return parts
