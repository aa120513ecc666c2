"""What the library shows about each scenario file, read fast enough for start-up.

A card needs only the title, summary, difficulty, minutes and customer, which come first in a
scenario file: ``scenario.header`` reads just those from libyaml's event stream. The full,
checked load happens when the trainee presses Start.

Besides the bundled files (checked by the test suite) the library shows the folders a trainer
published from the workbench (``store.library.LIBRARY_KEY`` in the store's settings). Those files are fully
validated first, once per file state (the card cache remembers the verdict): a file with errors
becomes a plain "not available" card, never a parser message in front of a trainee.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from simulator.resources import scenarios_dir
from simulator.scenario.header import read_header

if TYPE_CHECKING:
    from collections.abc import Sequence

RANK = {"easy": 0, "medium": 1, "hard": 2}
NOT_AVAILABLE = "Not available right now: please tell your trainer."
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


def _yaml_in(folder: Path) -> list[Path]:
    try:
        return sorted(p for p in folder.glob("*.y*ml") if p.suffix in (".yaml", ".yml")) if folder.is_dir() else []
    except OSError:  # a published folder on a network share that is gone: no cards from it
        return []


def scenario_files(extra: Sequence[str | Path] | None = None, published: list[str] | None = None) -> list[Path]:
    """Files given on the command line, then the published folders' files, then the bundled ones (deduplicated)."""
    bundled = _yaml_in(scenarios_dir())
    shared = [p for folder in published or [] for p in _yaml_in(Path(folder))]
    seen: set[Path] = set()
    files = []
    for path in [Path(p) for p in extra or []] + shared + bundled:
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
            return Entry(path, path.stem, fallback, problem=NOT_AVAILABLE)
        data = read_header(raw)
    except (OSError, ValueError):
        return Entry(path, path.stem, fallback, problem=NOT_AVAILABLE)
    if data is None:
        return Entry(path, path.stem, fallback, problem=NOT_AVAILABLE)
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


def read_checked(path: Path) -> Entry:
    """``read_entry`` for a published file, after a full validation: errors make it "not available"."""
    entry = read_entry(path)
    if entry.problem:
        return entry
    from simulator.scenario import load_scenario

    loaded = load_scenario(path)
    if loaded.scenario is None or any(p.severity == "error" for p in loaded.problems):
        return entry._replace(summary="", problem=NOT_AVAILABLE)
    return entry


def load_catalog(extra: Sequence[str | Path] | None = None, published: list[str] | None = None) -> list[Entry]:
    """Files named on the command line first, then published and bundled ones from easy to hard."""
    named = {Path(p).resolve() for p in extra or []}
    bundled = scenarios_dir().resolve()
    from simulator.gui.catalog_cache import cached_entries

    def read(path: Path) -> Entry:
        return read_entry(path) if path.resolve().parent == bundled else read_checked(path)

    entries = cached_entries(scenario_files(extra, published), read, Entry, checked=lambda p: p.resolve().parent != bundled)
    return sorted(entries, key=lambda e: (e.path.resolve() not in named, RANK.get(e.difficulty, 3), e.title.lower()))


def _number(value: str | None) -> float:
    try:
        return float(value) if value else 0.0
    except ValueError:
        return 0.0
