"""The explorer report: endings and how to reach them, score ranges, what no path can score."""

from __future__ import annotations

from pathlib import Path

import yaml
from PySide6.QtGui import QGuiApplication

from simulator.authoring.playtests import run_playtests
from simulator.engine import FakeClock, Session
from simulator.gui.author.analysis import routes
from simulator.gui.author.report import ReportPanel
from simulator.gui.author.workbench import REPORT, AuthorWorkbench
from simulator.scenario import explore, load_scenario

ROOT = Path(__file__).resolve().parents[2]


def test_every_route_reaches_its_ending_when_played() -> None:
    for path in sorted((ROOT / "scenarios").glob("*.yaml")):
        scenario = load_scenario(path).scenario
        found = routes(scenario)
        assert set(found) == set(explore(scenario).reachable_endings), path.name
        for ending, route in found.items():
            assert route.played
            session = Session(scenario, clock=FakeClock())
            for number in route.numbers:
                session.timeout() if number == 0 else session.choose(number)
            assert session.state == ending, (path.name, ending, route.numbers)
            session.close()


def test_the_report_lists_endings_routes_and_ranges(workbench: AuthorWorkbench, folder: Path) -> None:
    path = folder / "rained-out-park.yaml"
    scenario = load_scenario(path).scenario
    expected = explore(scenario)
    workbench.show_file(str(path))
    workbench.tabs.setCurrentIndex(REPORT)
    report = workbench.report
    endings = len(expected.reachable_endings)
    assert report.summary.text() == (
        f"{endings} endings reachable · {expected.paths:,} paths · shortest: {expected.shortest_path} replies"
    )
    top = {
        report.endings.topLevelItem(i).text(0): report.endings.topLevelItem(i) for i in range(report.endings.topLevelItemCount())
    }
    assert list(top) == list(scenario.endings), "endings in file order"
    found = routes(scenario)
    for ending_id, item in top.items():
        route = found[ending_id]
        assert item.text(1) == scenario.endings[ending_id].outcome
        assert item.text(3) == ", ".join(str(n) for n in route.numbers)
        assert item.childCount() == len(route.steps)
        first = route.steps[0]
        assert item.child(0).text(0).startswith(f"1. {scenario.start}: reply {first.number} “")
    rows = {report.dimensions.topLevelItem(i).text(0): report.dimensions.topLevelItem(i) for i in range(4)}
    for dim in expected.dimensions.values():
        row = rows[dim.label]
        assert (row.text(1), row.text(2), row.text(3)) == (str(dim.min), str(dim.max), dim.best_ending)
    assert "Every place is reachable" in report.notes.text()


def test_copy_as_test_round_trips_through_simulator_test(qtbot, workbench: AuthorWorkbench, folder: Path) -> None:
    path = folder / "canoes-no-life-jackets.yaml"
    workbench.show_file(str(path))
    workbench.tabs.setCurrentIndex(REPORT)
    report = workbench.report
    report.endings.setCurrentItem(report.endings.topLevelItem(0))
    text = report.copy_test()
    assert QGuiApplication.clipboard().text() == text
    entry = yaml.safe_load(text)[0]
    assert entry["ending"] == report.endings.topLevelItem(0).text(0)
    source = path.read_text(encoding="utf-8")
    assert "\ntests:\n" in source
    path.write_text(source.replace("\ntests:\n", "\ntests:\n" + text, 1), encoding="utf-8")
    loaded = load_scenario(path)
    assert loaded.ok
    pasted = [r for r in run_playtests(loaded.scenario) if r.name == entry["name"]]
    assert pasted and pasted[0].passed, pasted


def test_dimensions_no_path_can_score_are_called_out(qtbot, tmp_path: Path) -> None:
    source = (ROOT / "scenarios" / "rained-out-park.yaml").read_text(encoding="utf-8")
    path = tmp_path / "extra.yaml"
    extra = "rubric:\n  patience:\n    label: Patience\n    description: Waits out the storm.\n"
    path.write_text(source.replace("\nstart:", "\n" + extra + "start:", 1), encoding="utf-8")
    loaded = load_scenario(path)
    assert loaded.scenario is not None and "patience" in loaded.scenario.rubric
    panel = ReportPanel()
    qtbot.addWidget(panel)
    panel.show_scenario(loaded.scenario)
    rows = {panel.dimensions.topLevelItem(i).text(0): panel.dimensions.topLevelItem(i).text(4) for i in range(5)}
    assert rows["Patience"] == "no path can score this"
    assert "No path can score: Patience." in panel.notes.text()


def test_unreachable_endings_say_so(qtbot) -> None:
    scenario = load_scenario(ROOT / "tests" / "fixtures" / "bad" / "unreachable.yaml").scenario
    panel = ReportPanel()
    qtbot.addWidget(panel)
    panel.show_scenario(scenario)
    rows = {panel.endings.topLevelItem(i).text(0): panel.endings.topLevelItem(i).text(3) for i in range(2)}
    assert rows["other"] == "not reachable"
    assert "Unreachable: island, other." in panel.notes.text()


def test_when_the_search_budget_runs_out_graph_routes_fill_in(qtbot, generated: Path, monkeypatch) -> None:
    from simulator.gui.author import analysis

    scenario = load_scenario(generated).scenario
    found = routes(scenario, budget=50)
    assert set(found) == {"happy", "meh", "walkout"}
    assert not all(r.played for r in found.values())
    assert all(r.as_test() is None for r in found.values() if not r.played), "unchecked routes are never offered as tests"
    monkeypatch.setattr(analysis, "ROUTE_BUDGET", 50)
    monkeypatch.setattr(analysis.routes, "__defaults__", (50,))
    panel = ReportPanel()
    qtbot.addWidget(panel)
    panel.show_scenario(scenario)
    assert "graph only" in panel.route_note.text()
    assert any("(graph only)" in panel.endings.topLevelItem(i).text(3) for i in range(3))
