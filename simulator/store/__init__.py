"""Results in SQLite through sqlite-utils: schema and migrations, autosave, resume, merge. No Qt here.

Start with ``open_store()``; everything else is a method of the ``Store`` it returns. Errors a
user can cause (a damaged, foreign, newer, read-only or locked file, a full disk) are raised as
``StoreError`` whose message names the file and says what to do.

``CohortLine`` is loaded on first use (PEP 562): it lives with the supervisor's queries, which
the app doesn't need at start-up. May import ``engine``, ``scenario`` and sqlite-utils; never
``xapi``, ``reports``, ``cli`` or ``gui``: rows for other tables (the xAPI outbox) are handed in.
"""

from typing import TYPE_CHECKING

from simulator.lazy import lazy_getattr
from simulator.store.connect import default_db_path
from simulator.store.errors import StoreError
from simulator.store.models import (
    MergeResult,
    NodeStat,
    Resumed,
    ScenarioStats,
    SessionInfo,
    SessionSummary,
    Trainee,
)
from simulator.store.store import Store, memory_store, open_store

if TYPE_CHECKING:
    from simulator.store.supervision import CohortLine

__all__ = [
    "CohortLine",
    "MergeResult",
    "NodeStat",
    "Resumed",
    "ScenarioStats",
    "SessionInfo",
    "SessionSummary",
    "Store",
    "StoreError",
    "Trainee",
    "default_db_path",
    "memory_store",
    "open_store",
]

__getattr__ = lazy_getattr(__name__, {"CohortLine": "supervision"}, globals())
