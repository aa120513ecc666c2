"""Spot story-format markup that a scenario shows as plain text, so the trainer can rewrite it.

Scenario text is shown exactly as typed (it is data, never code), so Harlowe macros, SugarCube
``<<macros>>``, Chapbook inserts and modifiers, Snowman templates and HTML tags would reach the
trainee verbatim. Each is warned about once per line; numeric ``set``s are pointed out because
the scenario format has variables of its own.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

_HARLOWE = (  # the common macros; any other "(name: ...)" counts only with a $variable or a [hook], so "(note: ...)" is prose
    "set", "put", "move", "if", "else-?if", "else", "unless", "link(?:-[a-z]+)*", "click(?:-[a-z]+)*", "goto", "go-to",
    "display", "print", "either", "random", "replace", "append", "prepend", "live", "event", "for", "loop", "a",
    "array", "dm", "datamap", "ds", "dataset", "cond", "history", "visited", "undo", "alert", "prompt", "confirm",
    "text-style", "text-colou?r", "colou?r", "font", "align", "transition", "t8n", "css", "verbatim", "v6m",
    "show", "hide", "rerun", "stop", "cycling-link", "seq-link", "input-box", "dropdown", "checkbox", "meter",
    "restart", "enchant", "storylet", "macro", "output", "dialog", "after", "hook",
)  # fmt: skip
KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("SugarCube macro", re.compile(r"<<.*?>>")),
    (
        "Harlowe macro",
        re.compile(rf"\((?:{'|'.join(_HARLOWE)}):[^)]*\)?|\([a-z][\w-]*:\s*[$_][^)]*\)|\([a-z][\w-]*:[^)]*\)\[", re.I),
    ),
    ("Snowman template", re.compile(r"<%.*?%>")),
    ("Chapbook modifier", re.compile(r"^\s*\[(?:if|unless|else|after|append|continue|cont'd|note|align)\b[^\]]*\]\s*$", re.I)),
    ("Chapbook insert", re.compile(r"\{[A-Za-z][^{}]*\}")),
    ("Chapbook vars section", re.compile(r"^--\s*$")),
    ("HTML tag", re.compile(r"</?[A-Za-z][\w-]*(?:\s[^<>]*)?/?>")),
    ("story variable", re.compile(r"(?<![\w$])\$[A-Za-z_]\w*")),
)
_SETS = (
    re.compile(r"\(set:\s*\$(\w+)\s+to\s+(-?\d+)\s*\)"),  # Harlowe
    re.compile(r"<<set\s+\$(\w+)\s*(?:to|=)\s*(-?\d+)\s*>>"),  # SugarCube
    re.compile(r"<%\s*s\.(\w+)\s*=\s*(-?\d+)\s*;?\s*%>"),  # Snowman
)


def markup_in(line: str) -> Iterator[tuple[str, str]]:
    """(kind, the markup as written) for each kind of story-format markup on ``line``; the first of each kind."""
    taken = line
    for kind, pattern in KINDS:
        found = pattern.search(taken)
        if found:
            yield kind, found.group(0).strip()
            taken = pattern.sub(" ", taken)  # a SugarCube <<set $x>> is not also reported as HTML or a variable


def numeric_sets(line: str) -> Iterator[tuple[str, int]]:
    """(variable, number) for each ``set`` of a whole number on ``line``."""
    for pattern in _SETS:
        for found in pattern.finditer(line):
            yield found.group(1), int(found.group(2))
