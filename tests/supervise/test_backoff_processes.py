"""The passphrase back-off holds when several programs guess at once (#21 point 9, red team F24).

Before, 8 processes guessing for 20 s had 22 guesses checked against 6 for one process, and the
failure count ended at 10: each read the count, checked, and wrote its own count + 1. Now every
try is counted before it is checked, in one write transaction, so real processes on one database
share one count and one wait.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from simulator.gui.supervise import lock
from simulator.gui.supervise.lock import Gate
from simulator.store import open_store

CHEAP = {"n": 2**10, "r": 8, "p": 1}
GUESSER = """
import sys, time
from simulator.gui.supervise.lock import Gate
from simulator.store import open_store
path, start, seconds = sys.argv[1], float(sys.argv[2]), float(sys.argv[3])
with open_store(path) as store:
    gate = Gate(store)
    while time.time() < start:
        time.sleep(0.001)
    checked = 0
    while time.time() < start + seconds:
        checked += not gate.check("not the passphrase").refused
    print(checked)
"""


def test_guessers_in_several_processes_get_no_more_tries_than_one(tmp_path: Path) -> None:
    db = tmp_path / "results.db"
    with open_store(db) as store:
        Gate(store, cost=CHEAP).set_passphrase("correct horse battery")
    seconds = lock.FIRST_DELAY * 0.75  # shorter than the first wait: only the free tries can be checked
    start = time.time() + 1.5  # every process is up and waiting by then
    guessers = [
        subprocess.Popen([sys.executable, "-c", GUESSER, str(db), str(start), str(seconds)], stdout=subprocess.PIPE, text=True)
        for _ in range(4)
    ]
    checked = [int(p.communicate(timeout=60)[0]) for p in guessers]
    assert all(p.returncode == 0 for p in guessers)
    with open_store(db) as store:
        gate: Any = Gate(store)
        assert sum(checked) == gate.failures() == lock.FREE_TRIES  # one count, as if one person typed them all
        assert gate.wait_left() > 0
