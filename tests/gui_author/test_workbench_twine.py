"""The workbench's "Import from Twine...": file dialog, import into the chosen folder, the new file shown, the report."""

from __future__ import annotations

from pathlib import Path

from simulator.gui.author.workbench import PROBLEMS, AuthorWorkbench
from simulator.scenario import load_scenario

DRAFT = (
    ":: StoryTitle\nLost bag\n"
    ":: Start\nMy bag is gone.\n[[I'm sorry - what was in it?->Heard]]\n[[Nowhere]]\n"
    ":: Heard [listening+2 outcome-loyal]\nFeedback: Listening first.\nDebrief: You listened.\nThanks.\n"
)


def draft(tmp_path: Path, text: str = DRAFT, name: str = "lost bag.twee") -> Path:
    where = tmp_path / "drafts"
    where.mkdir(exist_ok=True)
    path = where / name
    path.write_text(text, encoding="utf-8")
    return path


def test_import_writes_into_the_folder_opens_the_file_and_shows_the_report(
    workbench: AuthorWorkbench, folder: Path, tmp_path: Path
) -> None:
    source = draft(tmp_path)
    workbench.ask_twine_file = lambda: str(source)
    workbench.folder_panel.import_button.click()
    out = folder / "lost-bag.yaml"
    assert load_scenario(out).ok
    assert workbench.status is not None and workbench.status.path == str(out)
    assert workbench.title.text() == "Lost bag"
    assert workbench.tabs.currentIndex() == PROBLEMS
    assert "Imported lost bag.twee into lost-bag.yaml" in workbench.message.text()
    report = workbench.import_report
    assert report.isVisible()
    assert report.headline.text() == "Imported into lost-bag.yaml."
    lines = report.notes.toPlainText().splitlines()
    assert "line 6: warning: [[Nowhere]] in 'Start' leads to no passage; the reply is dropped" in lines
    assert any(line.startswith("line 1: todo: write the summary") for line in lines)

    assert workbench.import_from_twine() == folder / "lost-bag-2.yaml", "never overwrites"
    assert load_scenario(out).ok


def test_a_draft_that_cannot_be_imported_writes_nothing_and_reports_the_line(
    workbench: AuthorWorkbench, folder: Path, tmp_path: Path
) -> None:
    before = sorted(folder.iterdir())
    source = draft(tmp_path, ":: Start\nOnly words, no links.\n", "dead end.twee")
    workbench.ask_twine_file = lambda: str(source)
    assert workbench.import_from_twine() is None
    assert sorted(folder.iterdir()) == before
    assert workbench.import_report.headline.text() == "Nothing was imported: fix the errors below."
    assert workbench.import_report.notes.toPlainText().startswith("line 1: error: the start passage 'Start' links nowhere")
    assert "Nothing was imported from dead end.twee" in workbench.message.text()


def test_cancelling_or_a_missing_file_writes_nothing(workbench: AuthorWorkbench, folder: Path, tmp_path: Path) -> None:
    before = sorted(folder.iterdir())
    workbench.ask_twine_file = lambda: None
    assert workbench.import_from_twine() is None
    assert workbench.import_report is None
    workbench.ask_twine_file = lambda: str(tmp_path / "gone.twee")
    assert workbench.import_from_twine() is None
    assert "Could not import" in workbench.message.text() and "gone.twee: no such file" in workbench.message.text()
    assert sorted(folder.iterdir()) == before


def test_without_a_folder_the_workbench_says_to_add_one(qtbot, tmp_path: Path) -> None:
    from simulator.gui.author.workbench import MemorySettings

    bench = AuthorWorkbench(MemorySettings())
    qtbot.addWidget(bench)
    bench.ask_twine_file = lambda: str(draft(tmp_path))
    assert not bench.folder_panel.import_button.isEnabled()
    assert bench.import_from_twine() is None
    assert bench.message.text() == "Add a folder first: the imported scenario is written there."
