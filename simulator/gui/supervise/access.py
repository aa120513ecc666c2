"""The staff passphrase dialog in front of the workbench, supervisor mode and results sync: set it
on first use, ask for it afterwards.

The rules (hashing, the growing wait after wrong tries, persistence) live in ``lock.Gate``; this
dialog only says what is happening, in words: how long to wait, what is wrong with a new
passphrase. It is opened with ``open()`` (window-modal, not blocking), and is ``accepted`` only
when the gate said yes. Enter submits exactly once (the field and the default button would each
submit) and never cancels: during a wait it does nothing, so the wait is read, not skipped.
"""

from __future__ import annotations

import math
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLineEdit, QPushButton, QVBoxLayout, QWidget

from simulator.gui.style import plain_label, set_role
from simulator.gui.supervise.lock import MIN_LENGTH, Gate, weakness

SET_INTRO = (
    "The staff tools show every trainee's results and the best reply at every step, so they are protected "
    "by a staff passphrase. "
    f"Choose one of at least {MIN_LENGTH} characters. It can't be recovered from the app: keep it somewhere safe."
)
ENTER_INTRO = (
    "The staff tools (author workbench, supervisor area, results sync) show every trainee's results and the answers. "
    "Enter the staff passphrase to continue."
)


class PassphraseDialog(QDialog):
    """Asks for (or, the first time, sets) the supervisor passphrase."""

    def __init__(self, gate: Gate, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.gate = gate
        self.first_use = not gate.is_set()
        self.setWindowTitle("Set the staff passphrase" if self.first_use else "Staff passphrase")
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 60)
        column = QVBoxLayout(self)
        column.setSpacing(10)
        column.addWidget(plain_label(SET_INTRO if self.first_use else ENTER_INTRO))
        self.passphrase = self._field("Passphrase", column)
        self.confirm = self._field("The same passphrase again", column) if self.first_use else None
        self.message = plain_label("", "muted")
        self.message.setObjectName("accessMessage")
        self.message.setAccessibleName("Passphrase message")
        column.addWidget(self.message)
        buttons = QDialogButtonBox()
        self.cancel_button = QPushButton("Cancel")  # a plain button: the stock one carries a dated red-X icon
        buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.ok_button = QPushButton("Set passphrase and continue" if self.first_use else "Unlock")
        set_role(self.ok_button, "primary")
        buttons.addButton(self.ok_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok_button.clicked.connect(self.submit)
        buttons.rejected.connect(self.reject)
        column.addWidget(buttons)
        self._countdown = QTimer(self)
        self._countdown.setInterval(250)
        self._countdown.timeout.connect(self._tick)
        self._tick()

    def _field(self, label: str, column: QVBoxLayout) -> QLineEdit:
        column.addWidget(plain_label(label, "small"))
        edit = QLineEdit()
        edit.setEchoMode(QLineEdit.EchoMode.Password)
        edit.setAccessibleName(label)
        column.addWidget(edit)
        return edit

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter: to the second field when it is still empty, else submit once; never Cancel."""
        if event.key() not in (Qt.Key.Key_Return, Qt.Key.Key_Enter) or self.cancel_button.hasFocus():
            super().keyPressEvent(event)
            return
        event.accept()
        if self.confirm is not None and self.passphrase.hasFocus() and not self.confirm.text():
            self.confirm.setFocus(Qt.FocusReason.TabFocusReason)
        else:
            self.submit()

    def done(self, result: int) -> None:
        self._countdown.stop()  # nothing reads the database for a dialog that is gone
        super().done(result)

    def submit(self) -> None:
        if not self.ok_button.isEnabled():
            return
        if self.first_use:
            self._set()
        else:
            self._check()

    def _set(self) -> None:
        text = self.passphrase.text()
        problem = weakness(text)
        if problem is None and self.confirm is not None and self.confirm.text() != text:
            problem = "The two passphrases are not the same."
        if problem:
            self._say(problem, problem=True)
            return
        if self._guarded(self.gate.set_passphrase, text) is not False:
            self.accept()

    def _check(self) -> None:
        verdict = self._guarded(self.gate.check, self.passphrase.text())
        if verdict is False:
            return
        if verdict.ok:
            self.accept()
            return
        self.passphrase.clear()
        self.passphrase.setFocus(Qt.FocusReason.OtherFocusReason)
        self._say("That passphrase is not right." if not verdict.refused else "Please wait before trying again.", problem=True)
        self._tick()

    def _guarded(self, call: Any, *args: Any) -> Any:
        """The call's result, or False after telling the user the database could not be used."""
        from simulator.store import StoreError

        try:
            return call(*args)
        except (StoreError, PermissionError, ValueError) as exc:
            self._say(str(exc), problem=True)
            return False

    def _tick(self) -> None:
        """Disable the button while a wait runs, and count it down in words."""
        wait = 0.0 if self.first_use else self.gate.wait_left()
        if wait > 0 and self.passphrase.hasFocus():
            self.setFocus(Qt.FocusReason.OtherFocusReason)  # not to Cancel, where the next Enter would close the dialog
        self.ok_button.setEnabled(wait <= 0)
        self.passphrase.setEnabled(wait <= 0)
        if wait > 0:
            seconds = math.ceil(wait)
            self._say(f"Too many wrong passphrases. Try again in {seconds} second{'s' if seconds != 1 else ''}.", problem=True)
            if not self._countdown.isActive():
                self._countdown.start()
        elif self._countdown.isActive():
            self._countdown.stop()
            self._say("You can try again now.")
            self.passphrase.setFocus(Qt.FocusReason.OtherFocusReason)

    def _say(self, text: str, problem: bool = False) -> None:
        """Show ``text``; a refusal or a wrong passphrase in the error style, anything else muted."""
        self.message.setText(text)
        set_role(self.message, "problem" if problem else "muted")
