"""Fixtures for the author workbench: offscreen Qt, folders of scenario files in tmp_path, and a
workbench with dict-backed settings, a recording editor opener and a FakeClock for previews.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

if not os.environ.get("SIMULATOR_ONSCREEN"):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

sys.path.insert(0, str(Path(__file__).parent))

ROOT = Path(__file__).resolve().parents[2]
BUNDLED = ROOT / "scenarios"
BAD = ROOT / "tests" / "fixtures" / "bad"


class RecordingOpener:
    """Stands in for the system editor: remembers what it was asked to open."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, int, int]] = []

    def __call__(self, path: str, line: int, col: int) -> str:
        self.calls.append((path, line, col))
        return f"Opened {Path(path).name} at line {line}."


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A folder with two bundled scenarios and a broken file."""
    where = tmp_path / "scenarios"
    where.mkdir()
    for name in ("rained-out-park.yaml", "canoes-no-life-jackets.yaml"):
        shutil.copy(BUNDLED / name, where / name)
    shutil.copy(BAD / "dead_end.yaml", where / "dead_end.yaml")
    return where


@pytest.fixture
def opener() -> RecordingOpener:
    return RecordingOpener()


@pytest.fixture
def settings(folder: Path) -> object:
    from simulator.gui.author.workbench import MemorySettings

    return MemorySettings({"author_folders": [str(folder)]})


@pytest.fixture
def workbench(qtbot: object, settings: object, opener: RecordingOpener) -> Iterator[object]:
    from simulator.engine import FakeClock
    from simulator.gui.author.workbench import AuthorWorkbench

    bench = AuthorWorkbench(settings, opener=opener, clock=FakeClock())  # type: ignore[arg-type]
    qtbot.addWidget(bench)  # type: ignore[attr-defined]
    bench.resize(1280, 800)
    bench.show()
    yield bench
    if bench.preview is not None:
        bench.preview.close()


@pytest.fixture
def generated(tmp_path: Path) -> Path:
    """A generated 200-node scenario with an island no path reaches and a loop with no way out."""
    from generated import generate

    path = tmp_path / "generated.yaml"
    path.write_text(generate(200), encoding="utf-8")
    return path
