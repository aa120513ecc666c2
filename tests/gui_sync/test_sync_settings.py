"""The settings page saves through lrs_settings: the password reaches the database only with consent."""

# ruff: noqa: S105 - test passwords and password-source names

from __future__ import annotations

from typing import Any

from syncharness import MemoryKeyring, file_bytes, grab, setting_rows

from simulator.xapi import settings as lrs_settings

SECRET = "Pa55word-only-in-tests"


def make_dialog(qtbot: Any, store: Any, controller: Any) -> Any:
    from simulator.gui.sync.settings import SyncSettingsDialog

    dialog = SyncSettingsDialog(store, controller)
    qtbot.addWidget(dialog)
    return dialog


def fill(dialog: Any, endpoint: str = "https://lrs.example.com/xAPI/", user: str = "trainer-pc", password: str = SECRET) -> None:
    dialog.endpoint.setText(endpoint)
    dialog.username.setText(user)
    dialog.password.setText(password)


def test_without_a_keyring_the_password_stays_out_of_the_database_unless_the_box_is_ticked(
    qtbot: Any, store: Any, db_path: Any, controller: Any
) -> None:
    dialog = make_dialog(qtbot, store, controller)
    assert dialog.keyring is None and not dialog.keep.isChecked()  # consent is never pre-ticked
    assert "anyone who can copy" in dialog.keep_label.text() and dialog.keep_label.isVisibleTo(dialog)
    fill(dialog)
    assert dialog.save()
    assert SECRET.encode() not in file_bytes(db_path)
    assert setting_rows(db_path)["xapi.endpoint"] == '"https://lrs.example.com/xAPI"'  # normalised
    assert controller.session_password == SECRET  # used until the app closes, kept nowhere
    assert "used until the app closes" in dialog.message.text()
    assert dialog.password.text() == ""  # never left in the widget

    dialog.password.setText(SECRET)
    dialog.keep.setChecked(True)
    assert dialog.save()
    assert lrs_settings.load(store).password_from == "database"
    assert SECRET in setting_rows(db_path)["xapi.password"]
    assert controller.session_password is None

    reopened = make_dialog(qtbot, store, controller)
    assert reopened.password.text() == "" and reopened.keep.isChecked()
    assert "results database, as agreed" in reopened.saved_note.text()
    reopened.keep.setChecked(False)  # consent withdrawn
    assert reopened.save()
    assert "xapi.password" not in setting_rows(db_path) or setting_rows(db_path)["xapi.password"] == "null"
    assert lrs_settings.load(store).password_from == "none"
    for text in (reopened.message.text(), reopened.saved_note.text(), reopened.detail.text()):
        assert SECRET not in text


def test_with_a_keyring_the_password_goes_there_and_never_into_the_database(
    qtbot: Any, store: Any, db_path: Any, controller: Any
) -> None:
    keyring = MemoryKeyring()
    controller._secrets = keyring
    dialog = make_dialog(qtbot, store, controller)
    assert dialog.keep.isChecked() and "keyring" in dialog.keep.text()
    fill(dialog)
    assert dialog.save()
    assert keyring.saved == {(lrs_settings.KEYRING_SERVICE, "trainer-pc@https://lrs.example.com/xAPI"): SECRET}
    assert SECRET.encode() not in file_bytes(db_path)
    assert "keyring" in dialog.saved_note.text() and dialog.forget_button.isEnabled()
    assert dialog.password.placeholderText() == "leave empty to keep the saved password"
    dialog.forget_button.click()
    assert keyring.saved == {} and not dialog.forget_button.isEnabled()


def test_actor_format_is_saved_and_checked(qtbot: Any, store: Any, controller: Any) -> None:
    dialog = make_dialog(qtbot, store, controller)
    assert dialog.account_radio.isChecked() and not dialog.mbox_domain.isEnabled()
    fill(dialog, password="")
    dialog.mbox_radio.setChecked(True)
    assert not dialog.save()
    assert "e-mail domain" in dialog.message.text()
    dialog.mbox_domain.setText("acme.example")
    assert dialog.save()
    assert store.get_setting("xapi.actor") == "mbox" and store.get_setting("xapi.mbox_domain") == "acme.example"
    dialog.account_radio.setChecked(True)
    dialog.home_page.setText("not a web address")
    assert not dialog.save() and "home page" in dialog.message.text()
    dialog.home_page.setText("https://acme.example/people")
    assert dialog.save()
    assert store.get_setting("xapi.actor") == "account" and store.get_setting("xapi.home_page") == "https://acme.example/people"
    assert make_dialog(qtbot, store, controller).home_page.text() == "https://acme.example/people"


def test_bad_addresses_are_explained_without_echoing_credentials(qtbot: Any, store: Any, controller: Any) -> None:
    dialog = make_dialog(qtbot, store, controller)
    fill(dialog, endpoint="https://trainer:hunter22@lrs.example.com/xAPI")
    assert not dialog.save()
    assert "own fields" in dialog.message.text() and "hunter22" not in dialog.message.text()
    fill(dialog, endpoint="lrs.example.com")
    assert not dialog.save() and "http://" in dialog.message.text()
    assert store.get_setting("xapi.endpoint") is None


def test_the_page_looks_right(qtbot: Any, store: Any, controller: Any) -> None:
    """Screenshots for a person to check; the layout basics are asserted."""
    dialog = make_dialog(qtbot, store, controller)
    fill(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    grab(dialog, "sync-settings-no-keyring.png")
    for edit in (dialog.endpoint, dialog.username, dialog.password):
        assert edit.height() >= edit.sizeHint().height()  # never squeezed: the text is whole
    for widget in (dialog.endpoint, dialog.username, dialog.password, dialog.test_button, dialog.sync_button, dialog.save_button):
        assert widget.isVisible() and widget.width() > 0
    assert dialog.password.echoMode() == dialog.password.EchoMode.Password
    controller._secrets = MemoryKeyring()
    with_keyring = make_dialog(qtbot, store, controller)
    with_keyring.show()
    qtbot.waitExposed(with_keyring)
    assert not with_keyring.keep_label.isVisible()
    grab(with_keyring, "sync-settings-keyring.png")


def test_the_page_says_problems_in_the_error_style_and_only_saved_passwords_are_saved(
    qtbot: Any, store: Any, controller: Any
) -> None:
    dialog = make_dialog(qtbot, store, controller)
    fill(dialog, endpoint="lrs.example.com")
    assert not dialog.save() and dialog.message.property("role") == "problem"
    fill(dialog)
    assert dialog.save() and dialog.message.property("role") != "problem"
    assert "until you enter your organisation's home page" in dialog.message.text()  # an empty home page is said
    assert "used until the app closes" in dialog.saved_note.text()
    assert dialog.forget_button.text() == "Forget the password"  # nothing was saved, so nothing "saved" to forget
    dialog.home_page.setText("https://acme.example/people")
    fill(dialog, password="")
    assert dialog.save() and "home page" not in dialog.message.text()
