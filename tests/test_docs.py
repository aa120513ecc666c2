"""Docs stay honest: every CLI command is shown in the README (as sqlite-utils checks its own)."""

from __future__ import annotations

import argparse
from pathlib import Path

from simulator.cli import build_parser

ROOT = Path(__file__).resolve().parent.parent


def test_every_command_is_in_the_readme() -> None:
    parser = build_parser()
    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction)).choices
    readme = (ROOT / "README.md").read_text()
    missing = [name for name in commands if f"simulator {name}" not in readme]
    assert missing == []


def test_readme_gives_the_two_commands_first_and_ci_runs_the_test_one() -> None:
    readme = (ROOT / "README.md").read_text()
    first_screen = readme[: readme.index("## For trainers")]
    assert "bash scripts/run.sh" in first_screen and "bash scripts/test.sh" in first_screen
    assert "bash scripts/test.sh" in (ROOT / ".ci" / "run").read_text()
