"""Twine import speed: a generated story of 60 (and 200) passages, against loading the scenario it becomes.

Run on demand (``python benchmarks/bench_twine.py``), never in the test suite. The import reads
the Twine file, converts it, writes YAML and runs the full lint on it; the baseline is
``load_scenario`` (parse + lint, what ``simulator validate`` does) of the written file, measured
in the same run, so the ratio travels between machines. Target (issue 20): a 50+ passage story
imported in under a second.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "authoring"))

from twine_stories import as_html, as_twee  # noqa: E402 - the tests' generator, after the path is set

from simulator.authoring.template import fresh_look  # noqa: E402
from simulator.authoring.twine import import_twine  # noqa: E402
from simulator.authoring.twine.convert import convert  # noqa: E402
from simulator.authoring.twine.scenario_yaml import to_yaml  # noqa: E402
from simulator.authoring.twine.twee import read_twee  # noqa: E402
from simulator.authoring.twine.twine_html import read_html  # noqa: E402
from simulator.scenario import load_scenario  # noqa: E402

REPEAT = 7


def median_ms(fn: Callable[[], object], repeat: int = REPEAT) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def measure(folder: Path, count: int, suffix: str) -> None:
    text = (as_twee if suffix == ".twee" else as_html)(count)
    source = folder / f"story-{count}{suffix}"
    source.write_text(text, encoding="utf-8")
    outs = iter(folder / f"out-{count}{suffix[1:]}-{i}.yaml" for i in range(REPEAT + 1))
    result = import_twine(source, next(outs))
    assert result.written, [str(n) for n in result.notes if n.level == "error"]
    total = median_ms(lambda: import_twine(source, next(outs)))
    baseline = median_ms(lambda: load_scenario(result.out))
    read = (lambda: read_twee(text, "s")) if suffix == ".twee" else (lambda: read_html(text, "s"))
    story = read()
    converted = convert(story, "t", "maria")
    assert converted is not None
    phases = {
        "read": median_ms(read),
        "convert": median_ms(lambda: convert(read(), "t", "maria")) - median_ms(read),
        "yaml": median_ms(lambda: to_yaml(converted.data, "s", "o")),
        "face": median_ms(lambda: fresh_look(folder)),
    }
    split = ", ".join(f"{k} {v:.1f} ms" for k, v in phases.items())
    print(
        f"{count:>4} passages {suffix:<6} import {total:7.1f} ms   validate of the result {baseline:7.1f} ms   "
        f"ratio {total / baseline:4.2f}x   ({split}; the rest: lint, write)"
    )


def main() -> None:
    folder = Path(tempfile.mkdtemp())
    for count in (60, 200):
        for suffix in (".twee", ".html"):
            measure(folder, count, suffix)


if __name__ == "__main__":
    main()
