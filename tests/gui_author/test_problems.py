"""The problems panel: file:line:col, severity, code and message; the source view; the editor."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from simulator.gui.author.editor import editor_command
from simulator.gui.author.workbench import PROBLEMS, AuthorWorkbench


def rows(bench: AuthorWorkbench) -> list[list[str]]:
    tree = bench.problems.list
    return [[tree.topLevelItem(i).text(c) for c in range(4)] for i in range(tree.topLevelItemCount())]


def test_a_broken_file_lists_each_problem_with_its_place(workbench: AuthorWorkbench, folder: Path) -> None:
    workbench.show_file(str(folder / "dead_end.yaml"))
    assert workbench.tabs.currentIndex() == PROBLEMS
    assert workbench.tabs.tabText(PROBLEMS) == "Problems (2)"
    assert rows(workbench) == [
        ["dead_end.yaml:9:8", "error", "no-ending", "no ending can be reached from the start"],
        ["dead_end.yaml:17:14", "error", "dead-end", "node 'b' has no choices; make it an ending instead"],
    ]
    assert workbench.problems.summary.text().startswith("2 errors")
    assert not workbench.play_button.isEnabled(), "a file with errors can't be previewed"


def test_selecting_a_problem_shows_its_line_in_the_source(workbench: AuthorWorkbench, folder: Path) -> None:
    workbench.show_file(str(folder / "dead_end.yaml"))
    panel = workbench.problems
    assert panel.source.isReadOnly()
    panel.list.setCurrentItem(panel.list.topLevelItem(1))
    cursor = panel.source.textCursor()
    assert (cursor.blockNumber() + 1, cursor.positionInBlock() + 1) == (17, 14)
    assert cursor.block().text().strip() == "choices: []"
    assert panel.where.text().startswith("dead_end.yaml, line 17, column 14")
    marked = {s.cursor.blockNumber() + 1 for s in panel.source.extraSelections()}
    assert marked == {9, 17}


def test_double_click_or_enter_opens_the_editor_at_the_line(qtbot, workbench: AuthorWorkbench, folder: Path, opener) -> None:
    path = str(folder / "dead_end.yaml")
    workbench.show_file(path)
    panel = workbench.problems
    item = panel.list.topLevelItem(1)
    panel.list.itemDoubleClicked.emit(item, 0)
    assert opener.calls == [(path, 17, 14)]
    assert panel.status.text() == "Opened dead_end.yaml at line 17."
    panel.list.setCurrentItem(panel.list.topLevelItem(0))
    panel.list.setFocus()
    qtbot.keyClick(panel.list, Qt.Key.Key_Return)
    assert opener.calls[-1] == (path, 9, 8)
    workbench.edit()  # the header's Edit button: the selected problem's line
    assert opener.calls[-1] == (path, 9, 8)


def test_file_content_is_shown_as_plain_text(qtbot, workbench: AuthorWorkbench, folder: Path) -> None:
    path = folder / "markup.yaml"
    path.write_text("format: 1\ntitle: <b>bold</b> &amp; <i>\nid: [\n", encoding="utf-8")
    qtbot.waitUntil(lambda: str(path) in workbench.folders.files, timeout=5000)
    workbench.show_file(str(path))
    assert "<b>bold</b> &amp; <i>" in workbench.problems.source.toPlainText()
    assert rows(workbench)[0][2] == "yaml-syntax"


def test_editor_commands_for_common_editors() -> None:
    path = "/s/park.yaml"

    def command(editor: str, which=lambda _name: None) -> list[str] | None:
        return editor_command(path, 17, 4, {"EDITOR": editor}, which)

    assert command("code --wait") == ["code", "--wait", "--goto", "/s/park.yaml:17:4"]
    assert command("gedit") == ["gedit", "+17", "/s/park.yaml"]
    assert command("/usr/bin/subl") == ["/usr/bin/subl", "/s/park.yaml:17:4"]
    assert command("kate") == ["kate", "--line", "17", "--column", "3", "/s/park.yaml"]
    assert command("vim") is None, "a terminal editor with no terminal to run it in"
    assert command("vim", lambda name: "/usr/bin/xterm" if name == "xterm" else None) == ["xterm", "-e", "vim", "+17", path]
    assert command("") is None
    assert editor_command(path, 3, 1, {"VISUAL": "gvim", "EDITOR": "nano"}) == ["gvim", "+3", path]
    assert editor_command(path, 3, 1, {"EDITOR": "'unclosed"}) is None


def test_open_in_editor_says_what_happened(monkeypatch, tmp_path: Path) -> None:
    from PySide6.QtGui import QDesktopServices

    from simulator.gui.author import editor

    path = str(tmp_path / "park.yaml")
    monkeypatch.setenv("VISUAL", "true")  # a program that exists everywhere and exits at once
    assert editor.open_in_editor(path, 12) == "Opened park.yaml at line 12 in true."
    monkeypatch.delenv("VISUAL")
    monkeypatch.delenv("EDITOR", raising=False)
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda _url: False))
    assert editor.open_in_editor(path, 12) == "No editor could be started for park.yaml; line 12 is shown below."
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda _url: True))
    message = editor.open_in_editor(path, 12)
    assert message.startswith("Opened park.yaml with the system's default application: go to line 12.")
    assert "Set VISUAL or EDITOR" in message
