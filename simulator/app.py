"""Start the desktop app; the GUI package is imported only here so the CLI stays Qt-free."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import argparse


def run_app(args: argparse.Namespace) -> int:
    from simulator.gui.main import run

    return run(args)
