"""The supervisor passphrase: a salted scrypt hash in the store's settings, and a brake on guessing.

No Qt here, so the rules are tested without a window. What is stored is only
``{"scheme": "scrypt", "n", "r", "p", "salt", "hash"}`` (hex): never the passphrase, nothing
reversible. The cost parameters travel with the hash, so they can be raised later without
locking anyone out.

Wrong tries: the first ``FREE_TRIES`` cost nothing; each one after that doubles a waiting time
(2 s, 4 s, 8 s... up to ``MAX_DELAY``). The count and the end of the wait are stored in the
database too, so closing and reopening the app doesn't reset them, and each try is counted before
it is checked, in one write transaction, so two apps (or processes) guessing at once share one
count and one wait. A right passphrase clears them. While a wait runs, tries are refused without
even being checked.

What this protects: trainees sharing the practice PC from opening everyone's results in the app.
It is not encryption: someone who can copy the database file can read it with other tools.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

HASH_KEY = "supervisor.passphrase"
TRIES_KEY = "supervisor.failed_attempts"
MIN_LENGTH = 8
FREE_TRIES = 3
FIRST_DELAY, MAX_DELAY = 2.0, 300.0
COST = {"n": 2**15, "r": 8, "p": 1}  # ~0.1-0.2 s and 32 MiB per try here: slow to guess, quick to type
MAX_MEM = 128 * 1024 * 1024


@dataclass(frozen=True)
class Verdict:
    ok: bool
    wait: float = 0.0  # seconds before another try is accepted (0: now)
    refused: bool = False  # True: not checked at all, a wait was still running


def _derive(passphrase: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(passphrase.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=MAX_MEM, dklen=32)


def delay_after(failures: int) -> float:
    """Seconds to wait after this many wrong tries in a row."""
    if failures < FREE_TRIES:
        return 0.0
    return min(MAX_DELAY, FIRST_DELAY * 2 ** (failures - FREE_TRIES))


class Gate:
    """Checks and sets the passphrase kept in ``store``; ``clock`` returns epoch seconds (injectable)."""

    def __init__(self, store: Any, clock: Callable[[], float] = time.time, cost: dict[str, int] | None = None) -> None:
        self.store, self.clock, self.cost = store, clock, cost or COST

    def is_set(self) -> bool:
        record = self.store.get_setting(HASH_KEY)
        return isinstance(record, dict) and "hash" in record

    def set_passphrase(self, passphrase: str) -> None:
        """First use only: refuses to replace an existing passphrase."""
        if self.is_set():
            raise PermissionError("a supervisor passphrase is already set")
        problem = weakness(passphrase)
        if problem:
            raise ValueError(problem)
        salt = os.urandom(16)
        digest = _derive(passphrase, salt, **self.cost)
        record = {"scheme": "scrypt", **self.cost, "salt": salt.hex(), "hash": digest.hex()}
        self.store.set_setting(HASH_KEY, record)
        self.store.set_setting(TRIES_KEY, {"failures": 0, "until": 0.0})

    def wait_left(self) -> float:
        tries = self._tries()
        left = tries["until"] - self.clock()
        if left > MAX_DELAY:  # the system clock went back: don't lock the supervisor out for hours
            self._save(tries["failures"], self.clock() + MAX_DELAY)
            return MAX_DELAY
        return max(0.0, left)

    def check(self, passphrase: str) -> Verdict:
        """Counts the try as wrong *before* checking it, in one write transaction (``claim``): two
        programs guessing at once queue on the database lock, so each sees the other's failures and
        waits, and together they get no more tries than one would. A right passphrase clears them."""
        left, wait = self.claim()
        if left > 0:
            return Verdict(False, left, refused=True)
        record = self.store.get_setting(HASH_KEY) or {}
        try:
            expected = bytes.fromhex(record["hash"])
            digest = _derive(passphrase, bytes.fromhex(record["salt"]), record["n"], record["r"], record["p"])
        except (KeyError, TypeError, ValueError):
            return Verdict(False)
        if hmac.compare_digest(digest, expected):
            self._save(0, 0.0)
            return Verdict(True)
        return Verdict(False, wait)

    def claim(self) -> tuple[float, float]:
        """(wait still running, wait this try will cost if wrong): a running wait changes nothing,
        otherwise the try is recorded as a failure with its wait, atomically."""
        found: list[float] = []

        def count(stored: Any) -> dict[str, Any]:
            tries, now = _tries_of(stored), self.clock()
            left = min(tries["until"] - now, MAX_DELAY)  # the clock went back: not locked out for hours
            if left > 0:
                found[:] = [left, 0.0]
                return {"failures": tries["failures"], "until": now + left}
            failures = tries["failures"] + 1
            found[:] = [0.0, delay_after(failures)]
            return {"failures": failures, "until": now + found[1]}

        self.store.update_setting(TRIES_KEY, count)
        return found[0], found[1]

    def failures(self) -> int:
        return self._tries()["failures"]

    def _tries(self) -> dict[str, Any]:
        return _tries_of(self.store.get_setting(TRIES_KEY))

    def _save(self, failures: int, until: float) -> None:
        self.store.set_setting(TRIES_KEY, {"failures": failures, "until": until})


def _tries_of(stored: Any) -> dict[str, Any]:
    """The stored failure count and end of wait; anything unreadable counts as none."""
    if not isinstance(stored, dict):
        return {"failures": 0, "until": 0.0}
    try:
        return {"failures": int(stored.get("failures", 0)), "until": float(stored.get("until", 0.0))}
    except (TypeError, ValueError):
        return {"failures": 0, "until": 0.0}


def weakness(passphrase: str) -> str | None:
    """Why this passphrase is refused, or None."""
    if len(passphrase) < MIN_LENGTH:
        return f"Use at least {MIN_LENGTH} characters."
    if len(set(passphrase)) < 3:
        return "Use a passphrase with more than one or two different characters."
    return None
