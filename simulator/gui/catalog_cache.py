"""Library cards remembered between runs, so start-up needn't import a YAML parser at all.

A card is reused only while its file has the same size and modification time; anything else is
read again. The cache is a small JSON file in the user's cache folder (``$SIMULATOR_CACHE``
overrides it); losing it, or failing to write it, only costs the next start a few milliseconds.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol, TypeVar

VERSION = 2  # 2: cards know their channel


class Card(Protocol):
    """A NamedTuple with a ``path`` field: the rest is what the cache keeps."""

    def _asdict(self) -> dict[str, Any]: ...


C = TypeVar("C", bound=Card)


def cache_path() -> Path:
    env = os.environ.get("SIMULATOR_CACHE")
    if env:
        return Path(env).expanduser() / "catalog.json"
    from simulator.userdirs import user_dir

    return user_dir("cache") / "catalog.json"


def _load(path: Path) -> dict[str, Any]:
    with contextlib.suppress(OSError, ValueError):
        data = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(data, dict) and data.get("version") == VERSION and isinstance(data.get("cards"), dict):
            return data["cards"]
    return {}


def _save(path: Path, cards: dict[str, Any]) -> None:
    import tempfile  # only when the cache changes: start-up reads it without tempfile (and random)

    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(dir=path.parent, prefix=".catalog-", suffix=".json")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump({"version": VERSION, "cards": cards}, handle)
        os.replace(temp, path)


def cached_entries(
    files: list[Path], read: Callable[[Path], C], make: Callable[..., C], checked: Callable[[Path], bool] | None = None
) -> list[C]:
    """``read(path)`` for each file, unless the cache holds a card for the same file state
    (then ``make(path=path, **card)``).

    Files for which ``checked(path)`` is true are fully validated by ``read``: their cards are kept
    under a key of their own, so a card read without that check is never taken for a checked one.
    """
    where = cache_path()
    cards = _load(where)
    fresh: dict[str, Any] = {}
    entries = []
    for path in files:
        key = ("checked:" if checked is not None and checked(path) else "") + str(path.resolve())
        try:
            info = path.stat()
            state = [info.st_size, info.st_mtime_ns]
        except OSError:
            entries.append(read(path))
            continue
        card = cards.get(key)
        if isinstance(card, dict) and card.get("state") == state and isinstance(card.get("entry"), dict):
            with contextlib.suppress(TypeError):
                entries.append(make(path=path, **card["entry"]))
                fresh[key] = card
                continue
        entry = read(path)
        entries.append(entry)
        fresh[key] = {"state": state, "entry": {k: v for k, v in entry._asdict().items() if k != "path"}}
    if fresh != cards:
        _save(where, fresh)
    return entries
