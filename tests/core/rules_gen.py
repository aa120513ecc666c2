"""Random small scenarios that use every rule of play: loops, mood rules both ways, conditions, timers."""

from __future__ import annotations

import random

DIMS = ("alternatives", "listening", "emotional_repair", "surprise")
ENDINGS = ("won", "fine", "gone")


def generate(seed: int) -> str:
    """YAML text of a scenario of 4-9 nodes; the first reply of every node is never hidden."""
    rng = random.Random(seed)
    count = rng.randint(4, 9)
    nodes = [f"n{i}" for i in range(count)]
    out = [
        "format: 1\nid: gen\ntitle: Generated\nsummary: Generated.\ndifficulty: easy\nminutes: 1\n",
        f"customer: {{name: Gen Erated, mood: {rng.randint(20, 80)}}}\n",
        "variables: {asked: false, tries: 0}\nmood_rules:\n",
        f"  - below: {rng.randint(5, 30)}\n    goto: {rng.choice([*ENDINGS, rng.choice(nodes)])}\n",
        f"  - above: {rng.randint(70, 95)}\n    goto: {rng.choice([*ENDINGS, rng.choice(nodes)])}\n",
        "start: n0\nnodes:\n",
    ]
    for i, node in enumerate(nodes):
        out.append(f"  {node}:\n    say: Line {i}.\n")
        if rng.random() < 0.3:
            out.append(f"    time_limit: 20\n    timeout:\n      goto: {rng.choice(nodes + list(ENDINGS))}\n")
            out.append(f"      mood: {rng.randint(-30, 5)}\n      feedback: t\n")
        out.append("    choices:\n")
        for k in range(rng.randint(2, 4)):
            out.append(_choice(rng, k, nodes))
    out.append("endings:\n")
    for ending, outcome in zip(ENDINGS, ("loyal", "neutral", "lost"), strict=True):
        out.append(f"  {ending}: {{outcome: {outcome}, title: {ending}, debrief: d}}\n")
    return "".join(out)


def _choice(rng: random.Random, k: int, nodes: list[str]) -> str:
    goto = rng.choice(nodes + list(ENDINGS)) if rng.random() < 0.8 else rng.choice(ENDINGS)
    lines = [f"      - text: Reply {k} {'x' * rng.randint(0, 20)}\n        goto: {goto}\n        feedback: f\n"]
    lines.append(f"        mood: {rng.randint(-30, 30)}\n")
    one, two = rng.sample(DIMS, 2)
    if rng.random() < 0.35:  # points in loops multiply the states (which replies were taken)
        lines.append(f"        points: {{{one}: {rng.randint(-2, 3)}, {two}: {rng.randint(0, 2)}}}\n")
    if k > 0 and rng.random() < 0.3:  # a counter that only counts to 2, so the play space stays finite
        return "".join(lines) + "        when: tries < 2\n        set: {tries: tries + 1}\n"
    if k > 0 and rng.random() < 0.4:
        lines.append(f"        when: {rng.choice(['not asked', 'asked', 'tries > 0', 'mood > 40'])}\n")
    if rng.random() < 0.4:
        lines.append(f"        set: {rng.choice(['{asked: true}', '{asked: not asked}'])}\n")
    return "".join(lines)
