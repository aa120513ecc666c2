"""Every screen holds at 1024x700, at 100 % and at a 200 % font: the window keeps its size, nothing
sticks out sideways, no label or button text is cut, and every control has an accessible name."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from guihelp import start_as
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QLabel,
    QLineEdit,
    QListWidget,
    QProgressBar,
    QPushButton,
    QWidget,
)

from simulator.gui import style
from simulator.gui.chart import MoodCurve, RubricChart
from simulator.gui.face import FaceView, MoodMeter
from simulator.gui.transcript import TranscriptView

SIZE = (1024, 700)
NAMED = (QAbstractButton, QLineEdit, QListWidget, QProgressBar, FaceView, MoodMeter, RubricChart, MoodCurve, TranscriptView)


def shown(root: QWidget) -> list[QWidget]:
    return [w for w in root.findChildren(QWidget) if w.isVisibleTo(root) and not w.isWindow()]


def problems(window: Any) -> list[str]:
    """What a user would see as broken on the current screen."""
    QApplication.processEvents()
    found = []
    if window.size().toTuple() != SIZE:
        found.append(f"window grew to {window.size().toTuple()}")
    screen = window.stack.currentWidget()
    for widget in shown(screen):
        parent = widget.parentWidget()
        name = f"{type(widget).__name__} {widget.objectName()!r} {getattr(widget, 'text', lambda: '')()!r:.40}"
        if parent is not None and widget.geometry().right() > parent.width() + 1:
            found.append(f"{name} sticks out of its parent by {widget.geometry().right() - parent.width()} px")
        if isinstance(widget, QLabel) and widget.text():
            if widget.wordWrap() and widget.height() + 1 < widget.heightForWidth(widget.width()):
                found.append(f"{name} is cut at the bottom")
            if not widget.wordWrap() and widget.width() + 1 < widget.sizeHint().width():
                found.append(f"{name} is cut at the side")
        if isinstance(widget, QPushButton) and widget.text() and widget.width() + 1 < widget.sizeHint().width():
            found.append(f"{name} is too narrow for its text")
        if isinstance(widget, NAMED) and not (widget.accessibleName() or getattr(widget, "text", lambda: "")()):
            found.append(f"{name} has no accessible name")
    return found


def walk_every_screen(window: Any, store: Any) -> dict[str, list[str]]:
    """Visit each screen in the state with the most on it, collecting problems per screen."""
    seen = {"profile (new)": problems(window)}
    store.add_trainee("Maria Fernanda de la Cruz Rodríguez", "EMP-000123")
    store.add_trainee("Ana")
    window.show_profiles()
    seen["profile (list)"] = problems(window)
    window.profile.people.setCurrentRow(1)
    window.profile.continue_button.click()
    seen["library"] = problems(window)
    card = next(c for c in window.library.cards if c.entry.id == "rained-out-park")
    card.start_button.click()
    play = window.play
    seen["play (start, with countdown)"] = problems(window)
    play.choices.buttons[1].click()
    seen["play (coaching)"] = problems(window)
    play.leave_button.click()
    seen["library (resume offered)"] = problems(window)
    window.library.resume_now.click()
    seen["play (resumed)"] = problems(window)
    while not play.session.finished:
        play.choices.buttons[-1].click()
    seen["play (ended)"] = problems(window)
    play.end_button.click()
    seen["debrief"] = problems(window)
    return {screen: issues for screen, issues in seen.items() if issues}


@pytest.mark.parametrize("scale", [1.0, 2.0])
def test_every_screen_holds_at_1024x700(scale: float, qapp: Any, make_window: Any, store: Any) -> None:
    style.apply(qapp, scale=scale)
    window = make_window()
    assert walk_every_screen(window, store) == {}


def test_focus_is_always_somewhere_useful(make_window: Any, gate_file: Path) -> None:
    window = make_window(gate_file)
    assert window.focusWidget() is window.profile.name_edit
    window.profile.name_edit.setText("Ana")
    window.profile.create_button.click()
    assert window.focusWidget() is window.library.cards[0].start_button
    next(c for c in window.library.cards if c.entry.id == "gate").start_button.click()
    assert window.focusWidget() is window.play.choices.buttons[0]


def test_tab_goes_through_replies_then_the_conversation_then_the_header(make_window: Any, gate_file: Path, qtbot: Any) -> None:
    from PySide6.QtCore import Qt

    window = make_window(gate_file)
    start_as(window, "Ana", "gate")
    play = window.play
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    play.choices.buttons[0].setFocus()
    order = []
    for _ in range(4):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        order.append(QApplication.focusWidget())
    # step back is disabled before the first reply, so Tab skips it
    assert order == [play.choices.buttons[1], play.transcript, play.leave_button, play.choices.buttons[0]]


def _first_visible_text(transcript: TranscriptView) -> str:
    cursor = transcript.cursorForPosition(transcript.viewport().rect().topLeft())
    return cursor.block().text()


@pytest.mark.parametrize("scale", [1.0, 2.0])
def test_the_customers_newest_line_is_in_view_from_its_start(scale: float, qapp: Any, make_window: Any) -> None:
    """At 200 % the view holds a few lines: it must open on the customer's words, not their last line."""
    from PySide6.QtWidgets import QAbstractSlider

    style.apply(qapp, scale=scale)
    window = make_window()
    start_as(window, "Ana", "rained-out-park")
    transcript = window.play.transcript
    bar = transcript.verticalScrollBar()
    qapp.processEvents()
    if scale == 1.0:
        assert bar.value() == bar.maximum()  # everything new fits: the bottom, as in any chat
    else:
        assert bar.value() < bar.maximum()
        assert _first_visible_text(transcript) == window.play.session.scenario.customer.name
    bar.triggerAction(QAbstractSlider.SliderAction.SliderToMinimum)  # the trainee scrolls up to reread
    window.resize(1100, 760)  # the text re-wraps: that must not pull them back down
    qapp.processEvents()
    assert bar.value() == 0
    window.play.choices.buttons[1].click()  # answering follows the conversation again
    qapp.processEvents()
    assert bar.value() > 0


