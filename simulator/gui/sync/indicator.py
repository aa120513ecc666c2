"""The sync indicator (right end of the menu bar): how the results sync stands, in a few words; click for the settings.

It shows only counts and times ("xAPI: 12 waiting", "xAPI: all sent 14:02"), never the LRS
address, a user name or whose results are waiting: the settings page behind the supervisor
passphrase has the details.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QMenuBar, QToolButton, QWidget

from simulator.gui.style import literal, repolish, shorten
from simulator.gui.sync.worker import Status

PROBLEM_CHARS = 60
LOOK = """
QToolButton#syncIndicator { border: none; padding: 0 0.6em; margin: 0; color: #52606d; background: transparent; }
QToolButton#syncIndicator:hover { color: #1f2933; text-decoration: underline; }
QToolButton#syncIndicator[state="problem"] { color: #9b1c1c; }
"""
HINT = "Click to open the results sync settings (supervisor passphrase)."


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def describe(status: Status) -> tuple[str, str]:  # noqa: PLR0911 - one return per state reads best
    """The indicator's text and tooltip for ``status``."""
    waiting = f"{_plural(status.pending, 'statement')} waiting to be sent"
    held = f"; {status.held} refused by the LRS and held" if status.held else ""
    last = f"Last complete sync: {status.last_sent:%d %b %Y %H:%M}." if status.last_sent else "Nothing sent since the app opened."
    if status.state == "checking":
        return "xAPI: checking…", f"Checking for results waiting to be sent.\n{HINT}"
    if status.state == "no-file":
        return "xAPI: off", "Results are not kept in a file here, so they can't be sent to an LRS."
    if status.state == "not-set-up":
        return "xAPI: not set up", f"Results are kept on this PC only; no Learning Record Store is set up.\n{HINT}"
    if status.state == "sending":
        total = max(status.total, status.done)
        text = f"xAPI: sending… {status.done}/{total}" if total else "xAPI: sending…"
        return text, f"Sending results to the Learning Record Store.\n{waiting}{held}.\n{HINT}"
    if status.state == "problem":
        paused = "\nAutomatic sending is paused until the settings change or someone presses Sync now." if status.paused else ""
        tip = f"Problem: {status.problem}.\n{waiting}{held}. {last}{paused}\n{HINT}"
        return f"xAPI: problem: {shorten(status.problem, PROBLEM_CHARS)}", tip
    if status.pending:
        return f"xAPI: {status.pending} waiting", f"{waiting}{held}. {last}\n{HINT}"
    when = f" {status.last_sent:%H:%M}" if status.last_sent else ""
    return f"xAPI: all sent{when}", f"Every result is in the Learning Record Store{held}. {last}\n{HINT}"


class SyncIndicator(QToolButton):
    """A flat, clickable status-bar item; ``open_requested`` when clicked."""

    open_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("syncIndicator")
        self.setAutoRaise(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # not in a trainee's Tab chain; Staff ▸ Results sync reaches it by keyboard
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.setStyleSheet(LOOK)
        self.clicked.connect(self.open_requested)
        self.show_status(Status())

    def _fit_in_parent(self) -> None:
        """A menu bar places its corner widget only when (re)set or resized: re-set it when the text grows or shrinks."""
        parent = self.parentWidget()
        if (
            isinstance(parent, QMenuBar)
            and parent.cornerWidget(Qt.Corner.TopRightCorner) is self
            and self.width() != self.sizeHint().width()
        ):
            parent.setCornerWidget(self, Qt.Corner.TopRightCorner)

    def show_status(self, status: Status) -> None:
        text, tip = describe(status)
        self.setText(literal(text))
        self._fit_in_parent()
        self.setToolTip(tip)
        self.setAccessibleName("Results sync")
        self.setAccessibleDescription(f"{text}. {tip}")
        if self.property("state") != status.state:
            self.setProperty("state", status.state)
            repolish(self)
