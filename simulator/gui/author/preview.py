"""Play a scenario from any node, in the trainee's own play view, without recording anything.

The dialog reuses the practice window's ``PlayScreen`` and ``DebriefScreen`` so the trainer sees
exactly what a trainee will. The session is never attached to the results store, and previews
always run in practice mode (coaching after each reply, step back allowed).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QDialog, QHBoxLayout, QStackedWidget, QVBoxLayout, QWidget

from simulator.engine import Session
from simulator.gui.debrief import DebriefScreen
from simulator.gui.play import PlayScreen
from simulator.gui.style import plain_label
from simulator.scenario.model import Scenario


class PreviewDialog(QDialog):
    """A window holding one preview; ``start`` replaces whatever it was playing."""

    preview_started = Signal(str)
    """A preview began at this node."""

    def __init__(self, parent: QWidget | None = None, clock: Any = None) -> None:
        super().__init__(parent)
        self.clock = clock  # None: the real clock (time limits run); tests pass a FakeClock
        self.session: Session | None = None
        self.scenario: Scenario | None = None
        self.node = ""
        self.setObjectName("screen")
        self.setWindowTitle("Preview")
        self.setModal(False)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 10, 0, 0)
        column.setSpacing(4)
        self.banner = plain_label("", name="banner")  # the style sheet's yellow notice: this is not a real session
        self.banner.setContentsMargins(10, 6, 10, 6)
        row = QHBoxLayout()
        row.setContentsMargins(20, 0, 20, 0)
        row.addWidget(self.banner)
        column.addLayout(row)
        self.stack = QStackedWidget()
        self.play = PlayScreen()
        self.play.finished.connect(self._show_debrief)
        self.play.leave_requested.connect(self.close)
        self.debrief = DebriefScreen()
        self.debrief.try_again.connect(self.restart)
        self.debrief.back_to_library.connect(self.close)
        self.debrief.library_button.setText("Close preview")
        self.debrief.library_button.setAccessibleName("Close the preview")
        self.debrief.again_button.setText("Play again from here")
        self.debrief.again_button.setAccessibleName("Play the preview again from the same node")
        self.play.leave_button.setText("Close preview")
        self.play.leave_button.setAccessibleName("Close the preview")
        self.play.leave_button.setToolTip("Close the preview (Esc); nothing is recorded")
        self.stack.addWidget(self.play)
        self.stack.addWidget(self.debrief)
        column.addWidget(self.stack, 1)
        self.resize(980, 680)

    def start(self, scenario: Scenario, node: str) -> None:
        """Play ``scenario`` from ``node`` (a node id, not an ending)."""
        self._stop()
        self.scenario, self.node = scenario, node
        self.session = Session(scenario, start=node, mode="practice", clock=self.clock)
        self.banner.setText(
            f"Preview from “{node}” of {Path(scenario.path).name}. Nothing is recorded. Mood and variables "
            "start from the file's values, and the score counts only the replies given here."
        )
        self.setWindowTitle(f"Preview from {node} - {scenario.title}")
        self.play.load(self.session)
        self.session.begin()
        self.stack.setCurrentWidget(self.play)
        self.preview_started.emit(node)

    def restart(self) -> None:
        if self.scenario is not None:
            self.start(self.scenario, self.node)

    def _show_debrief(self, card: Any) -> None:
        self.play.release()
        try:
            self.debrief.show_card(card, self.scenario)
        except Exception as exc:  # the debrief is someone else's screen; a preview must still end well
            self.banner.setText(f"The debrief could not be shown ({exc}); score {card.overall}.")
            return
        self.stack.setCurrentWidget(self.debrief)
        self.debrief.again_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _stop(self) -> None:
        self.play.release()
        if self.session is not None:
            self.session.close()
        self.session = None

    def closeEvent(self, event: QCloseEvent) -> None:
        self._stop()
        super().closeEvent(event)
