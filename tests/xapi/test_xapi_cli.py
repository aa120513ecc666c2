"""``simulator sync`` settings and password rules, and docs/xapi.md kept honest."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest
from lrs_server import LrsServer
from xapihelp import ROOT, bundled, record, session_statements

from simulator.cli import main
from simulator.cli import sync as commands
from simulator.store import Store
from simulator.store.outbox import Outbox
from simulator.xapi.settings import KEYRING_SERVICE
from simulator.xapi.statements import EXT, ActorSettings

PASSWORD = "p4ss-Wörd-that-must-not-leak"  # noqa: S105 - a test secret to hunt for


class MemoryKeyring:
    def __init__(self) -> None:
        self.items: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.items.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.items[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.items.pop((service, username), None)


def run(argv: list[str], capsys) -> tuple[int, str, str]:
    try:
        code = main(argv)
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def file_text(path: str | Path) -> str:
    return Path(path).read_bytes().decode("utf-8", "replace")


@pytest.fixture
def no_keyring(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(commands, "os_keyring", lambda: None)
    monkeypatch.delenv("SIMULATOR_LRS_PASSWORD", raising=False)


def test_sync_without_an_lrs_set_up_is_a_usage_error(store: Store, capsys) -> None:
    code, _, err = run(["sync", "--db", store.path], capsys)
    assert code == 2 and "no LRS is set up" in err and "--endpoint" in err


@pytest.mark.parametrize("argv", [["--batch-size", "0"], ["--endpoint", "ftp://x"], ["--timeout", "0"]])
def test_bad_sync_options_exit_2(store: Store, argv: list[str], capsys) -> None:
    assert run(["sync", "--db", store.path, *argv], capsys)[0] == 2


def test_without_a_keyring_the_password_is_saved_only_with_consent(
    lrs: LrsServer, store: Store, no_keyring: None, monkeypatch, capsys
) -> None:
    record(store, bundled()[0], seed=1)
    monkeypatch.setattr("getpass.getpass", lambda prompt="": PASSWORD)
    base = ["sync", "--endpoint", lrs.endpoint, "--user", "pc-7", "--ask-password", "--save", "--db", store.path]
    code, _, err = run(base, capsys)
    assert code == 1 and "no OS keyring" in err and "--password-in-db" in err
    assert store.get_setting("xapi.password") is None and Outbox(store).counts()["sent"] == 0
    code, out, err = run([*base, "--password-in-db"], capsys)
    assert code == 0 and "in the results database, as you agreed" in err and "0 pending" in out
    assert f"warning: the LRS password is now in {store.path} as plain text" in err and PASSWORD not in err
    assert store.get_setting("xapi.password") == PASSWORD and store.get_setting("xapi.password_in_db") is True
    code, out, err = run(["sync", "--db", store.path], capsys)  # the saved settings are used
    assert code == 0 and lrs.endpoint in out
    code, out, _ = run(["sync", "--status", "--db", store.path], capsys)
    assert code == 0 and "pc-7" in out and PASSWORD not in out
    run(["sync", "--forget-password", "--status", "--db", store.path], capsys)
    assert store.get_setting("xapi.password") is None and not store.get_setting("xapi.password_in_db")


def test_with_a_keyring_the_password_goes_there_and_never_into_the_database_or_an_export(
    lrs: LrsServer, store: Store, monkeypatch, tmp_path: Path, capsys
) -> None:
    keyring = MemoryKeyring()
    monkeypatch.setattr(commands, "os_keyring", lambda: keyring)
    monkeypatch.setenv("SIMULATOR_LRS_PASSWORD", PASSWORD)
    record(store, bundled()[1], seed=2)
    code, _, err = run(["sync", "--endpoint", lrs.endpoint, "--user", "pc-8", "--save", "--db", store.path], capsys)
    assert code == 0 and "in the OS keyring" in err
    assert keyring.items == {(KEYRING_SERVICE, f"pc-8@{lrs.endpoint}"): PASSWORD}
    monkeypatch.delenv("SIMULATOR_LRS_PASSWORD")
    assert run(["sync", "--db", store.path], capsys)[0] == 0  # found in the keyring
    out = tmp_path / "export.json"
    assert run(["export", "--format", "xapi", "--out", str(out), "--db", store.path], capsys)[0] == 0
    store.close()
    conn = sqlite3.connect(store.path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    for path in [out, store.path, *Path(store.path).parent.glob("*.log")]:
        assert PASSWORD not in file_text(path), path


def test_actor_settings_are_checked_and_apply_to_new_statements(store: Store, capsys) -> None:
    code, _, err = run(["sync", "--actor", "mbox", "--status", "--db", store.path], capsys)
    assert code == 1 and "needs an e-mail domain" in err and store.get_setting("xapi.actor") == "account"
    assert run(["sync", "--home-page", "not a url", "--status", "--db", store.path], capsys)[0] == 1
    code, out, _ = run(["sync", "--actor", "mbox", "--mbox-domain", "example.com", "--status", "--db", store.path], capsys)
    assert code == 0 and "actor: mbox" in out
    record(store, bundled()[0], seed=3, trainee="Ana Lima")
    text = store.db.execute("SELECT statement FROM xapi_outbox LIMIT 1").fetchone()[0]
    assert '"mbox":"mailto:' in text and "@example.com" in text


def test_every_sync_option_and_extension_is_documented(capsys) -> None:
    doc = (ROOT / "docs" / "xapi.md").read_text()
    code, usage, _ = run(["sync", "--help"], capsys)
    options = set(re.findall(r"--[a-z][a-z-]+", usage)) - {"--help"}
    assert code == 0 and options, usage
    assert options <= set(re.findall(r"--[a-z][a-z-]+", doc)), options - set(re.findall(r"--[a-z][a-z-]+", doc))
    sample = [s for seed in range(30) for s in session_statements(bundled()[seed % 8], seed, settings=ActorSettings())]
    keys = set()
    for statement in sample:
        for part in (statement.get("result", {}), statement.get("context", {})):
            keys |= {k.removeprefix(EXT + "/").split("/")[0] for k in part.get("extensions", {})}
    documented = set(re.findall(r"`([a-z-]+)(?:/<dimension id>)?`", doc))
    assert keys <= documented, keys - documented
