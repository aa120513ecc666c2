"""Scenario text and trainee names are data: markup in them is shown as typed, never rendered."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from guihelp import write_scenario
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

MALICIOUS = "<img src=x><b>bold</b>"


def labels_with_markup(window: Any) -> list[QLabel]:
    return [label for label in window.findChildren(QLabel) if "<" in label.text()]


def assert_plain(window: Any) -> None:
    found = labels_with_markup(window)
    assert found, "the screen should show the malicious text somewhere"
    for label in found:
        assert label.textFormat() == Qt.TextFormat.PlainText, label.objectName() or label.text()


def test_markup_in_names_and_scenario_text_is_shown_as_typed(make_window: Any, tmp_path: Path) -> None:
    scenario = write_scenario(
        tmp_path / "evil",
        id="evil",
        title=f"Title {MALICIOUS}",
        name=f"Maria {MALICIOUS}",
        say=f"Say {MALICIOUS}",
        reply=f"Reply {MALICIOUS}",
        feedback=f"Feedback {MALICIOUS}",
        debrief=f"Debrief {MALICIOUS}",
    )
    window = make_window(scenario)
    window.profile.name_edit.setText(f"Ana {MALICIOUS}")
    window.profile.create_button.click()

    library = window.library
    assert library.greeting.text() == f"Practising as Ana {MALICIOUS}"
    assert any(label.text() == f"Title {MALICIOUS}" for label in library.findChildren(QLabel))
    assert_plain(window)

    card = next(c for c in library.cards if c.entry.id == "evil")
    card.start_button.click()
    play = window.play
    texts = play.label_texts()
    assert f"Say {MALICIOUS}" in texts
    assert play.name_label.text() == f"Maria {MALICIOUS}"
    assert play.title.text() == f"Title {MALICIOUS}"
    assert play.choices.buttons[0].label.text() == f"Reply {MALICIOUS}"
    assert_plain(window)

    play.choices.buttons[0].click()
    assert f"Reply {MALICIOUS}" in play.label_texts()
    assert any(t.endswith(f"\nFeedback {MALICIOUS}") for t in play.label_texts())  # under the points line
    assert_plain(window)
    shown = play.transcript.toPlainText()
    assert f"Say {MALICIOUS}" in shown and f"Reply {MALICIOUS}" in shown  # the tags are visible text ...
    document = play.transcript.document()
    assert "<img" not in document.toHtml() and "&lt;img src=x&gt;&lt;b&gt;bold&lt;/b&gt;" in document.toHtml()  # ... not markup

    play.choices.buttons[0].click()
    play.end_button.click()
    debrief_texts = [label.text() for label in window.debrief.findChildren(QLabel)]
    assert f"Debrief {MALICIOUS}" in debrief_texts
    assert f"Title {MALICIOUS}  ·  Practice" in debrief_texts
    assert_plain(window)

    window.show_profiles()
    item = window.profile.people.item(0)
    assert item.text() == f"Ana {MALICIOUS}"  # list items are painted as plain text by the default delegate


def test_an_ampersand_in_a_name_is_not_a_mnemonic(make_window: Any, store: Any) -> None:
    store.add_trainee("Tom & Jerry")
    window = make_window()
    assert window.profile.continue_button.text() == "Continue as Tom && Jerry"  # shown as "Tom & Jerry"
