"""The Staff menu: one staff passphrase in front of the author workbench, the supervisor area and
results sync; one unlock per visit, locked again on leaving; a scenario in play waits, untouched."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from simulator.gui.supervise.lock import Gate

PASSPHRASE = "correct horse battery"  # noqa: S105 - the test staff passphrase
CHEAP = {"n": 2**10, "r": 8, "p": 1}  # the cost travels with the hash, so every later check is cheap too


@pytest.fixture
def staff_window(make_window: Any, store: Any, qtbot: Any) -> Iterator[Any]:
    """A trainee signed in, the passphrase set; a dialog left open is closed after the test."""
    windows: list[Any] = []

    def make(*extra: Path) -> Any:
        Gate(store, cost=CHEAP).set_passphrase(PASSPHRASE)
        window = make_window(*extra)
        windows.append(window)
        _reactivate(window, qtbot)
        window.profile.name_edit.setText("Eve Test")
        window.profile.create_button.click()
        return window

    yield make
    for window in windows:
        if window._staff is not None and window._staff.dialog is not None:
            window._staff.dialog.reject()


def _give(window: Any, qtbot: Any, passphrase: str = PASSPHRASE) -> None:
    dialog = window.staff.dialog
    assert dialog is not None and dialog.isVisible()
    dialog.passphrase.setText(passphrase)
    qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Return)


def test_staff_menu_names_the_three_tools(make_window: Any) -> None:
    window = make_window()
    titles = [a.text() for a in window.menuBar().actions()[0].menu().actions()]
    assert titles[:2] == ["&Author workbench…", "&Supervisor area…"]
    assert titles[2].startswith("&Results sync (xAPI")  # its status follows once sync has started


def test_workbench_needs_the_passphrase_and_one_unlock_serves_the_visit(staff_window: Any, store: Any, qtbot: Any) -> None:
    window = staff_window()
    assert window.open_author() is None  # a trainee gets the passphrase dialog, not the answer key
    assert window._author is None
    window.staff.dialog.cancel_button.click()
    assert window._author is None and not window.staff.is_open and window.stack.currentWidget() is window.library

    window.open_author()
    _give(window, qtbot)
    bench = window._author
    assert bench is not None and bench.isVisible() and bench.isWindow()
    assert window.open_author() is bench  # one workbench, raised again, no second question
    area = window.open_supervisor()  # the same visit: no second passphrase
    assert area is not None and area.is_unlocked and window.stack.currentWidget() is area
    area.content.lock_button.click()  # "Lock and leave" ends the whole visit
    assert not window.staff.is_open and not bench.isVisible() and not area.is_unlocked
    assert window.open_author() is None and window.staff.dialog is not None  # asked again


def test_closing_the_workbench_ends_the_visit(staff_window: Any, store: Any, qtbot: Any) -> None:
    window = staff_window()
    window.open_author()
    _give(window, qtbot)
    assert window.staff.is_open
    window._author.close()
    assert not window.staff.is_open
    window.open_supervisor()
    assert window.staff.dialog is not None and window.stack.currentWidget() is window.library


def test_wrong_passphrase_counts_once_and_says_so_as_an_error(staff_window: Any, store: Any, qtbot: Any) -> None:
    window = staff_window()
    window.open_supervisor()
    dialog = window.staff.dialog
    _give(window, qtbot, "not the passphrase")
    assert Gate(store).failures() == 1  # Enter submitted once, not once for the field and once for the button
    assert dialog.isVisible() and dialog.message.text() == "That passphrase is not right."
    assert dialog.message.property("role") == "problem"
    assert not window.staff.is_open


def test_enter_during_a_lockout_keeps_the_dialog_and_its_message(staff_window: Any, store: Any, qtbot: Any) -> None:
    from simulator.gui.supervise import lock

    window = staff_window()
    window.open_supervisor()
    dialog = window.staff.dialog
    for _ in range(lock.FREE_TRIES):
        _give(window, qtbot, "let me in please")
    assert "Try again in" in dialog.message.text() and not dialog.ok_button.isEnabled()
    qtbot.keyClick(QApplication.focusWidget() or dialog, Qt.Key.Key_Return)
    assert dialog.isVisible() and "Try again in" in dialog.message.text()
    assert Gate(store).failures() == lock.FREE_TRIES
    dialog.reject()


def _reactivate(window: Any, qtbot: Any) -> None:
    """What a window manager does when a dialog closes (the offscreen platform leaves no window active)."""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def _timed_play(window: Any) -> Any:
    card = next(c for c in window.library.cards if c.entry.id == "gate")
    card.start_button.click()
    play = window.play
    assert window.stack.currentWidget() is play and play.session.time_left() == 10
    return play


def test_supervisor_mid_scenario_pauses_and_cancel_returns_untouched(
    staff_window: Any, store: Any, clock: Any, gate_file: Path, qtbot: Any
) -> None:
    window = staff_window(gate_file)
    play = _timed_play(window)
    session = play.session
    window.open_supervisor()
    clock.advance(20)  # the walkthrough waited 20 s at the dialog and came back to "didn't reply in time"
    play.tick()
    assert session.time_left() == 10 and not session.decisions
    window.staff.dialog.cancel_button.click()
    assert window.stack.currentWidget() is play and play.session is session and window.trainee is not None
    assert session.time_left() == 10 and not session.decisions
    _reactivate(window, qtbot)
    clock.advance(3)
    play.tick()
    assert session.time_left() == 7  # running again


def test_supervisor_mid_scenario_leaves_it_resumable_once_unlocked(
    staff_window: Any, store: Any, gate_file: Path, qtbot: Any
) -> None:
    window = staff_window(gate_file)
    play = _timed_play(window)
    play.choose(1)
    session_id = play.session.id
    window.open_supervisor()
    _give(window, qtbot)
    assert window.stack.currentWidget() is window._supervisor and window._supervisor.is_unlocked
    (unfinished,) = store.unfinished(store.trainees()[0].id)
    assert unfinished.id == session_id


def test_the_open_staff_menu_and_another_window_pause_the_clock(
    staff_window: Any, store: Any, clock: Any, gate_file: Path, qtbot: Any
) -> None:
    window = staff_window(gate_file)
    play = _timed_play(window)
    menu = window.menuBar().actions()[0].menu()
    menu.aboutToShow.emit()
    clock.advance(4)
    play.tick()
    assert play.session.time_left() == 10 and "Paused" in play.countdown.format()
    menu.aboutToHide.emit()
    assert QApplication.focusWidget() is play.choices.buttons[0]  # back on the first reply, ready for a digit
    clock.advance(1)
    play.tick()
    assert play.session.time_left() == 9
    other = QWidget()
    qtbot.addWidget(other)
    other.show()
    other.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is other)
    clock.advance(5)
    play.tick()
    assert play.session.time_left() == 9  # another window in front: time stands still
    other.close()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    clock.advance(2)
    play.tick()
    assert play.session.time_left() == 7
    window.showMinimized()
    clock.advance(5)
    play.tick()
    assert play.session.time_left() == 7


def test_an_idle_staff_visit_locks_itself(staff_window: Any, qtbot: Any) -> None:
    """Five minutes without a key or a click end the visit (fake clock); any input restarts the count."""
    from simulator.gui.idle import IDLE_LIMIT

    window = staff_window()
    window.open_supervisor()
    _give(window, qtbot)
    area = window._supervisor
    assert area.is_unlocked and window.staff.idle.running
    now = [1000.0]
    watch = window.staff.idle
    watch.clock, watch.last_input = (lambda: now[0]), now[0]
    now[0] += IDLE_LIMIT - 60
    qtbot.keyClicks(area.content.search, "Am")  # the supervisor is still there, typing
    now[0] += 120
    watch.check()
    assert window.staff.is_open and area.is_unlocked
    now[0] += IDLE_LIMIT
    watch.timer.setInterval(10)  # the real timer, polling fast: no call to check() from here
    qtbot.waitUntil(lambda: not window.staff.is_open, timeout=2000)
    assert not area.is_unlocked and area.content is None and not watch.running
    assert window.stack.currentWidget() is area and area.stack.currentWidget() is area.locked_page
    assert window.open_author() is None and window.staff.dialog is not None  # the passphrase is asked again
    window.staff.dialog.cancel_button.click()
    area.unlock_button.click()  # the locked page's own button is the same door: the visit, and its watch, start again
    _give(window, qtbot)
    assert window.staff.is_open and area.is_unlocked and watch.running
