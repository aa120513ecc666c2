"""``simulator export``: scorecards (CSV, JSON, PDF) and xAPI statements to a file.

``export`` is one command with pluggable formats: ``EXPORT_FORMATS`` maps a ``--format`` name to
a writer ``(store, ExportQuery, out) -> count``; adding CSV, JSON or PDF is adding an entry.
A ``StoreError`` or a settings problem becomes one line on stderr and exit 1; bad usage exits 2.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from simulator.cli.common import EXIT_OK, UsageError, finish, with_store
from simulator.reports.exports import ExportError, ExportResult, left_out_note
from simulator.reports.formats import EXPORTERS, HELP
from simulator.store import Store, outpaths
from simulator.store.oddrows import KEPT, Skipped, describe
from simulator.xapi import queue


@dataclass(frozen=True)
class ExportQuery:
    trainee: str | None = None
    scenario: str | None = None
    since: str | None = None  # ISO date or time, compared with the session's start
    until: str | None = None  # inclusive at the precision given ("2026-01-31" is the whole day)
    decisions: bool = False  # csv/json: one row per choice made instead of one per session
    mode: str | None = None  # practice | assessment; None: both
    unpublished: bool = False  # csv/json/pdf: also sessions played on files the library doesn't offer


Writer = Callable[[Store, ExportQuery, str], int]


@dataclass(frozen=True)
class ExportFormat:
    writer: Writer
    help: str


def export_xapi(store: Store, query: ExportQuery, out: str) -> int:
    """A JSON array of xAPI statements, one per line, as LRS file imports take them."""
    count, skipped = 0, list[Skipped]()
    with output(out, database=store.path) as handle:
        handle.write("[")
        for text in queue.export(store, trainee=query.trainee, scenario=query.scenario, since=query.since, until=query.until,
                                 mode=query.mode, skipped=skipped):  # fmt: skip
            handle.write(("\n" if count == 0 else ",\n") + text)
            count += 1
        handle.write("\n]\n")
    if skipped:
        print(describe(skipped), file=sys.stderr)
    return count


def cli_writer(fmt: str) -> Callable[[Store, Any, str], int]:
    """``EXPORTERS[fmt]`` as a ``simulator export`` writer ``(store, query, out) -> rows written``.

    ``query`` needs ``trainee``, ``scenario``, ``since``, ``until`` and may have ``decisions``;
    ``out`` "-" writes CSV or JSON to standard output (through a temporary file, so a failed
    export prints nothing).
    """

    def write(store: Store, query: Any, out: str) -> int:
        options: dict[str, Any] = {key: getattr(query, key, None) for key in ("trainee", "scenario", "since", "until", "mode")}
        options["decisions"] = bool(getattr(query, "decisions", False))
        options["unpublished"] = bool(getattr(query, "unpublished", False))
        if out != "-":
            return _told(EXPORTERS[fmt](store, out, **options))
        if fmt == "pdf":
            raise ExportError("a PDF can't go to standard output; give a file name with --out")
        with tempfile.TemporaryDirectory() as folder:
            result = EXPORTERS[fmt](store, Path(folder) / f"export.{fmt}", **options)
            with result.path.open("rb") as handle:
                if sys.stdout.isatty():  # shown, not stored: through the cleaning stream like any text
                    sys.stdout.write(handle.read().decode("utf-8", errors="replace"))
                else:  # data for a pipe or a file: byte for byte
                    sys.stdout.flush()
                    shutil.copyfileobj(handle, sys.stdout.buffer)
            sys.stdout.flush()
        return _told(result)

    return write


def _told(result: ExportResult) -> int:
    """The rows written, after naming on stderr any session skipped because its rows can't be read and
    counting those left out because they aren't from the library (never silently)."""
    for said in (describe(list(result.skipped)), describe(list(result.kept), what=KEPT)):
        if said:
            print(said, file=sys.stderr)
    if result.left_out:
        print(f"{left_out_note(result.left_out)} (played on a file the library doesn't offer); add --unpublished "
              "to include them, each marked", file=sys.stderr)  # fmt: skip
    return result.rows


EXPORT_FORMATS: dict[str, ExportFormat] = {
    "xapi": ExportFormat(export_xapi, "xAPI 1.0.3 statements as a JSON array (for LRS file import)"),
}
EXPORT_FORMATS.update({fmt: ExportFormat(cli_writer(fmt), HELP[fmt]) for fmt in EXPORTERS})


@contextlib.contextmanager
def output(out: str, binary: bool = False, database: str | None = None) -> Iterator[IO[Any]]:
    """Standard output for '-', else a file written whole or not at all (never a half file)."""
    if out == "-":
        yield sys.stdout.buffer if binary else sys.stdout
        return
    target = Path(out).expanduser()
    refused = outpaths.problem(target, database)
    if refused:
        raise UsageError(f"--out {refused}")
    outpaths.clean_stale(target)
    try:
        handle, partial = tempfile.mkstemp(prefix=outpaths.temp_prefix(target), suffix=".partial", dir=target.parent)
    except FileNotFoundError:
        raise UsageError(f"--out {out}: the folder {target.parent} does not exist") from None
    try:
        with os.fdopen(handle, "wb") if binary else os.fdopen(handle, "w", encoding="utf-8") as stream:
            yield stream
        os.replace(partial, target)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(partial)


def register(sub: Any) -> None:
    p = sub.add_parser(
        "export",
        help="write scorecards to a file (" + ", ".join(sorted(EXPORT_FORMATS)) + ")",
        description="Export sessions of all trainees, or those matching the filters, to FILE ('-' for standard "
        "output). Formats: " + "; ".join(f"{name}: {fmt.help}" for name, fmt in sorted(EXPORT_FORMATS.items())) + ".",
    )
    p.add_argument("--format", required=True, choices=sorted(EXPORT_FORMATS))
    p.add_argument("--out", required=True, metavar="FILE")
    p.add_argument("--trainee", metavar="NAME", help="only this trainee's sessions (name in any letter case, or id)")
    p.add_argument("--scenario", metavar="ID", help="only sessions of this scenario id")
    p.add_argument("--since", metavar="DATE", help="sessions started on or after, e.g. 2026-01-01")
    p.add_argument("--until", metavar="DATE", help="sessions started on or before (inclusive), e.g. 2026-01-31")
    p.add_argument(
        "--mode",
        choices=("practice", "assessment", "all"),
        default="all",
        help="only assessment sessions, only practice ones (coached, with step-backs), or all (default: all); "
        "every format says each session's mode",
    )
    p.add_argument(
        "--unpublished",
        action="store_true",
        help="csv/json/pdf: also sessions played on a scenario file the library doesn't offer (a copy named on the "
        "command line may score anything); left out by default, marked 'library' 0/false when included. "
        "xAPI statements always say it (extension from-library)",
    )
    p.add_argument("--decisions", action="store_true", help="csv/json: one row per choice made, not per session")
    finish(p, with_store(export_cmd, ExportError), db=True)


def export_cmd(store: Store, args: argparse.Namespace) -> int:
    mode = None if args.mode == "all" else args.mode
    query = ExportQuery(args.trainee, args.scenario, args.since, args.until, args.decisions, mode, args.unpublished)
    count = EXPORT_FORMATS[args.format].writer(store, query, args.out)
    where = "standard output" if args.out == "-" else args.out
    print(f"{count} {'statement' if args.format == 'xapi' else 'record'}(s) written to {where}", file=sys.stderr)
    return EXIT_OK
