"""The fields a library card needs, read from the top of a scenario file without loading it.

A card needs only the title, summary, difficulty, minutes, channel and customer, which come first in a
scenario file. So this reads libyaml's event stream and stops as soon as it has them, without
building the nodes at all: a few milliseconds for all the bundled files, where constructing
every document took tens. Used by the library (``gui.catalog``) and by ``simulator new``.
"""

from __future__ import annotations

from typing import Any

REQUIRED = ("id", "title", "summary", "difficulty", "minutes", "customer.name")
WANTED = (*REQUIRED, "customer.look", "channel")  # the last two may be left out (default maria, in-person)
BIG_SECTIONS = ("nodes", "endings", "tests")


def read_header(raw: bytes) -> dict[str, str] | None:
    """The card fields as text (``customer.name`` for nested ones), or None if not a mapping.

    Walks parser events and stops once every wanted field is found, so the (large) ``nodes``
    section is usually never read. Safe by construction: events build no objects.
    """
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    found: dict[str, str] = {}
    path: list[str] = []  # mapping keys from the top down to the current value
    expecting_key: list[bool] = []  # per open mapping: is the next scalar a key?
    try:
        for event in yaml.parse(raw, Loader=loader):
            if isinstance(event, yaml.DocumentEndEvent) or _done(found, path):
                break
            if not _step(event, path, expecting_key, found, yaml):
                return None
    except yaml.YAMLError as exc:
        raise ValueError("not valid YAML") from exc
    return found


def _step(event: Any, path: list[str], expecting_key: list[bool], found: dict[str, str], yaml: Any) -> bool:
    """Advance the walk by one event; False when the document is not a mapping."""
    if not expecting_key and isinstance(event, yaml.CollectionStartEvent) and not isinstance(event, yaml.MappingStartEvent):
        return False  # a top-level list or scalar: not a scenario
    if isinstance(event, yaml.ScalarEvent) and not expecting_key:
        return False
    if isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent):
        expecting_key.append(isinstance(event, yaml.MappingStartEvent))
        return True
    if isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
        expecting_key.pop()
        _value_done(path, expecting_key)
        return True
    if isinstance(event, yaml.ScalarEvent | yaml.AliasEvent):
        if expecting_key[-1] is True and isinstance(event, yaml.ScalarEvent):
            path.append(event.value)
            expecting_key[-1] = False
            return True
        key = ".".join(path)
        if key in WANTED and isinstance(event, yaml.ScalarEvent):
            found[key] = event.value.strip()
        _value_done(path, expecting_key)
    return True


def _value_done(path: list[str], expecting_key: list[bool]) -> None:
    """A mapping value ended: the next scalar in that mapping is a key again."""
    if expecting_key and expecting_key[-1] is False and len(path) >= len(expecting_key):
        path.pop()
        expecting_key[-1] = True


def _done(found: dict[str, str], path: list[str]) -> bool:
    """Every field found, or the big sections reached with all required ones."""
    if len(found) == len(WANTED):
        return True
    return len(path) == 1 and path[0] in BIG_SECTIONS and all(k in found for k in REQUIRED)
