"""The ``simulator`` command: the app (no arguments) and the tools, one module per group of commands.

Every subcommand is a thin layer over the Qt-free core; only this package knows argparse and
exit codes. Bad input gives a one-line message and a non-zero exit, never a traceback: 1 for
problems found in the input, 2 for bad usage. May import every package but ``gui`` (the app is
started through ``simulator.app``, lazily).
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Sequence
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

from simulator import __version__
from simulator.cli.common import DB_HELP, EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, Handler, UsageError
from simulator.cli.terminal import cleaned_output

if TYPE_CHECKING:
    import argparse

_COMMANDS = ("scenario", "store", "sync", "reports", "authoring")  # modules of this package, each with register(sub)
_APP_VALUED = ("--db", "--scenario")  # the app's options that take a value (see _app_options)


def _app_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--version", action="version", version=f"simulator {__version__}")
    parser.add_argument("--db", metavar="PATH", help=DB_HELP)
    parser.add_argument("--self-test", action="store_true", help="start offscreen, play a bundled scenario, exit 0 if fine")
    parser.add_argument("--scenario", metavar="FILE", help="open the app on this scenario file")


def opens_app(argv: Sequence[str]) -> bool:
    """True when no subcommand is named: the app starts without importing every command."""
    skip = False
    for arg in argv:
        if skip:
            skip = False
        elif arg in _APP_VALUED:
            skip = True
        elif arg in ("-h", "--help") or not arg.startswith("-"):
            return False
    return True


def app_args(argv: Sequence[str]) -> SimpleNamespace | None:
    """The app's options read without argparse, or None for anything else (help, version, errors).

    Building an ``ArgumentParser`` imports ``gettext``, ``locale`` and ``shutil`` and looks for
    translations on disk: ~5 ms of a ~150 ms start. Only the plain forms are read here; argparse
    handles every other command line, so messages and ``--help`` stay its own.
    """
    values: dict[str, Any] = {"db": None, "self_test": False, "scenario": None}
    args = iter(argv)
    for arg in args:
        if arg == "--self-test":
            values["self_test"] = True
        elif arg in _APP_VALUED:
            value = next(args, None)
            if value is None or value.startswith("-"):
                return None
            values[arg[2:]] = value
        else:
            return None
    return SimpleNamespace(**values)


def build_parser() -> argparse.ArgumentParser:
    import argparse

    parser = argparse.ArgumentParser(
        prog="simulator",
        description="Service Recovery Simulator: practise turning a customer's OOPS into WOW. With no command, opens the app.",
        epilog="Scenario file format: docs/scenario-format.md. Run 'simulator COMMAND --help' for details.",
    )
    _app_options(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in _COMMANDS:  # imported only when a command is named: the app starts without them
        importlib.import_module(f"{__name__}.{name}").register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; whatever it prints goes through ``terminal.printable``."""
    with cleaned_output():
        return _run(list(sys.argv[1:] if argv is None else argv))


def _run(argv: list[str]) -> int:
    args: Any = app_args(argv)
    if args is None:
        import argparse

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
