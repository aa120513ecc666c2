"""`simulator test` and `simulator new`: playthroughs, random walks, the starter template."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from simulator.authoring.walks import random_walks
from simulator.cli import main
from simulator.scenario import load_scenario

FIXTURES = Path(__file__).parent.parent / "fixtures" / "good"


def scenario_with_tests(tmp_path: Path, tests: str) -> Path:
    text = (FIXTURES / "small.yaml").read_text() + "tests:\n" + tests
    path = tmp_path / "with_tests.yaml"
    path.write_text(text)
    return path


def test_declared_playthroughs_pass_and_fail_with_file_and_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = scenario_with_tests(
        tmp_path,
        "  - name: best\n    choose: [1, 2, 1]\n    ending: happy\n    score: {min: 90}\n"
        "  - name: wrong ending\n    choose: [1, 3]\n    ending: happy\n"
        "  - name: too few\n    choose: [1]\n"
        "  - name: bad number\n    choose: [9]\n",
    )
    assert main(["test", str(path)]) == 1
    out = capsys.readouterr().out.splitlines()
    lines = path.read_text().splitlines()
    assert out[0] == f"{path}:{lines.index('  - name: best') + 1}: ok: best"
    assert out[1].endswith("FAIL: wrong ending: reached ending 'meh', expected 'happy'")
    assert "no ending reached" in out[2]
    assert "choose a number from 1 to 2, not 9" in out[3]


def test_passing_file_exits_0(tmp_path: Path) -> None:
    path = scenario_with_tests(tmp_path, "  - name: trap\n    choose: [2]\n    ending: gone\n    score: {max: 10}\n")
    assert main(["test", str(path)]) == 0


def test_random_walks_are_reproducible_and_find_endless_loops() -> None:
    scenario = load_scenario(FIXTURES / "cyclic.yaml").scenario
    assert scenario is not None
    one = random_walks(scenario, 50, seed=3, max_steps=3)
    two = random_walks(scenario, 50, seed=3, max_steps=3)
    assert one.endings == two.endings and one.scores == two.scores
    assert any(p.kind == "too-long" for p in one.problems)
    assert sum(one.endings.values()) + len(one.problems) == 50
    relaxed = random_walks(scenario, 50, seed=3, max_steps=500)
    assert relaxed.problems == [] and sum(relaxed.histogram()) == 50


def test_random_walks_find_stuck_nodes(tmp_path: Path) -> None:
    text = (FIXTURES / "small.yaml").read_text()
    text = text.replace(
        "      - text: Here is a Plan B.\n", "      - text: Here is a Plan B.\n        when: asked and not asked\n"
    )
    text = text.replace("      - text: Sorry.\n", "      - text: Sorry.\n        when: asked and not asked\n")
    text = text.replace("        when: not asked\n", "        when: not asked and mood > 100\n")
    path = tmp_path / "stuck.yaml"
    path.write_text(text)
    scenario = load_scenario(path).scenario
    assert scenario is not None
    report = random_walks(scenario, 20, seed=1)
    assert {p.kind for p in report.problems} == {"stuck"}


def test_random_cli_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["test", str(FIXTURES / "small.yaml"), "--random", "40", "--seed", "5", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    walks = data["files"][0]["walks"]
    assert walks["walks"] == 40 and sum(walks["endings"].values()) == 40


def test_new_writes_a_valid_scenario_whose_tests_pass(tmp_path: Path) -> None:
    out = tmp_path / "lost-luggage.yaml"
    assert main(["new", "Lost luggage", "--out", str(out)]) == 0
    loaded = load_scenario(out)
    assert loaded.problems == [] and loaded.scenario is not None and loaded.scenario.id == "lost-luggage"
    assert main(["test", str(out), "--random", "50"]) == 0
    assert main(["new", "Lost luggage", "--out", str(out)]) == 2  # never overwrites


def test_new_gives_each_customer_a_face_nobody_else_here_has_yet(tmp_path: Path) -> None:
    from collections import Counter

    from simulator.resources import assets_dir, scenarios_dir

    used = Counter({face.name: 0 for face in (assets_dir() / "faces").iterdir() if face.is_dir()})  # unused ones too
    used.update(load_scenario(p).scenario.customer.look for p in scenarios_dir().glob("*.yaml"))
    looks = []
    for title in ("Lost luggage", "Cold soup", "Wrong size"):
        out = tmp_path / f"{title}.yaml"
        assert main(["new", title, "--out", str(out)]) == 0
        look = load_scenario(out).scenario.customer.look
        assert used[look] == min(used.values())  # one of the least used, counting the files just written
        used[look] += 1
        looks.append(look)
    assert len(set(looks)) == 3  # three new customers, three faces
