"""Scorecard exports with one calling convention, for ``simulator export`` and the supervisor area.

The registry is ``reports.formats.EXPORTERS``; this module holds what every exporter shares.
``EXPORTERS[fmt](store, out_path, *, trainee=None, scenario=None, since=None, until=None, mode=None,
unpublished=False, decisions=False, progress=None, cancelled=None) -> ExportResult`` for fmt in csv, json, pdf:

- ``trainee``: a trainee's id or name (any letter case); ``scenario``: a scenario id;
  ``since`` / ``until``: ISO dates (or date-times), ``until`` including its whole day.
- ``unpublished``: also the sessions played on a file the library doesn't offer (``store.library``),
  each marked ``library`` 0 / false / "not from the library"; without it they are left out and
  counted in ``ExportResult.left_out`` (the writer applied the filters: callers don't ask again).
- ``decisions``: CSV gets one row per choice made instead of one per session; JSON adds each
  session's choices; PDF ignores it.
- ``progress(done, total)`` is called every few thousand rows (or every page);
  ``cancelled()`` is polled as often, and when it returns True the export stops with
  ``ExportCancelled``.

Every exporter writes to a hidden temporary file in the destination folder and renames it over
``out_path`` only when complete, so a cancelled, failed or killed export never leaves a
half-written file, and an existing file is replaced whole or not at all. A session whose rows
can't be read (``store.oddrows``) is skipped and named in ``ExportResult.skipped``, never fatal. Problems a user can fix
(unknown trainee, bad date, missing folder) raise ``ExportError`` with a one-line message.
This module and the CSV and JSON writers import no Qt; the PDF writer loads Qt when called.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from simulator.store import outpaths
from simulator.store.oddrows import KEPT, Skipped, describe
from simulator.store.supervision import MODES, Filters, count_sessions

if TYPE_CHECKING:
    from simulator.store import Store

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]


class ExportError(ValueError):
    """An export that can't run as asked; ``str()`` is the message for the user."""


class ExportCancelled(Exception):
    """The caller's ``cancelled()`` returned True; nothing was written."""


@dataclass(frozen=True)
class ExportResult:
    path: Path
    format: str
    rows: int  # data rows (sessions, or choices with decisions=True); pages for a PDF
    sessions: int
    trainees: int
    skipped: tuple[Skipped, ...] = ()  # sessions left out because their rows can't be read (oddrows)
    kept: tuple[Skipped, ...] = ()  # odd sessions a CSV keeps, their unreadable cells empty (named, not hidden)
    left_out: int = 0  # sessions the filters left out only because they aren't from the library (said, never silent)

    def summary(self) -> str:
        unit = {"pdf": "page"}.get(self.format, "row")
        text = (
            f"{self.path}: {self.rows:,} {unit}{'s' if self.rows != 1 else ''} "
            f"({self.sessions:,} session(s) of {self.trainees:,} trainee(s))"
        )
        said = [describe(list(self.skipped)), describe(list(self.kept), what=KEPT), left_out_note(self.left_out)]
        return "; ".join([text, *(s for s in said if s)])


def left_out_note(count: int) -> str:
    """ "2 session(s) not from the library left out" or "": an export says so, never drops them silently."""
    return f"{count:,} session(s) not from the library left out" if count else ""


def resolve(
    store: Store,
    trainee: str | None,
    scenario: str | None,
    since: Any,
    until: Any,
    *,
    mode: str | None = None,
    unpublished: bool = False,
) -> Filters:
    """The filters as the store understands them; an unknown trainee, a bad date or mode is an ``ExportError``.

    ``mode``: "practice", "assessment", or "all"/None for both. ``unpublished``: include sessions
    played on a file the library doesn't offer (each is marked); left out by default.
    """
    if mode not in (None, "", "all", *MODES):
        raise ExportError(f"mode must be practice, assessment or all, not '{mode}'")
    trainee_id = None
    if trainee:
        found = store.trainee(trainee) or store.find_trainee(trainee)
        if found is None:
            raise ExportError(f"no trainee named '{trainee}' in {store.path}")
        trainee_id = found.id
    return Filters(trainee_id, scenario or None, _when(since, "since"), _when(until, "until"), mode if mode in MODES else None,
                   library_only=not unpublished)  # fmt: skip


def not_from_library(store: Store, filters: Filters) -> int:
    """How many sessions the filters leave out only because their file isn't the library's, so an
    export can say so instead of dropping them silently."""
    if not filters.library_only:
        return 0
    return count_sessions(store, filters.but(library_only=False)) - count_sessions(store, filters)


def _when(value: Any, name: str) -> str | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime | date):
        return value.isoformat()
    text = str(value).strip()
    try:
        (date.fromisoformat if len(text) == 10 else datetime.fromisoformat)(text)
    except ValueError:
        raise ExportError(f"--{name} must be a date like 2026-01-31 (or a date and time), not '{value}'") from None
    return text


def check_cancel(cancelled: Cancelled | None) -> None:
    if cancelled is not None and cancelled():
        raise ExportCancelled


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


@contextlib.contextmanager
def replacing(out_path: str | Path, database: str | None = None) -> Iterator[Path]:
    """A temporary path beside ``out_path``; renamed over it if the block succeeds, deleted otherwise.

    ``out_path`` may not be the results ``database`` (or its WAL), a device, a FIFO or a socket.
    """
    out = Path(out_path).expanduser()
    refused = outpaths.problem(out, database)
    if refused:
        raise ExportError(refused)
    if not out.parent.is_dir():
        raise ExportError(f"{out.parent} does not exist; create the folder first or choose another")
    outpaths.clean_stale(out)
    try:
        handle, name = tempfile.mkstemp(dir=out.parent, prefix=outpaths.temp_prefix(out), suffix=".part")
    except OSError as exc:
        raise ExportError(f"cannot write in {out.parent}: {exc.strerror or exc}") from None
    os.close(handle)
    temp = Path(name)
    try:
        yield temp
        os.chmod(temp, 0o666 & ~_umask())  # mkstemp makes it private; an export is an ordinary file
        with temp.open("rb+") as synced:
            os.fsync(synced.fileno())
        os.replace(temp, out)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
