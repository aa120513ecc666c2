"""The workbench's "Try a reply" box ranks a node's replies without freezing the window."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from simulator.gui.author.workbench import MAP, AuthorWorkbench

TYPED = Path(__file__).parent.parent / "fixtures" / "good" / "typed_replies.yaml"


@pytest.fixture
def typed(folder: Path) -> Path:
    """The typed-replies fixture in the followed folder (asked for before the workbench is made)."""
    return Path(shutil.copy(TYPED, folder / "typed.yaml"))


def test_try_a_reply_on_a_selected_node(qtbot, typed: Path, workbench: AuthorWorkbench) -> None:
    workbench.show_file(str(typed))
    workbench.tabs.setCurrentIndex(MAP)
    workbench.map.view.select("lobby")
    workbench.map.try_button.click()
    box = workbench.try_reply
    assert box is not None and box.isVisible()
    assert "lobby" in box.windowTitle() and "wedding" in box.customer.text()
    box.entry.setText("nothing I can do, the computer puts the charge on")
    with qtbot.waitSignal(box.runner.matched, timeout=60_000):
        box.entry.returnPressed.emit()
        assert box.status.text() == "Matching…"  # the answer comes later: the window stays live
    rows = [box.table.topLevelItem(i).text(0) for i in range(box.table.topLevelItemCount())]
    assert rows[0] == "3" and sorted(rows) == ["1", "2", "3"]
    assert "(+1 cues)" in box.table.topLevelItem(0).text(2)
    assert box.status.text().startswith("Clearly closest to reply 3")


def test_try_a_reply_needs_a_node(qtbot, typed: Path, workbench: AuthorWorkbench) -> None:
    workbench.show_file(str(typed))
    workbench.tabs.setCurrentIndex(MAP)
    workbench.map.view.select("kept")
    workbench.map.try_button.click()
    assert workbench.try_reply is None
    assert "not an ending" in workbench.map.notice.text()
