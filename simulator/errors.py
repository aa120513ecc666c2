"""User-facing wording for failures that escape to the top of the CLI or the GUI."""

from __future__ import annotations

import os
import traceback
from pathlib import Path


def describe(exc: BaseException) -> str:
    """One sentence a user can act on; details go to a log file, not the screen."""
    log = _log_path()
    try:
        log.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        # Tracebacks quote paths and settings: readable by this user only (0600), like the database.
        with os.fdopen(os.open(log, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600), "a", encoding="utf-8") as handle:
            handle.write("".join(traceback.format_exception(exc)))
        where = f" (details in {log})"
    except OSError:
        where = ""
    if isinstance(exc, OSError) and exc.filename:
        return f"{exc.filename}: {exc.strerror or exc}{where}"
    return f"{exc}{where}" if str(exc) else f"unexpected {type(exc).__name__}{where}"


def _log_path() -> Path:
    base = os.environ.get("SIMULATOR_LOG")
    if base:
        return Path(base)
    import platformdirs

    return Path(platformdirs.user_log_dir("service-recovery-simulator", appauthor=False)) / "errors.log"
