"""Trainer commands on scenario files: ``validate``, ``explore``, ``play`` and ``match``."""

from __future__ import annotations

import argparse
import difflib
import sys
from typing import Any

from simulator.cli.common import EXIT_OK, EXIT_PROBLEMS, UsageError, expand_paths, finish, print_json
from simulator.scenario import Scenario, explore, load_scenario


def register(sub: Any) -> None:
    p = sub.add_parser(
        "validate",
        help="check scenario files and folders; one problem a line",
        description="Check scenario files. Prints 'path:line:col: error|warning: CODE: message' "
        "per problem. Exit 0: no errors; 1: errors found; 2: bad usage.",
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="scenario files or folders of them")
    finish(p, validate, text_or_json=True)

    p = sub.add_parser(
        "explore",
        help="endings, unreachable nodes, score ranges and path count of a scenario",
        description="Analyse a scenario without playing it: which endings can be reached, which "
        "nodes can't, the lowest and highest score per rubric dimension, and how many "
        "distinct paths exist.",
    )
    p.add_argument("scenario", metavar="SCENARIO")
    finish(p, explore_cmd, text_or_json=True)

    p = sub.add_parser(
        "play",
        help="play a scenario headless with given choices; prints transcript and scorecard",
        description="Play without the window. --choose lists the choice numbers as shown at each "
        "step (1 = first shown); 't' lets the timer run out instead. Replies are shown in the file's order, "
        "or with --shuffle SEED in the order the app would show them in a session with that seed. "
        "--format json gives each decision's choice_index (place in the file, 0-based) and number (as shown).",
    )
    p.add_argument("scenario", metavar="SCENARIO")
    p.add_argument("--choose", default="", metavar="N,N,...", help="e.g. 2,1,3 or 1,t,2")
    p.add_argument("--start", metavar="NODE", help="start at this node instead of the scenario's start (preview)")
    p.add_argument("--mode", choices=("practice", "assessment"), default="practice")
    p.add_argument(
        "--shuffle", type=_seed, metavar="SEED", help="show replies in a seeded order, as the app does (0..2147483647)"
    )
    p.add_argument("--trainee", metavar="NAME", help="record the session in the database under this trainee")
    p.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS, help="results database (with --trainee)")
    finish(p, play, text_or_json=True)

    p = sub.add_parser(
        "match",
        help="rank a node's replies against a typed one, as the 'In your own words' mode does",
        description="Rank every reply of a node by how close TEXT comes to it in meaning (offline, "
        "with the bundled model; a reply's cues count as the reply). 'number' is the reply's "
        "position in the file, from 1. The verdict says what the player would do: 'clear' (suggest "
        "the best), 'close' (ask between the top two or three) or 'unsure' (show the cards).",
    )
    p.add_argument("scenario", metavar="SCENARIO")
    p.add_argument("--node", required=True, metavar="NODE", help="id of the node whose replies are ranked")
    p.add_argument("text", nargs="+", metavar="TEXT", help="what the trainee would type (several words need no quotes)")
    finish(p, match_cmd, text_or_json=True)


def validate(args: argparse.Namespace) -> int:
    files = expand_paths(args.paths)
    if not files:
        raise UsageError("no .yaml or .yml files found in " + ", ".join(args.paths))
    from simulator.scenario.load import duplicate_ids

    loaded = [load_scenario(f) for f in files]
    problems = [p for one in loaded for p in one.problems] + duplicate_ids(loaded)
    errors = sum(p.severity == "error" for p in problems)
    if args.format == "json":
        print_json(
            {
                "files": len(files),
                "errors": errors,
                "warnings": len(problems) - errors,
                "problems": [p.to_dict() for p in problems],
            }
        )
    else:
        for problem in problems:
            print(problem)
        print(f"{len(files)} file(s) checked: {errors} error(s), {len(problems) - errors} warning(s)", file=sys.stderr)
    return EXIT_PROBLEMS if errors else EXIT_OK


