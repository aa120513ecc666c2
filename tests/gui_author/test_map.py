"""The map: a generated 200-node scenario draws fast, with unreachable places and dead ends marked."""

from __future__ import annotations

import itertools
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from simulator.gui.author import layout as layout_module
from simulator.gui.author.analysis import map_facts
from simulator.gui.author.layout import Layers, layered
from simulator.gui.author.map import MapPanel, MapScene
from simulator.gui.author.map_items import EdgeItem, NodeItem
from simulator.scenario import load_scenario


@pytest.fixture
def big(generated: Path):
    loaded = load_scenario(generated)
    assert loaded.scenario is not None
    return loaded.scenario


def test_a_200_node_map_builds_in_well_under_a_second(qtbot, big) -> None:
    panel = MapPanel()
    qtbot.addWidget(panel)
    started = time.process_time()  # CPU time of this process: other work on the machine doesn't count
    panel.show_scenario(big, playable=False)
    image = panel.view.grab()
    elapsed = time.process_time() - started
    assert elapsed < 1.0, f"the map took {elapsed:.2f} s of CPU"
    assert not image.isNull()
    assert len(panel.scene.nodes) == 200 + 4 + 3
    assert sum(isinstance(i, EdgeItem) for i in panel.scene.items()) == len(panel.scene.facts.edges)


def test_unreachable_places_and_dead_ends_are_marked(qtbot, big) -> None:
    scene = MapScene(big)
    nodes = scene.nodes
    assert nodes["island-a"].unreachable and nodes["island-b"].unreachable
    assert nodes["trap-a"].dead_end and nodes["trap-b"].dead_end
    assert not nodes["n0"].unreachable and not nodes["n0"].dead_end
    assert nodes["n0"].kind == "start"
    assert {nodes[e].kind for e in ("happy", "meh", "walkout")} == {"loyal", "neutral", "lost"}
    assert "unreachable" in nodes["island-a"].subtitle and "dead end" in nodes["trap-a"].subtitle
    assert "Dead end" in nodes["trap-a"].toolTip()
    panel = MapPanel()
    qtbot.addWidget(panel)
    panel.show_scenario(big)
    assert "2 dead ends" in panel.summary.text()
    assert f"{len(scene.facts.unreachable)} unreachable" in panel.summary.text()


def test_boxes_never_overlap(big) -> None:
    scene = MapScene(big)
    boxes = [n.sceneBoundingRect() for n in scene.nodes.values()]
    assert not [(a, b) for a, b in itertools.combinations(boxes, 2) if a.intersects(b)]


def test_the_park_map_places_the_start_first_and_flags_nothing(qtbot) -> None:
    scenario = load_scenario(Path(__file__).parents[2] / "scenarios" / "rained-out-park.yaml").scenario
    scene = MapScene(scenario)
    start = scene.nodes[scenario.start]
    assert all(n.pos().x() >= start.pos().x() for n in scene.nodes.values())
    assert not scene.facts.unreachable and not scene.facts.dead_ends


def test_mood_rule_arrows_are_optional(qtbot, big) -> None:
    panel = MapPanel()
    qtbot.addWidget(panel)
    panel.show_scenario(big)
    mood = [e for e in panel.scene.edges if e.kind == "mood"]
    assert mood and not any(e.isVisible() for e in mood)
    panel.mood_box.setChecked(True)
    assert all(e.isVisible() for e in mood)


def test_keyboard_moves_between_places_and_enter_previews(qtbot, big) -> None:
    panel = MapPanel()
    qtbot.addWidget(panel)
    panel.show_scenario(big)
    panel.view.setFocus()
    qtbot.keyClick(panel.view, Qt.Key.Key_Right)
    assert panel.view.selected_node().place == "n0"
    qtbot.keyClick(panel.view, Qt.Key.Key_Right)
    moved = panel.view.selected_node()
    assert moved.place != "n0" and moved.pos().x() > panel.scene.nodes["n0"].pos().x()
    with qtbot.waitSignal(panel.preview_requested) as signal:
        qtbot.keyClick(panel.view, Qt.Key.Key_Return)
    assert signal.args == [moved.place]


def test_graphviz_missing_falls_back_with_a_clear_message(qtbot, big, monkeypatch) -> None:
    monkeypatch.setattr(layout_module, "dot_program", lambda: None)
    panel = MapPanel()
    qtbot.addWidget(panel)
    panel.show_scenario(big)
    panel.layout_box.setCurrentIndex(1)
    assert panel.notice.isVisibleTo(panel)
    assert "Graphviz isn't installed" in panel.notice.text()
    assert panel.layout_box.currentData() == "builtin"
    assert len(panel.scene.nodes) == 207


