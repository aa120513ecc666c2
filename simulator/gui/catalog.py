"""What the library shows about each scenario file, read fast enough for start-up.

A card needs only the title, summary, difficulty, minutes and customer, which come first in a
scenario file. So this reads libyaml's event stream and stops as soon as it has them, without
building the nodes at all: a few milliseconds for all the bundled files, where constructing
every document took tens. The full, checked load happens when the trainee presses Start.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from simulator.resources import scenarios_dir

WANTED = ("id", "title", "summary", "difficulty", "minutes", "customer.name", "customer.look")
BIG_SECTIONS = ("nodes", "endings", "tests")
RANK = {"easy": 0, "medium": 1, "hard": 2}
MAX_BYTES = 16 * 1024 * 1024  # the loader's own limit (simulator/scenario/yamlpos.py)


class Entry(NamedTuple):
    """One scenario file as a library card sees it; ``problem`` is set when it can't be read.

    A ``NamedTuple``, not a dataclass: it is built on every start, where a dataclass costs ~0.7 ms.
    """

    path: Path
    id: str
    title: str
    summary: str = ""
    difficulty: str = ""
    minutes: float = 0
    customer: str = ""
    look: str = "maria"
    problem: str = ""


def scenario_files(extra: list[str | Path] | None = None) -> list[Path]:
    """The bundled scenario files, plus any given on the command line (first, deduplicated)."""
    folder = scenarios_dir()
    bundled = sorted(p for p in folder.glob("*.y*ml") if p.suffix in (".yaml", ".yml")) if folder.is_dir() else []
    seen: set[Path] = set()
    files = []
    for path in [Path(p) for p in extra or []] + bundled:
        key = path.resolve()
        if key not in seen:
            seen.add(key)
            files.append(path)
    return files


def read_entry(path: Path) -> Entry:
    """The card data of one file; never raises (a broken file becomes a card that says so)."""
    fallback = path.stem.replace("-", " ").replace("_", " ").capitalize()
    try:
        raw = path.read_bytes()
        if len(raw) > MAX_BYTES:
            return Entry(path, path.stem, fallback, problem="This file is larger than 16 MB.")
        data = read_header(raw)
    except (OSError, ValueError) as exc:
        return Entry(path, path.stem, fallback, problem=f"This file can't be read ({type(exc).__name__}).")
    if data is None:
        return Entry(path, path.stem, fallback, problem="This file is not a scenario.")
    return Entry(
        path,
        data.get("id") or path.stem,
        data.get("title") or fallback,
        " ".join(data.get("summary", "").split()),
        data.get("difficulty", ""),
        _number(data.get("minutes")),
        data.get("customer.name", ""),
        data.get("customer.look") or "maria",
    )


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


def _step(event: object, path: list[str], expecting_key: list[bool], found: dict[str, str], yaml: object) -> bool:
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
    """Every field found, or the big sections reached with all required ones (``look`` is optional)."""
    if len(found) == len(WANTED):
        return True
    return len(path) == 1 and path[0] in BIG_SECTIONS and all(k in found for k in WANTED[:-1])


def load_catalog(extra: list[str | Path] | None = None) -> list[Entry]:
    """Files named on the command line first, then the bundled ones from easy to hard."""
    named = {Path(p).resolve() for p in extra or []}
    from simulator.gui.catalog_cache import cached_entries

    entries = cached_entries(scenario_files(extra), read_entry)
    return sorted(entries, key=lambda e: (e.path.resolve() not in named, RANK.get(e.difficulty, 3), e.title.lower()))


def _number(value: str | None) -> float:
    try:
        return float(value) if value else 0.0
    except ValueError:
        return 0.0