def _card_columns(window: Any) -> set[int]:
    QApplication.processEvents()
    return {card.x() for card in window.library.cards}


def test_library_cards_flow_into_as_many_columns_as_fit(qapp: Any, make_window: Any) -> None:
    window = make_window()
    window.profile.name_edit.setText("Ana")
    window.profile.create_button.click()
    body = window.library.scroll_area.widget()
    widths = {}
    for width in (1400, 700, 1024, 1400):
        window.resize(width, 700)
        columns = _card_columns(window)
        widths[width] = len(columns)
        cards = window.library.cards
        assert len({card.width() for card in cards}) == 1, "every card is one column wide"
        assert max(card.geometry().right() for card in cards) <= body.width(), f"a card sticks out at {width} px"
        assert problems_at(window, width) == []
    assert widths == {1400: 3, 700: 1, 1024: 2}


def problems_at(window: Any, width: int) -> list[str]:
    """``problems`` for a window of ``width`` x 700 (it checks the window kept its size)."""
    global SIZE  # noqa: PLW0603 - the checks compare against the size under test
    saved, SIZE = SIZE, (width, 700)
    try:
        return problems(window)
    finally:
        SIZE = saved


def test_library_scroll_bar_has_a_handle_only_when_there_is_somewhere_to_scroll(qapp: Any, make_window: Any) -> None:
    window = make_window()
    window.profile.name_edit.setText("Ana")
    window.profile.create_button.click()
    bar = window.library.scroll_area.verticalScrollBar()
    QApplication.processEvents()
    assert bar.maximum() > 0 and bar.isEnabled()
    window.resize(1400, 2400)  # every card fits
    QApplication.processEvents()
    assert bar.maximum() == 0 and not bar.isEnabled()
    window.resize(1024, 700)
    QApplication.processEvents()
    assert bar.maximum() > 0 and bar.isEnabled()
