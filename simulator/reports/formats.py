"""The export formats by name: ``EXPORTERS[fmt]`` follows the convention in ``reports.exports``.

Each writer is imported when first used, so choosing CSV never loads the PDF writer's Qt.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from simulator.reports.exports import ExportResult
    from simulator.store import Store


def export_csv(store: Store, out_path: str | Path, **options: Any) -> ExportResult:
    from simulator.reports.csv_export import export_csv as run

    return run(store, out_path, **options)


def export_json(store: Store, out_path: str | Path, **options: Any) -> ExportResult:
    from simulator.reports.json_export import export_json as run

    return run(store, out_path, **options)


def export_pdf(store: Store, out_path: str | Path, **options: Any) -> ExportResult:
    """A one-page scorecard for ``trainee``; without one, a cohort summary then a page per trainee."""
    from simulator.reports.pdf_scorecard import export_pdf as run

    return run(store, out_path, **options)


EXPORTERS: dict[str, Callable[..., ExportResult]] = {"csv": export_csv, "json": export_json, "pdf": export_pdf}
HELP = {
    "csv": "one row per session with a column per rubric dimension (--decisions: one row per choice made)",
    "json": "sessions with per-dimension scores, trainee summaries (--decisions: with every choice)",
    "pdf": "a one-page scorecard per trainee (--trainee), or a cohort summary then a page per trainee",
}
