"""docs/twine.md stays true: its example story imports to exactly the report and file it shows."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from simulator.cli import main

DOC = Path(__file__).resolve().parents[2] / "docs" / "twine.md"


def blocks(text: str) -> list[tuple[str, str]]:
    return re.findall(r"^```(\w*)\n(.*?)^```", text, re.S | re.M)


def without_look(yaml_text: str) -> str:
    """The customer's look depends on the looks other scenarios use: everything else must match."""
    return re.sub(r"^  look: .*\n", "", yaml_text, flags=re.M)


def test_the_example_story_imports_as_shown(tmp_path: Path, monkeypatch, capsys: pytest.CaptureFixture[str]) -> None:
    found = blocks(DOC.read_text(encoding="utf-8"))
    twee = next(body for kind, body in found if kind == "twee")
    scenario = next(body for kind, body in found if kind == "yaml")
    report = next(body for kind, body in found if kind == "" and body.startswith("rained-out.twee:"))
    monkeypatch.chdir(tmp_path)
    Path("rained-out.twee").write_text(twee, encoding="utf-8")
    assert main(["import", "rained-out.twee", "--out", "rained-out.yaml"]) == 0
    out, err = capsys.readouterr()
    assert out + err == report
    assert without_look(Path("rained-out.yaml").read_text(encoding="utf-8")) == without_look(scenario)
