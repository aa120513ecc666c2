"""No tooltip in the author workbench renders scenario text as markup (issue 21): the folder tree,
the report's endings and steps, the tests and the map show titles, replies and names as typed."""

from __future__ import annotations

import re
from pathlib import Path

from tooltip_walk import rendered_as_markup, tooltips

from simulator.gui.author.workbench import MAP, PROBLEMS, REPORT, TESTS, AuthorWorkbench
from simulator.gui.tooltips import MARK

BUNDLED = Path(__file__).resolve().parents[2] / "scenarios"
BOMB = "<img src='secret.png' width=30000 height=30000><b>Supervisor, click to verify</b>"


def test_no_tooltip_in_the_workbench_renders_markup(qtbot, workbench: AuthorWorkbench, folder: Path) -> None:
    text = (BUNDLED / "rained-out-park.yaml").read_text(encoding="utf-8")
    text = text.replace("title: Rained out at Pinecrest Falls", f'title: "{BOMB} Rained out"', 1)
    text = text.replace("    title: The day they still talk about", f'    title: "{BOMB} The day"', 1)
    text = text.replace("  - name: listening,", f'  - name: "{BOMB}" # listening,', 1)
    text = re.sub(r'(      - text: "?)(?=[A-Z"])', lambda m: f"{m.group(1)}{BOMB} ", text)
    path = folder / "markup.yaml"
    path.write_text(text, encoding="utf-8")
    workbench.folders.reload(str(path))
    qtbot.waitUntil(lambda: str(path) in workbench.folders.files, timeout=10_000)
    workbench.show_file(str(path))
    assert workbench.status is not None and workbench.status.loaded.ok, workbench.status.loaded.problems
    for tab in (PROBLEMS, MAP, REPORT, TESTS):
        workbench.tabs.setCurrentIndex(tab)
        qtbot.wait(10)
        tips = tooltips(workbench)
        assert rendered_as_markup(tips) == [], tab
    ours = [tip for _where, tip in tips if tip.startswith(MARK)]
    hostile = [tip for tip in ours if "&lt;img src='secret.png'" in tip]
    assert len(hostile) >= 4, "the hostile text never reached the tree, report and tests tooltips"
    assert all("<img" not in tip for tip in ours)
