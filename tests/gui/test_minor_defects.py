"""Small things the walkthrough found: a card that said "Not tried yet" and "Unfinished" at once,
"Welcome back" above the opening narration, a hyphen in feedback turned into a minus, "1 tries",
and an export status that outlived the format it was about."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from simulator.reports.data import KeyMoment


def test_an_unfinished_card_does_not_also_say_not_tried(make_window: Any, gate_file: Path) -> None:
    window = make_window(gate_file)
    window.profile.name_edit.setText("Rosa Diaz")
    window.profile.create_button.click()
    card = next(c for c in window.library.cards if c.entry.id == "gate")
    assert card.best_label.text() == "Not tried yet"
    card.start_button.click()
    window.play.choose(1)
    window.play.leave_button.click()
    card = next(c for c in window.library.cards if c.entry.id == "gate")
    assert card.badge is not None and not card.best_label.isVisible()
    from PySide6.QtWidgets import QApplication

    assert [w for w in QApplication.topLevelWidgets() if w.isVisible()] == [window]  # no label opened as a window


def test_welcome_back_sits_under_the_line_being_answered(make_window: Any, gate_file: Path) -> None:
    window = make_window(gate_file)
    window.profile.name_edit.setText("Rosa Diaz")
    window.profile.create_button.click()
    next(c for c in window.library.cards if c.entry.id == "gate").start_button.click()
    window.play.leave_button.click()
    window.library.resume_now.click()
    texts = window.play.label_texts()
    narration = next(i for i, t in enumerate(texts) if "Rain on the ticket booth roof" in t)
    welcome = next(i for i, t in enumerate(texts) if t.startswith("Welcome back"))
    assert welcome > narration


def test_a_hyphen_in_feedback_stays_a_hyphen(qtbot: Any) -> None:
    from simulator.gui.supervise.scorecard import moment_note
    from simulator.reports.pdf_scorecard import moment_line

    gain = KeyMoment("Rained out", "It's raining.", "A rain-soaked day", "The late-checkout fee hurts.", 17)
    loss = replace(gain, impact=-3)
    assert moment_note(gain) == "+17 points. The late-checkout fee hurts."
    assert moment_note(loss) == "−3 points. The late-checkout fee hurts."
    assert moment_line(gain) == "+17 · “A rain-soaked day” (Rained out). The late-checkout fee hurts."
    assert moment_line(loss).startswith("−3 · “A rain-soaked day”")


def test_one_try_is_one_try() -> None:
    from simulator.xapi.lrs_client import LrsClient, LrsUnavailable

    client = LrsClient("http://127.0.0.1:9/xAPI", "u", "p", retries=0, timeout=0.5)
    try:
        client.get("about")
    except LrsUnavailable as exc:
        assert "after 1 try (" in str(exc)
    else:  # pragma: no cover - nothing listens on port 9
        raise AssertionError("port 9 answered")


def test_the_debrief_shows_the_better_reply_and_the_step_backs(make_window: Any, gate_file: Path) -> None:
    from PySide6.QtWidgets import QLabel

    window = make_window(gate_file)
    window.profile.name_edit.setText("Rosa Diaz")
    window.profile.create_button.click()
    next(c for c in window.library.cards if c.entry.id == "gate").start_button.click()
    play = window.play
    play.choose(1)
    play.step_back()  # practice: take the good start back
    play.choose(2)  # "Policy says no refunds for weather." costs listening
    play.choose(1)  # "That's the policy." and she walks out
    play.end_button.click()
    texts = [label.text() for label in window.debrief.findChildren(QLabel) if label.isVisibleTo(window.debrief)]
    assert any(t.endswith("Practice, 1 step-back") for t in texts)
    better = [t for t in texts if t.startswith("A better reply here:")]
    assert "A better reply here: “I'm so sorry, on his birthday too. Tell me what you had planned.”" in better
    assert "Dramatic listening first." in texts  # and why, in the scenario's own words
