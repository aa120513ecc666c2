"""The explorer report: which endings can be reached and how, score ranges, path counts.

It shows what ``simulator explore`` computes, plus a route to every ending found by playing the
scenario through the engine (so ``when`` conditions and mood rules count). A route can be copied
as a ``tests:`` entry: the trainer pastes it into the file and ``simulator test`` keeps it true.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication
from PySide6.QtWidgets import QHBoxLayout, QHeaderView, QPushButton, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from simulator.gui.author.analysis import Route, routes, step_text
from simulator.gui.style import plain_label
from simulator.gui.tooltips import plain_tip
from simulator.scenario import Exploration, explore
from simulator.scenario.model import Scenario

OUTCOME_COLOURS = {"loyal": "#1e5631", "neutral": "#3e4c59", "lost": "#8a1c1c"}


def _tree(headers: list[str], name: str) -> QTreeWidget:
    tree = QTreeWidget()
    tree.setColumnCount(len(headers))
    tree.setHeaderLabels(headers)
    tree.setAccessibleName(name)
    tree.setUniformRowHeights(True)
    tree.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    tree.header().setStretchLastSection(True)
    return tree


class ReportPanel(QWidget):
    """The Report tab."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.routes: dict[str, Route] = {}
        self.exploration: Exploration | None = None
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 8, 0, 0)
        column.setSpacing(6)
        self.summary = plain_label("", "heading")
        column.addWidget(self.summary)
        column.addWidget(plain_label("Endings and how to reach them", "heading"))
        self.endings = _tree(["Ending", "Outcome", "Title", "Replies to choose"], "Endings and how to reach them")
        self.endings.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        self.endings.currentItemChanged.connect(lambda _item, _old: self._update_copy())
        column.addWidget(self.endings, 3)
        row = QHBoxLayout()
        self.route_note = plain_label("", "small")
        self.copy_button = QPushButton("&Copy as a test")
        self.copy_button.setAccessibleName("Copy the selected route as a tests entry")
        self.copy_button.setToolTip("Copies a 'tests:' entry that replays this route; paste it under tests: in the file")
        self.copy_button.clicked.connect(self.copy_test)
        row.addWidget(self.route_note, 1)
        row.addWidget(self.copy_button)
        column.addLayout(row)
        column.addWidget(plain_label("Score range per dimension", "heading"))
        self.dimensions = _tree(["Dimension", "Lowest", "Highest", "Best score ends at", "Note"], "Score range per dimension")
        self.dimensions.setRootIsDecorated(False)
        column.addWidget(self.dimensions, 2)
        self.notes = plain_label("", "muted")
        self.notes.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        column.addWidget(self.notes)

    def show_scenario(self, scenario: Scenario | None) -> None:
        self.endings.clear()
        self.dimensions.clear()
        self.routes = {}
        self.exploration = None
        if scenario is None:
            self.summary.setText("The report appears once the file can be read: fix the errors listed under Problems.")
            self.notes.setText("")
            self.route_note.setText("")
            self._update_copy()
            return
        exploration = explore(scenario)
        self.exploration = exploration
        self.routes = routes(scenario)
        self.summary.setText(summary_text(exploration))
        self._fill_endings(scenario, exploration)
        self._fill_dimensions(scenario, exploration)
        self.notes.setText(notes_text(scenario, exploration))
        played = all(r.played for r in self.routes.values())
        self.route_note.setText(
            "Routes were played through the engine (conditions and mood rules count); reply numbers are as the trainee sees them."
            if played
            else "Routes marked “graph only” ignore conditions (the search stopped at its limit); check them with a preview."
        )
        first = self.endings.topLevelItem(0)
        if first is not None:
            self.endings.setCurrentItem(first)
        self._update_copy()

    def _fill_endings(self, scenario: Scenario, exploration: Exploration) -> None:
        for ending_id, ending in scenario.endings.items():
            route = self.routes.get(ending_id)
            if route is None:
                how = "not reachable"
            else:
                how = ", ".join("wait" if n == 0 else str(n) for n in route.numbers) or "(start)"
                how += "" if route.played else "  (graph only)"
            item = QTreeWidgetItem([ending_id, ending.outcome, ending.title, how])
            item.setForeground(1, QColor(OUTCOME_COLOURS.get(ending.outcome, "#1f2933")))
            item.setData(0, Qt.ItemDataRole.UserRole, ending_id)
            item.setToolTip(2, plain_tip(ending.title))
            self.endings.addTopLevelItem(item)
            for number, step in enumerate(route.steps if route else [], 1):
                child = QTreeWidgetItem([f"{number}. {step_text(step)}"])
                child.setToolTip(0, plain_tip(step.text))
                item.addChild(child)
                child.setFirstColumnSpanned(True)
            if route is None:
                item.setForeground(3, QColor("#8a1c1c"))
        metrics = self.endings.fontMetrics()
        widest = max((metrics.horizontalAdvance(e) for e in scenario.endings), default=80)
        self.endings.setColumnWidth(0, widest + 48)
        exploration_endings = set(exploration.reachable_endings)
        for i in range(self.endings.topLevelItemCount()):
            row = self.endings.topLevelItem(i)
            if row is not None and row.data(0, Qt.ItemDataRole.UserRole) not in exploration_endings:
                row.setToolTip(0, "No path from the start reaches this ending.")

    def _fill_dimensions(self, scenario: Scenario, exploration: Exploration) -> None:
        for dim in exploration.dimensions.values():
            weight = scenario.rubric[dim.id].weight if dim.id in scenario.rubric else 1
            note = "no path can score this" if dim.max <= 0 else f"weight {weight:g}" if weight != 1 else ""
            item = QTreeWidgetItem([dim.label, str(dim.min), str(dim.max), dim.best_ending or "–", note])
            item.setToolTip(0, plain_tip(dim.id))
            if dim.max <= 0:
                for col in range(5):
                    item.setForeground(col, QColor("#8a1c1c"))
            self.dimensions.addTopLevelItem(item)

    def selected_route(self) -> Route | None:
        item = self.endings.currentItem()
        while item is not None and item.parent() is not None:
            item = item.parent()
        return self.routes.get(item.data(0, Qt.ItemDataRole.UserRole)) if item is not None else None

    def _update_copy(self) -> None:
        route = self.selected_route()
        self.copy_button.setEnabled(route is not None and route.as_test() is not None)

    def copy_test(self) -> str:
        """Put the selected route on the clipboard as a ``tests:`` entry; returns the text."""
        route = self.selected_route()
        text = route.as_test() if route else None
        if route is not None and text:
            QGuiApplication.clipboard().setText(text)
            self.route_note.setText(f"Copied a test that reaches “{route.ending}”: paste it under tests: in the file.")
        return text or ""


