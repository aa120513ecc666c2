"""The workbench's "Try a reply" box: type what a trainee might say at a node, see the ranking.

Trainers use it to check that their replies (and ``cues:``) are told apart by the matcher the
"In your own words" mode uses; it ranks every reply of the node, as ``simulator match`` does.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QHeaderView, QLabel, QLineEdit, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from simulator.engine.matching import MAX_CHARS, Match
from simulator.gui.style import plain_label
from simulator.gui.typed_match import MatchRunner
from simulator.scenario.model import Node, Scenario

VERDICTS = {
    "clear": "Clearly closest to reply {best}: a trainee would be asked “Closest to: …?”",
    "close": "Replies {shortlist} are close: a trainee would be asked which one they meant. Cues can tell them apart.",
    "unsure": "Not sure what that means (another language, or not words?): a trainee would see the cards.",
    "empty": "Type a reply first.",
}


class TryReplyDialog(QDialog):
    """One node's replies ranked against whatever the trainer types."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.node: Node | None = None
        self.setModal(False)
        self.resize(760, 420)
        self.status: QLabel
        self.runner = MatchRunner(self)
        self.runner.matched.connect(self.show_match)
        self.runner.failed.connect(lambda message: self.status.setText(f"Matching is not available: {message}"))
        self.runner.ready.connect(lambda: self.status.setText("Ready: type a reply and press Enter."))
        column = QVBoxLayout(self)
        self.customer = plain_label("", "muted")
        self.entry = QLineEdit()
        self.entry.setMaxLength(MAX_CHARS)
        self.entry.setPlaceholderText("Type what a trainee might say, then press Enter")
        self.entry.setAccessibleName("A reply to try")
        self.entry.returnPressed.connect(self.try_text)
        self.status = plain_label("")
        self.table = QTreeWidget()
        self.table.setRootIsDecorated(False)
        self.table.setHeaderLabels(["Reply", "Similarity", "Text"])
        self.table.setAccessibleName("The node's replies, closest first")
        self.table.header().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        for widget in (self.customer, self.entry, self.status):
            column.addWidget(widget)
        column.addWidget(self.table, 1)

    def start(self, scenario: Scenario, node_id: str) -> None:
        self.node = scenario.nodes[node_id]
        self.setWindowTitle(f"Try a reply at {node_id} - {scenario.title}")
        self.customer.setText(f"{scenario.speaker(self.node)}: {self.node.say.strip()}")
        self.table.clear()
        self.status.setText("Loading the matching model…" if not self.runner.loaded else "Type a reply and press Enter.")
        self.runner.preload()
        self.entry.setFocus(Qt.FocusReason.OtherFocusReason)

    def try_text(self) -> None:
        if self.node is None or not self.entry.text().strip():
            return
        self.status.setText("Matching…")
        self.runner.rank(self.entry.text(), self.node.choices)

    def show_match(self, found: Match) -> None:
        self.table.clear()
        for ranked in found.ranked:
            cues = f"  (+{len(ranked.choice.cues)} cues)" if ranked.choice.cues else ""
            item = QTreeWidgetItem([str(ranked.choice.index + 1), f"{ranked.similarity:+.3f}", ranked.choice.text.strip() + cues])
            item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.addTopLevelItem(item)
        numbers = [str(r.choice.index + 1) for r in found.shortlist]
        self.status.setText(VERDICTS[found.verdict].format(best=numbers[0] if numbers else "", shortlist=", ".join(numbers)))
        self.table.resizeColumnToContents(0)
        self.table.resizeColumnToContents(1)
