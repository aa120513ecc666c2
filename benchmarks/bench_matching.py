"""Typed-reply matching: accuracy on hand-written paraphrases, match latency and model load time.

Run on demand (``make bench-matching``), never in the test suite. The paraphrase sets in
``benchmarks/paraphrases/`` were written against two bundled scenarios as they stood at the commit
named in each file (the scenario is read from git at that commit, so later rewrites of the
bundled files don't move the figures). Three matchers rank each node's replies:

- bag of words: cosine of content-word counts (the baseline a keyword matcher gives);
- plain cosine: WordLlama embeddings alone;
- ours: ``simulator.engine.matching.Matcher`` (embeddings + apology/rule stance + verdicts).

Targets (issue 19): top-1 everyday >= 90 %, hard >= 75 % (past plain cosine), top-2 >= 95 %;
a match <= 50 ms once the model is loaded; loading (import + read) <= 1 s in a fresh process.
"""

from __future__ import annotations

import math
import os
import random
import statistics
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from simulator.engine.matching import FUNCTION_WORDS, WORD, Matcher, load_model
from simulator.scenario.load import load_bytes
from simulator.scenario.model import Choice, Scenario

ROOT = Path(__file__).resolve().parent.parent
SETS = sorted((ROOT / "benchmarks" / "paraphrases").glob("*.yaml"))
Case = tuple[str, str, str, int, Sequence[Choice]]  # kind, scenario, text, meant (0-based), replies
Ranker = Callable[[str, Sequence[Choice]], list[int]]


def scenario_at(commit: str, name: str) -> Scenario:
    shown = ["git", "-C", str(ROOT), "show", f"{commit}:scenarios/{name}.yaml"]
    raw = subprocess.run(shown, capture_output=True, check=True).stdout
    loaded = load_bytes(raw, f"scenarios/{name}.yaml")
    assert loaded.scenario is not None, loaded.problems
    return loaded.scenario


def cases() -> list[Case]:
    out: list[Case] = []
    for path in SETS:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        scenario = scenario_at(data["commit"], data["scenario"])
        for node_id, replies in data["nodes"].items():
            choices = scenario.nodes[node_id].choices
            for number, kinds in replies.items():
                for kind, texts in kinds.items():
                    out.extend((kind, data["scenario"], text, number - 1, choices) for text in texts)
    return out


# Words too common to count as shared content, beside the matcher's own list of English function words.
COMMON = frozenset(("after", "before", "both", "never", "down", "like", "use", "you'd", "she's", "she'll", "he's", "they're"))


def content_words(text: str) -> list[str]:
    return [w for w in (w.lower() for w in WORD.findall(text)) if w not in FUNCTION_WORDS | COMMON and len(w) > 2]


def bag_of_words(seed: int = 19) -> Ranker:
    rng = random.Random(seed)

    def cosine(a: Counter[str], b: Counter[str]) -> float:
        dot = sum(a[w] * b[w] for w in a)
        return dot / (math.sqrt(sum(v * v for v in a.values()) * sum(v * v for v in b.values())) or 1.0)

    def rank(text: str, choices: Sequence[Choice]) -> list[int]:
        typed = Counter(content_words(text))
        scores = [(cosine(typed, Counter(content_words(c.text))), rng.random(), c.index) for c in choices]  # ties: at random
        return [i for *_, i in sorted(scores, reverse=True)]

    return rank


def plain_cosine(text: str, choices: Sequence[Choice]) -> list[int]:
    vectors = load_model().embed([text] + [c.text for c in choices], norm=True)
    sims = (vectors[1:] @ vectors[0]).tolist()
    return [choices[i].index for i in sorted(range(len(choices)), key=lambda i: -sims[i])]


def ours(matcher: Matcher) -> Ranker:
    return lambda text, choices: [r.choice.index for r in matcher.rank(text, choices).ranked]


