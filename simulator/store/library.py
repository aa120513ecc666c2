"""Which scenario versions trainees are really offered: the published library.

The library is the bundled scenarios plus the folders a trainer published from the workbench
(setting ``library_folders``). A session played on any other file (one named on the command line,
a copy edited so one reply earns every point) is still recorded, but with ``library = 0``: the
supervisor's figures leave it out unless asked and every view and export marks it.

The verdict is taken when the session starts, from where its file was read, so a later edit of
the library never turns an old real pass into a suspect one. Sessions merged from another PC are
judged again here against this PC's library, never taken on the other file's word.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from simulator.resources import scenarios_dir

if TYPE_CHECKING:
    from sqlite_utils import Database

LIBRARY_KEY = "library_folders"  # the store setting: folders published to trainees (a list of paths)
NOT_LIBRARY = "not from the library"  # how every view and export marks such a session
MAX_BYTES = 16 * 1024 * 1024  # the loader's own limit: a bigger file was never a library version


def published(db: Database) -> list[str]:
    """The published folders as stored (an unreadable setting publishes nothing)."""
    row = db.execute("SELECT value FROM settings WHERE key = ?", [LIBRARY_KEY]).fetchone()
    try:
        folders = json.loads(row[0]) if row else []
    except (TypeError, ValueError):
        return []
    return [f for f in folders if isinstance(f, str) and f] if isinstance(folders, list) else []


def folders(db: Database) -> list[Path]:
    """The bundled folder and every published one, resolved (the library lists only their direct files)."""
    return [scenarios_dir().resolve(), *(_resolved(f) for f in published(db))]


def in_library(db: Database, path: str | None) -> bool:
    """True when the file at ``path`` is one the library offers (by where it is, as the library finds it)."""
    if not path:
        return False
    return _resolved(path).parent in folders(db)


def library_hashes(db: Database) -> set[str]:
    """SHA-256 of every scenario file the library offers now (for versions recorded without a verdict)."""
    found = set()
    for folder in folders(db):
        try:
            files = [p for p in folder.glob("*.y*ml") if p.suffix in (".yaml", ".yml") and p.is_file()]
        except OSError:  # a published folder on a share that is gone
            continue
        for path in files:
            try:
                if path.stat().st_size <= MAX_BYTES:
                    found.add(_sha256(path.read_bytes()))
            except OSError:
                continue
    return found


def verified(content_hash: str, content: str) -> bool:
    """The stored text really is the version its key names (as read: with or without a BOM)."""
    raw = content.encode("utf-8")
    return content_hash in (_sha256(raw), _sha256(b"\xef\xbb\xbf" + raw))


def _resolved(path: str) -> Path:
    try:
        return Path(path).expanduser().resolve()
    except (OSError, RuntimeError):  # a symlink loop: not a library folder
        return Path(path)


def _sha256(raw: bytes) -> str:
    """hashlib on first use: the app imports this module on every start and hashes nothing there
    (OpenSSL's libcrypto costs ~11 M instructions to load)."""
    import hashlib

    return hashlib.sha256(raw).hexdigest()
