"""Trainees never see results sync (#17 point 7): with a failing LRS configured, no text on the profile,
library, play or debrief screens mentions xAPI, the LRS, statements or a sync problem; staff read the
status in the Staff menu's results sync entry, and only there."""



from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QWidget

JARGON = re.compile(r"xapi|\blrs\b|record store|statement|sync|can't be reached", re.IGNORECASE)


@pytest.fixture(autouse=True)
def _no_os_keyring(monkeypatch: pytest.MonkeyPatch) -> None:
    """Never the developer's real keyring from a test."""
    from simulator.gui.sync import worker

    monkeypatch.setattr(worker, "_default_secrets", lambda: None)


def _texts(widget: QWidget) -> list[str]:
    found = [widget.toolTip(), widget.accessibleName(), widget.accessibleDescription(), widget.statusTip()]
    for attribute in ("text", "toPlainText", "placeholderText", "windowTitle"):
        value = getattr(widget, attribute, None)
        if callable(value):
            found.append(str(value()))
    return [text for text in found if text]


def seen_by_trainee(window: Any) -> list[str]:
    """Every text on screen outside the Staff menu: the window title, the menu bar and the current screen."""
    QApplication.processEvents()
    found = [window.windowTitle(), *(a.text() for a in window.menuBar().actions())]
    corner = window.menuBar().cornerWidget()
    shown = [w for w in window.findChildren(QWidget) if w.isVisible() and not w.isWindow()]
    found += [text for w in [*shown, *([corner] if corner is not None else [])] for text in _texts(w)]
    found += [text for w in QApplication.topLevelWidgets() if w.isVisible() and w is not window for text in _texts(w)]
    return found


def test_a_failing_lrs_is_never_shown_to_a_trainee(make_window: Any, store: Any, gate_file: Path, qtbot: Any) -> None:
    from simulator.xapi.settings import LrsConfig, save

    save(store, LrsConfig("http://127.0.0.1:9/xAPI", "trainer-pc", "a-password", "prompt"), secrets=None, password_in_db=True)
    window = make_window(gate_file)
    qtbot.waitUntil(lambda: window._sync is not None)
    controller = window._sync.controller
    controller.client_options = {**(controller.client_options or {}), "retries": 0, "timeout": 2}
    screens = {"profile": seen_by_trainee(window)}
    window.profile.name_edit.setText("Rosa Diaz")
    window.profile.create_button.click()
    screens["library"] = seen_by_trainee(window)
    next(c for c in window.library.cards if c.entry.id == "gate").start_button.click()
    window.play.choose(1)  # recorded: statements now wait for the LRS
    controller.request()

    def failed() -> bool:
        return controller.status.state == "problem" and not controller.running

    qtbot.waitUntil(failed, timeout=20_000)
    screens["play, with a sync problem"] = seen_by_trainee(window)
    window.play.choose(1)
    window.play.end_button.click()  # sends again in the background, and fails again
    qtbot.waitUntil(failed, timeout=20_000)
    screens["debrief"] = seen_by_trainee(window)
    assert {name: [t for t in texts if JARGON.search(t)] for name, texts in screens.items()} == {name: [] for name in screens}

    entry = window.sync_action  # staff find the status here
    assert entry.text() == "&Results sync (xAPI: problem)…"  # short: a menu wider than the screen is cut mid-text
    assert "the LRS can't be reached" in entry.toolTip() and "statements waiting to be sent" in entry.toolTip()