def load_or_report(path: str) -> Scenario | None:
    """The scenario, or None after printing its errors to stderr."""
    expand_paths([path])
    loaded = load_scenario(path)
    errors = [p for p in loaded.problems if p.severity == "error"]
    if loaded.scenario is None or errors:
        for problem in errors:
            print(problem, file=sys.stderr)
        print(f"{path}: cannot be used until these errors are fixed (simulator validate {path})", file=sys.stderr)
        return None
    return loaded.scenario


def explore_cmd(args: argparse.Namespace) -> int:
    scenario = load_or_report(args.scenario)
    if scenario is None:
        return EXIT_PROBLEMS
    report = explore(scenario)
    if args.format == "json":
        print_json(report.to_dict())
        return EXIT_OK
    print(f"{scenario.title} ({scenario.id})")
    print(f"Reachable endings ({len(report.reachable_endings)}):")
    for ending in report.reachable_endings:
        print(f"  {ending:<28} {report.outcomes[ending]:<8} {scenario.endings[ending].title}")
    print("Unreachable: " + (", ".join(report.unreachable) or "none"))
    how = "exact: every reachable state played out" if report.exact else "bounds from the graph: conditions and mood ignored"
    print(f"Figures: {how}")
    print(f"Distinct paths: {'unbounded (the scenario has loops)' if report.paths is None else report.paths}")
    print(f"Shortest way to an ending: {report.shortest_path} choice(s)")
    if report.best_choose is not None and report.best_path is not None:
        print(f"Best overall path: {len(report.best_choose)} choice(s): choose: [{', '.join(map(str, report.best_choose))}]")
        print("  (numbered as play --choose and tests: number them: replies as shown, t = let the timer run out)")
        print("  through " + " ".join(node for node, _ in report.best_path))
    elif report.best_path is not None:
        print(
            f"Best overall path (graph only, replies numbered by their place in the file): {len(report.best_path)} "
            "choice(s): " + " ".join(f"{node}#{index + 1}" for node, index in report.best_path)
        )
    print("Points per dimension (min .. max, and the ending the best path reaches):")
    for dim in report.dimensions.values():
        flag = "" if dim.max > 0 else "   <- no path earns points here"
        print(f"  {dim.label:<24} {dim.min:>4} .. {dim.max:<4} {dim.best_ending}{flag}")
    print("\n".join(strategy_lines(report)))
    return EXIT_OK


def strategy_lines(report: Any) -> list[str]:
    """The naive players as a table: a trainee who never reads should not pass."""
    lines = ["Naive strategies (never reading the story; none should pass or win the customer):"]
    lines.append(f"  {'strategy':<10} {'outcome':<11} {'overall':>7}  {'passed':<6} ending")
    for name, result in report.strategies.items():
        score = "-" if result.overall is None else f"{result.overall:g}"
        verdict = "yes" if result.passed else "no"
        note = f"  ({result.pass_rate:.0%} of {result.walks} walks pass, median shown)" if result.walks > 1 else ""
        flag = "   <- gameable" if result.games else ""
        lines.append(f"  {name:<10} {result.outcome:<11} {score:>7}  {verdict:<6} {result.ending or '-'}{note}{flag}")
    return lines


def _seed(text: str) -> int:
    from simulator.engine.order import SEED_LIMIT

    if not text.isdigit() or int(text) >= SEED_LIMIT:
        raise argparse.ArgumentTypeError(f"a whole number from 0 to {SEED_LIMIT - 1}, not '{text}'")
    return int(text)


def parse_choices(text: str) -> list[int | str]:
    picks: list[int | str] = []
    for part in filter(None, (p.strip() for p in text.split(","))):
        if part.lower() == "t":
            picks.append("t")
        elif part.isdigit() and int(part) > 0:
            picks.append(int(part))
        else:
            raise UsageError(f"--choose takes numbers from 1 and 't' separated by commas, not '{part}'")
    return picks


