"""What the library shows about each scenario file, read fast enough for start-up.

A card needs only the title, summary, difficulty, minutes and customer, so this reads the YAML
with libyaml's safe loader and skips the full loader (positions, lint), which costs tens of
milliseconds per file. The full, checked load happens when the trainee presses Start.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from simulator.resources import scenarios_dir

RANK = {"easy": 0, "medium": 1, "hard": 2}
MAX_BYTES = 16 * 1024 * 1024  # the loader's own limit (simulator/scenario/yamlpos.py)


@dataclass(frozen=True)
class Entry:
    """One scenario file as a library card sees it; ``problem`` is set when it can't be read."""

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
        data = _parse(raw)
    except (OSError, ValueError) as exc:
        return Entry(path, path.stem, fallback, problem=f"This file can't be read ({type(exc).__name__}).")
    if not isinstance(data, dict):
        return Entry(path, path.stem, fallback, problem="This file is not a scenario.")
    customer = data.get("customer") if isinstance(data.get("customer"), dict) else {}
    return Entry(
        path,
        _text(data.get("id")) or path.stem,
        _text(data.get("title")) or fallback,
        " ".join(_text(data.get("summary")).split()),
        _text(data.get("difficulty")),
        _number(data.get("minutes")),
        _text(customer.get("name")),
        _text(customer.get("look")) or "maria",
    )


def load_catalog(extra: list[str | Path] | None = None) -> list[Entry]:
    """Files named on the command line first, then the bundled ones from easy to hard."""
    named = {Path(p).resolve() for p in extra or []}
    entries = [read_entry(path) for path in scenario_files(extra)]
    return sorted(entries, key=lambda e: (e.path.resolve() not in named, RANK.get(e.difficulty, 3), e.title.lower()))


def _parse(raw: bytes) -> Any:
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        return yaml.load(raw, Loader=loader)  # noqa: S506 - a safe loader: no tags, no objects
    except yaml.YAMLError as exc:
        raise ValueError("not valid YAML") from exc


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _number(value: Any) -> float:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else 0.0
