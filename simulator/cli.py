"""The ``simulator`` command: the app (no arguments) and the trainer's tools.

Every subcommand is a thin layer over the Qt-free core. Bad input gives a one-line message and
a non-zero exit, never a traceback: 1 for problems found in the input, 2 for bad usage.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from simulator import __version__

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
Handler = Callable[[argparse.Namespace], int]
_EXTRA_COMMANDS = ("simulator.store.commands", "simulator.reports.commands", "simulator.authoring.commands")


class UsageError(Exception):
    """Bad arguments: reported on stderr with exit code 2."""


def _app_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--version", action="version", version=f"simulator {__version__}")
    parser.add_argument("--db", metavar="PATH", help="results database (default: your user data folder, or $SIMULATOR_DB)")
    parser.add_argument("--self-test", action="store_true", help="start offscreen, play a bundled scenario, exit 0 if fine")
    parser.add_argument("--scenario", metavar="FILE", help="open the app on this scenario file")


def opens_app(argv: Sequence[str]) -> bool:
    """True when no subcommand is named: the app starts without importing every command."""
    takes_value = {"--db", "--scenario"}
    skip = False
    for arg in argv:
        if skip:
            skip = False
        elif arg in takes_value:
            skip = True
        elif arg in ("-h", "--help") or not arg.startswith("-"):
            return False
    return True


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="simulator",
        description="Service Recovery Simulator: practise turning a customer's OOPS into WOW. With no command, opens the app.",
        epilog="Scenario file format: docs/scenario-format.md. Run 'simulator COMMAND --help' for details.",
    )
    _app_options(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    from simulator import cli_scenario

    cli_scenario.register(sub)
    for module_name in _EXTRA_COMMANDS:
        try:
            module = __import__(module_name, fromlist=["register"])
        except ModuleNotFoundError as exc:
            if exc.name and module_name.startswith(exc.name):
                continue
            raise
        module.register(sub)
    return parser


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
    json.dump(data, sys.stdout, indent=2, ensure_ascii=False, default=str)
    sys.stdout.write("\n")


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if opens_app(argv):
        parser = argparse.ArgumentParser(prog="simulator")
        _app_options(parser)
    else:
        parser = build_parser()
    args = parser.parse_args(argv)
    handler: Handler | None = getattr(args, "handler", None)
    try:
        if handler is None:
            from simulator.app import run_app

            return run_app(args)
        return handler(args)
    except UsageError as exc:
        print(f"simulator: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("simulator: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # the last line of defence: a message, never a traceback
        from simulator.errors import describe

        print(f"simulator: error: {describe(exc)}", file=sys.stderr)
        return EXIT_PROBLEMS
