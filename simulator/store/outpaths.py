"""Where an export or a backup may be written: never over the results database, never into a device.

Exports and backups write a hidden temporary file beside the target and rename it over the target
when it is complete. Renamed over ``results.db`` that destroys every result; renamed over a device
or a FIFO (``/dev/null`` when run as root) it replaces a system file. So the target is checked
first, and temporary files that a killed export left behind are removed on the next run.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
import time
from pathlib import Path

SUFFIXES = ("", "-wal", "-shm", "-journal")
STALE_SECONDS = 24 * 3600  # where we can't ask whether the writer still runs (Windows)


def problem(out: Path, database: str | None) -> str | None:
    """Why ``out`` must not be written (one sentence naming it), or None when it may."""
    try:
        info = os.stat(out)
    except FileNotFoundError:
        info = None
    except OSError as exc:
        return f"{out} can't be checked ({exc.strerror or exc})"
    if info is not None and stat.S_ISDIR(info.st_mode):
        return f"{out} is a folder; give a file name to write to"
    if info is not None and not stat.S_ISREG(info.st_mode):
        return f"{out} is not an ordinary file (a device, pipe or socket); choose a file name"
    if database and database != ":memory:" and _is_database_file(out, info, database):
        return f"{out} is the results database (or one of its files); choose another name, the results stay as they are"
    return None


def _is_database_file(out: Path, info: os.stat_result | None, database: str) -> bool:
    target = os.path.realpath(out)
    for suffix in SUFFIXES:
        name = database + suffix
        if os.path.realpath(name) == target:
            return True
        with contextlib.suppress(OSError):
            if info is not None and os.path.samefile(name, out):  # a hard link or another path to it
                return True
    return False


def temp_prefix(out: Path) -> str:
    """Hidden, named after the target and the writing process, so a later run can tell it is abandoned."""
    return f".{out.name}.{os.getpid()}."


def clean_stale(out: Path) -> int:
    """Remove temporary files a killed export or backup of ``out`` left beside it; returns how many."""
    removed = 0
    with contextlib.suppress(OSError):
        for entry in os.scandir(out.parent or "."):
            rest = entry.name.removeprefix(f".{out.name}.")
            if rest == entry.name or not rest.endswith((".part", ".partial")) or not entry.is_file(follow_symlinks=False):
                continue
            pid = rest.split(".", 1)[0]
            if _abandoned(pid, entry):
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)
                    removed += 1
    return removed


def _abandoned(pid: str, entry: os.DirEntry[str]) -> bool:
    if not pid.isdigit() or sys.platform == "win32":
        return time.time() - entry.stat(follow_symlinks=False).st_mtime > STALE_SECONDS
    if int(pid) == os.getpid():
        return False
    try:
        os.kill(int(pid), 0)  # signal 0 only asks whether the process exists
    except ProcessLookupError:
        return True
    except OSError:
        return False
    return False
