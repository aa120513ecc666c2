"""This app's per-user folders (results database, card cache), named as platformdirs names them.

On Linux the answer is the XDG base-directory rule, computed here directly: importing
platformdirs costs ~2.5 ms of every start. Anything unusual (another system, a relative HOME or
XDG variable) is left to platformdirs itself; tests/test_userdirs.py keeps both answers equal.
"""

from __future__ import annotations

import os
import posixpath
import sys
from pathlib import Path
from typing import Literal

APP_NAME = "service-recovery-simulator"
_XDG = {"data": ("XDG_DATA_HOME", ".local/share"), "cache": ("XDG_CACHE_HOME", ".cache")}


def user_dir(kind: Literal["data", "cache"]) -> Path:
    """``platformdirs.user_data_dir`` / ``user_cache_dir`` for this app (not created here)."""
    if sys.platform.startswith("linux"):
        variable, fallback = _XDG[kind]
        base = os.environ.get(variable, "")
        home = os.environ.get("HOME", "")
        if posixpath.isabs(base):
            return Path(base) / APP_NAME
        if posixpath.isabs(home):
            return Path(home) / fallback / APP_NAME
    import platformdirs

    found = platformdirs.user_data_dir if kind == "data" else platformdirs.user_cache_dir
    return Path(found(APP_NAME, appauthor=False))
