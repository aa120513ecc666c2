"""Scenario tests in the workbench: declared playthroughs pass and fail as they should; random walks."""

from __future__ import annotations

from pathlib import Path

from simulator.gui.author.workbench import PROBLEMS, TESTS, AuthorWorkbench
from simulator.scenario import load_scenario


def results(bench: AuthorWorkbench) -> list[tuple[str, str, str]]:
    tree = bench.tests.tests
    return [
        (tree.topLevelItem(i).text(0), tree.topLevelItem(i).text(1), tree.topLevelItem(i).text(2))
        for i in range(tree.topLevelItemCount())
    ]


def test_the_bundled_playthroughs_pass(workbench: AuthorWorkbench, folder: Path) -> None:
    path = folder / "rained-out-park.yaml"
    declared = load_scenario(path).scenario.tests
    workbench.show_file(str(path))
    workbench.tabs.setCurrentIndex(TESTS)
    rows = results(workbench)
    assert [(name, line) for name, line, _ in rows] == [(t.name, str(t.line)) for t in declared]
    assert len(rows) >= 2
    assert all(detail.startswith("passed: reached") for _, _, detail in rows)
    assert workbench.tests.tests_summary.text() == f"All {len(rows)} pass."
    assert workbench.tabs.tabText(TESTS) == "Tests"


def test_a_wrong_expectation_fails_with_its_line(qtbot, workbench: AuthorWorkbench, folder: Path) -> None:
    path = folder / "rained-out-park.yaml"
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    target = next(i for i, line in enumerate(lines) if line.strip() == "ending: walks-out")
    lines[target] = lines[target].replace("walks-out", "family-day-saved")
    test_line = max(i for i in range(target) if lines[i].lstrip().startswith("- name:")) + 1
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    qtbot.waitUntil(lambda: str(path) in workbench.folders.files, timeout=5000)
    workbench.folders.reload(str(path))
    workbench.show_file(str(path))
    workbench.tabs.setCurrentIndex(TESTS)
    failing = [row for row in results(workbench) if not row[2].startswith("passed")]
    assert len(failing) == 1
    name, line, detail = failing[0]
    assert line == str(test_line)
    assert detail == "reached ending 'walks-out', expected 'family-day-saved'"
    assert workbench.tests.tests_summary.text() == f"1 of {len(results(workbench))} failed."
    assert workbench.tabs.tabText(TESTS) == "Tests (1 failing)"

    item = workbench.tests.tests.topLevelItem([r[0] for r in results(workbench)].index(name))
    workbench.tests.tests.itemDoubleClicked.emit(item, 0)
    assert workbench.tabs.currentIndex() == PROBLEMS
    assert workbench.problems.source.textCursor().blockNumber() + 1 == test_line


def test_random_walks_fill_both_charts_and_repeat_with_the_seed(workbench: AuthorWorkbench, folder: Path) -> None:
    workbench.show_file(str(folder / "canoes-no-life-jackets.yaml"))
    workbench.tabs.setCurrentIndex(TESTS)
    panel = workbench.tests
    finished = sum(panel.report.endings.values())
    assert panel.report.walks == 200 and finished == 200
    assert sum(panel.histogram.bins) == finished
    assert sum(n for _, _, n in panel.endings_chart.rows) == finished
    assert panel.histogram.pass_mark == 60
    assert "no crashes, no endless loops" in panel.walk_summary.text()
    assert "Walks per ending." in panel.endings_chart.accessibleDescription()
    first = list(panel.histogram.bins)
    panel.walks.setValue(50)
    panel.seed.setValue(7)
    panel.run_button.click()
    assert sum(panel.histogram.bins) == 50
    panel.walks.setValue(200)
    panel.seed.setValue(0)
    panel.run_button.click()
    assert panel.histogram.bins == first, "the same seed plays the same walks"


def test_walks_report_endless_loops(qtbot, workbench: AuthorWorkbench, generated: Path) -> None:
    workbench.tests.walks.setValue(30)
    workbench.tests.show_scenario(load_scenario(generated).scenario)
    panel = workbench.tests
    assert any(p.kind == "too-long" for p in panel.report.problems)
    assert panel.walk_problems.isVisibleTo(panel)
    assert "too-long" in panel.walk_problems.text()


def test_a_file_with_errors_runs_no_tests(workbench: AuthorWorkbench, folder: Path) -> None:
    workbench.show_file(str(folder / "dead_end.yaml"))
    workbench.tabs.setCurrentIndex(TESTS)
    assert results(workbench) == []
    assert "no errors" in workbench.tests.tests_summary.text()
    assert not workbench.tests.run_button.isEnabled()
