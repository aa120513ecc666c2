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
    # the card's main action is the banner's: Resume, with Start again beside it
    assert card.resume_button.property("role") == "primary" and card.start_button.property("role") != "primary"
    assert window.library.resume_now.property("role") == "primary"
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
        assert "after 1 try (the connection was refused: nothing answers at that address and port)" in str(exc)
        assert "Errno" not in str(exc) and "Error" not in str(exc)  # words, not an exception's repr
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


def test_everyone_at_100_has_no_weakest_skill() -> None:
    from simulator.reports.data import weakest

    labels = {"listening": "Listening", "surprise": "Surprise"}
    assert weakest({"listening": 100.0, "surprise": 100.0}, labels) is None
    assert weakest({"listening": 100.0, "surprise": 60.0}, labels) == "Surprise"
    assert weakest({"surprise": 60.0}, labels) == "Surprise"


def test_the_comparison_legend_swatch_shows_every_bar_colour(qtbot: Any) -> None:
    """The bars are red, amber or green by score: a green swatch alone said "this trainee" is green."""
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QColor, QImage, QPainter

    from simulator.charts import bar_colour, paint_comparison

    image = QImage(600, 120, QImage.Format.Format_RGB32)
    image.fill(QColor("#ffffff"))
    painter = QPainter(image)
    paint_comparison(painter, QRectF(0, 0, 600, 120), [("Listening", 90.0, 50.0)])  # a green bar and a cohort mark
    painter.end()
    colours = {image.pixelColor(x, y).name() for x in range(600) for y in range(120)}
    assert {bar_colour(20).name(), bar_colour(55).name(), bar_colour(85).name()} <= colours


def _ring(button: Any) -> Any:
    """The colour 1 px inside the left edge, half-way down: where a focus ring is drawn."""
    from PySide6.QtWidgets import QApplication

    QApplication.processEvents()
    image = button.grab().toImage()
    return image.pixelColor(round(2 * button.devicePixelRatioF()), image.height() // 2)


def _contrast(a: Any, b: Any) -> float:
    def lum(c: Any) -> float:
        def ch(v: float) -> float:
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

        return 0.2126 * ch(c.redF()) + 0.7152 * ch(c.greenF()) + 0.0722 * ch(c.blueF())

    high, low = sorted((lum(a), lum(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_focus_rings_stand_out_and_differ_from_hover(make_window: Any, gate_file: Path) -> None:
    from PySide6.QtCore import Qt

    window = make_window(gate_file)
    window.profile.name_edit.setText("Rosa Diaz")
    window.profile.create_button.click()
    first, second = window.library.cards[0].start_button, window.library.cards[1].start_button
    second.setFocus()
    plain = _ring(first)
    first.setFocus()
    assert first.hasFocus()
    assert _contrast(_ring(first), plain) >= 3  # a teal Start button's ring, against the button it replaces
    next(c for c in window.library.cards if c.entry.id == "gate").start_button.click()
    replies = window.play.choices.buttons
    replies[1].setFocus()
    focused = _ring(replies[1])
    replies[0].setAttribute(Qt.WidgetAttribute.WA_UnderMouse, True)
    replies[0].update()
    assert _contrast(focused, _ring(replies[0])) >= 3  # focus never looks like hover


def test_new_here_with_a_taken_name_neither_signs_in_nor_shows_their_employee_id(make_window: Any, store: Any) -> None:
    store.add_trainee("Dana Reyes", "E1042")
    window = make_window()
    for employee_id in ("", "E7"):
        window.profile.name_edit.setText("dana reyes")
        window.profile.id_edit.setText(employee_id)
        window.profile.create_button.click()
        assert window.stack.currentWidget() is window.profile and window.trainee is None
        assert window.profile.problem.text().startswith("There is already a profile named “Dana Reyes”.")
        assert "E1042" not in window.profile.problem.text()


def test_the_reply_clock_turns_amber_with_40_percent_left(make_window: Any, clock: Any, qtbot: Any) -> None:
    window = make_window()
    window.profile.name_edit.setText("Tim")
    window.profile.create_button.click()
    next(c for c in window.library.cards if c.entry.id == "rained-out-park").start_button.click()
    play = window.play
    limit = play.countdown.maximum() / 10
    assert limit >= 20
    clock.advance(limit * 0.55)
    qtbot.waitUntil(lambda: play.countdown.format() == f"{limit * 0.45:.0f} s to reply")
    assert play.countdown.property("urgent") == "false"
    clock.advance(limit * 0.1)
    qtbot.waitUntil(lambda: play.countdown.format() == f"{limit * 0.35:.0f} s to reply")
    assert play.countdown.property("urgent") == "true"  # well before the last 5 seconds


def test_practise_next_never_sends_a_trainee_back_to_a_scenario_they_mastered() -> None:
    from types import SimpleNamespace

    from simulator.reports.data import _practise

    dim = SimpleNamespace(id="listening", label="Listening", average=45.0, cohort=None)
    mastered = SimpleNamespace(scenario_title="Fourteen canoes", scores={"listening": 100.0})
    weak = SimpleNamespace(scenario_title="Rained out", scores={"listening": 30.0})
    assert _practise(dim, SimpleNamespace(finished=[mastered])) == "Listening: 45 on average."
    assert _practise(dim, SimpleNamespace(finished=[mastered, weak])).endswith("Replay “Rained out”: best 30 there so far.")


def test_quotes_in_reports_are_cut_between_words() -> None:
    """The PDF quoted "at t…": a cut lands between words, and a lone overlong word is still cut."""
    from simulator.reports.data import clip

    assert clip("We will meet you at the gate tomorrow", 22) == "We will meet you at…"
    assert clip("Short enough", 22) == "Short enough"
    assert clip("x" * 40, 10) == "x" * 9 + "…"
