"""The LRS connection settings, and the one rule about the password: where it may be kept.

Address, user name and actor format are ordinary settings in the results database. The password
goes to the OS keyring (``keyring``: Windows Credential Locker, macOS Keychain, Secret Service)
when one works; without one it is kept in the database only if the user explicitly agreed
(``xapi.password_in_db``), since anyone who can copy that file can then read it. For unattended
runs ``$SIMULATOR_LRS_PASSWORD`` overrides both. The password is never printed, logged or exported.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from simulator.xapi.lrs_client import normalize_endpoint
from simulator.xapi.rules import IRL
from simulator.xapi.statements import ACTOR_FORMATS, ActorSettings

KEYRING_SERVICE = "service-recovery-simulator-lrs"
ENV_PASSWORD = "SIMULATOR_LRS_PASSWORD"  # noqa: S105 - the variable's name, not a password


class SettingsStore(Protocol):
    def get_setting(self, key: str, default: Any = None) -> Any: ...
    def set_setting(self, key: str, value: Any) -> None: ...


class Secrets(Protocol):
    """The part of the ``keyring`` module we use (tests pass an in-memory one)."""

    def get_password(self, service: str, username: str) -> str | None: ...
    def set_password(self, service: str, username: str, password: str) -> None: ...
    def delete_password(self, service: str, username: str) -> None: ...


class SettingsError(ValueError):
    """A setting can't be used or saved as asked; the message says what to do."""


@dataclass(frozen=True)
class LrsConfig:
    endpoint: str
    username: str
    password: str = field(repr=False)
    password_from: str  # environment | prompt | keyring | database | none


def os_keyring() -> Secrets | None:
    """The OS keyring if a usable backend exists here, else None."""
    try:
        import keyring
        from keyring.backends import fail
    except ImportError:
        return None
    try:
        backend = keyring.get_keyring()
    except Exception:  # a broken keyring setup means "no keyring", not a crash
        return None
    if isinstance(backend, fail.Keyring) or getattr(backend, "priority", 1) <= 0:
        return None
    return keyring


def _account(endpoint: str, username: str) -> str:
    return f"{username}@{endpoint}"


def load(
    store: SettingsStore,
    *,
    endpoint: str | None = None,
    username: str | None = None,
    password: str | None = None,
    secrets: Secrets | None = None,
    env: Mapping[str, str] = os.environ,
) -> LrsConfig:
    """The settings for a sync; arguments given here win over saved ones."""
    raw = endpoint or store.get_setting("xapi.endpoint")
    if not raw:
        raise SettingsError("no LRS is set up: give its xAPI address with --endpoint URL (and --save to keep it)")
    url = normalize_endpoint(str(raw))
    user = username if username is not None else str(store.get_setting("xapi.username", "") or "")
    if password is not None:
        return LrsConfig(url, user, password, "prompt")
    if env.get(ENV_PASSWORD):
        return LrsConfig(url, user, env[ENV_PASSWORD], "environment")
    if secrets is not None:
        try:
            found = secrets.get_password(KEYRING_SERVICE, _account(url, user))
        except Exception:  # a locked or broken keyring: fall through to the database rule
            found = None
        if found is not None:
            return LrsConfig(url, user, found, "keyring")
    if store.get_setting("xapi.password_in_db", False) and store.get_setting("xapi.password") is not None:
        return LrsConfig(url, user, str(store.get_setting("xapi.password")), "database")
    return LrsConfig(url, user, "", "none")


def save(store: SettingsStore, config: LrsConfig, *, secrets: Secrets | None, password_in_db: bool = False) -> str:
    """Keep address, user and (if one was given) the password; returns where the password went."""
    store.set_setting("xapi.endpoint", config.endpoint)
    store.set_setting("xapi.username", config.username)
    if config.password_from in ("none", "keyring", "database"):
        return config.password_from
    if secrets is not None and not password_in_db:
        try:
            secrets.set_password(KEYRING_SERVICE, _account(config.endpoint, config.username), config.password)
        except Exception as exc:  # report, don't fall back silently to the database
            raise SettingsError(f"the OS keyring refused the password ({type(exc).__name__}); nothing was saved") from None
        forget_db_password(store)
        return "keyring"
    if not password_in_db:
        raise SettingsError(
            "there is no OS keyring here, so the password can only be kept in the results database, readable by "
            "anyone who can read that file. Add --password-in-db to agree to that, or give the password each time "
            f"(--ask-password or ${ENV_PASSWORD})"
        )
    store.set_setting("xapi.password_in_db", True)
    store.set_setting("xapi.password", config.password)
    return "database"


def forget_db_password(store: SettingsStore) -> None:
    if store.get_setting("xapi.password") is not None:
        store.set_setting("xapi.password", None)
    if store.get_setting("xapi.password_in_db"):
        store.set_setting("xapi.password_in_db", False)


def save_actor(store: SettingsStore, fmt: str | None, home_page: str | None, mbox_domain: str | None) -> ActorSettings:
    """Check and keep how trainees appear in the LRS; applies to statements recorded from now on."""
    if fmt is not None and fmt not in ACTOR_FORMATS:
        raise SettingsError(f"the actor format must be one of {', '.join(ACTOR_FORMATS)}, not {fmt!r}")
    if home_page is not None and not IRL.match(home_page):
        raise SettingsError(f"the account home page must be an http(s) address, not {home_page!r}")
    if mbox_domain is not None and ("." not in mbox_domain or "@" in mbox_domain.lstrip("@") or " " in mbox_domain):
        raise SettingsError(f"the e-mail domain must look like example.com, not {mbox_domain!r}")
    for key, value in (("xapi.actor", fmt), ("xapi.home_page", home_page), ("xapi.mbox_domain", mbox_domain)):
        if value is not None:
            store.set_setting(key, value.lstrip("@") if key == "xapi.mbox_domain" else value)
    current = ActorSettings(
        store.get_setting("xapi.actor", "account"),
        store.get_setting("xapi.home_page", ActorSettings.home_page),
        store.get_setting("xapi.mbox_domain", ""),
    )
    if current.format == "mbox" and not current.mbox_domain:
        store.set_setting("xapi.actor", "account")
        raise SettingsError("the mbox format needs an e-mail domain (--mbox-domain example.com); kept the account format")
    return current
