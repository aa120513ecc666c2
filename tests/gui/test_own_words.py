""" "In your own words": typed reply -> "Closest to" -> confirmed decision -> the row in SQLite."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from guihelp import rows
from PySide6.QtCore import Qt

from simulator.gui.choices import ChoiceButton
from simulator.gui.own_words import TYPING_TIME_FACTOR

TYPED = Path(__file__).parent.parent / "fixtures" / "good" / "typed_replies.yaml"


def start_typed(make_window: Any, mode: str = "practice") -> Any:
    window = make_window(TYPED)
    window.profile.name_edit.setText("Ines Costa")
    window.profile.create_button.click()
    window.library.set_mode(mode)
    window.library.typed_box.setChecked(True)
    next(card for card in window.library.cards if card.entry.id == "typed-replies").start_button.click()
    assert window.stack.currentWidget() is window.play
    return window


def type_and_wait(qtbot: Any, box: Any, words: str) -> None:
    box.entry.setText(words)
    with qtbot.waitSignal(box.runner.matched, timeout=60_000):
        qtbot.keyClick(box.entry, Qt.Key.Key_Return)
        assert box.question.text().startswith("Finding the closest reply")  # answered later: the window is live


def test_a_typed_reply_is_confirmed_and_recorded(make_window: Any, db_path: Path, qtbot: Any) -> None:
    window = start_typed(make_window)
    play, box = window.play, window.play.own_words
    assert box.isVisible() and not play.choice_scroll.isVisible()  # the cards are hidden behind the box
    assert window.focusWidget() is box.entry
    qtbot.keyClick(box.entry, Qt.Key.Key_Return)  # an empty reply does nothing
    assert not box.entry.isReadOnly() and not play.session.decisions
    words = "oh no, sorry, the lobby's hopeless for that, let me see what I can do with your room"
    type_and_wait(qtbot, box, words)
    assert box.question.text().startswith("Closest to this reply")
    (offered,) = [b for b in box.findChildren(ChoiceButton) if b.isVisible()]
    assert offered.number == 1 and offered.reply.startswith("Sorry, you're right, the lobby")
    qtbot.keyClick(box, Qt.Key.Key_Return)  # Enter accepts
    (decision,) = play.session.decisions
    assert decision.number == 1 and decision.typed == words
    assert rows(db_path, "SELECT node, number, typed FROM decisions") == [("lobby", 1, words)]
    assert words in play.label_texts() and any(t.startswith("You meant: “Sorry") for t in play.label_texts())
    assert not box.entry.isReadOnly() and box.entry.text() == ""  # the next node asks afresh


def test_a_number_picks_another_reply_and_scoring_follows_it(make_window: Any, db_path: Path, qtbot: Any) -> None:
    window = start_typed(make_window, "assessment")
    box = window.play.own_words
    type_and_wait(qtbot, box, "sorry, the lobby is no good for your call")
    qtbot.keyClick(box, Qt.Key.Key_3)  # not the suggestion: reply 3, as numbered on the cards
    decision = window.play.session.decisions[-1]
    assert decision.number == 3 and decision.points == {"listening": -2}  # scored exactly as a click on 3
    assert rows(db_path, "SELECT mode, ending_id FROM sessions") == [("assessment", "gone")]


def test_not_understood_shows_the_cards_and_a_card_keeps_the_words(make_window: Any, db_path: Path, qtbot: Any) -> None:
    window = start_typed(make_window)
    play, box = window.play, window.play.own_words
    type_and_wait(qtbot, box, "Je suis vraiment désolé, nous allons trouver une solution")
    assert box.question.text().startswith("Not sure what you meant")
    assert play.choice_scroll.isVisible()
    play.choices.buttons[1].click()
    assert rows(db_path, "SELECT number, typed FROM decisions") == [
        (2, "Je suis vraiment désolé, nous allons trouver une solution")
    ]


def test_timers_allow_for_typing(make_window: Any, tmp_path: Path, qtbot: Any) -> None:
    window = start_typed(make_window)
    assert window.play.session.time_factor == TYPING_TIME_FACTOR
    window.library.typed_box.setChecked(False)
    window.play.load(window.play.session)
    assert window.play.session.time_factor == 1.0 and not window.play.own_words.isVisible()
