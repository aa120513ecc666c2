"""Small scenario builders for engine and explorer tests."""

from __future__ import annotations

from pathlib import Path

from simulator.scenario import Scenario, load_scenario

FIXTURES = Path(__file__).parent.parent / "fixtures"


def fixture(name: str) -> Scenario:
    loaded = load_scenario(FIXTURES / "good" / f"{name}.yaml")
    assert loaded.ok, [str(p) for p in loaded.problems]
    assert loaded.scenario is not None
    return loaded.scenario


def write_scenario(tmp: Path, nodes: str, endings: str, extra: str = "", name: str = "s.yaml") -> Path:
    """A minimal valid header around the given nodes/endings YAML blocks."""
    path = tmp / name
    path.write_text(
        "format: 1\nid: t\ntitle: T\nsummary: S.\ndifficulty: easy\nminutes: 1\n"
        "customer: {name: Cy, mood: 50}\nstart: a\n" + extra + "nodes:\n" + nodes + "endings:\n" + endings
    )
    return path
