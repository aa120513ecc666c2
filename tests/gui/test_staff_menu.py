"""The Staff menu opens the author workbench and the passphrase-protected supervisor area."""

from __future__ import annotations

from typing import Any


def test_staff_menu_opens_both_tools(make_window: Any, qtbot: Any) -> None:
    window = make_window()
    titles = [a.text() for a in window.menuBar().actions()[0].menu().actions()]
    assert titles == ["&Author workbench…", "&Supervisor area…", "&Results sync (xAPI)…"]
    bench = window.open_author()
    qtbot.addWidget(bench)
    assert bench.isVisible() and bench.isWindow()
    assert window.open_author() is bench  # one workbench, raised again


def test_supervisor_area_starts_locked_and_locks_when_left(make_window: Any, monkeypatch: Any) -> None:
    from simulator.gui.supervise.area import SupervisorArea

    asked: list[bool] = []
    monkeypatch.setattr(SupervisorArea, "request_access", lambda self: asked.append(True))
    window = make_window()
    area = window.open_supervisor()
    assert window.stack.currentWidget() is area and asked == [True]
    assert not area.is_unlocked
    area.leave_requested.emit()
    assert window.stack.currentWidget() is window.profile and window.trainee is None
