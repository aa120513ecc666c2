"""End to end through the real widgets: profile -> library -> play -> debrief, by mouse and by keyboard,
checking what landed in the SQLite file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from guihelp import BUNDLED, rows
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from simulator.scenario import read_scenario


def create_profile(window: Any, name: str) -> None:
    window.profile.name_edit.setText(name)
    window.profile.create_button.click()


def card_for(window: Any, scenario_id: str) -> Any:
    return next(card for card in window.library.cards if card.entry.id == scenario_id)


def declared_path(ending_prefix: str = "") -> tuple[list[int], str]:
    """A playthrough the bundled scenario itself declares (so the test follows the file's edits)."""
    scenario = read_scenario(BUNDLED)
    test = next(t for t in scenario.tests if t.ending and t.ending.startswith(ending_prefix))
    return list(test.choose), test.ending


def press(qtbot: Any, window: Any, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    """A key press where the keyboard focus is, as a user's keystroke would arrive."""
    target = QApplication.focusWidget() or window.focusWidget() or window
    qtbot.keyClick(target, key, modifier)


def test_play_bundled_scenario_by_mouse(make_window: Any, db_path: Path) -> None:
    choices, ending = declared_path()
    window = make_window()
    create_profile(window, "Ana Souza")
    assert window.stack.currentWidget() is window.library
    card_for(window, "rained-out-park").start_button.click()
    play = window.play
    assert window.stack.currentWidget() is play
    for number in choices:
        assert not play.session.finished
        play.choices.buttons[number - 1].click()
    assert play.session.state == ending
    assert play.end_button.isVisible()
    play.end_button.click()
    assert window.stack.currentWidget() is window.debrief
    assert window.debrief.card.ending_id == ending

    session_id = play.session.id if play.session else window.debrief.card.session_id
    (trainee,) = rows(db_path, "SELECT name FROM trainees")
    assert trainee == ("Ana Souza",)
    (session,) = rows(db_path, "SELECT id, scenario_id, mode, ending_id, finished IS NOT NULL FROM sessions")
    assert session == (session_id, "rained-out-park", "practice", ending, 1)
    numbers = rows(db_path, "SELECT number FROM decisions WHERE session_id = ? AND undone IS NULL ORDER BY seq", session_id)
    assert [n for (n,) in numbers] == choices


def test_play_bundled_scenario_by_keyboard_only(make_window: Any, db_path: Path, qtbot: Any) -> None:
    choices, ending = declared_path("walks-out")
    window = make_window()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    assert QApplication.focusWidget() is window.profile.name_edit
    qtbot.keyClicks(window.profile.name_edit, "Kim Lee")
    press(qtbot, window, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.library
    press(qtbot, window, Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)  # the Assessment mnemonic
    qtbot.waitUntil(lambda: window.library.mode == "assessment")  # mnemonics click after a short animation
    target = card_for(window, "rained-out-park").start_button
    for _ in range(40):  # Tab through the cards like a keyboard user until its Start has focus
        if QApplication.focusWidget() is target:
            break
        press(qtbot, window, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is target
    press(qtbot, window, Qt.Key.Key_Return)
    play = window.play
    assert window.stack.currentWidget() is play
    for number in choices:
        press(qtbot, window, Qt.Key.Key_0 + number)
    assert play.session.state == ending
    assert QApplication.focusWidget() is play.end_button
    press(qtbot, window, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.debrief
    assert QApplication.focusWidget() is window.debrief.again_button
    press(qtbot, window, Qt.Key.Key_Escape)
    assert window.stack.currentWidget() is window.library

    (session,) = rows(db_path, "SELECT mode, ending_id, outcome FROM sessions")
    assert session == ("assessment", ending, "lost")
    numbers = rows(db_path, "SELECT number FROM decisions ORDER BY seq")
    assert [n for (n,) in numbers] == choices
    best = card_for(window, "rained-out-park").best_label.text()
    assert best.startswith("Your best:")


def test_timeout_path_taken_when_the_injected_clock_runs_out(
    make_window: Any, gate_file: Path, clock: Any, qtbot: Any, db_path: Path
) -> None:
    window = make_window(gate_file)
    create_profile(window, "Tim")
    card_for(window, "gate").start_button.click()
    play = window.play
    assert play.countdown.isVisible()
    assert play.countdown.format() == "10 s to reply"
    clock.advance(6.5)
    qtbot.waitUntil(lambda: play.countdown.format() == "4 s to reply")
    assert play.countdown.property("urgent") == "true"
    assert play.session.state == "gate"
    clock.advance(4)
    qtbot.waitUntil(lambda: play.session.state == "cold")
    assert not play.countdown.isVisible()
    assert "You didn't reply in time." in play.label_texts()
    assert "Hello? Is anyone going to talk to me?" in play.label_texts()
    (decision,) = rows(db_path, "SELECT node, choice_index, number, target, response_ms FROM decisions")
    assert decision == ("gate", -1, 0, "cold", 10500)


def test_practice_coaches_and_steps_back(make_window: Any, gate_file: Path, db_path: Path, qtbot: Any) -> None:
    window = make_window(gate_file)
    create_profile(window, "Pat")
    window.library.set_mode("practice")
    card_for(window, "gate").start_button.click()
    play = window.play
    assert play.back_button.isVisible() and not play.back_button.isEnabled()
    play.choices.buttons[1].click()  # policy: mood falls, feedback shown
    assert play.session.state == "policy"
    assert "−8 points: Listening −8\nQuoting policy puts the rule between you." in play.label_texts()
    assert play.back_button.isEnabled()
    qtbot.keyClick(play.choices.buttons[0], Qt.Key.Key_Backspace)
    assert play.session.state == "gate"
    assert not any("Quoting policy" in text for text in play.label_texts())
    assert play.meter.target == 30
    play.choices.buttons[0].click()
    assert play.session.state == "listens"
    assert play.meter.target == 50
    assert play.face.expression == "neutral"
    undone = rows(db_path, "SELECT seq, node, undone IS NOT NULL FROM decisions ORDER BY seq")
    assert undone == [(1, "gate", 1), (1, "gate", 0)]


def test_assessment_shows_nothing_until_the_end(make_window: Any, gate_file: Path, qtbot: Any) -> None:
    window = make_window(gate_file)
    create_profile(window, "Sam")
    window.library.set_mode("assessment")
    card_for(window, "gate").start_button.click()
    play = window.play
    assert play.mode_chip.text() == "Assessment"
    assert not play.back_button.isVisible()
    play.choices.buttons[0].click()
    qtbot.keyClick(play.choices.buttons[0], Qt.Key.Key_Backspace)  # no stepping back
    assert play.session.state == "listens"
    assert not [kind for kind, _text in play.transcript.entries if kind.startswith("coach")]
    play.choices.buttons[0].click()
    play.end_button.click()
    debrief = window.debrief
    assert debrief.card.outcome == "loyal"
    texts = [label.text() for label in debrief.findChildren(type(play.prompt))]
    assert "+" in " ".join(texts) and any("Dramatic listening first." in t for t in texts)


def test_number_keys_beyond_the_replies_do_nothing(make_window: Any, gate_file: Path, qtbot: Any) -> None:
    window = make_window(gate_file)
    create_profile(window, "Lee")
    card_for(window, "gate").start_button.click()
    play = window.play
    for key in (Qt.Key.Key_9, Qt.Key.Key_3, Qt.Key.Key_0):
        qtbot.keyClick(play.choices.buttons[0], key)
    assert play.session.decisions == []
    qtbot.keyClick(play.transcript, Qt.Key.Key_2)  # also while rereading the conversation
    assert play.session.state == "policy"


def test_try_again_starts_a_fresh_session_and_best_score_shows(make_window: Any, gate_file: Path, db_path: Path) -> None:
    window = make_window(gate_file)
    create_profile(window, "Jo")
    card_for(window, "gate").start_button.click()
    first = window.play.session.id
    window.play.choices.buttons[0].click()
    window.play.choices.buttons[0].click()
    window.play.end_button.click()
    window.debrief.again_button.click()
    assert window.stack.currentWidget() is window.play
    assert window.play.session.id != first
    assert window.play.session.decisions == []
    window.play.leave_button.click()
    card = card_for(window, "gate")
    assert card.best_label.text() == "Your best: 92 / 100"  # listening 2 of 3, the rest full
    assert card.badge is not None and card.badge.text() == "Unfinished · no replies yet"
    assert len(rows(db_path, "SELECT id FROM sessions")) == 2


def test_a_new_profile_with_a_taken_name_and_another_id_is_explained(make_window: Any, store: Any) -> None:
    store.add_trainee("Ana Souza", "E1")
    window = make_window()
    window.show_profiles()
    profile = window.profile
    profile.name_edit.setText("ana souza")
    profile.id_edit.setText("E2")
    profile.create_button.click()
    assert window.stack.currentWidget() is profile  # nobody was signed in as the other Ana
    assert profile.problem.isVisible() and "Ana Souza" in profile.problem.text()
    assert "E1" not in profile.problem.text()  # never another person's employee ID
    assert [t.employee_id for t in store.trainees()] == ["E1"]
    assert window.focusWidget() is profile.name_edit and profile.name_edit.selectedText() == "ana souza"
    QTest.keyClicks(profile.name_edit, "Ana Souza (Sales)")  # typing over the selected name
    assert not profile.problem.isVisible()
    profile.create_button.click()
    assert window.stack.currentWidget() is window.library
    assert {t.name for t in store.trainees()} == {"Ana Souza", "Ana Souza (Sales)"}


def test_a_reply_the_rules_now_hide_is_refused_with_a_notice(make_window: Any) -> None:
    """Buttons drawn before a silent replay offer a reply the session now hides: the screen says why."""
    small = Path(__file__).resolve().parents[1] / "fixtures" / "good" / "small.yaml"
    window = make_window(small)
    create_profile(window, "Hidden Reply")
    card_for(window, "demo").start_button.click()
    play = window.play
    play.choices.buttons[0].click()  # a -> b, where "Ask again" is shown as reply 2 of 3
    assert len(play.choices.buttons) == 3
    first = play.session.decisions[0]
    ask = play.session.scenario.nodes["b"].choices[1]
    silent = type(first)(first.session_id, 2, "b", ask.index, 2, ask.text, "b", False)
    play.session.replay([first, silent])  # asked is now true: "Ask again" is hidden, the buttons don't know
    play.choose(3)
    assert len(play.session.decisions) == 2 and play.session.state == "b"
    notice = play.transcript.entries[-1]
    assert "can't be taken now: choose a number from 1 to 2, not 3" in str(notice)
    assert len(play.choices.buttons) == 2
