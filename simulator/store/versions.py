"""Scenario versions kept in the database, keyed by content hash.

Trainers edit and delete scenario files; a session must still replay, rescore and show its
transcript exactly as the trainee saw it. So the store keeps every version's full text the first
time a session uses it, and rebuilds the scenario from that text when the file has moved on.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

from simulator.scenario.model import TIMEOUT, Node, Scenario

if TYPE_CHECKING:
    from sqlite_utils import Database


def save_version(db: Database, scenario: Scenario, at: str) -> None:
    """Keep this version's text (once per hash); call inside a write transaction."""
    db.conn.execute(
        "INSERT OR IGNORE INTO scenario_versions "
        "(content_hash, scenario_id, title, version, path, content, first_seen, channel) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            scenario.content_hash,
            scenario.id,
            scenario.title,
            scenario.version,
            absolute(scenario.path),
            scenario.source,
            at,
            scenario.channel,
        ),
    )


def absolute(path: str) -> str:
    """Stored paths are absolute so resume finds the file whatever the working folder is."""
    return str(Path(path).resolve()) if path else ""


def scenario_from_content(content: str, path: str) -> Scenario | None:
    """The scenario as stored, read as if it were at ``path`` (asset paths resolve from there)."""
    from simulator.scenario.load import load_bytes  # the loader only when history is read

    loaded = load_bytes(content.encode("utf-8"), path, lint=False)
    return loaded.scenario


def stored_scenario(db: Database, content_hash: str, path: str | None = None) -> Scenario | None:
    row = db.execute("SELECT content, path FROM scenario_versions WHERE content_hash = ?", [content_hash]).fetchone()
    if row is None:
        return None
    scenario = scenario_from_content(row[0], path or row[1] or "")
    if scenario is not None:
        # The hash identifies the version the session was scored on; keep it even if the
        # stored text was re-encoded on the way in (a BOM dropped), so scores cache per version.
        scenario.content_hash = content_hash
    return scenario


def current_file(path: str | None, content_hash: str) -> tuple[Scenario | None, str]:
    """The file at ``path`` if it still holds this exact version, and why not otherwise.

    Returns the scenario (or None) and one of "same", "changed", "missing", "unreadable".
    """
    if not path:
        return None, "missing"
    try:
        raw = Path(path).read_bytes()
    except FileNotFoundError:
        return None, "missing"
    except OSError:
        return None, "unreadable"
    if hashlib.sha256(raw).hexdigest() != content_hash:
        return None, "changed"
    from simulator.scenario.load import load_bytes

    loaded = load_bytes(raw, path, lint=False)
    return (loaded.scenario, "same") if loaded.scenario is not None else (None, "unreadable")


def missed_points(scenario: Scenario, node_id: str, choice_index: int) -> int:
    """Points the best choice at this node declares minus those of the move taken (never < 0).

    Raw points summed over dimensions, ignoring ``when`` conditions: a simple, stable measure of
    "where trainees lose points" that needs no replay.
    """
    node = scenario.nodes.get(node_id)
    if not isinstance(node, Node) or not node.choices:
        return 0
    best = max(sum(c.points.values()) for c in node.choices)
    if choice_index == TIMEOUT:
        move = node.timeout
    else:
        move = next((c for c in node.choices if c.index == choice_index), None)
    taken = sum(move.points.values()) if move is not None else 0
    return max(0, best - taken)