def test_a_broken_dot_program_falls_back_too(qtbot, big, tmp_path: Path) -> None:
    panel = MapPanel(dot=str(tmp_path / "no-such-dot"))
    qtbot.addWidget(panel)
    panel.show_scenario(big)
    panel.layout_box.setCurrentIndex(1)
    assert "Graphviz could not lay out" in panel.notice.text()


@pytest.mark.skipif(layout_module.dot_program() is None, reason="Graphviz is not installed")
def test_graphviz_layout_when_installed(qtbot, big) -> None:
    panel = MapPanel()
    qtbot.addWidget(panel)
    panel.show_scenario(big)
    builtin = {p: n.pos() for p, n in panel.scene.nodes.items()}
    panel.layout_box.setCurrentIndex(1)
    assert not panel.notice.isVisibleTo(panel)
    assert {p: n.pos() for p, n in panel.scene.nodes.items()} != builtin


def test_an_unreadable_file_says_why_there_is_no_map(qtbot) -> None:
    panel = MapPanel()
    qtbot.addWidget(panel)
    panel.show_scenario(None)
    assert "fix the errors" in panel.notice.text()
    assert not panel.preview_button.isEnabled()


def test_layered_layout_columns_loops_and_bends() -> None:
    places = ["a", "b", "c", "d", "x"]
    edges = [("a", "b"), ("b", "c"), ("c", "a"), ("a", "d"), ("c", "d"), ("x", "d")]
    result = layered(places, edges, ["a"], below=["x"])
    column = {p: i for i, col in enumerate(result.columns) for p in col}
    assert column["a"] < column["b"] < column["c"] < column["d"], "the loop back c -> a does not reorder the chain"
    assert column["x"] == column["d"] - 1, "an unreachable place sits next to what it leads to"
    assert len(result.bends[("a", "d")]) == column["d"] - column["a"] - 1
    assert all(Layers.is_bend(b) for b in result.bends[("a", "d")])
    assert ("c", "a") in result.bends, "the long way back gets bends too"


def test_node_items_show_ids_as_plain_text(qtbot, tmp_path: Path) -> None:
    source = (Path(__file__).parents[2] / "scenarios" / "rained-out-park.yaml").read_text(encoding="utf-8")
    path = tmp_path / "markup.yaml"
    path.write_text(source.replace("We drove three", "<b>We</b> drove three", 1), encoding="utf-8")
    scenario = load_scenario(path).scenario
    facts = map_facts(scenario)
    scene = MapScene(scenario, facts)
    start: NodeItem = scene.nodes[scenario.start]
    assert "&lt;b&gt;We&lt;/b&gt; drove three" in start.toolTip(), "escaped, so Qt shows the tags as typed"
    assert start.subtitle.startswith("start · <b>We</b> drove"), "painted with drawText, which never parses markup"


def test_places_real_play_never_reaches_are_marked_like_the_lint_says() -> None:
    scenario = load_scenario(Path(__file__).parents[2] / "tests" / "fixtures" / "bad" / "hidden.yaml").scenario
    scene = MapScene(scenario)
    assert scene.nodes["never"].unreachable, "only a mood above 90 leads there, and nothing raises it"
    assert "conditions or the mood never lead here" in scene.nodes["never"].toolTip()
    assert scene.nodes["b"].dead_end, "after 'Ask' every reply at b is hidden"
    assert "every reply hidden" in scene.nodes["b"].toolTip()


def test_the_legend_wraps_instead_of_widening_the_window(qtbot) -> None:
    panel = MapPanel()
    qtbot.addWidget(panel)
    legend = next(w for w in panel.findChildren(QWidget) if w.accessibleName() == "Map legend")
    flow = legend.layout()
    assert flow.heightForWidth(300) > flow.heightForWidth(2000)
    assert legend.minimumSizeHint().width() < 300


def test_a_second_characters_line_is_named_on_the_map(qtbot, tmp_path: Path) -> None:
    source = (Path(__file__).parents[2] / "scenarios" / "rained-out-park.yaml").read_text(encoding="utf-8")
    path = tmp_path / "speaker.yaml"
    path.write_text(source.replace("speaker: Rosa", "speaker: <i>Rosa</i>", 1), encoding="utf-8")
    scenario = load_scenario(path).scenario
    scene = MapScene(scenario, map_facts(scenario))  # kept: the items live as long as their scene
    wish: NodeItem = scene.nodes["grandma-wish"]
    assert "&lt;i&gt;Rosa&lt;/i&gt;: “The photo..." in wish.toolTip(), "named, and escaped: Qt shows the tags as typed"
    assert "<i>Rosa</i>: The photo..." in wish.subtitle, "painted with drawText, which never parses markup"
