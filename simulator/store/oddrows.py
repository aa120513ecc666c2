"""Rows a report can't use, named so one bad row never breaks a view or an export.

A hand-edited file, another tool or a merge from before the merge rules can leave a session whose
scores aren't JSON, whose start time is a number or whose overall is text. The rules are the
merge's own (``merge_rules``, loaded only when a report reads rows): readers select
``problem_sql`` beside each row, so SQLite judges it, and parse JSON cells with ``parsed``. A row
with a problem is skipped and named (``Skipped``) in the export's summary or the view's message,
and the rest of the cohort is reported as usual.
"""

from __future__ import annotations

from typing import NamedTuple


class Skipped(NamedTuple):
    """A row left out of a report: which session, and what is wrong with it."""

    session_id: str
    problem: str

    def __str__(self) -> str:
        return f"session {self.session_id}: {self.problem}"


def describe(skipped: list[Skipped], limit: int = 3, what: str = "skipped (unreadable data)") -> str:
    """ "2 session(s) skipped (unreadable data): session a: …; session b: …" or ""."""
    if not skipped:
        return ""
    named = "; ".join(str(s) for s in skipped[:limit]) + ("; …" if len(skipped) > limit else "")
    return f"{len(skipped)} session(s) {what}: {named}"


KEPT = "kept with the cells that can't be read left empty"  # how the CSV treats an odd session
