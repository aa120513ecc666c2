"""Each channel's play view through the real widgets: a call bar and voice cues on the phone, typed
messages in a chat, a thread in an email, the face only in person; and the library card says which."""

from __future__ import annotations

from typing import Any

from guihelp import ROOT
from PySide6.QtGui import QTextCursor

from simulator.gui.channel import chat_messages, paragraphs, typing_ms, voice_parts

SCENARIOS = ROOT / "scenarios"


def start(make_window: Any, scenario_id: str) -> Any:
    window = make_window()
    window.profile.name_edit.setText("Chan Nell")
    window.profile.create_button.click()
    card = next(card for card in window.library.cards if card.entry.id == scenario_id)
    card.start_button.click()
    return window


def document(play: Any) -> str:
    return play.transcript.document().toPlainText()


def test_text_rules_of_the_channels() -> None:
    assert voice_parts("[voice tight] Fine. [pause] Whatever.") == [
        (True, "voice tight"),
        (False, " Fine. "),
        (True, "pause"),
        (False, " Whatever."),
    ]
    assert voice_parts("No cue [here") == [(False, "No cue [here")]
    assert chat_messages("hi\n\n  it is NOT\n  here  \n\n") == ["hi", "it is NOT here"]
    assert chat_messages("one line") == ["one line"]
    assert paragraphs("Hi,\n\nMy card\narrived.\n\nS.") == "Hi,\n\nMy card arrived.\n\nS."
    assert typing_ms("ok") < typing_ms("a much longer message " * 3) <= typing_ms("x" * 5000)


def test_library_cards_name_the_channel(make_window: Any) -> None:
    window = make_window()
    window.profile.name_edit.setText("Chan Nell")
    window.profile.create_button.click()
    facts = {card.entry.id: card._facts(card.entry) for card in window.library.cards}
    assert "Phone call" in facts["early-refill-no"]
    assert "Live chat" in facts["wrong-address-chat"]
    assert "Email" in facts["misspelled-card"]
    assert "In person" in facts["rained-out-park"]


def test_phone_shows_no_face_but_a_call_bar_with_the_call_time_and_voice_cues(
    make_window: Any, clock: Any, qtbot: Any
) -> None:
    window = start(make_window, "early-refill-no")
    play = window.play
    assert not play._panel.isVisible()  # no face on a call
    assert play.channel_bar.isVisible() and play.channel_bar.title.text() == "On the line: Ray Castellano"
    assert play.channel_bar.status.text().endswith("00:00")
    clock.advance(65)
    qtbot.waitUntil(lambda: play.channel_bar.status.text().endswith("01:05"), timeout=3000)
    text = document(play)
    assert "Ray Castellano (on the line)" in text
    assert "(brisk, a bit out of breath) Hi. I need" in text and "[brisk" not in text
    cursor = QTextCursor(play.transcript.document())
    cursor.setPosition(text.index("(brisk") + 2)
    assert cursor.charFormat().fontItalic()  # the cue is set apart from the words
    cursor.setPosition(text.index("I need Nina") + 2)
    assert not cursor.charFormat().fontItalic()
    play.choose(2)
    assert "(exhales) Three weeks." in document(play)  # no typing pause on a call


def test_chat_types_each_message_after_a_pause_and_holds_the_replies(make_window: Any, qtbot: Any) -> None:
    window = start(make_window, "wrong-address-chat")
    play = window.play
    assert not play._panel.isVisible() and play.channel_bar.title.text() == "Chat with Jess Whitlow"
    first = [text for kind, text in play.transcript.entries if kind == "customer"]
    assert first == ["hi. my desk says delivered yesterday", chat_messages(play.session.place.say)[1]]
    assert document(play).count("Jess Whitlow\n") == 1  # two messages in a row, one name
    play.choose(2)
    assert play.typing and play.channel_bar.status.text() == "Jess is typing\u2026"
    assert play.choices.buttons == [] and not play.choice_scroll.isVisible()
    play.choose(1)  # nothing to answer yet: ignored
    assert len(play.session.decisions) == 1
    qtbot.waitUntil(lambda: len([k for k, _ in play.transcript.entries if k == "customer"]) == 3, timeout=3000)
    assert play.typing  # the second message of the run is still being typed
    qtbot.waitUntil(lambda: not play.typing and bool(play.choices.buttons), timeout=3000)
    customer = [text for kind, text in play.transcript.entries if kind == "customer"]
    assert customer[2:] == ["ok what does it say", "please tell me it's not lost"]
    assert play.channel_bar.status.text() == ""
    assert len(play.choices.buttons) == 3


def test_stepping_back_during_a_chat_pause_drops_the_message_still_on_its_way(make_window: Any, qtbot: Any) -> None:
    window = start(make_window, "wrong-address-chat")
    play = window.play
    play.choose(2)
    assert play.typing
    play.step_back()
    assert not play.typing and len(play.choices.buttons) == 3
    qtbot.wait(typing_ms("x" * 400) + 200)  # the pause that was pending has passed
    customer = [text for kind, text in play.transcript.entries if kind == "customer"]
    assert len(customer) == 2 and len(play.choices.buttons) == 3


def test_email_shows_a_thread_with_senders_and_paragraphs(make_window: Any) -> None:
    window = start(make_window, "misspelled-card")
    play = window.play
    assert not play._panel.isVisible()
    assert play.channel_bar.title.text() == "Re: S-I-O-B-H-A-N"
    play.choose(3)
    text = document(play)
    assert "From: Siobhan Mulcahy" in text and "From: You" in text
    assert "my name printed SIOBAHN. This is the third time this year: my statement in March" in text  # unwrapped
    assert "Thank you, honestly I half expected a form letter.\n\nHow long" in text.replace("\u2029", "\n")


def test_in_person_keeps_the_face_and_hides_the_bar(make_window: Any) -> None:
    window = start(make_window, "returned-parcels")
    play = window.play
    assert play._panel.isVisible() and not play.channel_bar.isVisible()
    assert "Ines Carvalho\n" in document(play) and "(on the line)" not in document(play)
