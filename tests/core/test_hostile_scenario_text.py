"""Scenario files can't smuggle terminal escapes or bidi overrides, nor hang the loader on a FIFO (issue 21)."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from simulator.cli import main
from simulator.scenario import load_scenario

GOOD = Path(__file__).resolve().parents[2] / "scenarios" / "rained-out-park.yaml"


@pytest.mark.parametrize(
    ("snippet", "code_point"),
    [('"\\e[2J\\e[31mAll good"', "U+001B"), ('"Ring\\a"', "U+0007"), ("Pay \u202eevil\u202c now", "U+202E"),
     ("Tab\u2066isolate\u2069", "U+2066")],
    ids=["ansi", "bell", "bidi-override", "bidi-isolate"],
)
def test_hidden_characters_are_an_error_naming_file_and_line(tmp_path: Path, snippet: str, code_point: str, capsys) -> None:
    text = GOOD.read_text(encoding="utf-8")
    start = text.index("\ntitle:") + 1
    end = text.index("\n", start)
    path = tmp_path / "sneaky.yaml"
    path.write_text(text[:start] + f"title: {snippet}" + text[end:], encoding="utf-8")
    line = text[:start].count("\n") + 1
    loaded = load_scenario(path)
    assert loaded.scenario is None
    (problem,) = [p for p in loaded.problems if p.code == "control-character"]
    assert problem.line == line and code_point in problem.message
    assert main(["validate", str(path)]) == 1
    out = capsys.readouterr().out
    assert f"{path}:{line}:" in out and "\x1b" not in out and "\u202e" not in out and "\x07" not in out


def test_a_fifo_is_refused_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    started = time.monotonic()
    loaded = load_scenario(fifo)
    assert time.monotonic() - started < 2 and loaded.scenario is None
    assert [p.code for p in loaded.problems] == ["not-a-file"]
