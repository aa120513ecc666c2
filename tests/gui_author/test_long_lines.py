"""A scenario file with one enormous line: the workbench shows it and goes to a problem inside it
in time linear in the line's length (it used to move the cursor one character at a time, each
step re-laying the whole line: 20 s for 200 KB, minutes for 1 MB)."""

from __future__ import annotations

import time
from pathlib import Path

from simulator.gui.author.source import SourceView
from simulator.gui.author.workbench import PROBLEMS, AuthorWorkbench

BUNDLED = Path(__file__).resolve().parents[2] / "scenarios"
MEGABYTE = 1024 * 1024


def one_long_line(folder: Path, length: int) -> tuple[Path, int]:
    """A bundled scenario whose tags line is ``length`` characters long with a wrong key near its end."""
    text = (BUNDLED / "rained-out-park.yaml").read_text(encoding="utf-8")
    filler = "a, " * (length // 3)
    path = folder / "long-line.yaml"
    path.write_text(text.replace("tags: [alternatives", f"tags: [{filler}zz: 1, alternatives"), encoding="utf-8")
    return path, len("tags: [") + len(filler) + 1


def test_a_problem_at_the_end_of_a_1_mb_line_is_shown_quickly(qtbot, workbench: AuthorWorkbench, folder: Path) -> None:
    path, col = one_long_line(folder, MEGABYTE)
    workbench.folders.reload(str(path))
    qtbot.waitUntil(lambda: str(path) in workbench.folders.files, timeout=30_000)
    started = time.perf_counter()
    workbench.show_file(str(path))
    qtbot.wait(1)  # the layout and the paint the selection triggered
    took = time.perf_counter() - started
    assert workbench.tabs.currentIndex() == PROBLEMS
    problem = workbench.problems.current_problem()
    assert problem is not None and problem.col > MEGABYTE // 2, problem
    cursor = workbench.problems.source.textCursor()
    assert (cursor.blockNumber() + 1, cursor.positionInBlock() + 1) == (problem.line, problem.col)
    assert abs(problem.col - col) < 10
    assert took < 15, f"showing a 1 MB line with a problem took {took:.1f} s"


def test_going_to_a_column_scales_with_the_line_not_its_square(qtbot) -> None:
    view = SourceView()
    qtbot.addWidget(view)
    view.resize(1024, 700)
    view.show()

    def go_to_the_middle(length: int) -> float:
        view.show_text("start\n" + "k" * length + "\nend\n", [])
        started = time.perf_counter()
        view.go_to(2, length // 2)
        qtbot.wait(1)
        assert view.textCursor().positionInBlock() == length // 2 - 1
        return time.perf_counter() - started

    go_to_the_middle(1000)  # warm-up
    small, large = go_to_the_middle(100_000), go_to_the_middle(MEGABYTE)
    # 10x the text: linear is ~10x, quadratic (the old cursor walk) ~100x and about a minute
    assert large < max(1.0, small * 40), (small, large)
