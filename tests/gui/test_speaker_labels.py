"""A second character's line is labelled with their name in the real play screen and quoted with it in
the debrief (#17 point 8: Rosa's line was labelled "Maria Delgado" and quoted as "They said")."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from guihelp import write_scenario
from PySide6.QtWidgets import QLabel

ROSA = "The photo... with the big blue dog, Capitán Comet."
TO_ROSA = [3, 3, 1, 3, 1, 2]  # the bundled file's best path, as shown in file order, up to Rosa's wish
AFTER = [3, 1]  # the Captain Comet surprise, then the aquarium: the loyal ending


def label_above(window: Any, words: str) -> str:
    """The speaker label the trainee sees right above the box that starts with ``words``."""
    lines = [line for line in window.play.transcript.toPlainText().splitlines() if line.strip()]
    at = max(i for i, line in enumerate(lines) if line.startswith(words))
    return lines[at - 1]


def start(window: Any, scenario_id: str) -> None:
    window.profile.name_edit.setText("Dana Reyes")
    window.profile.create_button.click()
    window.library.set_mode("practice")
    next(c for c in window.library.cards if c.entry.id == scenario_id).start_button.click()


def test_rosas_line_is_labelled_rosa_and_the_debrief_says_rosa_said(make_window: Any, qtbot: Any) -> None:
    window = make_window()
    start(window, "rained-out-park")
    for number in TO_ROSA:
        window.play.choose(number)
    assert label_above(window, ROSA) == "Rosa"
    assert label_above(window, "We drove three hours") == "Maria Delgado"  # the customer's lines stay hers
    assert window.play.transcript.accessibleDescription().startswith(f"Rosa says: {ROSA}")
    assert window.play.mood_label.text().startswith("Maria is")  # the face and mood are still the customer's
    for number in AFTER:
        window.play.choose(number)
    window.play.end_button.click()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.debrief)
    shown = [label.text() for label in window.debrief.findChildren(QLabel) if label.isVisibleTo(window.debrief)]
    assert any(text.startswith(f"Rosa said: “{ROSA}") for text in shown), shown
    assert any(text.startswith("Maria said: “") for text in shown)
    assert not any(text.startswith("They said") for text in shown)


def second_character_file(folder: Path, channel: str) -> Path:
    """The gate scenario in ``channel``, with Rosa saying the second line."""
    path = write_scenario(folder, id=f"{channel}-rosa", say="Hi. The rides are closed?")
    text = path.read_text().replace("difficulty: easy", f"difficulty: easy\nchannel: {channel}")
    text = text.replace("  listens:\n    say:", "  listens:\n    speaker: Rosa\n    say:")
    text = text.replace("  gate:\n    narration: Rain on the ticket booth roof.\n", "  gate:\n")
    text = text.replace("    time_limit: 10\n    timeout:\n      goto: cold\n      mood: -5\n"
                        "      points: {listening: -1}\n      feedback: Silence reads as indifference.\n", "")  # fmt: skip
    path.write_text(text)
    return path


def test_in_a_chat_the_second_character_types_and_sends_under_their_name(make_window: Any, qtbot: Any, tmp_path: Path) -> None:
    window = make_window(second_character_file(tmp_path / "scenarios", "chat"))
    start(window, "chat-rosa")
    qtbot.waitUntil(lambda: not window.play.typing)
    window.play.choose(1)
    qtbot.waitUntil(lambda: window.play.channel_bar.status.text() == "Rosa is typing\u2026")
    qtbot.waitUntil(lambda: not window.play.typing)
    assert label_above(window, "It's his birthday. What now?") == "Rosa"
    assert label_above(window, "Hi. The rides are closed?") == "Maria Okafor"


@pytest.mark.parametrize(("channel", "rosa", "customer"), [
    ("phone", "Rosa (on the line)", "Maria Okafor (on the line)"),
    ("email", "From: Rosa", "From: Maria Okafor"),
])  # fmt: skip
def test_on_a_call_and_in_an_email_the_line_is_labelled_with_its_speaker(
    make_window: Any, tmp_path: Path, channel: str, rosa: str, customer: str
) -> None:
    window = make_window(second_character_file(tmp_path / "scenarios", channel))
    start(window, f"{channel}-rosa")
    window.play.choose(1)
    assert label_above(window, "It's his birthday. What now?") == rosa
    assert label_above(window, "Hi. The rides are closed?") == customer
