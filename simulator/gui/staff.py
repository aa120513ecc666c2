"""One staff visit: the passphrase is asked once for the author workbench, the supervisor area and
results sync, and everything locks again when the visit ends.

The workbench is as much an answer key as the supervisor area is everyone's record (its report
lists the replies that reach the best ending, its preview plays from any node), so a trainee at
the shared PC must get into neither. ``enter`` asks for the passphrase unless a visit is open;
the main window calls ``end`` when the last staff tool is left, and the visit ends by itself after
``idle.IDLE_LIMIT`` without keyboard or mouse input.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from simulator.gui.idle import IdleWatch
from simulator.gui.supervise.access import PassphraseDialog
from simulator.gui.supervise.lock import Gate


class StaffAccess(QObject):
    """Whether a staff member has given the passphrase in this visit."""

    ended = Signal()
    """The visit is over: every staff tool must lock or close."""

    def __init__(self, store: Any, parent: QObject | None = None, gate: Gate | None = None) -> None:
        super().__init__(parent)
        self.gate = gate or Gate(store)
        self.is_open = False
        self.dialog: PassphraseDialog | None = None
        self.idle = IdleWatch(self)  # a visit left alone ends by itself: the next person finds it locked
        self.idle.idle.connect(self.end)

    def enter(self, parent: QWidget, granted: Callable[[], Any], cancelled: Callable[[], Any] | None = None) -> bool:
        """Run ``granted`` now if a visit is open (True), or once the passphrase is given (False).

        ``cancelled`` runs when the dialog is closed without the passphrase.
        """
        if self.is_open:
            granted()
            return True
        if self.dialog is not None:  # asked already: a second shortcut press only brings it forward
            self.dialog.raise_()
            self.dialog.activateWindow()
            return False
        dialog = PassphraseDialog(self.gate, parent)
        self.dialog = dialog

        def accepted() -> None:
            self.dialog, self.is_open = None, True
            self.idle.start()
            granted()

        def rejected() -> None:
            self.dialog = None
            if cancelled is not None:
                cancelled()

        dialog.accepted.connect(accepted)
        dialog.rejected.connect(rejected)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return False

    def end(self) -> None:
        """Lock: the next staff tool asks for the passphrase again."""
        self.idle.stop()
        if self.is_open:
            self.is_open = False
            self.ended.emit()
