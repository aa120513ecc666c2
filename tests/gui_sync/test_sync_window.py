"""The main window: sync starts after start-up, the Staff menu says how it stands and opens the settings
behind the staff passphrase, and a finished session is sent in the background."""

# ruff: noqa: S105, S107 - test passwords

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from freshstart import fresh_start, start_code
from PySide6.QtCore import Qt
from syncharness import AuthServer, declared_path, grab, outbox_ids, started, statements_for

PASSPHRASE = "supervisor-passphrase-1"


@pytest.fixture(autouse=True)
def _no_os_keyring(monkeypatch: pytest.MonkeyPatch) -> None:
    """Never the developer's real keyring from a test."""
    from simulator.gui.sync import worker

    monkeypatch.setattr(worker, "_default_secrets", lambda: None)


@pytest.fixture
def window(qtbot: Any, store: Any) -> Any:
    from simulator.gui.supervise.lock import Gate
    from simulator.gui.window import MainWindow

    Gate(store, cost={"n": 2**10, "r": 8, "p": 1}).set_passphrase(PASSPHRASE)
    made = MainWindow(store, shuffle=lambda: None)  # replies in file order: the tests click by file place
    qtbot.addWidget(made)
    made.resize(1024, 700)
    made.show_profiles()
    assert made._sync is None  # nothing about sync before the window is on screen
    made.show()
    qtbot.waitExposed(made)
    qtbot.waitUntil(lambda: made._sync is not None)
    return made


def configure(store: Any, endpoint: str, user: str = "test", password: str = "test") -> None:
    from simulator.xapi.settings import LrsConfig, save

    save(store, LrsConfig(endpoint, user, password, "prompt"), secrets=None, password_in_db=True)


def unlock(qtbot: Any, window: Any, opened: Any) -> Any:
    from simulator.gui.supervise.access import PassphraseDialog

    assert isinstance(opened, PassphraseDialog)  # the gate first, never the page itself
    opened.passphrase.setText("not the passphrase")
    opened.submit()
    assert window._sync.dialog is None
    opened.passphrase.setText(PASSPHRASE)
    opened.submit()
    qtbot.waitUntil(lambda: window._sync.dialog is not None)
    return window._sync.dialog


def test_start_up_does_not_import_sync_until_the_window_is_shown(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        + start_code(tmp_path / "r.db")
        + "before = 'simulator.gui.sync.hookup' in sys.modules\n"
        "app.processEvents()\n"
        "painted = 'simulator.gui.sync.hookup' in sys.modules\n"
        "import time\n"
        "end = time.monotonic() + 10\n"
        "while 'simulator.gui.sync.hookup' not in sys.modules and time.monotonic() < end:\n"
        "    app.processEvents(); time.sleep(0.01)\n"
        "app.processEvents()\n"
        "print(before, painted, 'simulator.gui.sync.hookup' in sys.modules, window.menuBar().cornerWidget() is None)\n"
        "window.close()\n"
    )
    assert fresh_start(code).split() == ["False", "False", "True", "True"]  # no status on trainee screens


def test_the_staff_menu_says_how_sync_stands_and_opens_the_settings_behind_the_passphrase(qtbot: Any, window: Any) -> None:
    action = window.sync_action
    assert window.menuBar().cornerWidget(Qt.Corner.TopRightCorner) is None  # nothing on the trainee's screens
    qtbot.waitUntil(lambda: action.text() == "&Results sync (xAPI: not set up)…")
    assert "Learning Record Store" in action.toolTip() and "passphrase" in action.toolTip()
    assert action in window.menuBar().actions()[0].menu().actions()
    action.trigger()
    dialog = unlock(qtbot, window, window.staff.dialog)  # the staff passphrase, shared with the other staff tools
    assert dialog.isVisible() and dialog.windowTitle() == "Results sync (xAPI)"
    assert window.open_sync_settings() is dialog  # one page, raised again
    dialog.close()
    qtbot.waitUntil(lambda: window._sync.dialog is None)
    assert not window.staff.is_open  # closing the page ended the staff visit


def test_a_finished_session_is_sent_in_the_background(qtbot: Any, window: Any, store: Any, lrs: Any) -> None:
    configure(store, lrs.endpoint)
    window._sync.controller.settings_changed()
    qtbot.waitUntil(lambda: window._sync.controller.status.state == "idle", timeout=20_000)
    window.profile.name_edit.setText("Ana Souza")
    window.profile.create_button.click()
    next(c for c in window.library.cards if c.entry.id == "rained-out-park").start_button.click()
    play = window.play
    for number in declared_path():
        play.choices.buttons[number - 1].click()
    session_id = play.session.id
    play.end_button.click()
    assert window.stack.currentWidget() is window.debrief  # the debrief doesn't wait for the LRS
    qtbot.waitUntil(lambda: len(statements_for(lrs.endpoint, session_id)) == len(outbox_ids(store, session_id)), timeout=20_000)
    entry = window._sync.menu_item
    qtbot.waitUntil(lambda: entry.text().startswith("xAPI: all sent"), timeout=10_000)
    grab(window, "sync-window-debrief.png")
    window.close()
    assert window._sync.controller.cancel.is_set() and not window._sync.controller.running


def test_test_connection_says_connected_or_what_is_wrong(qtbot: Any, window: Any, store: Any, tmp_path: Path) -> None:
    secret, wrong = "correct-horse-battery", "wrong-password-123"
    with AuthServer("trainer-pc", secret) as auth:
        server = started(tmp_path / "lrs", auth_endpoint=auth.url)
        try:
            dialog = unlock(qtbot, window, window.open_sync_settings())
            dialog.endpoint.setText(server.endpoint)
            dialog.username.setText("trainer-pc")
            dialog.password.setText(wrong)
            dialog.test_button.click()
            assert dialog.message.text() == "Testing the connection…"
            qtbot.waitUntil(dialog.test_button.isEnabled, timeout=20_000)
            assert dialog.message.text() == "Not connected: the LRS refused the user name or password."
            dialog.password.setText(secret)
            dialog.test_button.click()
            qtbot.waitUntil(dialog.test_button.isEnabled, timeout=20_000)
            assert dialog.message.text().startswith("Connected:")
            dialog.keep.setChecked(True)
            dialog.sync_button.click()  # saves, then sends in the background
            controller = window._sync.controller
            qtbot.waitUntil(lambda: controller.status.state in ("idle", "problem") and not controller.running, timeout=20_000)
            assert controller.status.state == "idle", controller.status
            assert "0 waiting" in dialog.status_line.text()
            grab(dialog, "sync-settings-connected.png")
            texts = [dialog.message.text(), dialog.status_line.text(), dialog.detail.text(), window.sync_action.toolTip()]
            assert not any(secret in t or wrong in t for t in texts)
        finally:
            server.stop()


def test_a_window_closed_within_the_start_delay_starts_no_sync(qtbot: Any, store: Any) -> None:
    """Its sync thread would outlive the window: nobody is left to stop it."""
    from simulator.gui.window import SYNC_START_DELAY_MS, MainWindow

    window = MainWindow(store)
    qtbot.addWidget(window)
    window.show()
    window.close()
    qtbot.wait(SYNC_START_DELAY_MS + 200)
    assert window._sync is None
