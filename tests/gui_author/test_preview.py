"""Preview from a node: clicking a place on the map plays the scenario from there."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from simulator.gui.author.workbench import MAP, AuthorWorkbench


def open_map(bench: AuthorWorkbench, path: Path) -> None:
    bench.show_file(str(path))
    bench.tabs.setCurrentIndex(MAP)


def click_node(qtbot, bench: AuthorWorkbench, place: str) -> None:
    view = bench.map.view
    item = bench.map.scene.nodes[place]
    view.centerOn(item)
    point = view.mapFromScene(item.sceneBoundingRect().center())
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)


def test_clicking_a_node_previews_from_that_node(qtbot, workbench: AuthorWorkbench, folder: Path) -> None:
    open_map(workbench, folder / "canoes-no-life-jackets.yaml")
    click_node(qtbot, workbench, "dock-listen")
    preview = workbench.preview
    assert preview is not None and preview.isVisible()
    session = preview.session
    assert session.start == "dock-listen" and session.state == "dock-listen"
    assert not session.decisions
    say = session.scenario.nodes["dock-listen"].say.strip()
    assert any(say in text for text in preview.play.label_texts())
    assert "dock-listen" in preview.windowTitle()
    assert workbench.map.view.selected_node().place == "dock-listen"
    assert workbench.map.finder.currentData() == "dock-listen"


def test_a_second_click_restarts_the_same_preview_window(qtbot, workbench: AuthorWorkbench, folder: Path) -> None:
    open_map(workbench, folder / "canoes-no-life-jackets.yaml")
    click_node(qtbot, workbench, "dock-listen")
    first = workbench.preview
    workbench.map.view.select("heads-up")
    workbench.map.preview_button.click()
    assert workbench.preview is first
    assert first.session.start == "heads-up"


def test_a_preview_plays_to_the_debrief_and_again_from_the_same_node(qtbot, workbench: AuthorWorkbench, folder: Path) -> None:
    open_map(workbench, folder / "canoes-no-life-jackets.yaml")
    workbench.preview_from("dock-listen")
    preview = workbench.preview
    while not preview.session.finished:
        preview.play.choose(1)
    preview.play.end_button.click()
    assert preview.stack.currentWidget() is preview.debrief
    assert preview.debrief.card.ending_id in preview.scenario.endings
    preview.debrief.again_button.click()
    assert preview.stack.currentWidget() is preview.play
    assert preview.session.state == "dock-listen" and not preview.session.decisions


def test_endings_and_broken_files_are_not_previewed(qtbot, workbench: AuthorWorkbench, folder: Path) -> None:
    open_map(workbench, folder / "canoes-no-life-jackets.yaml")
    click_node(qtbot, workbench, "leaves-early")
    assert workbench.preview is None
    assert "is an ending" in workbench.map.notice.text()

    open_map(workbench, folder / "dead_end.yaml")
    click_node(qtbot, workbench, "a")
    assert workbench.preview is None
    assert "Fix the errors" in workbench.map.notice.text()


def test_the_header_preview_starts_at_the_start(qtbot, workbench: AuthorWorkbench, folder: Path) -> None:
    workbench.show_file(str(folder / "rained-out-park.yaml"))
    workbench.play_button.click()
    assert workbench.preview.session.start == "at-the-window"
