"""A separate process that records sessions, for the crash and concurrency tests.

python store_writer.py kill DB SCENARIO 1,2     play these choices, print the session id, SIGKILL itself
python store_writer.py loop DB SCENARIO         play sessions forever (the test kills it mid-write)
python store_writer.py many DB SCENARIO NAME N  play N whole sessions as NAME and as "Shared"
"""

from __future__ import annotations

import os
import signal
import sys

from simulator.engine import Session
from simulator.scenario import read_scenario
from simulator.store import open_store

PATHS = ([1, 1, 1], [2, 1, 2, 2], [2, 2], [1, "t", 1])


def run(session: Session, picks: list[int | str]) -> None:
    for pick in picks:
        session.timeout() if pick == "t" else session.choose(int(pick))


def main(mode: str, db: str, scenario_path: str, *rest: str) -> None:
    scenario = read_scenario(scenario_path)
    store = open_store(db)
    if mode == "kill":
        session = Session(scenario)
        store.attach(session, trainee="Ann")
        session.begin()
        run(session, [int(p) for p in rest[0].split(",")])
        print(session.id, flush=True)
        os.kill(os.getpid(), signal.SIGKILL)
    elif mode == "loop":
        count = 0
        while True:
            session = Session(scenario)
            store.attach(session, trainee=f"Looper {count % 3}")
            session.begin()
            run(session, list(PATHS[count % len(PATHS)]))
            count += 1
            if count == 3:
                print("running", flush=True)
    elif mode == "many":
        name, total = rest[0], int(rest[1])
        print("ready", flush=True)
        sys.stdin.readline()  # both writers start together
        for n in range(total):
            session = Session(scenario)
            store.attach(session, trainee=name if n % 2 else "Shared")
            session.begin()
            run(session, list(PATHS[n % len(PATHS)]))
        store.close()


if __name__ == "__main__":
    main(*sys.argv[1:])
