"""A CSV export survives odd data already in the database, and neutralises every text cell (issue 21)."""

from __future__ import annotations

import csv
import sqlite3
from pathlib import Path

from storehelp import play

from simulator.cli import main
from simulator.store import open_store
from simulator.store.supervision import RISKY


def test_formulas_in_any_column_and_broken_json_never_reach_or_break_the_csv(
    db_path: Path, scenario, tmp_path: Path, capsys
) -> None:
    with open_store(db_path) as store:
        play(store, scenario, [1, 1, 1], trainee="Ann")
        play(store, scenario, [2, 2], trainee="Bo")
    conn = sqlite3.connect(db_path)  # what a hand edit or a file merged before the merge rules could leave
    conn.execute("UPDATE sessions SET mode = '=1+1', outcome = '@SUM(A1)', overall = '-2+3', "
                 "scores = '{\"=cmd\": 5, \"listening\": \"+HYPERLINK(x)\"}' WHERE rowid = 1")  # fmt: skip
    conn.execute("UPDATE sessions SET scores = 'not json' WHERE rowid = 2")
    conn.execute("UPDATE decisions SET tags = '[broken', points = 'x' WHERE rowid = 1")
    conn.commit()
    conn.close()
    for extra in ([], ["--decisions"]):
        out = tmp_path / f"cohort{len(extra)}.csv"
        argv = ["export", "--format", "csv", "--out", str(out), "--unpublished", "--db", str(db_path), *extra]
        assert main(argv) == 0  # --unpublished: the test's scenario file is not in the library
        with out.open(encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.reader(handle))
        assert len(rows) == (3 if not extra else 1 + 5)
        said = capsys.readouterr().err  # kept, and named: nothing odd passes unseen
        assert "2 session(s) kept with the cells that can't be read left empty" in said
        assert f"session {rows[1][0]}: " in said or extra
        for row in rows:
            for cell in row:
                if cell and cell[0] in RISKY:
                    float(cell)  # only a real number may start with "-" or "+"
    text = (tmp_path / "cohort0.csv").read_text(encoding="utf-8-sig")
    assert "'=1+1" in text and "'@SUM(A1)" in text and "'-2+3" in text and "'+HYPERLINK(x)" in text
