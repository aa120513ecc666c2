"""A seeded monkey: random clicks, keys and window sizes through the trainee's screens.

Whatever it does, no exception may escape into Qt (pytest-qt fails the test on one), and the
results file must stay consistent: every session resumable or finished with a score, decision
numbers 1, 2, 3... once undone steps are set aside, SQLite's own integrity check clean.
"""

from __future__ import annotations

import random
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton

KEYS = [Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3, Qt.Key.Key_4, Qt.Key.Key_Backspace, Qt.Key.Key_Return,
        Qt.Key.Key_Tab, Qt.Key.Key_Escape, Qt.Key.Key_Space, Qt.Key.Key_Up, Qt.Key.Key_Down]  # fmt: skip


def _buttons(window: Any) -> list[QAbstractButton]:
    screen = window.stack.currentWidget()
    return [b for b in screen.findChildren(QAbstractButton) if b.isVisible() and b.isEnabled()]


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_random_use_never_breaks_the_app_or_the_results(seed: int, make_window: Any, store: Any, clock: Any) -> None:
    rng = random.Random(seed)
    window = make_window()
    window.profile.name_edit.setText(f"Monkey {seed}")
    window.profile.create_button.click()
    for _ in range(300):
        roll = rng.random()
        buttons = _buttons(window)
        if roll < 0.55 and buttons:
            rng.choice(buttons).click()
        elif roll < 0.85:
            QTest.keyClick(window.focusWidget() or window, rng.choice(KEYS))
        elif roll < 0.93:
            clock.advance(rng.choice([1, 5, 40]))  # sometimes long enough for a reply's time limit to run out
            if window._play is not None:
                window.play.tick()  # what the countdown's QTimer does, without waiting for it
        else:
            window.resize(rng.randint(900, 1400), rng.randint(620, 900))
        QTest.qWait(0)
    sessions = store.sessions()
    assert sessions, "the monkey never started a scenario: the test proves nothing"
    for summary in sessions:
        steps = [d["seq"] for d in store.session_decisions(summary.id)]  # a step back leaves its row, undone
        assert steps == list(range(1, len(steps) + 1)), summary.id
        if summary.finished:
            assert summary.outcome in ("lost", "neutral", "loyal") and summary.overall is not None
        elif not summary.abandoned:
            store.resume(summary.id)  # rebuilds from the recorded decisions, or raises
    assert store.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
