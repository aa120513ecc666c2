"""The problems panel: every finding of the loader and the lint, and the lines they point at.

Each row gives ``file:line:col``, the severity, the code and the message, exactly as
``simulator validate`` prints them. Selecting a row shows the line in the read-only source view
below; double-click (or Enter, or "Open in editor") also opens the trainer's editor at that line.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QSplitter,
    QStyle,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from simulator.gui.author.editor import open_in_editor
from simulator.gui.author.source import SourceView, read_source
from simulator.gui.style import plain_label
from simulator.gui.tooltips import plain_tip
from simulator.scenario.problems import Problem

COLUMNS = ("Where", "Severity", "Code", "Message")
Opener = Callable[[str, int, int], str]


class ProblemList(QTreeWidget):
    """The rows; Enter opens the current one like a double-click does."""

    activated_row = Signal(object)
    """A problem was double-clicked or Enter was pressed on it (carries the ``Problem``)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setColumnCount(len(COLUMNS))
        self.setHeaderLabels(COLUMNS)
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(True)
        self.setAlternatingRowColors(False)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAccessibleName("Problems")
        header = self.header()
        header.setStretchLastSection(True)
        for column in range(3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.itemDoubleClicked.connect(lambda item, _col: self.activated_row.emit(item.data(0, Qt.ItemDataRole.UserRole)))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        item = self.currentItem()
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and item is not None:
            self.activated_row.emit(item.data(0, Qt.ItemDataRole.UserRole))
        else:
            super().keyPressEvent(event)


class ProblemsPanel(QWidget):
    """The Problems tab: a summary, the list of problems, and the file's source."""

    def __init__(self, parent: QWidget | None = None, opener: Opener = open_in_editor) -> None:
        super().__init__(parent)
        self.opener = opener  # opens the editor and returns what happened, in words (tests pass a fake)
        self.path = ""
        self.problems: list[Problem] = []
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 8, 0, 0)
        column.setSpacing(8)
        top = QHBoxLayout()
        self.summary = plain_label("", "heading")
        self.open_button = QPushButton("&Open in editor")
        self.open_button.setAccessibleName("Open the file in your editor at the selected problem")
        self.open_button.setToolTip("Opens $VISUAL or $EDITOR at the line, or the system's default application")
        self.open_button.clicked.connect(self._open_current)
        top.addWidget(self.summary, 1)
        top.addWidget(self.open_button)
        column.addLayout(top)
        self.list = ProblemList()
        self.list.currentItemChanged.connect(lambda item, _old: self._show(item))
        self.list.activated_row.connect(self.open_problem)
        self.where = plain_label("", "muted")
        self.source = SourceView()
        lower = QWidget()
        inner = QVBoxLayout(lower)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.setSpacing(4)
        inner.addWidget(self.where)
        inner.addWidget(self.source, 1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.setChildrenCollapsible(False)
        split.addWidget(self.list)
        split.addWidget(lower)
        split.setSizes([200, 400])
        column.addWidget(split, 1)
        self.status = plain_label("", "small")
        column.addWidget(self.status)

    def show_file(self, path: str, problems: list[Problem], text: str | None = None) -> None:
        """Show ``path``'s problems and source (``text``, or read from disk when None)."""
        keep = self._current_key() if path == self.path else None
        self.path = path
        self.problems = sorted(problems, key=lambda p: (p.line, p.col, p.severity != "error"))
        self.summary.setText(summary_text(self.problems))
        self.source.show_text(read_source(path) if text is None else text, self.problems)
        self.list.clear()
        style = self.style()
        icons = {
            "error": style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical),
            "warning": style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning),
        }
        name = Path(path).name
        for problem in self.problems:
            item = QTreeWidgetItem([f"{name}:{problem.line}:{problem.col}", problem.severity, problem.code, problem.message])
            item.setIcon(1, icons.get(problem.severity, icons["warning"]))
            item.setToolTip(0, plain_tip(str(problem.path)))
            item.setData(0, Qt.ItemDataRole.UserRole, problem)
            self.list.addTopLevelItem(item)
        self.list.setVisible(bool(self.problems))
        self.open_button.setEnabled(bool(path))
        self._restore(keep)
        self.status.setText("")

    def _current_key(self) -> tuple[str, str] | None:
        item = self.list.currentItem()
        problem = item.data(0, Qt.ItemDataRole.UserRole) if item else None
        return (problem.code, problem.message) if problem else None

    def _restore(self, key: tuple[str, str] | None) -> None:
        """After a reload, stay on the same problem if it is still there (lines may have moved)."""
        items = [self.list.topLevelItem(i) for i in range(self.list.topLevelItemCount())]
        for item in filter(None, items):
            problem = item.data(0, Qt.ItemDataRole.UserRole)
            if key is None or (problem.code, problem.message) == key:
                self.list.setCurrentItem(item)
                return
        first = self.list.topLevelItem(0)
        if first is not None:
            self.list.setCurrentItem(first)
        else:
            self.where.setText("The whole file is shown below; use Open in editor to change it.")

    def _show(self, item: QTreeWidgetItem | None) -> None:
        problem = item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None
        if problem is not None:
            self.show_line(problem.line, problem.col, f"{problem.severity}: {problem.code}: {problem.message}")

    def show_line(self, line: int, col: int = 1, note: str = "") -> None:
        """Scroll the source view to ``line`` and say where it is."""
        where = f"{Path(self.path).name}, line {line}, column {col}"
        self.where.setText(f"{where} · {note}" if note else where)
        self.source.go_to(line, col)

    def open_problem(self, problem: Problem) -> None:
        self.show_line(problem.line, problem.col, f"{problem.severity}: {problem.code}: {problem.message}")
        self.status.setText(self.opener(self.path, problem.line, problem.col))

    def current_problem(self) -> Problem | None:
        item = self.list.currentItem()
        return item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None

    def _open_current(self) -> None:
        problem = self.current_problem()
        if problem is not None:
            self.open_problem(problem)
        elif self.path:
            self.status.setText(self.opener(self.path, 1, 1))


def summary_text(problems: list[Problem]) -> str:
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    if not problems:
        return "No problems: this file is ready to play."
    parts = []
    if errors:
        parts.append(f"{errors} error{'s' * (errors != 1)}")
    if warnings:
        parts.append(f"{warnings} warning{'s' * (warnings != 1)}")
    verdict = "fix the errors before trainees can play it." if errors else "it can be played; the warnings are worth a look."
    return f"{' and '.join(parts)}: {verdict}"
