"""The results sync settings page: LRS address, user, password, how trainees appear, and status.

Everything is saved through ``simulator.xapi.settings``, so the GUI keeps the CLI's rule
about the password: it goes to the OS keyring when there is one; without one it is written to
the results database only if the "keep" box — which then says plainly that anyone who can copy
the file can read it — is ticked. Unticked, a typed password is used until the app closes and
kept nowhere. A saved password is never read back into the field; an empty field keeps it.

"Test connection" and "Sync now" run off the GUI thread. Messages never contain the user name or
the password. The page is opened through ``open_settings``, which asks for the supervisor
passphrase first (the same gate as the supervisor area): the page names the LRS and shows
what the LRS said about trainees' statements.
"""

from __future__ import annotations

import contextlib
from typing import Any
from urllib.parse import urlsplit

from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtWidgets import (
    QBoxLayout,
    QButtonGroup,
    QCheckBox,
    QDialog,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from simulator.gui.style import plain_label, set_role
from simulator.gui.sync.indicator import describe
from simulator.gui.sync.worker import Status, SyncController, check_connection, scrub, start_job
from simulator.xapi import settings as lrs_settings
from simulator.xapi.lrs_client import normalize_endpoint
from simulator.xapi.settings import LrsConfig, SettingsError
from simulator.xapi.statements import ActorSettings

INTRO = (
    "Send every session's results to your organisation's Learning Record Store (LRS), so results from all "
    "training PCs meet in one place. Results stay on this PC too; sending runs in the background every few "
    "minutes and after each session."
)
KEEP_KEYRING = "Keep the password in this computer's keyring"
KEEP_DB = "Keep the password in the results database (I understand the risk below)"
NO_KEYRING = (
    "This computer has no keyring. A password kept in the results database can be read by anyone who can copy "
    "that file or a backup of it. Unticked, the password is used until the app closes and must be typed again "
    "after each start."
)
ACTOR_NOTE = (
    "Trainees are named by their employee id (without one: an id from this PC). Applies to sessions recorded "
    "from now on; results already waiting keep their format."
)
WHERE = {
    "keyring": "saved in this computer's keyring",
    "database": "saved in the results database, as agreed",
    "environment": "taken from $SIMULATOR_LRS_PASSWORD",
    "session": "used until the app closes, not saved",
    "none": "none saved",
}


class SyncSettingsDialog(QDialog):
    """Endpoint, credentials, actor format, test and sync; ``store`` is the GUI thread's store."""

    def __init__(self, store: Any, controller: SyncController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.controller = store, controller
        self.keyring = controller.secrets
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self._test_bridge: Any = None
        self.setWindowTitle("Results sync (xAPI)")
        # Everything but the buttons scrolls: the page may hold more than a small screen, and
        # Save, Close and the rest must stay on it whatever the status text grows to.
        self.body = QWidget()
        column = QVBoxLayout(self.body)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(12)
        column.addWidget(plain_label(INTRO, "muted"))
        column.addWidget(self._connection_box())
        column.addWidget(self._actor_box())
        column.addWidget(self._status_box())
        self.message = plain_label("", name="syncMessage")
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.setAccessibleName("Results sync message")
        column.addWidget(self.message)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setWidget(self.body)
        outer = self.outer = QVBoxLayout(self)
        outer.setSpacing(12)
        outer.addWidget(self.scroll_area, 1)
        outer.addLayout(self._buttons())
        self.load()
        controller.changed.connect(self.show_status)
        self.show_status(controller.status)

    def _fit(self) -> None:
        """Tall enough for every wrapped line at its width (Qt's own size ignores wrapping), but never
        taller than the screen: past that the page scrolls and the buttons stay in view."""
        room = self.screen().availableGeometry() if self.screen() is not None else None
        chars = self.fontMetrics().averageCharWidth() * 84
        width = max(self.width() if self.isVisible() else 0, min(chars, room.width() - 40) if room else chars)
        margins = self.outer.contentsMargins()
        inner = width - margins.left() - margins.right() - self.scroll_area.verticalScrollBar().sizeHint().width()
        hints = [b.sizeHint().width() for b in (self.test_button, self.sync_button, self.close_button, self.save_button)]
        stacked = sum(hints) + 4 * self.outer.spacing() > inner
        self.button_rows.setDirection(QBoxLayout.Direction.TopToBottom if stacked else QBoxLayout.Direction.LeftToRight)
        buttons = (self.save_button.sizeHint().height() + self.outer.spacing()) * (2 if stacked else 1)
        wanted = self.body.heightForWidth(inner) + buttons + margins.top() + margins.bottom() + 2
        height = min(wanted, room.height() - 60) if room else wanted  # the title bar and a margin
        self.setMinimumSize(min(chars, width), min(height, buttons * 6))
        self.resize(width, height)

    # -- layout ----------------------------------------------------------------------------
    def _connection_box(self) -> QGroupBox:
        box = QGroupBox("Learning Record Store")
        column = QVBoxLayout(box)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.endpoint = self._edit("https://lrs.example.com/xAPI", "LRS address")
        self.username = self._edit("the key of the LRS's Basic-auth key and secret", "User name")
        self.password = self._edit("", "Password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow("Address", self.endpoint)
        form.addRow("User name (key)", self.username)
        form.addRow("Password (secret)", self.password)
        column.addLayout(form)
        self.keep = QCheckBox(KEEP_KEYRING if self.keyring is not None else KEEP_DB)
        self.keep.setObjectName("keepPassword")
        column.addWidget(self.keep)
        self.keep_label = plain_label("" if self.keyring is not None else NO_KEYRING, "small", name="keepWarning")
        self.keep_label.setVisible(self.keyring is None)
        column.addWidget(self.keep_label)
        self.saved_note = plain_label("", "small", name="passwordNote")
        self.forget_button = QPushButton("Forget the saved password")
        self.forget_button.clicked.connect(self.forget_password)
        note_row = QHBoxLayout()
        note_row.addWidget(self.saved_note, 1)
        note_row.addWidget(self.forget_button)
        column.addLayout(note_row)
        return box

    def _actor_box(self) -> QGroupBox:
        box = QGroupBox("How trainees appear in the LRS")
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.account_radio = QRadioButton("An account on your organisation's site")
        self.mbox_radio = QRadioButton("An e-mail address: employee-id@domain")
        self.actor_group = QButtonGroup(self)
        for radio in (self.account_radio, self.mbox_radio):
            self.actor_group.addButton(radio)
            radio.toggled.connect(self._actor_fields)
        self.home_page = self._edit("https://your-company.example/people", "Account home page")
        self.mbox_domain = self._edit("your-company.example", "E-mail domain")
        form.addRow(self.account_radio)
        form.addRow("Home page", self.home_page)
        form.addRow(self.mbox_radio)
        form.addRow("E-mail domain", self.mbox_domain)
        form.addRow(plain_label(ACTOR_NOTE, "small"))
        return box

    def _status_box(self) -> QGroupBox:
        box = QGroupBox("Status")
        column = QVBoxLayout(box)
        self.status_line = plain_label("", name="syncStatus")
        self.detail = plain_label("", "small", name="syncDetail")
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        column.addWidget(self.status_line)
        column.addWidget(self.detail)
        return box

    def _buttons(self) -> QBoxLayout:
        """Test and Sync on the left, Close and Save on the right; the pairs stack when the width is short."""
        self.button_rows = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        row = QHBoxLayout()
        second = QHBoxLayout()
        self.test_button = QPushButton("Test connection")
        self.test_button.clicked.connect(self.test_connection)
        self.sync_button = QPushButton("Sync now")
        self.sync_button.clicked.connect(self.sync_now)
        self.close_button = QPushButton("Close")
        self.close_button.clicked.connect(self.reject)
        self.save_button = QPushButton("Save")
        set_role(self.save_button, "primary")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        for button in (self.test_button, self.sync_button):
            row.addWidget(button)
        row.addStretch(1)
        second.addStretch(1)
        second.addWidget(self.close_button)
        second.addWidget(self.save_button)
        self.button_rows.addLayout(row)
        self.button_rows.addLayout(second)
        return self.button_rows

    def _edit(self, placeholder: str, name: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setPlaceholderText(placeholder)
        edit.setAccessibleName(name)
        edit.setClearButtonEnabled(name != "Password")
        return edit

    def _actor_fields(self) -> None:
        self.home_page.setEnabled(self.account_radio.isChecked())
        self.mbox_domain.setEnabled(self.mbox_radio.isChecked())

    # -- loading and saving ------------------------------------------------------------------
    def load(self) -> None:
        get = self.store.get_setting
        self.endpoint.setText(str(get("xapi.endpoint", "") or ""))
        self.username.setText(str(get("xapi.username", "") or ""))
        self.password.clear()
        home = str(get("xapi.home_page", "") or "")
        self.home_page.setText("" if home == ActorSettings.home_page else home)
        self.mbox_domain.setText(str(get("xapi.mbox_domain", "") or ""))
        (self.mbox_radio if get("xapi.actor", "account") == "mbox" else self.account_radio).setChecked(True)
        self._actor_fields()
        where = self.password_source()
        self.keep.setChecked(self.keyring is not None or where == "database")
        self._show_password_note(where)

    def password_source(self) -> str:
        """Where the password for the saved address and user comes from (never the password)."""
        if self.controller.session_password:
            return "session"
        try:
            return lrs_settings.load(self.store, secrets=self.keyring).password_from
        except (SettingsError, ValueError):
            return "none"

    def _show_password_note(self, where: str) -> None:
        self.saved_note.setText(f"Password: {WHERE.get(where, where)}.")
        self.password.setPlaceholderText("leave empty to keep the saved password" if where != "none" else "")
        self.forget_button.setEnabled(where in ("keyring", "database", "session"))
        # "saved" only when it is: a password typed for this run is kept nowhere
        self.forget_button.setText("Forget the password" if where == "session" else "Forget the saved password")

    def save(self) -> bool:
        """Check and keep everything; True when saved (the message says what happened either way)."""
        from simulator.store import StoreError

        endpoint = self._checked_endpoint()
        if endpoint is None:
            return False
        typed = self.password.text()
        try:
            fmt = "mbox" if self.mbox_radio.isChecked() else "account"
            home = self.home_page.text().strip() or ActorSettings.home_page
            domain = self.mbox_domain.text().strip() or None
            if fmt == "mbox" and not domain:
                self._say("Enter the e-mail domain (e.g. your-company.example) for the e-mail address format.", problem=True)
                return False
            lrs_settings.save_actor(self.store, fmt, home, domain)
            where = self._save_connection(endpoint, self.username.text().strip(), typed)
        except (SettingsError, StoreError) as exc:
            self._say(scrub(str(exc), (typed,)), problem=True)
            return False
        self.password.clear()
        self._show_password_note(where)
        default = fmt == "account" and not self.home_page.text().strip()
        whose = f" Trainees appear as accounts on {home} until you enter your organisation's home page." if default else ""
        self._say(f"Saved. Password: {WHERE.get(where, where)}.{whose}")
        self.controller.settings_changed()
        return True

    def _save_connection(self, endpoint: str, username: str, typed: str) -> str:
        keep = self.keep.isChecked()
        bare = LrsConfig(endpoint, username, "", "none")
        if not typed:
            lrs_settings.save(self.store, bare, secrets=None)
            if self.keyring is None and not keep:  # consent withdrawn: the database must not hold it any more
                lrs_settings.forget_db_password(self.store)
            return self.password_source()
        if not keep:
            lrs_settings.save(self.store, bare, secrets=None)
            if self.keyring is None:
                lrs_settings.forget_db_password(self.store)
            self.controller.session_password = typed
            return "session"
        config = LrsConfig(endpoint, username, typed, "prompt")
        where = lrs_settings.save(self.store, config, secrets=self.keyring, password_in_db=self.keyring is None)
        self.controller.session_password = None
        return where

    def _checked_endpoint(self) -> str | None:
        text = self.endpoint.text().strip()
        if not text:
            self._say("Enter the LRS's xAPI address, e.g. https://lrs.example.com/xAPI.", problem=True)
            return None
        parts = urlsplit(text)
        if "@" in parts.netloc:
            self._say("Put the user name and password in their own fields, not in the address.", problem=True)
            return None
        try:
            return normalize_endpoint(text)
        except ValueError:
            self._say("The LRS address must start with http:// or https://, e.g. https://lrs.example.com/xAPI.", problem=True)
            return None

    def forget_password(self) -> None:
        from simulator.store import StoreError

        self.controller.session_password = None
        try:
            lrs_settings.forget_db_password(self.store)
            endpoint, user = self.store.get_setting("xapi.endpoint"), self.store.get_setting("xapi.username", "")
        except StoreError as exc:
            self._say(str(exc), problem=True)
            return
        if self.keyring is not None and endpoint:
            with contextlib.suppress(Exception):  # nothing saved there is what we wanted anyway
                self.keyring.delete_password(lrs_settings.KEYRING_SERVICE, f"{user}@{endpoint}")
        self._show_password_note(self.password_source())
        self._say("The password was forgotten.")

    # -- actions ---------------------------------------------------------------------------
    def test_connection(self) -> None:
        endpoint = self._checked_endpoint()
        if endpoint is None:
            return
        username, password = self.username.text().strip(), self.password.text()
        if not password:
            password = self._saved_password(endpoint, username)
        self.test_button.setEnabled(False)
        self._say("Testing the connection…")

        def work(_progress: Any) -> str:
            return check_connection(endpoint, username, password)

        self._test_bridge = start_job(self.pool, work, self._tested)

    def _saved_password(self, endpoint: str, username: str) -> str:
        if self.controller.session_password:
            return self.controller.session_password
        try:
            return lrs_settings.load(self.store, endpoint=endpoint, username=username, secrets=self.keyring).password
        except (SettingsError, ValueError):
            return ""

    def _tested(self, result: Any) -> None:
        self._test_bridge = None
        self.test_button.setEnabled(True)
        text = result if isinstance(result, str) else "The test could not be run."
        self._say(text, problem=not text.startswith("Connected"))

    def sync_now(self) -> None:
        if self.save():
            self.controller.sync_now()
            self._say("Saved; sending in the background. You can close this window.")

    def show_status(self, status: Status) -> None:
        text, _tip = describe(status)
        counts = f"{status.pending} waiting, {status.sent} sent, {status.held} held"
        words = text.removeprefix("xAPI: ")
        words = words[:1].upper() + words[1:]
        if status.state in ("checking", "not-set-up", "no-file"):
            self.status_line.setText(words if words.endswith("…") else words + ".")
        else:
            self.status_line.setText(f"{words.rstrip('.')} — {counts}.")
        lines = [status.detail] if status.detail else []
        if status.paused:
            lines.append("Automatic sending is paused until you save new settings or press Sync now.")
        detail = "\n".join(lines)
        self.detail.setText(detail)
        self.detail.setVisible(bool(detail))
        self.sync_button.setEnabled(status.state != "no-file")
        self._fit()

    def _say(self, text: str, *, problem: bool = False) -> None:
        """Show ``text``; what must be put right (a refused address, a missing field) in the error style."""
        set_role(self.message, "problem" if problem else "")
        self.message.setText(text)
        self._fit()

    def done(self, result: int) -> None:
        self.password.clear()  # nothing typed stays in a widget after the page is closed
        super().done(result)
