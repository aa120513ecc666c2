"""The library paints the cards that fill its first screen, then builds the rest.

Start-up's budget (bench_gui: library shown <= 1.5x a bare window) could not pay for 14 cards
built before the first paint. These tests hold the promise that makes building fewer honest: what
the trainee sees first is never a gap, the rest arrive in the next turn of the event loop after
that paint, and anything that asks for the cards gets all of them.
"""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QEvent, QObject

from simulator.gui import style


def _signed_in(make_window: Any, size: tuple[int, int]) -> Any:
    """The main window (the test must hold it: qtbot keeps only a weak reference) after a trainee signs in."""
    window = make_window()
    window.resize(*size)
    window.profile.name_edit.setText("Ana")
    window.profile.create_button.click()  # builds the first screenful; nothing else has run yet
    window.repaint()
    return window


@pytest.mark.parametrize(("size", "scale"), [((1180, 740), 1.0), ((1024, 700), 1.0), ((1024, 700), 2.0), ((1920, 1080), 1.0)])
def test_the_first_cards_fill_the_screen_and_the_rest_follow(
    size: tuple[int, int], scale: float, qapp: Any, make_window: Any, qtbot: Any
) -> None:
    style.apply(qapp, scale=scale)
    window = _signed_in(make_window, size)
    library = window.library
    built, waiting = len(library._cards), len(library._waiting)
    assert built + waiting == 14 and built >= 1
    view = library.scroll_area.viewport()
    lowest = max(card.mapTo(view, card.rect().bottomLeft()).y() for card in library._cards)
    assert waiting == 0 or lowest >= view.height(), f"a gap under the first {built} cards"
    qtbot.waitUntil(lambda: not library._waiting)
    cards = library._cards
    assert [c.entry.id for c in cards] == [e.id for e in window.entries]  # library order kept
    starts = [c.start_button for c in cards]
    chain, widget = [], starts[0]
    for _ in range(2000):  # Tab order: every Start button once, in library order, the late ones included
        if widget in starts and widget not in chain:
            chain.append(widget)
        widget = widget.nextInFocusChain()
    assert chain == starts
    assert all(card.isVisible() and card.width() <= card.maximumWidth() for card in cards)


def test_the_rest_are_built_after_the_first_paint(make_window: Any, qtbot: Any) -> None:
    window = make_window()
    library = window.library
    log: list[str] = []

    class Paints(QObject):
        def eventFilter(self, _obj: Any, event: Any) -> bool:
            if event.type() == QEvent.Type.Paint:
                log.append("paint")
            return False

    paints = Paints()
    library.scroll_area.viewport().installEventFilter(paints)
    build_rest = library._build_waiting

    def spy() -> None:
        log.append(f"rest {len(library._waiting)}" if library._waiting else "nothing left")
        build_rest()

    library._build_waiting = spy
    window.profile.name_edit.setText("Ana")
    window.profile.create_button.click()
    qtbot.waitUntil(lambda: not library._waiting)
    rest = next(i for i, entry in enumerate(log) if entry.startswith("rest"))
    assert "paint" in log[:rest], log  # the trainee sees the first cards before the others are made


def test_asking_for_the_cards_gives_all_of_them_at_once(make_window: Any) -> None:
    window = _signed_in(make_window, (1024, 700))
    library = window.library
    assert library._waiting, "the first screenful at 1024x700 is fewer than 14 cards"
    assert len(library.cards) == 14 and not library._waiting
    window.show_library()  # a second visit rebuilds from the first screenful again
    assert len(library.cards) == 14
