"""The passphrase in front of supervisor mode: set once, stored as a salted hash, guessing slowed down."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from supervisedata import MARKUP, PASSPHRASE

from simulator.gui.supervise import lock
from simulator.gui.supervise.lock import Gate

CHEAP = {"n": 2**10, "r": 8, "p": 1}  # the real cost is tested once; the flow tests need no slow hashing


class Clock:
    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now


def test_first_use_stores_only_a_salted_scrypt_hash(store: Any, db_path: Path) -> None:
    gate = Gate(store)  # the real cost parameters
    assert not gate.is_set()
    gate.set_passphrase(PASSPHRASE)
    record = store.get_setting(lock.HASH_KEY)
    assert record["scheme"] == "scrypt" and record["n"] >= 2**14 and len(bytes.fromhex(record["salt"])) == 16
    assert PASSPHRASE not in str(record)
    assert Gate(store).check(PASSPHRASE).ok
    store.close()
    assert PASSPHRASE.encode() not in db_path.read_bytes()


def test_same_passphrase_gets_a_different_salt_and_hash(store: Any, tmp_path: Path) -> None:
    from simulator.store import open_store

    Gate(store, cost=CHEAP).set_passphrase(PASSPHRASE)
    with open_store(tmp_path / "other.db") as other:
        Gate(other, cost=CHEAP).set_passphrase(PASSPHRASE)
        assert other.get_setting(lock.HASH_KEY)["hash"] != store.get_setting(lock.HASH_KEY)["hash"]


def test_weak_or_second_passphrase_is_refused(store: Any) -> None:
    gate = Gate(store, cost=CHEAP)
    with pytest.raises(ValueError, match="at least 8"):
        gate.set_passphrase("short")
    with pytest.raises(ValueError, match="different characters"):
        gate.set_passphrase("aaaaaaaaaaaa")
    gate.set_passphrase(PASSPHRASE)
    with pytest.raises(PermissionError):
        gate.set_passphrase("another passphrase")  # nobody replaces it from the dialog
    assert gate.check(PASSPHRASE).ok


def test_wrong_passphrases_wait_longer_and_longer_even_after_a_restart(store: Any, db_path: Path) -> None:
    from simulator.store import open_store

    clock = Clock()
    gate = Gate(store, clock, CHEAP)
    gate.set_passphrase(PASSPHRASE)
    waits = [gate.check("wrong guess").wait for _ in range(lock.FREE_TRIES)]
    assert waits == [0, 0, lock.FIRST_DELAY]
    refused = gate.check(PASSPHRASE)  # even the right one is not checked while the wait runs
    assert not refused.ok and refused.refused and refused.wait == pytest.approx(lock.FIRST_DELAY)
    store.close()
    with open_store(db_path) as reopened:  # a restart must not reset the count
        again = Gate(reopened, clock, CHEAP)
        assert again.failures() == lock.FREE_TRIES
        assert again.wait_left() == pytest.approx(lock.FIRST_DELAY)
        clock.now += lock.FIRST_DELAY
        assert again.check("still wrong").wait == 2 * lock.FIRST_DELAY
        clock.now += 2 * lock.FIRST_DELAY
        assert again.check(PASSPHRASE).ok
        assert again.failures() == 0 and again.wait_left() == 0


def test_delays_are_capped_and_a_clock_set_back_does_not_lock_out_for_hours(store: Any) -> None:
    assert lock.delay_after(50) == lock.MAX_DELAY
    clock = Clock()
    gate = Gate(store, clock, CHEAP)
    gate.set_passphrase(PASSPHRASE)
    for _ in range(lock.FREE_TRIES + 1):
        clock.now += lock.MAX_DELAY
        gate.check("nope")
    clock.now -= 86_400  # someone set the PC's clock back a day
    assert gate.wait_left() == lock.MAX_DELAY
    clock.now += lock.MAX_DELAY
    assert gate.check(PASSPHRASE).ok


def test_compare_is_constant_time(monkeypatch: pytest.MonkeyPatch, store: Any) -> None:
    calls = []
    real = lock.hmac.compare_digest
    monkeypatch.setattr(lock.hmac, "compare_digest", lambda a, b: calls.append(1) or real(a, b))
    gate = Gate(store, cost=CHEAP)
    gate.set_passphrase(PASSPHRASE)
    gate.check("wrong one")
    gate.check(PASSPHRASE)
    assert len(calls) == 2


# -- the dialog and the area ---------------------------------------------------------------------
def _area(qtbot: Any, store: Any, clock: Any = None) -> Any:
    from simulator.gui.supervise.area import SupervisorArea

    area = SupervisorArea(store, gate=Gate(store, clock or Clock(), CHEAP))
    qtbot.addWidget(area)
    area.resize(1100, 700)
    area.show()
    return area


def _texts(widget: Any) -> str:
    return " ".join(label.text() for label in widget.findChildren(QLabel))


def test_first_use_sets_the_passphrase_then_opens(qtbot: Any, store: Any) -> None:
    area = _area(qtbot, store)
    assert not area.is_unlocked
    assert "Okafor" not in _texts(area) and area.locked_page.isVisible()
    area.request_access()
    dialog = area.access_dialog
    assert dialog.first_use and dialog.confirm is not None
    dialog.passphrase.setText(PASSPHRASE)
    dialog.confirm.setText(PASSPHRASE + "x")
    dialog.ok_button.click()
    assert "not the same" in dialog.message.text() and not area.is_unlocked
    dialog.confirm.setText(PASSPHRASE)
    with qtbot.waitSignal(area.unlocked):
        dialog.ok_button.click()
    assert area.is_unlocked and Gate(store).is_set()


def test_wrong_passphrase_is_rejected_then_rate_limited_and_right_one_lets_in(qtbot: Any, store: Any) -> None:
    clock = Clock()
    Gate(store, clock, CHEAP).set_passphrase(PASSPHRASE)
    area = _area(qtbot, store, clock)
    area.request_access()
    dialog = area.access_dialog
    assert not dialog.first_use and dialog.confirm is None
    for _ in range(lock.FREE_TRIES):
        dialog.passphrase.setText("let me in please")
        dialog.ok_button.click()
    assert not area.is_unlocked
    assert "Try again in 2 seconds" in dialog.message.text()
    assert not dialog.ok_button.isEnabled() and not dialog.passphrase.isEnabled()
    clock.now += lock.FIRST_DELAY
    qtbot.waitUntil(dialog.ok_button.isEnabled, timeout=2000)  # the countdown re-enables it
    assert dialog.message.text() == "You can try again now."
    dialog.passphrase.setText(PASSPHRASE)
    with qtbot.waitSignal(area.unlocked):
        qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Return)
    assert area.content.cohort.model_.rowCount() > 0


def test_locking_forgets_everything_shown(qtbot: Any, store: Any) -> None:
    Gate(store, cost=CHEAP).set_passphrase(PASSPHRASE)
    area = _area(qtbot, store)
    area.request_access()
    area.access_dialog.passphrase.setText(PASSPHRASE)
    area.access_dialog.submit()
    assert area.is_unlocked
    with qtbot.waitSignal(area.leave_requested):
        area.content.lock_button.click()
    assert not area.is_unlocked and area.stack.currentWidget() is area.locked_page
    assert MARKUP not in _texts(area)
