"""How the results sync stands, said in the Staff menu's "Results sync" entry, and only there.

Trainees never see sync status, LRS jargon or sync errors on their screens: a red "xAPI: problem"
in the corner of the play screen alarmed them and told them nothing they could act on. Staff open
the Staff menu and read "Results sync (xAPI: 12 waiting)…". It says only counts and times, never
the LRS address, a user name or whose results are waiting: the settings page behind the staff
passphrase has the details.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from simulator.gui.style import literal, shorten
from simulator.gui.tooltips import plain_tip

if TYPE_CHECKING:
    from PySide6.QtGui import QAction

    from simulator.gui.sync.worker import Status

PROBLEM_CHARS = 60
LABEL = "&Results sync"
HINT = "Opens the results sync settings (staff passphrase)."


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


class SyncMenuItem(QObject):
    """Keeps the Staff menu's results sync entry saying how the sync stands."""

    def __init__(self, action: QAction) -> None:
        super().__init__(action)
        self.action = action
        self._text = ""

    def show_status(self, status: Status) -> None:
        self._text, tip = describe(status)
        short = "xAPI: problem" if status.state == "problem" else self._text  # what went wrong: in the tooltip
        self.action.setText(f"{LABEL} ({literal(short)})…")
        self.action.setToolTip(plain_tip(tip))

    def text(self) -> str:
        """The status words in the entry ("xAPI: 12 waiting")."""
        return self._text

    def toolTip(self) -> str:
        return self.action.toolTip()
