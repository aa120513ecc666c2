"""The screens the walkthrough found cut or off-screen hold at 1024x700, at 100 % and at a 200 % font:
play right after the last reply, the author workbench, the results sync page and the locked
supervisor page. Set SIMULATOR_SHOTS=folder to keep screenshots of each for a person to look at."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from guihelp import shown, start_as
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QWidget

from simulator.gui import style

SIZE = (1024, 700)


def _shot(widget: QWidget, name: str) -> None:
    folder = os.environ.get("SIMULATOR_SHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(Path(folder) / name))


def cut(root: QWidget) -> list[str]:
    """Labels cut at the bottom or side and buttons too narrow for their text, inside ``root``."""
    QApplication.processEvents()
    found = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisibleTo(root) or widget.isWindow():
            continue
        text = getattr(widget, "text", lambda: "")()
        name = f"{type(widget).__name__} {text!r:.40}"
        if isinstance(widget, QLabel) and text:
            if widget.wordWrap() and widget.height() + 1 < widget.heightForWidth(widget.width()):
                found.append(f"{name} is cut at the bottom")
            if not widget.wordWrap() and widget.width() + 1 < widget.sizeHint().width():
                found.append(f"{name} is cut at the side")
        if isinstance(widget, QPushButton) and text and widget.width() + 1 < widget.sizeHint().width():
            found.append(f"{name} is too narrow for its text")
    return found


@pytest.mark.parametrize("pick", [0, 1, -1])
@pytest.mark.parametrize("scale", [1.0, 2.0])
def test_play_shows_every_reply_whole_after_each_answer(scale: float, pick: int, qapp: Any, make_window: Any, qtbot: Any) -> None:
    """Whatever reply is taken: the window never grows past the screen (it did at 200 % after a reply that
    made the hint line wrap) and the replies stay whole."""
    style.apply(qapp, scale=scale)
    window = make_window(shuffled=True)  # replies in a session's own order, as trainees see them
    start_as(window, "Ana", "rained-out-park")
    play = window.play
    step = 0
    while not play.session.finished:
        QApplication.processEvents()
        scroll = play.choice_scroll
        needed = play.choices.heightForWidth(scroll.viewport().width())
        if needed <= play.height() * 0.6:  # room for them all: the last reply is whole, nothing to scroll
            assert scroll.verticalScrollBar().maximum() == 0, f"step {step}: the last reply is cut"
            last = play.choices.buttons[-1]
            assert last.geometry().bottom() <= scroll.viewport().height() + 1
        assert window.size().toTuple() == SIZE
        _shot(window, f"play-{scale:g}x-pick{pick}-step{step}.png")
        play.choices.buttons[pick % len(play.choices.buttons)].click()
        qtbot.wait(30)  # the re-fit after the new replies are laid out, and the layout's requests
        assert window.size().toTuple() == SIZE, f"step {step}: the window grew"
        step += 1
    assert cut(play) == []


@pytest.mark.parametrize("scale", [1.0, 2.0])
def test_the_workbench_fits_1024x700(scale: float, qapp: Any, store: Any, qtbot: Any) -> None:
    from simulator.gui.author.workbench import AuthorWorkbench
    from simulator.resources import scenarios_dir

    style.apply(qapp, scale=scale)
    bench = AuthorWorkbench(store)
    shown(qtbot, bench, SIZE)
    assert bench.minimumSizeHint().width() <= SIZE[0] and bench.minimumSizeHint().height() <= SIZE[1]
    bench.add_folder(str(scenarios_dir()))
    bench.folder_panel.select_file(str(scenarios_dir() / "rained-out-park.yaml"))
    QApplication.processEvents()
    assert bench.size().toTuple() == SIZE
    assert bench.folder_panel.publish_button.isVisible()
    _shot(bench, f"workbench-{scale:g}x.png")


@pytest.mark.parametrize("scale", [1.0, 2.0])
def test_the_sync_page_keeps_its_buttons_on_screen(scale: float, qapp: Any, store: Any, qtbot: Any) -> None:
    from simulator.gui.sync.settings import SyncSettingsDialog
    from simulator.gui.sync.worker import SyncController

    style.apply(qapp, scale=scale)
    controller = SyncController(str(store.path), secrets=None)
    dialog = SyncSettingsDialog(store, controller)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    room = dialog.screen().availableGeometry()
    for n in range(12):  # status text arriving, as with a dead address: it used to push Save off the screen
        dialog._say(f"Not connected: no answer from http://127.0.0.1:9/xAPI after {n + 1} tries (ConnectionRefusedError). " * 3)
    QApplication.processEvents()
    assert dialog.height() <= room.height()
    for button in (dialog.test_button, dialog.sync_button, dialog.close_button, dialog.save_button):
        assert button.isVisible() and dialog.rect().contains(button.geometry().translated(0, 0).bottomRight())
    assert dialog.scroll_area.verticalScrollBar().maximum() > 0  # the page scrolls instead
    _shot(dialog, f"sync-settings-{scale:g}x.png")
    dialog.reject()


@pytest.mark.parametrize("scale", [1.0, 2.0])
def test_the_locked_supervisor_page_is_whole(scale: float, qapp: Any, store: Any, qtbot: Any) -> None:
    from simulator.gui.supervise.area import SupervisorArea

    style.apply(qapp, scale=scale)
    area = SupervisorArea(store)
    shown(qtbot, area, SIZE)
    assert area.stack.currentWidget() is area.locked_page
    assert cut(area.locked_page) == []
    _shot(area, f"locked-{scale:g}x.png")


@pytest.mark.parametrize("scale", [1.0, 2.0])
def test_the_unlocked_supervisor_area_fits_with_its_practice_switch(scale: float, qapp: Any, store: Any, qtbot: Any) -> None:
    from datetime import date

    from simulator.gui.supervise.area import SupervisorContent

    style.apply(qapp, scale=scale)
    store.add_trainee("Maria Fernanda de la Cruz Rodríguez")
    content = SupervisorContent(store, date.today)
    content.reload()
    shown(qtbot, content, SIZE)
    assert content.minimumSizeHint().width() <= SIZE[0]  # the filter row made it 1043 px wide at 200 %
    assert content.practice_too.isVisible() and cut(content.practice_too.parentWidget()) == []
    _shot(content, f"supervisor-{scale:g}x.png")
