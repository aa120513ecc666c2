"""A generated scenario of any size for map tests and the map benchmark.

Layered like ``benchmarks/bench_core.py`` (three replies a node, mostly forward, some loops back),
plus, on request, places the map must flag: an island no path reaches and a loop with no way out.
"""

from __future__ import annotations

import random

DIMS = ("alternatives", "listening", "emotional_repair", "surprise")
ISLAND = ("island-a", "island-b")
TRAP = ("trap-a", "trap-b")


def generate(nodes: int = 200, seed: int = 7, flaws: bool = True) -> str:
    """YAML text of a scenario with ``nodes`` nodes (plus the flaws' four) and three endings."""
    rng = random.Random(seed)
    out = [
        "format: 1\nid: generated\ntitle: Generated map\nsummary: Generated for tests.\ndifficulty: hard\nminutes: 60\n",
        "customer: {name: Gene Rated, look: maria, mood: 50}\n",
        "mood_rules:\n  - below: 5\n    goto: walkout\nstart: n0\nnodes:\n",
    ]
    for i in range(nodes):
        out.append(f"  n{i}:\n    say: Customer line number {i}, upset about the delay.\n    choices:\n")
        for k in range(3):
            out.append(_choice(k, _target(rng, i, k, nodes, flaws), rng, i))
    if flaws:
        out.append(f"  {ISLAND[0]}:\n    say: Nobody gets here.\n    choices:\n{_choice(0, ISLAND[1], rng, 0)}")
        out.append(f"  {ISLAND[1]}:\n    say: Nor here.\n    choices:\n{_choice(0, 'happy', rng, 0)}")
        out.append(f"  {TRAP[0]}:\n    say: Round we go.\n    choices:\n{_choice(0, TRAP[1], rng, 0, mood=0)}")
        out.append(f"  {TRAP[1]}:\n    say: And round again.\n    choices:\n{_choice(0, TRAP[0], rng, 0, mood=0)}")
    out.append(
        "endings:\n  happy: {outcome: loyal, title: Happy, debrief: Good.}\n"
        "  meh: {outcome: neutral, title: Meh, debrief: OK.}\n  walkout: {outcome: lost, title: Gone, debrief: Lost.}\n"
    )
    return "".join(out)


def _target(rng: random.Random, i: int, k: int, nodes: int, flaws: bool) -> str:
    if flaws and i == 5 and k == 2:
        return TRAP[0]
    if i >= nodes - 3:
        return rng.choice(("happy", "meh", "walkout"))
    if k == 2 and i > 10 and rng.random() < 0.1:
        return f"n{rng.randrange(max(0, i - 10), i)}"
    return f"n{min(nodes - 1, i + 1 + rng.randrange(3))}"


def _choice(k: int, target: str, rng: random.Random, i: int, mood: int | None = None) -> str:
    """A reply; the trap's replies keep the mood (a falling mood would trigger the walk-out rule)."""
    dim = DIMS[(i + k) % 4]
    mood = rng.randint(-5, 6) if mood is None else mood
    return (
        f"      - text: Reply {k} at step {i}\n        goto: {target}\n"
        f"        points: {{{dim}: {rng.randint(-2, 3)}}}\n        mood: {mood}\n"
        f"        feedback: Because reply {k} shows why.\n"
    )
