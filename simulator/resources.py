"""Where bundled files live, from a source checkout and from a PyInstaller build alike."""

from __future__ import annotations

import sys
from pathlib import Path


def app_root() -> Path:
    """The folder holding ``assets/`` and ``scenarios/`` (``sys._MEIPASS`` when frozen)."""
    frozen = getattr(sys, "_MEIPASS", None)
    return Path(frozen) if frozen else Path(__file__).resolve().parent.parent


def assets_dir() -> Path:
    return app_root() / "assets"


def scenarios_dir() -> Path:
    return app_root() / "scenarios"


def face_path(look: str, expression: str) -> Path:
    """The SVG for one customer look and expression (may not exist: callers check)."""
    return assets_dir() / "faces" / look / f"{expression}.svg"
