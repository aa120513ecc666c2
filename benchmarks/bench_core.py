"""Core speed: load + lint + explore of a 10,000-node scenario against a bare YAML parse.

Run on demand (``make bench``), never in the test suite. Figures are ratios against
``yaml.load(..., CSafeLoader)`` of the same file measured in the same run, since machines differ:
process CPU time (other engineers' load doesn't count), the best of ``BENCH_REPEAT`` rounds, each
round timing every line once so a busy spell hits them all alike. A full garbage collection runs
before each timing, outside it, so no line pays for the previous one's garbage. Every timing
starts from a fresh scenario object: results kept on a scenario (``Scenario.derive``) would
otherwise make the explorer look free.
Targets (issue 15): load + lint + explore, strategies included, <= 2x the bare parse; one play
step <= 1 ms.
"""

from __future__ import annotations

import gc
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from simulator.engine import FakeClock, Session
from simulator.engine.machine import shared_machine
from simulator.scenario import Scenario, explore, load_scenario

DIMS = ("alternatives", "listening", "emotional_repair", "surprise")


def generate(nodes: int, seed: int = 7) -> str:
    """A layered scenario: each node has three choices to later nodes, some loops back."""
    rng = random.Random(seed)
    out = [
        "format: 1\nid: bench\ntitle: Benchmark\nsummary: Generated.\ndifficulty: hard\nminutes: 60\n",
        "customer: {name: Bench Mark, look: maria, mood: 50}\nvariables: {asked: false}\n",
        "mood_rules:\n  - below: 5\n    goto: walkout\nstart: n0\nnodes:\n",
    ]
    for i in range(nodes):
        out.append(f"  n{i}:\n    say: Customer line number {i}, upset about the delay.\n    choices:\n")
        for k in range(3):
            if i >= nodes - 3:
                target = rng.choice(("happy", "meh", "walkout"))
            elif k == 2 and i > 10 and rng.random() < 0.1:
                target = f"n{rng.randrange(max(0, i - 10), i)}"
            else:
                target = f"n{min(nodes - 1, i + 1 + rng.randrange(3))}"
            dim = DIMS[(i + k) % 4]
            when = "        when: not asked\n        set: {asked: true}\n" if k == 1 and i % 50 == 0 else ""
            out.append(
                f"      - text: Reply {k} at step {i}\n        goto: {target}\n"
                f"        points: {{{dim}: {rng.randint(-2, 3)}}}\n        mood: {rng.randint(-5, 6)}\n"
                f"        feedback: Because reply {k} shows why.\n{when}"
            )
    out.append(
        "endings:\n  happy: {outcome: loyal, title: Happy, debrief: Good.}\n"
        "  meh: {outcome: neutral, title: Meh, debrief: OK.}\n  walkout: {outcome: lost, title: Gone, debrief: Lost.}\n"
    )
    return "".join(out)


def cpu(fn: Callable[[], object]) -> float:
    """CPU seconds of one call, after a full collection of what earlier calls left behind."""
    gc.collect()
    started = time.process_time()
    fn()
    return time.process_time() - started


def fresh(path: Path) -> Scenario:
    scenario = load_scenario(path, lint=False).scenario
    assert scenario is not None
    return scenario


def linted(path: Path) -> None:
    scenario = load_scenario(path).scenario
    assert scenario is not None and explore(scenario).strategies, "the lint should have run the strategies"


def explore_fresh(path: Path) -> float:
    scenario = fresh(path)
    return cpu(lambda: explore(scenario))


PARSE, LOAD, EXPLORE, FULL = "yaml.load (CSafeLoader)", "load (no lint)", "explore + strategies", "load + lint + explore"


def one_round(path: Path, raw: bytes) -> dict[str, float]:
    """Each line once; only the scenario being measured is alive, so the baseline's heap is no smaller."""
    times = {PARSE: cpu(lambda: yaml.load(raw, Loader=yaml.CSafeLoader)), LOAD: cpu(lambda: load_scenario(path, lint=False))}
    times[EXPLORE] = explore_fresh(path)
    times[FULL] = cpu(lambda: linted(path))
    return times


def main() -> None:
    folder = Path(tempfile.mkdtemp())
    path = folder / "bench.yaml"
    path.write_text(generate(10_000))
    raw = path.read_bytes()
    choices = raw.count(b"- text:")
    repeat = int(os.environ.get("BENCH_REPEAT", "5"))
    print(f"scenario: 10,000 nodes, {choices:,} choices, {len(raw) / 1e6:.1f} MB; CPU time, best of {repeat} rounds")
    rounds = [one_round(path, raw) for _ in range(repeat)]
    notes = {EXPLORE: "(fresh scenario: rules, play space or bounds, 6 strategies)",
             FULL: "(what validate does: the lint runs the explorer and strategies; target <= 2x)"}  # fmt: skip
    for name in rounds[0]:
        seconds = min(r[name] for r in rounds)
        print(f"{name:<34}{seconds * 1000:8.0f} ms   {seconds / min(r[PARSE] for r in rounds):.2f}x   {notes.get(name, '')}")

    scenario = fresh(path)
    started = time.perf_counter()
    shared_machine(scenario)
    print(f"{'build transitions machine':<34}{(time.perf_counter() - started) * 1000:8.0f} ms   (once per scenario)")
    steps = []
    rng = random.Random(3)
    for _ in range(20):
        session = Session(scenario, clock=FakeClock())
        while not session.finished and len(session.decisions) < 2000:
            shown = session.available_choices()
            started = time.perf_counter()
            session.choose(rng.randrange(1, len(shown) + 1))
            steps.append(time.perf_counter() - started)
        session.close()
    steps.sort()
    p95 = steps[int(len(steps) * 0.95)]
    print(
        f"{'play step':<34}{statistics.median(steps) * 1e6:8.0f} us median, {p95 * 1e6:.0f} us p95 "
        f"over {len(steps):,} steps   (target <= 1 ms)"
    )


if __name__ == "__main__":
    main()
