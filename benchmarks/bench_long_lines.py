"""Author workbench on a file with one long line: show it and go to a problem at the line's end,
against loading the same text into a plain QPlainTextEdit (no wrapping, as the source view), in the
same run.

Run on demand (``.venv/bin/python benchmarks/bench_long_lines.py``), never in the test suite.
The workbench's source view adds line numbers, problem tints and a jump to line:column; the
ratio should stay flat as the line grows (it grew with the line's length before issue 21).
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication, QPlainTextEdit  # noqa: E402 (after the platform is chosen)

from simulator.gui.author.source import SourceView  # noqa: E402
from simulator.scenario.problems import Problem  # noqa: E402

SIZES = (50_000, 200_000, 1024 * 1024)
ROUNDS = 5


def timed(app: QApplication, work: object) -> float:
    started = time.perf_counter()
    work()  # type: ignore[operator]
    app.processEvents()
    return time.perf_counter() - started


def main() -> None:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    view, plain = SourceView(), QPlainTextEdit()
    # no wrapping, like the source view: a wrapped 1 MB line with no spaces takes QPlainTextEdit ~27 s
    plain.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
    for widget in (view, plain):
        widget.resize(1024, 700)
        widget.show()
    print(f"{'line':>9} {'workbench s':>12} {'plain s':>9} {'ratio':>6}")
    for size in SIZES:
        text = "format: 1\n" + "k" * size + ": 1\nid: x\n"
        problem = Problem("long.yaml", 2, size, "error", "unknown-key", "unknown key")

        def workbench(text: str = text, problem: Problem = problem) -> None:
            view.show_text(text, [problem])
            view.go_to(problem.line, problem.col)

        ours, theirs = [], []
        for _ in range(ROUNDS):  # interleaved so load on the machine hits both alike
            ours.append(timed(app, workbench))
            theirs.append(timed(app, lambda text=text: plain.setPlainText(text)))
        a, b = statistics.median(ours), statistics.median(theirs)
        print(f"{size:>9,} {a:>12.3f} {b:>9.3f} {a / b:>6.2f}")


if __name__ == "__main__":
    main()
