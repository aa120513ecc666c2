"""What the library shows about each scenario file, read fast enough for start-up.

A card needs only the title, summary, difficulty, minutes and customer, which come first in a
scenario file: ``scenario.header`` reads just those from libyaml's event stream. The full,
checked load happens when the trainee presses Start.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from simulator.resources import scenarios_dir
from simulator.scenario.header import read_header

if TYPE_CHECKING:
    from collections.abc import Sequence

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
    channel: str = "in-person"


def scenario_files(extra: Sequence[str | Path] | None = None) -> list[Path]:
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
        channel=data.get("channel") or "in-person",
    )


def load_catalog(extra: Sequence[str | Path] | None = None) -> list[Entry]:
    """Files named on the command line first, then the bundled ones from easy to hard."""
    named = {Path(p).resolve() for p in extra or []}
    from simulator.gui.catalog_cache import cached_entries

    entries = cached_entries(scenario_files(extra), read_entry, Entry)
    return sorted(entries, key=lambda e: (e.path.resolve() not in named, RANK.get(e.difficulty, 3), e.title.lower()))


def _number(value: str | None) -> float:
    try:
        return float(value) if value else 0.0
    except ValueError:
        return 0.0