def play(args: argparse.Namespace) -> int:
    from simulator.engine import PlayError, Session, scorecard
    from simulator.reports.transcript import scorecard_lines, transcript

    picks = parse_choices(args.choose)
    scenario = load_or_report(args.scenario)
    if scenario is None:
        return EXIT_PROBLEMS
    try:
        session = Session(scenario, start=args.start, mode=args.mode, shuffle_seed=args.shuffle)
    except PlayError as exc:
        raise UsageError(str(exc)) from None
    store = None
    if args.trainee:
        from simulator.store import open_store
        from simulator.xapi.queue import StatementRows

        store = open_store(getattr(args, "db", None))
        store.attach(session, trainee=args.trainee, rows=StatementRows)
    session.begin()
    status = EXIT_OK
    try:
        for step, pick in enumerate(picks, 1):
            if session.finished:
                print(f"simulator: note: the conversation ended before choice {step}; the rest are ignored", file=sys.stderr)
                break
            session.timeout() if pick == "t" else session.choose(int(pick))
    except PlayError as exc:
        print(f"{args.scenario}: at '{session.state}', step {len(session.decisions) + 1}: {exc}", file=sys.stderr)
        status = EXIT_PROBLEMS
    finally:
        if store is not None:
            store.close()
    card = scorecard(session)
    if args.format == "json":
        print_json(_play_json(session, card))
    else:
        print("\n".join(transcript(scenario, session.start, session.decisions, show_feedback=args.mode == "practice")))
        if not session.finished:
            shown = session.available_choices()
            print("\n".join(f"    {n}. {c.text.strip()}" for n, c in enumerate(shown, 1)))
        print("\n".join(scorecard_lines(card)))
    return status


def _play_json(session: Any, card: Any) -> dict[str, Any]:
    return {
        "session_id": session.id,
        "scenario": session.scenario.id,
        "start": session.start,
        "shuffle_seed": session.shuffle_seed,
        "finished": session.finished,
        "at": session.state,
        "mood": session.mood,
        "decisions": [d.to_dict() for d in session.decisions],
        "scorecard": card.to_dict(),
    }


def match_cmd(args: argparse.Namespace) -> int:
    from simulator.engine.matching import MAX_CHARS, Matcher, ModelMissing

    scenario = load_or_report(args.scenario)
    if scenario is None:
        return EXIT_PROBLEMS
    node = scenario.nodes.get(args.node)
    if node is None:
        kind = "an ending, which has no replies" if args.node in scenario.endings else "not a node of this scenario"
        close = difflib.get_close_matches(args.node, list(scenario.nodes), n=1)
        raise UsageError(f"{args.scenario}: '{args.node}' is {kind}" + (f"; did you mean '{close[0]}'?" if close else ""))
    text = " ".join(args.text)
    if not text.strip():
        raise UsageError("TEXT is empty: type the reply to match")
    try:
        found = Matcher().rank(text, node.choices)
    except ModelMissing as exc:
        print(f"simulator: error: {exc}", file=sys.stderr)
        return EXIT_PROBLEMS
    if found.cut:
        print(f"simulator: note: only the first {MAX_CHARS:,} characters were matched", file=sys.stderr)
    ranked = [{"number": r.choice.index + 1, "text": r.choice.text.strip(), "similarity": r.similarity} for r in found.ranked]
    if args.format == "json":
        print_json({"node": node.id, "verdict": found.verdict, "ranked": ranked})
        return EXIT_OK
    numbers = [str(r.choice.index + 1) for r in found.shortlist]
    listed = ", ".join(numbers[:-1]) + " and " + numbers[-1] if len(numbers) > 1 else "".join(numbers)
    print(VERDICT_LINES[found.verdict].format(listed))
    for row in ranked:
        print(f"  {row['number']:>2}  {row['similarity']:+.3f}  {row['text']}")
    return EXIT_OK


VERDICT_LINES = {
    "clear": "clear: closest to reply {}",
    "close": "close: replies {} are too close to tell apart; the player asks which was meant",
    "unsure": "unsure: not sure what that means (another language, or not words?); the player shows the cards",
}
