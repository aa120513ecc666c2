"""Publishing: a trainer puts a workbench folder in the trainees' library (a staff setting in the
store); trainees see its scenarios that validate, and a broken file only as "not available"."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from guihelp import write_scenario
from PySide6.QtWidgets import QLabel

from simulator.gui.catalog import NOT_AVAILABLE
from simulator.store.library import LIBRARY_KEY

BROKEN = "format: 1\nid: broken-one\ntitle: Half written\nstart: nowhere\nnodes:\n  a: {say: [unclosed\n"
LINT_ERROR = (
    "format: 1\nid: lint-error\ntitle: Lost keys\nstart: a\nnodes:\n  a:\n    say: Hi\n    choices:\n"
    "      - {text: Go, goto: nowhere}\n"
)


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "team-scenarios"
    write_scenario(folder, id="lost-luggage", title="Lost luggage")
    (folder / "broken.yaml").write_text(BROKEN, encoding="utf-8")
    (folder / "lint.yaml").write_text(LINT_ERROR, encoding="utf-8")
    return folder


def _texts(widget: Any) -> str:
    return " ".join(label.text() for label in widget.findChildren(QLabel))


def test_publish_from_the_workbench_reaches_the_library(make_window: Any, store: Any, tmp_path: Path, qtbot: Any) -> None:
    from simulator.gui.author.workbench import AuthorWorkbench

    folder = _folder(tmp_path)
    bench = AuthorWorkbench(store)
    qtbot.addWidget(bench)
    bench.add_folder(str(folder))
    panel = bench.folder_panel
    assert panel.publish_button.text() == "&Publish to library"
    panel.publish_button.click()
    assert store.get_setting(LIBRARY_KEY) == [str(folder)]
    assert panel.publish_button.text() == "Take out of &library"
    assert panel.tree.topLevelItem(0).text(1) == "in the library"

    window = make_window()
    window.profile.name_edit.setText("Eve Test")
    window.profile.create_button.click()
    cards = {card.entry.path.name: card for card in window.library.cards}
    assert cards["lost-luggage.yaml"].start_button.isEnabled()
    for broken in ("broken.yaml", "lint.yaml"):  # a parse error and a lint error: both only "not available"
        card = cards[broken]
        assert not card.start_button.isEnabled()
        text = _texts(card)
        assert NOT_AVAILABLE in text
        for jargon in ("unknown-target", "missing", "yaml", "YAML", "line ", "rror", "goto", "nowhere"):
            assert jargon not in text
    cards["lost-luggage.yaml"].start_button.click()
    assert window.stack.currentWidget() is window.play and window.play.session.scenario.id == "lost-luggage"

    panel.publish_button.click()  # take it out again
    assert store.get_setting(LIBRARY_KEY) == []
    window.play.leave_button.click()
    assert "lost-luggage" not in {card.entry.id for card in window.library.cards}


def test_a_file_broken_after_the_library_was_drawn_gives_a_plain_message(make_window: Any, store: Any, tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    store.set_setting(LIBRARY_KEY, [str(folder)])
    window = make_window()
    told: list[tuple[str, str]] = []
    window._problem = lambda headline, details: told.append((headline, details))
    window.profile.name_edit.setText("Eve Test")
    window.profile.create_button.click()
    card = next(c for c in window.library.cards if c.entry.id == "lost-luggage")
    (folder / "lost-luggage.yaml").write_text(BROKEN, encoding="utf-8")
    card.start_button.click()
    assert told == [("“Lost luggage” can't be played.", NOT_AVAILABLE)]
    assert window.stack.currentWidget() is window.library


def test_removing_a_folder_from_the_workbench_takes_it_out_of_the_library(store: Any, tmp_path: Path, qtbot: Any) -> None:
    from simulator.gui.author.workbench import AuthorWorkbench

    folder = _folder(tmp_path)
    bench = AuthorWorkbench(store)
    qtbot.addWidget(bench)
    bench.add_folder(str(folder))
    assert bench.publish(str(folder))
    bench.remove_folder(str(folder))
    assert store.get_setting(LIBRARY_KEY) == []
