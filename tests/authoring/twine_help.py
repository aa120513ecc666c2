"""Write a hand-made Twine file and import it, for the Twine import tests."""

from __future__ import annotations

from pathlib import Path

from simulator.authoring.twine import ImportResult, Note, import_twine


def run_import(tmp_path: Path, text: str, name: str = "draft.twee", **options: str) -> ImportResult:
    source = tmp_path / name
    source.write_text(text, encoding="utf-8")
    return import_twine(source, tmp_path / "out.yaml", **options)  # type: ignore[arg-type]


def notes(result: ImportResult, code: str) -> list[Note]:
    return [n for n in result.notes if n.code == code]


def line_of(text: str, fragment: str) -> int:
    """1-based line of the first line of ``text`` containing ``fragment``."""
    return next(i for i, line in enumerate(text.splitlines(), 1) if fragment in line)
