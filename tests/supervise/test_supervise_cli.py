"""``simulator export --format csv|json|pdf`` as the CLI will call it (the command lives in cli/reports.py).

The functions are tested directly; the subprocess test switches itself on as soon as the
``export`` command lists "csv" among its formats.
"""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from simulator.cli.reports import cli_writer
from simulator.reports.exports import ExportError
from simulator.reports.formats import EXPORTERS, HELP


@dataclass(frozen=True)
class Query:  # the shape of cli.reports.ExportQuery, plus --decisions
    trainee: str | None = None
    scenario: str | None = None
    since: str | None = None
    until: str | None = None
    decisions: bool = False


def export_formats() -> set[str]:
    """The --format choices the real ``simulator export`` offers today."""
    from simulator.cli import build_parser

    parser = build_parser()
    commands = next(a for a in parser._actions if a.dest == "command")  # argparse keeps subparsers here
    export = commands.choices.get("export")
    if export is None:
        return set()
    return set(next(a for a in export._actions if a.dest == "format").choices or ())


def test_every_format_has_help_and_a_cli_writer(store: Any, tmp_path: Path) -> None:
    assert set(HELP) == set(EXPORTERS)
    counts = {fmt: cli_writer(fmt)(store, Query(scenario="rained-out-park"), str(tmp_path / f"x.{fmt}")) for fmt in EXPORTERS}
    sessions = len(store.sessions(scenario_id="rained-out-park"))
    assert counts["csv"] == counts["json"] == sessions and counts["pdf"] >= 2


def test_decisions_flag_and_standard_output(store: Any, capsys: pytest.CaptureFixture[str]) -> None:
    rows = cli_writer("csv")(store, Query(trainee="Amara Okafor", decisions=True), "-")
    out = capsys.readouterr().out
    parsed = list(csv.DictReader(out.lstrip("\ufeff").splitlines()))
    assert rows == len(parsed) and "choice_index" in parsed[0]
    cli_writer("json")(store, Query(trainee="Amara Okafor"), "-")
    assert json.loads(capsys.readouterr().out)["filters"]["trainee"]["name"] == "Amara Okafor"
    with pytest.raises(ExportError, match="standard output"):
        cli_writer("pdf")(store, Query(), "-")


def test_bad_input_is_one_clear_message(store: Any, tmp_path: Path) -> None:
    for query, message in ((Query(trainee="Nobody"), "no trainee named"), (Query(until="31/01/2026"), "date like")):
        with pytest.raises(ExportError, match=message):
            cli_writer("csv")(store, query, str(tmp_path / "x.csv"))
    assert not (tmp_path / "x.csv").exists()


@pytest.mark.skipif("csv" not in export_formats(), reason="`simulator export` doesn't offer --format csv yet")
def test_simulator_export_csv_subprocess(db_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "sessions.csv"
    command = [sys.executable, "-m", "simulator", "export", "--format", "csv", "--out", str(out), "--db", str(db_path),
               "--scenario", "rained-out-park"]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader(out.read_text(encoding="utf-8-sig").splitlines()))
    assert rows and {r["scenario_id"] for r in rows} == {"rained-out-park"}
    assert "Traceback" not in done.stderr
    bad = subprocess.run([*command[:-2], "--trainee", "Nobody"], capture_output=True, text=True, timeout=120, check=False)
    assert bad.returncode != 0 and "Nobody" in bad.stderr and "Traceback" not in bad.stderr


def test_csv_and_json_exports_load_no_qt(db_path: Path, tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from simulator.store import open_store\n"
        "from simulator.reports.formats import EXPORTERS\n"
        "import simulator.reports.data, simulator.store.supervision\n"
        f"store = open_store({str(db_path)!r})\n"
        f"EXPORTERS['csv'](store, {str(tmp_path / 'a.csv')!r}, decisions=True)\n"
        f"EXPORTERS['json'](store, {str(tmp_path / 'a.json')!r})\n"
        "print([m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))])\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    assert done.stdout.strip() == "[]"
