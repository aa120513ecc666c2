"""Scenario folders: status per file, live reload on save, remembered folders."""

from __future__ import annotations

import os
import re
from pathlib import Path

from simulator.gui.author.folders import ScenarioFolders
from simulator.gui.author.workbench import FOLDERS_KEY, AuthorWorkbench, MemorySettings
from simulator.scenario import load_scenario

BROKEN = "format: 1\nid: [unclosed\n"


def bundled_status(path: Path) -> tuple[str, int]:
    """The verdict and problem count a bundled copy must show: none, since the second-edition content (#18)."""
    problems = load_scenario(path).problems
    assert [str(p) for p in problems] == []
    count = len(problems)
    return ("ok" if not count else f"{count} warning{'s' if count > 1 else ''}"), count


def labels(bench: AuthorWorkbench) -> dict[str, str]:
    top = bench.folder_panel.tree.topLevelItem(0)
    return {top.child(i).text(0): top.child(i).text(1) for i in range(top.childCount())}


def test_lists_every_file_with_its_status(workbench: AuthorWorkbench, folder: Path) -> None:
    assert labels(workbench) == {
        "canoes-no-life-jackets.yaml": bundled_status(folder / "canoes-no-life-jackets.yaml")[0],
        "dead_end.yaml": "2 errors",
        "rained-out-park.yaml": bundled_status(folder / "rained-out-park.yaml")[0],
    }


def test_live_reload_after_editing_the_shown_file(qtbot, workbench: AuthorWorkbench, folder: Path) -> None:
    path = folder / "rained-out-park.yaml"
    original = path.read_text(encoding="utf-8")
    workbench.show_file(str(path))
    label, count = bundled_status(path)
    verdict = "ok" if not count else "warnings"
    assert workbench.problems.summary.text().startswith("No problems" if not count else f"{count} warning")

    path.write_text(BROKEN, encoding="utf-8")
    qtbot.waitUntil(lambda: workbench.status.verdict == "errors", timeout=5000)
    codes = [workbench.problems.list.topLevelItem(i).text(2) for i in range(workbench.problems.list.topLevelItemCount())]
    assert "yaml-syntax" in codes
    assert labels(workbench)["rained-out-park.yaml"] == "1 error"
    assert "Reloaded rained-out-park.yaml" in workbench.message.text()
    assert "[unclosed" in workbench.problems.source.toPlainText()

    path.write_text(original, encoding="utf-8")
    qtbot.waitUntil(lambda: workbench.status.verdict == verdict, timeout=5000)
    assert workbench.problems.list.topLevelItemCount() == count and labels(workbench)["rained-out-park.yaml"] == label
    assert workbench.title.text() == load_scenario(path).scenario.title


def test_an_editor_that_saves_by_renaming_is_followed(qtbot, workbench: AuthorWorkbench, folder: Path) -> None:
    """Many editors write a temporary file and rename it over the original, which drops the watch."""
    path = folder / "canoes-no-life-jackets.yaml"
    workbench.show_file(str(path))
    for attempt in range(2):  # twice: the second save proves the watch was renewed after the first
        temporary = folder / f".canoes.swp{attempt}"
        text = re.sub(r"^title: .*$", f"title: Fifteen canoes {attempt}", path.read_text(encoding="utf-8"), flags=re.M)
        temporary.write_text(text, encoding="utf-8")
        os.replace(temporary, path)
        qtbot.waitUntil(lambda a=attempt: workbench.title.text().startswith(f"Fifteen canoes {a}"), timeout=5000)


def test_files_added_and_removed_on_disk_appear_and_vanish(qtbot, workbench: AuthorWorkbench, folder: Path) -> None:
    (folder / "fresh.yaml").write_text(BROKEN, encoding="utf-8")
    qtbot.waitUntil(lambda: "fresh.yaml" in labels(workbench), timeout=5000)
    assert labels(workbench)["fresh.yaml"] == "1 error"
    workbench.show_file(str(folder / "fresh.yaml"))
    (folder / "fresh.yaml").unlink()
    qtbot.waitUntil(lambda: "fresh.yaml" not in labels(workbench), timeout=5000)
    assert workbench.status is None
    assert "no longer in its folder" in workbench.message.text()


def test_folders_are_remembered_and_forgotten(qtbot, tmp_path: Path, folder: Path) -> None:
    other = tmp_path / "more"
    other.mkdir()
    settings = MemorySettings()
    first = AuthorWorkbench(settings)
    qtbot.addWidget(first)
    assert first.add_folder(str(folder))
    assert first.add_folder(str(other))
    assert not first.add_folder(str(other)), "the same folder twice"
    assert settings.get_setting(FOLDERS_KEY) == [str(folder.resolve()), str(other.resolve())]

    second = AuthorWorkbench(settings)
    qtbot.addWidget(second)
    assert second.folders.folders == [str(folder.resolve()), str(other.resolve())]
    assert second.folder_panel.tree.topLevelItem(1).child(0).text(0) == "(no .yaml files yet)"
    second.remove_folder(str(other.resolve()))
    assert settings.get_setting(FOLDERS_KEY) == [str(folder.resolve())]


def test_a_folder_that_no_longer_exists_is_skipped(qtbot, tmp_path: Path) -> None:
    folders = ScenarioFolders([str(tmp_path / "gone")])
    assert folders.folders == []
    folders.refresh()  # nothing to do, nothing raised


class BrokenStore:
    """A settings store whose disk has failed: reads and writes raise, like StoreError would."""

    def get_setting(self, key: str, default: object = None) -> object:
        raise OSError("disk I/O error")

    def set_setting(self, key: str, value: object) -> None:
        raise OSError("disk I/O error")


def test_a_failing_settings_store_does_not_lock_the_trainer_out(qtbot, folder: Path) -> None:
    bench = AuthorWorkbench(BrokenStore())
    qtbot.addWidget(bench)
    assert bench.add_folder(str(folder))
    assert "could not be saved" in bench.message.text()
    assert bench.status is not None
