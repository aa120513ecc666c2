"""Supervisor commands on the results database: ``backup``, ``merge`` and ``sessions``.

Each takes ``--db`` (also accepted before the command). A ``StoreError`` becomes its one-line
message on stderr and exit code 1: a user never sees a traceback for a file problem.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import Any

from simulator.cli.common import EXIT_OK, EXIT_PROBLEMS, UsageError, finish, print_json, with_store
from simulator.cli.terminal import redraw_line
from simulator.store import Store, StoreError
from simulator.store.library import NOT_LIBRARY
from simulator.store.oddrows import Skipped, describe


def register(sub: Any) -> None:
    p = sub.add_parser(
        "backup",
        help="copy the results database safely, even while the app is running",
        description="Write a consistent copy of the results database with SQLite's online backup. "
        "Refuses to overwrite an existing file.",
    )
    p.add_argument("--out", required=True, metavar="FILE", help="the copy to create")
    finish(p, with_store(backup_cmd), db=True)

    p = sub.add_parser(
        "merge",
        help="bring other PCs' results into this database (no duplicates; safe to repeat)",
        description="Add the trainees, sessions and decisions of other results databases to this one. "
        "The other files are only read. Trainees with the same name become one, unless both have employee IDs "
        "and they differ (then theirs is added as 'Name (ID)'). Running it twice adds nothing.",
    )
    p.add_argument("others", nargs="+", metavar="OTHER.db", help="results databases to merge in")
    finish(p, with_store(merge_cmd), db=True)

    p = sub.add_parser(
        "sessions",
        help="list recorded sessions (all, one trainee's, or the unfinished ones)",
        description="List sessions oldest first: id, trainee, scenario, start time and result.",
    )
    p.add_argument("--trainee", metavar="NAME", help="only this trainee's sessions")
    p.add_argument("--unfinished", action="store_true", help="only sessions that can be resumed")
    finish(p, with_store(sessions_cmd), text_or_json=True, db=True)


def backup_cmd(store: Store, args: argparse.Namespace) -> int:
    dest = store.backup(args.out)
    print(f"{store.path} -> {dest}", file=sys.stderr)
    return EXIT_OK


def merge_cmd(store: Store, args: argparse.Namespace) -> int:
    status = EXIT_OK
    for other in args.others:
        try:
            result = store.merge(other, progress=_progress(other))
        except StoreError as exc:
            print(f"simulator: error: {exc}", file=sys.stderr)
            status = EXIT_PROBLEMS
            continue
        renamed = f" ({result.trainees_renamed} renamed: same name, another employee ID)" if result.trainees_renamed else ""
        print(
            f"{other}: {result.trainees_added} trainee(s) added{renamed}, {result.trainees_matched} matched by name, "
            f"{result.sessions_added} session(s) added, {result.sessions_updated} updated, "
            f"{result.decisions_added} decision(s) added"
        )
    return status


def _progress(name: str) -> Callable[[int, int], None]:
    """Progress on stderr for big files: redrawn in place on a terminal, every 10% otherwise."""
    tty = sys.stderr.isatty()
    shown = [-1]

    def report(done: int, total: int) -> None:
        if total < 100_000:
            return
        percent = 100 * done // total
        if tty:
            redraw_line(f"{name}: {percent}% ({done:,} of {total:,} decisions)", end="\n" if done >= total else "")
        elif percent // 10 > shown[0]:
            shown[0] = percent // 10
            print(f"{name}: {percent}% ({done:,} of {total:,} decisions)", file=sys.stderr)

    return report


def sessions_cmd(store: Store, args: argparse.Namespace) -> int:
    trainee_id = None
    if args.trainee:
        trainee = store.find_trainee(args.trainee)
        if trainee is None:
            raise UsageError(f"no trainee named '{args.trainee}' in {store.path}")
        trainee_id = trainee.id
    skipped: list[Skipped] = []
    found = store.sessions(trainee_id=trainee_id, skipped=skipped)
    if args.unfinished:
        found = [s for s in found if s.finished is None and s.abandoned is None]
    if args.format == "json":
        print_json([s.to_dict() for s in found])
        if skipped:
            print(describe(skipped), file=sys.stderr)
        return EXIT_OK
    for s in found:
        marker = "" if s.library else f"  [{NOT_LIBRARY}]"
        print(f"{s.id}  {s.started[:16].replace('T', ' ')}  {s.trainee_name:<20} {s.scenario_id:<28} {_result(s)}{marker}")
    print(f"{len(found)} session(s)", file=sys.stderr)
    if skipped:
        print(describe(skipped), file=sys.stderr)
    return EXIT_OK


def _result(s: Any) -> str:
    if s.finished:
        overall = "-" if s.overall is None else f"{s.overall:.0f}"
        return f"{s.outcome} {overall}{' passed' if s.passed else ''}"
    if s.abandoned:
        return f"abandoned after {s.decisions} decision(s)"
    return f"unfinished, {s.decisions} decision(s)"
