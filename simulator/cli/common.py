"""What every command module shares: exit codes, ``UsageError``, paths, JSON out, the store opener."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from simulator.cli.terminal import json_safe

if TYPE_CHECKING:
    import argparse

    from simulator.store import Store

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
Handler = Callable[["argparse.Namespace"], int]  # a string: the app starts without argparse
DB_HELP = "results database (default: your user data folder, or $SIMULATOR_DB)"


class UsageError(Exception):
    """Bad arguments: reported on stderr with exit code 2."""


def expand_paths(paths: Sequence[str]) -> list[Path]:
    """Files as given, folders as their *.yaml / *.yml files (recursively, sorted)."""
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())
        elif path.exists():
            found.append(path)
        else:
            raise UsageError(f"{raw}: no such file or folder")
    return found


def print_json(data: object) -> None:
    sys.stdout.write(json_safe(json.dumps(data, indent=2, ensure_ascii=False, default=str)) + "\n")


def finish(parser: argparse.ArgumentParser, handler: Handler, *, text_or_json: bool = False, db: bool = False) -> None:
    """Add the options many commands share, last in their help as everywhere, and set the handler."""
    import argparse

    if text_or_json:
        parser.add_argument("--format", choices=("text", "json"), default="text")
    if db:
        parser.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS, help=DB_HELP)
    parser.set_defaults(handler=handler)


def with_store(command: Callable[[Store, argparse.Namespace], int], *problems: type[Exception]) -> Handler:
    """Open the database, run the command, close it; a ``StoreError`` (or one of ``problems``)
    becomes its one-line message and exit 1."""

    def handler(args: argparse.Namespace) -> int:
        from simulator.store import StoreError, open_store

        caught: tuple[type[Exception], ...] = (StoreError, *problems)
        try:
            with open_store(getattr(args, "db", None)) as store:
                return command(store, args)
        except caught as exc:
            print(f"simulator: error: {exc}", file=sys.stderr)
            return EXIT_PROBLEMS

    return handler
