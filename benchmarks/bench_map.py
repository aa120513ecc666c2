"""Map speed: draw a generated 200-node scenario, against a bare QGraphicsScene of plain rects.

Run on demand (``python benchmarks/bench_map.py``), never in the test suite. The map's time is
what a trainer waits for: analysis (graph facts, simulated play), layout, items, and the first
paint of an 1180x720 view. The baseline builds and paints a scene holding the same number of
plain ``QGraphicsRectItem``s in the same run, so the ratio travels between machines.
Target (issue 6): under one second for 200 nodes.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "gui_author"))

from generated import generate  # noqa: E402 - the tests' generator, after the path is set
from PySide6.QtCore import QRectF  # noqa: E402
from PySide6.QtWidgets import QApplication, QGraphicsRectItem, QGraphicsScene, QGraphicsView  # noqa: E402

from simulator.gui.author.analysis import map_facts  # noqa: E402
from simulator.gui.author.map import MapPanel, MapScene  # noqa: E402
from simulator.scenario import load_scenario  # noqa: E402

SIZE = (1180, 720)
REPEAT = 7


def timed(fn, repeat: int = REPEAT) -> list[float]:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return times


def bare(count: int) -> None:
    scene = QGraphicsScene()
    for i in range(count):
        scene.addItem(QGraphicsRectItem(QRectF((i // 10) * 220, (i % 10) * 60, 160, 40)))
    view = QGraphicsView(scene)
    view.resize(*SIZE)
    view.grab()


def main() -> None:
    app = QApplication.instance() or QApplication([])
    from simulator.gui import style

    style.apply(app)
    path = Path(tempfile.mkdtemp()) / "generated.yaml"
    path.write_text(generate(200), encoding="utf-8")
    scenario = load_scenario(path).scenario
    assert scenario is not None
    facts = map_facts(scenario)
    places, arrows = len(facts.places), len(facts.edges)
    print(f"scenario: {len(scenario.nodes)} nodes, {places} places, {arrows} arrows (some unreachable, a trapped loop)")

    panel = MapPanel()
    panel.resize(*SIZE)

    def draw() -> None:
        panel.scenario = None
        panel.show_scenario(scenario, playable=True)
        panel.view.grab()

    draw()  # warm up: fonts, style sheet, first allocations
    full = timed(draw)
    analysis = timed(lambda: map_facts(scenario))
    scene = timed(lambda: MapScene(scenario, facts))
    bare(places)
    baseline = timed(lambda: bare(places))
    median = statistics.median(full) * 1000
    print(f"map (analysis + layout + items + first paint): median {median:.0f} ms, best {min(full) * 1000:.0f} ms")
    print(f"  analysis {statistics.median(analysis) * 1000:.0f} ms, scene with layout {statistics.median(scene) * 1000:.0f} ms")
    print(f"bare scene of {places} rects, same paint: median {statistics.median(baseline) * 1000:.1f} ms")
    print(f"ratio map / bare: {statistics.median(full) / statistics.median(baseline):.1f}x")
    verdict = "OK" if statistics.median(full) < 1.0 else "TOO SLOW"
    print(f"target < 1 s for 200 nodes: {verdict}")
    app.quit()


if __name__ == "__main__":
    main()
