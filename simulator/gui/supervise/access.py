"""The passphrase dialog in front of supervisor mode: set it on first use, ask for it afterwards.

The rules (hashing, the growing wait after wrong tries, persistence) live in ``lock.Gate``; this
dialog only says what is happening, in words: how long to wait, what is wrong with a new
passphrase. It is opened with ``open()`` (window-modal, not blocking), and is ``accepted`` only
when the gate said yes.
"""

from __future__ import annotations

import math
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLineEdit, QPushButton, QVBoxLayout, QWidget

from simulator.gui.style import plain_label, set_role
from simulator.gui.supervise.lock import MIN_LENGTH, Gate, weakness

SET_INTRO = (
    "Supervisor mode shows every trainee's results, so it is protected by a passphrase. "
    f"Choose one of at least {MIN_LENGTH} characters. It can't be recovered from the app: keep it somewhere safe."
)
ENTER_INTRO = "Supervisor mode shows every trainee's results. Enter the supervisor passphrase to continue."


class PassphraseDialog(QDialog):
    """Asks for (or, the first time, sets) the supervisor passphrase."""

    def __init__(self, gate: Gate, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.gate = gate
        self.first_use = not gate.is_set()
        self.setWindowTitle("Set the supervisor passphrase" if self.first_use else "Supervisor mode")
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
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = QPushButton("Set passphrase and continue" if self.first_use else "Unlock")
        set_role(self.ok_button, "primary")
        self.ok_button.setDefault(True)
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
        edit.returnPressed.connect(self.submit)
        column.addWidget(edit)
        return edit

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
            self._say(problem)
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
        self._say("That passphrase is not right." if not verdict.refused else "Please wait before trying again.")
        self._tick()

    def _guarded(self, call: Any, *args: Any) -> Any:
        """The call's result, or False after telling the user the database could not be used."""
        from simulator.store import StoreError

        try:
            return call(*args)
        except (StoreError, PermissionError, ValueError) as exc:
            self._say(str(exc))
            return False

    def _tick(self) -> None:
        """Disable the button while a wait runs, and count it down in words."""
        wait = 0.0 if self.first_use else self.gate.wait_left()
        self.ok_button.setEnabled(wait <= 0)
        self.passphrase.setEnabled(wait <= 0)
        if wait > 0:
            seconds = math.ceil(wait)
            self._say(f"Too many wrong passphrases. Try again in {seconds} second{'s' if seconds != 1 else ''}.")
            if not self._countdown.isActive():
                self._countdown.start()
        elif self._countdown.isActive():
            self._countdown.stop()
            self._say("You can try again now.")
            self.passphrase.setFocus(Qt.FocusReason.OtherFocusReason)

    def _say(self, text: str) -> None:
        self.message.setText(text)