def accuracy(all_cases: list[Case], ranker: Ranker) -> dict[str, tuple[float, float, int]]:
    hits: dict[str, list[tuple[bool, bool]]] = {}
    for kind, _, text, meant, choices in all_cases:
        order = ranker(text, choices)
        hits.setdefault(kind, []).append((order[0] == meant, meant in order[:2]))
    return {k: (sum(a for a, _ in v) / len(v), sum(b for _, b in v) / len(v), len(v)) for k, v in hits.items()}


def overlaps(all_cases: list[Case]) -> list[str]:
    """Hard paraphrases that share a content word with their reply (there should be none)."""
    return [
        f"{text!r} shares {sorted(shared)}"
        for kind, _, text, meant, choices in all_cases
        if kind == "hard" and (shared := set(content_words(text)) & set(content_words(choices[meant].text)))
    ]


LOAD = "from simulator.engine.matching import load_model\nload_model()"
BASELINE = "import numpy"  # what any numeric library costs to import, measured in the same run


def fresh_seconds(code: str, runs: int = 3) -> float:
    """Median time of ``code`` in a fresh process (the model's load is paid the first time the mode is used)."""
    script = f"import time; t = time.perf_counter()\n{code}\nprint(time.perf_counter() - t)"
    times = [
        float(subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True).stdout)
        for _ in range(runs)
    ]
    return statistics.median(times)


def main() -> None:
    all_cases = cases()
    print(f"{len(all_cases)} paraphrases from {', '.join(p.name for p in SETS)}")
    for line in overlaps(all_cases):
        print("  warning: hard paraphrase", line)
    matcher = Matcher()
    table = {"bag of words": accuracy(all_cases, bag_of_words()), "plain cosine": accuracy(all_cases, plain_cosine)}
    table["ours"] = accuracy(all_cases, ours(matcher))
    print(f"\n{'matcher':<14}{'everyday top-1':>16}{'top-2':>8}{'hard top-1':>12}{'top-2':>8}")
    for name, row in table.items():
        (e1, e2, _), (h1, h2, _) = row["everyday"], row["hard"]
        print(f"{name:<14}{e1:>16.1%}{e2:>8.1%}{h1:>12.1%}{h2:>8.1%}")
    verdicts = Counter((kind, matcher.rank(text, choices).verdict) for kind, _, text, _, choices in all_cases)
    print("\nverdicts (ours):", ", ".join(f"{k}/{v}: {n}" for (k, v), n in sorted(verdicts.items())))
    wrong_clear = sum(
        1
        for _, _, text, meant, choices in all_cases
        if (m := matcher.rank(text, choices)).verdict == "clear" and m.ranked[0].choice.index != meant
    )
    print(f"wrong but 'clear' (the trainee must say no to the suggestion): {wrong_clear} of {len(all_cases)}")
    latencies = []
    for _, _, text, _, choices in all_cases:
        start = time.perf_counter()
        matcher.rank(text, choices)
        latencies.append((time.perf_counter() - start) * 1000)
    latencies.sort()
    p95 = latencies[int(len(latencies) * 0.95)]
    print(
        f"\nmatch after load: median {statistics.median(latencies):.1f} ms, p95 {p95:.1f} ms, "
        f"max {latencies[-1]:.1f} ms (target <= 50 ms)"
    )
    load, baseline = fresh_seconds(LOAD), fresh_seconds(BASELINE)
    print(
        f"load (import + read, fresh process, median of 3): {load:.2f} s (target <= 1 s); "
        f"{load / baseline:.1f}x a bare 'import numpy' ({baseline:.2f} s) in the same run; "
        f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
    )
    print("targets:", "met" if _met(table["ours"], p95) else "NOT met")


def _met(row: dict[str, tuple[float, float, int]], p95: float) -> bool:
    top2 = min(row["everyday"][1], row["hard"][1])
    return row["everyday"][0] >= 0.9 and row["hard"][0] >= 0.75 and top2 >= 0.95 and p95 <= 50


if __name__ == "__main__":
    main()
