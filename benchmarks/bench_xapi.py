"""xAPI sync speed: 10,000 statements from the outbox to a real local LRS, against a bare HTTP client.

Run on demand (``.venv/bin/python benchmarks/bench_xapi.py``), never in the test suite; needs
Node.js (``bash scripts/lrs.sh`` installs the LRS). The baseline POSTs the very same prepared
batches with ``http.client`` over one kept-alive connection and does nothing else; ``sync`` also
reads the outbox, checks the returned ids and marks rows sent (``synchronous=FULL`` commits).
Each run gets a freshly started, empty LRS so neither side meets the other's statements; the
order alternates and the best of the rounds counts. Target (issue 9): sync <= 1.3x the baseline.
"""

from __future__ import annotations

import base64
import http.client
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "xapi"))

from lrs_server import LrsServer  # noqa: E402 - after the path set-up above
from xapihelp import bundled, session_statements  # noqa: E402

from simulator.store import Store, open_store  # noqa: E402
from simulator.store.outbox import Outbox  # noqa: E402
from simulator.xapi.lrs_client import LrsClient  # noqa: E402
from simulator.xapi.queue import rows_for  # noqa: E402
from simulator.xapi.sync import sync  # noqa: E402

COUNT, BATCH, ROUNDS = 10_000, 100, 5


def fill(store: Store) -> None:
    """Exactly COUNT statements of random bundled-scenario sessions in the outbox."""
    scenarios, made, seed = bundled(), 0, 0
    with store.write():
        while made < COUNT:
            statements = session_statements(scenarios[seed % len(scenarios)], seed=seed)[: COUNT - made]
            for sql, params in rows_for(statements[0]["context"]["registration"], statements):
                store.db.conn.execute(sql, params)
            made, seed = made + len(statements), seed + 1


def batches(store: Store) -> list[bytes]:
    rows = [text for (text,) in store.db.execute("SELECT statement FROM xapi_outbox ORDER BY n")]
    return [b"[" + ",".join(rows[i : i + BATCH]).encode() + b"]" for i in range(0, len(rows), BATCH)]


def bare(lrs: LrsServer, bodies: list[bytes]) -> float:
    headers = {
        "Content-Type": "application/json",
        "X-Experience-API-Version": "1.0.3",
        "Authorization": "Basic " + base64.b64encode(b"test:test").decode(),
    }
    conn = http.client.HTTPConnection("127.0.0.1", lrs.port, timeout=60)
    started = time.perf_counter()
    for body in bodies:
        conn.request("POST", "/xAPI/statements", body, headers)
        answer = conn.getresponse()
        stored = json.loads(answer.read())
        assert answer.status == 200 and len(stored) == body.count(b'"verb"'), answer.status
    took = time.perf_counter() - started
    conn.close()
    return took


def ours(lrs: LrsServer, store: Store) -> float:
    store.db.execute("UPDATE xapi_outbox SET sent = NULL")
    store.db.conn.commit()
    started = time.perf_counter()
    report = sync(Outbox(store), LrsClient(lrs.endpoint, "test", "test"), batch_size=BATCH)
    took = time.perf_counter() - started
    assert report.ok and report.sent == COUNT, report
    return took


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="bench-xapi-") as folder:
        work = Path(folder)
        store = open_store(work / "results.db")
        fill(store)
        bodies = batches(store)
        size = sum(len(b) for b in bodies)
        print(f"{COUNT} statements, {len(bodies)} batches of {BATCH}, {size / COUNT:.0f} bytes per statement")
        lrs = LrsServer(work / "lrs")
        times: dict[str, list[float]] = {"bare": [], "sync": []}
        try:
            for round_ in range(ROUNDS):
                for name in ("bare", "sync") if round_ % 2 == 0 else ("sync", "bare"):
                    lrs.start(lrs.port or None)  # a fresh, empty LRS for every run
                    times[name].append(bare(lrs, bodies) if name == "bare" else ours(lrs, store))
                    lrs.stop()
        finally:
            lrs.stop()
            store.close()
    for name, runs in times.items():
        best = min(runs)
        print(
            f"{name:>5}: best {best:.2f} s = {COUNT / best:,.0f} statements/s "
            f"(median {statistics.median(runs):.2f} s of {ROUNDS})"
        )
    ratio = min(times["sync"]) / min(times["bare"])
    typical = statistics.median(times["sync"]) / statistics.median(times["bare"])
    verdict = "OK" if ratio <= 1.3 else "SLOWER THAN TARGET"
    print(f"ratio sync / bare: {ratio:.2f}x best, {typical:.2f}x median (target <= 1.3x) -> {verdict}")


if __name__ == "__main__":
    main()