def summary_text(exploration: Exploration) -> str:
    endings = len(exploration.reachable_endings)
    paths = "endless paths (a loop can be taken again and again)" if exploration.paths is None else f"{exploration.paths:,} paths"
    parts = [f"{endings} ending{'s' * (endings != 1)} reachable", paths]
    if exploration.shortest_path is not None:
        parts.append(f"shortest: {exploration.shortest_path} repl{'y' if exploration.shortest_path == 1 else 'ies'}")
    return " · ".join(parts)


def notes_text(scenario: Scenario, exploration: Exploration) -> str:
    lines = []
    unscored = [d.label for d in exploration.dimensions.values() if d.max <= 0]
    if unscored:
        lines.append("No path can score: " + ", ".join(unscored) + ". Give some reply points for it, or drop it from the rubric.")
    if exploration.unreachable:
        lines.append("Unreachable: " + ", ".join(exploration.unreachable) + ".")
    if not unscored and not exploration.unreachable:
        lines.append("Every place is reachable and every dimension can be scored.")
    if exploration.best_path:
        lines.append(f"The best overall path takes {len(exploration.best_path)} replies.")
    lines.append(
        "Figures are exact: every state a trainee can reach was played out."
        if getattr(exploration, "exact", False)
        else "Figures are bounds from the graph (conditions and mood ignored): the scenario is large or loops."
    )
    return "\n".join(lines)
