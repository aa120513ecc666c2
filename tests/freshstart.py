"""Start-up checked in a new Python process: imports and first-time costs only show in a fresh one."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def start_code(db: Path) -> str:
    """Code that starts the app as ``simulator --db DB`` does, up to its first screen."""
    return (
        "import argparse\n"
        "from simulator.gui.main import build\n"
        f"app, store, window = build(argparse.Namespace(db={str(db)!r}, scenario=None))\n"
    )


def fresh_start(code: str) -> str:
    """What ``code`` prints in a new offscreen Python process, which must exit cleanly."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", code + "import os; os._exit(0)\n"],
        capture_output=True, text=True, env=env, cwd=ROOT, timeout=60, check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout.strip()
