"""``simulator test`` and ``simulator new``: the trainer's test bench on the command line."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from simulator import resources
from simulator.authoring.playtests import run_playtests
from simulator.authoring.template import fresh_look, ids_in, new_scenario, slug
from simulator.authoring.walks import WalkReport, random_walks
from simulator.cli.common import EXIT_OK, EXIT_PROBLEMS, UsageError, expand_paths, finish, print_json
from simulator.scenario import load_scenario


def register(sub: Any) -> None:
    p = sub.add_parser(
        "test",
        help="run the playthroughs scenarios declare under tests:, or seeded random walks",
        description="Run each scenario's declared playthroughs (tests: in the file) and report "
        "'file:line: ok|FAIL: name'. With --random N, also play N seeded random walks per scenario "
        "and report crashes, endless loops and stuck nodes, with the spread of endings and scores. "
        "Exit 1 if anything failed.",
    )
    p.add_argument("paths", nargs="*", metavar="PATH", help="scenario files or folders (default: the bundled scenarios)")
    p.add_argument("--random", type=int, default=0, metavar="N", help="random walks per scenario")
    p.add_argument("--seed", type=int, default=0, metavar="S", help="seed for the random walks (same seed, same walks)")
    p.add_argument("--max-steps", type=int, default=500, metavar="K", help="a walk longer than this counts as an endless loop")
    finish(p, test_cmd, text_or_json=True)

    p = sub.add_parser(
        "new",
        help="write a commented starter scenario that already validates",
        description="Create NAME.yaml (or --out FILE) from a commented template with every feature of the format.",
    )
    p.add_argument("name", metavar="NAME", help='title of the scenario, e.g. "Lost luggage"')
    p.add_argument("--out", metavar="FILE", help="where to write it (default: ./<name>.yaml); never overwrites")
    finish(p, new_cmd)

    p = sub.add_parser(
        "import",
        help="turn a Twine story (Twee 3 or Twine 2 HTML) into a scenario file",
        description="Read a Twee 3 file (.twee, .tw) or a Twine 2 HTML file (published story or library archive) "
        "and write a scenario that passes 'simulator validate'. Prints 'file:line: level: code: message' "
        "for every warning and every thing left to add, at the line of the Twine file; never overwrites. "
        "Exit 0 when the file was written, 1 when it could not be, 2 on bad usage. Conventions: docs/twine.md.",
    )
    p.add_argument("file", metavar="FILE", help="the Twine story: .twee, .tw, .html")
    p.add_argument("--out", metavar="FILE", required=True, help="the scenario file to create, e.g. scenarios/NAME.yaml")
    p.add_argument("--story", metavar="NAME", help="in a Twine library archive, the story to import (default: the first)")
    finish(p, import_cmd)


def test_cmd(args: argparse.Namespace) -> int:
    if args.random < 0 or args.max_steps < 1:
        raise UsageError("--random must be 0 or more and --max-steps at least 1")
    files = expand_paths(args.paths or [str(resources.scenarios_dir())])
    failed = 0
    results: list[dict[str, Any]] = []
    for path in files:
        loaded = load_scenario(path)
        if not loaded.ok or loaded.scenario is None:
            errors = [p for p in loaded.problems if p.severity == "error"]
            failed += 1
            results.append({"path": str(path), "errors": [str(p) for p in errors]})
            if args.format == "text":
                print("\n".join(str(p) for p in errors))
            continue
        entry: dict[str, Any] = {"path": str(path), "tests": [], "walks": None}
        for result in run_playtests(loaded.scenario):
            failed += not result.passed
            entry["tests"].append(vars(result))
            if args.format == "text":
                print(result)
        if args.random:
            report = random_walks(loaded.scenario, args.random, args.seed, args.max_steps)
            failed += len(report.problems)
            entry["walks"] = _walks_dict(report)
            if args.format == "text":
                print("\n".join(_walk_lines(str(path), report)))
        results.append(entry)
    if args.format == "json":
        print_json({"failed": failed, "files": results})
    else:
        print(f"{len(files)} file(s): {'all passed' if not failed else f'{failed} failure(s)'}", file=sys.stderr)
    return EXIT_PROBLEMS if failed else EXIT_OK


def _walks_dict(report: WalkReport) -> dict[str, Any]:
    return {
        "walks": report.walks,
        "seed": report.seed,
        "steps": report.steps,
        "endings": dict(report.endings),
        "histogram": report.histogram(),
        "problems": [vars(p) for p in report.problems],
    }


def _walk_lines(path: str, report: WalkReport) -> list[str]:
    lines = [f"{path}: {report.walks} random walks (seed {report.seed}), {report.steps} choices"]
    for problem in report.problems[:20]:
        lines.append(f"{path}: FAIL: walk {problem.walk}: {problem.kind} at '{problem.at}': {problem.message}")
    total = sum(report.endings.values()) or 1
    for ending, count in report.endings.most_common():
        lines.append(f"  {ending:<28} {count:>6}  {'#' * round(40 * count / total)}")
    bins = report.histogram()
    top = max(bins) or 1
    lines.append("  overall score:")
    for i, count in enumerate(bins):
        band = "100" if i == len(bins) - 1 else f"{i * 10:>2}-{i * 10 + 9}"
        lines.append(f"    {band:>6} {count:>6}  {'#' * round(30 * count / top)}")
    return lines


def import_cmd(args: argparse.Namespace) -> int:
    from simulator.authoring.twine import ImportRefused, import_twine

    try:
        result = import_twine(Path(args.file), Path(args.out), story_name=args.story)
    except ImportRefused as exc:
        raise UsageError(str(exc)) from exc
    print("\n".join(str(note) for note in result.notes))
    print(result.summary(), file=sys.stderr)
    return EXIT_OK if result.written else EXIT_PROBLEMS


def new_cmd(args: argparse.Namespace) -> int:
    out = Path(args.out) if args.out else Path(f"{slug(args.name)}.yaml")
    if out.exists():
        raise UsageError(f"{out} already exists; choose another name or --out")
    if not out.parent.is_dir():
        raise UsageError(f"{out.parent}: no such folder")
    out.write_text(new_scenario(args.name, out.name, fresh_look(out.parent), ids_in(out.parent)), encoding="utf-8")
    print(f"wrote {out}: edit it, then run 'simulator validate {out}' and 'simulator test {out}'")
    return EXIT_OK
