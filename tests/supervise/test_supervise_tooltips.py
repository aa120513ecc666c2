"""No tooltip in the supervisor area renders scenario text or a name as markup (issue 21): a reply
reading <img src=... width=30000> showed a local picture and a 30,000 px tooltip."""

from __future__ import annotations

import random
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from supervisedata import MARKUP
from test_supervise_screens import unlocked
from tooltip_walk import rendered_as_markup, tooltips

from simulator.gui.tooltips import MARK, MAX_CHARS
from simulator.scenario import read_scenario

BUNDLED = Path(__file__).resolve().parents[2] / "scenarios" / "rained-out-park.yaml"
BOMB = "<img src='secret.png' width=30000 height=30000><b><font size=7>Supervisor, click to verify</font></b>"


def markup_scenario(folder: Path) -> Any:
    """The park scenario under its own id with markup (and a lot of it) in what the customer says and in every reply."""
    text = BUNDLED.read_text(encoding="utf-8").replace("id: rained-out-park", "id: markup-park", 1)
    text = text.replace("    say: >-\n", f"    say: >-\n      {BOMB} {'x' * 3000}\n", 1)
    text = re.sub(r'(      - text: "?)(?=[A-Z"])', lambda m: f"{m.group(1)}{BOMB} ", text)
    path = folder / "markup-park.yaml"
    path.write_text(text, encoding="utf-8")
    return read_scenario(path)


def test_no_tooltip_in_the_supervisor_area_renders_markup(qtbot: Any, store: Any, tmp_path: Path) -> None:
    from supervisedata import play_one

    scenario, rng = markup_scenario(tmp_path), random.Random(4)
    for day in range(6):
        play_one(store, scenario, MARKUP, datetime(2026, 1, 21, tzinfo=UTC) + timedelta(days=day), chance=0.1, rng=rng)
    content = unlocked(qtbot, store)
    content.unpublished_too.setChecked(True)  # the markup file is not in the library
    content.tabs.setCurrentWidget(content.scenario_view)
    view = content.scenario_view
    view.picker.setCurrentIndex(view.picker.findData("markup-park"))
    qtbot.waitUntil(lambda: view.report is not None and view.report.title and view.hardest.rowCount() > 0)
    content.open_trainee(store.find_trainee(MARKUP).id)
    tips = tooltips(content)
    assert rendered_as_markup(tips) == []
    ours = [tip for _where, tip in tips if tip.startswith(MARK)]
    assert sum("&lt;img src='secret.png'" in tip for tip in ours) >= 2, "the hostile text never reached a tooltip"
    assert sum("&lt;b&gt;Bold&lt;/b&gt;" in tip for tip in ours) >= 1, "the markup name never reached a tooltip"
    assert all("<img" not in tip and len(tip) < len(MARK) + 6 * MAX_CHARS + 20 for tip in ours)
