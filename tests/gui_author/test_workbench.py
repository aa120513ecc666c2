"""The workbench as a whole: new scenarios from the template, the empty state, keys and names."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QWidget

from simulator.authoring.playtests import run_playtests
from simulator.gui.author.workbench import MAP, PROBLEMS, AuthorWorkbench, MemorySettings
from simulator.resources import scenarios_dir
from simulator.scenario import load_scenario


def test_new_scenario_writes_a_valid_starter_and_shows_it(workbench: AuthorWorkbench, folder: Path) -> None:
    workbench.ask_title = lambda: "Lost luggage"
    workbench.folder_panel.new_button.click()
    path = folder / "lost-luggage.yaml"
    assert path.exists()
    assert workbench.status.path == str(path)
    assert workbench.status.verdict == "ok"
    assert workbench.title.text() == "Lost luggage"
    assert all(r.passed for r in run_playtests(load_scenario(path).scenario))
    assert "Created lost-luggage.yaml" in workbench.message.text()

    again = workbench.create_scenario(str(folder), "Lost luggage")
    assert again == folder / "lost-luggage-2.yaml", "never overwrites"
    assert path.read_text(encoding="utf-8").count("Lost luggage") >= 1


def test_cancelling_the_title_writes_nothing(workbench: AuthorWorkbench, folder: Path) -> None:
    before = sorted(folder.iterdir())
    workbench.ask_title = lambda: None
    assert workbench.new_scenario() is None
    assert sorted(folder.iterdir()) == before


def test_an_empty_workbench_says_what_to_do(qtbot) -> None:
    bench = AuthorWorkbench(MemorySettings())
    qtbot.addWidget(bench)
    bench.show()
    assert bench.title.text() == "No scenario chosen"
    assert bench.folder_panel.empty.isVisible()
    assert not bench.folder_panel.new_button.isEnabled()
    assert not bench.play_button.isEnabled()
    assert bench.examples_button.isVisible()
    bench.examples_button.click()
    assert bench.folders.folders == [str(scenarios_dir().resolve())]
    assert bench.status is not None, "the first example is shown"
    assert not bench.examples_button.isVisible()


def test_adding_a_folder_through_the_dialog(qtbot, tmp_path: Path, folder: Path) -> None:
    bench = AuthorWorkbench(MemorySettings())
    qtbot.addWidget(bench)
    bench.ask_folder = lambda: str(folder)
    bench.folder_panel.add_button.click()
    assert bench.folders.folders == [str(folder.resolve())]
    bench.ask_folder = lambda: None
    assert not bench.add_folder()


def test_keyboard_shortcuts_switch_tabs_and_reload(qtbot, workbench: AuthorWorkbench, folder: Path) -> None:
    workbench.show_file(str(folder / "rained-out-park.yaml"))
    workbench.activateWindow()
    workbench.folder_panel.tree.setFocus()
    qtbot.keyClick(workbench.folder_panel.tree, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert workbench.tabs.currentIndex() == MAP
    assert workbench.map.scene is not None, "the map is drawn when its tab is first shown"
    qtbot.keyClick(workbench.folder_panel.tree, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert workbench.tabs.currentIndex() == PROBLEMS


def test_panels_not_on_screen_wait_until_shown(workbench: AuthorWorkbench, folder: Path) -> None:
    workbench.show_file(str(folder / "rained-out-park.yaml"))
    assert workbench.report.exploration is None
    workbench.tabs.setCurrentIndex(2)
    assert workbench.report.exploration is not None


def test_every_button_has_a_name_a_screen_reader_can_say(workbench: AuthorWorkbench, folder: Path) -> None:
    workbench.show_file(str(folder / "rained-out-park.yaml"))
    for index in range(4):
        workbench.tabs.setCurrentIndex(index)
    nameless = [
        b.objectName() or repr(b)
        for b in workbench.findChildren(QAbstractButton)
        if not (b.accessibleName() or b.text().replace("&", "").strip())
    ]
    assert nameless == []
    views = [w for w in workbench.findChildren(QWidget) if w.accessibleName()]
    names = {w.accessibleName() for w in views}
    assert {"Scenario map", "Problems", "Scenario files and their status", "Source of the scenario file (read-only)"} <= names
