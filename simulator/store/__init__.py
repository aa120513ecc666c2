"""Results in SQLite through sqlite-utils: schema and migrations, autosave, resume, merge. No Qt here.

Start with ``open_store()``; everything else is a method of the ``Store`` it returns. Errors a
user can cause (a damaged, foreign, newer, read-only or locked file, a full disk) are raised as
``StoreError`` whose message names the file and says what to do.
"""

from simulator.store.connect import default_db_path
from simulator.store.errors import StoreError
from simulator.store.models import (
    CohortRow,
    MergeResult,
    NodeStat,
    Resumed,
    ScenarioStats,
    SessionInfo,
    SessionSummary,
    Trainee,
)
from simulator.store.store import Store, memory_store, open_store

__all__ = [
    "CohortRow",
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
