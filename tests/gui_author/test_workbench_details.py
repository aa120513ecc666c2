"""Workbench details from the walkthrough: Enter presses the focused button, removing a folder says
nothing was deleted, and "line N is shown below" only ever shows with the source view below it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from simulator.gui.author.workbench import MAP, PROBLEMS, AuthorWorkbench


def test_enter_presses_the_focused_button(qtbot, workbench: AuthorWorkbench) -> None:
    buttons = [b for b in workbench.findChildren(QPushButton) if b.isVisible() and b.isEnabled()]
    assert buttons and all(b.autoDefault() for b in workbench.findChildren(QPushButton))
    pressed: list[bool] = []
    button = workbench.examples_button
    button.clicked.disconnect()
    button.clicked.connect(lambda: pressed.append(True))
    button.setFocus()
    qtbot.keyClick(button, Qt.Key.Key_Return)
    assert pressed == [True]


def test_removing_a_folder_says_its_files_were_not_touched(qtbot, workbench: AuthorWorkbench, folder: Path) -> None:
    path = folder / "rained-out-park.yaml"
    workbench.show_file(str(path))
    workbench.remove_folder(str(folder))
    assert workbench.message.text() == f"{folder} is no longer followed here; its files were not touched."
    assert "gone" not in workbench.message.text() and path.exists()


def test_no_editor_shows_the_line_on_the_problems_tab(qtbot, workbench: AuthorWorkbench, folder: Path) -> None:
    workbench.problems.opener = lambda path, line, col: f"No editor could be started for x.yaml; line {line} is shown below."
    workbench.show_file(str(folder / "dead_end.yaml"))
    workbench.tabs.setCurrentIndex(MAP)
    workbench.edit()
    assert workbench.tabs.currentIndex() == PROBLEMS and workbench.message.text().endswith("is shown below.")
