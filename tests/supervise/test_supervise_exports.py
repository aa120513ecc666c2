"""Exports read back: CSV parsed, JSON against its schema, PDF text extracted; injection, cancel, atomicity."""

from __future__ import annotations

import csv
import inspect
import json
from pathlib import Path
from typing import Any

import pytest
from supervisedata import FORMULA, MARKUP

from simulator.reports import data
from simulator.reports.csv_export import SESSION_COLUMNS
from simulator.reports.exports import ExportCancelled, ExportError
from simulator.reports.formats import EXPORTERS
from simulator.store.supervision import RISKY, Filters, neutralise

HERE = Path(__file__).resolve().parent


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_exporters_share_one_signature() -> None:
    assert set(EXPORTERS) == {"csv", "json", "pdf"}
    from simulator.reports import csv_export, json_export, pdf_scorecard

    signatures = {str(inspect.signature(f)) for f in (csv_export.export_csv, json_export.export_json, pdf_scorecard.export_pdf)}
    assert len(signatures) == 1


def test_csv_has_a_row_per_session_and_a_column_per_dimension(store: Any, tmp_path: Path) -> None:
    result = EXPORTERS["csv"](store, tmp_path / "s.csv")
    rows = read_csv(tmp_path / "s.csv")
    sessions = {s.id: s for s in store.sessions()}
    assert result.rows == len(rows) == len(sessions) and result.sessions == len(sessions)
    header = list(rows[0])
    assert header[: len(SESSION_COLUMNS)] == [name for name, _ in SESSION_COLUMNS]
    assert header[len(SESSION_COLUMNS) : len(SESSION_COLUMNS) + 4] == [
        "alternatives",
        "listening",
        "emotional_repair",
        "surprise",
    ]
    for row in rows:
        stored = sessions[row["session_id"]]
        assert row["scenario_id"] == stored.scenario_id and row["mode"] == stored.mode
        assert row["status"] == ("finished" if stored.finished else "abandoned" if stored.abandoned else "unfinished")
        assert row["overall"] == ("" if stored.overall is None else str(stored.overall))
        for dim, value in stored.scores.items():
            assert row[dim] == ("" if value is None else str(value))
        assert row["started_utc"] == stored.started[:19].replace("T", " ")
    assert [r["started_utc"] for r in rows] == sorted(r["started_utc"] for r in rows)


def test_csv_choices_one_row_per_choice_made(store: Any, tmp_path: Path) -> None:
    result = EXPORTERS["csv"](store, tmp_path / "c.csv", decisions=True, trainee="amara okafor")
    rows = read_csv(tmp_path / "c.csv")
    amara = store.find_trainee("Amara Okafor")
    expected = [d for s in store.trainee_history(amara.id) for d in store.session_decisions(s.id)]
    assert result.rows == len(rows) == len(expected) and {r["trainee"] for r in rows} == {"Amara Okafor"}
    first = rows[0]
    decision = expected[0]
    assert (first["node"], int(first["seq"]), int(first["choice_index"])) == (decision["node"], 1, decision["choice_index"])
    for dim, points in decision["points"].items():
        assert int(first[dim]) == points  # -2 stays a number: numeric cells are never quoted


def test_csv_neutralises_formula_injection(store: Any, tmp_path: Path) -> None:
    EXPORTERS["csv"](store, tmp_path / "s.csv")
    EXPORTERS["csv"](store, tmp_path / "c.csv", decisions=True)
    raw = (tmp_path / "s.csv").read_text(encoding="utf-8-sig")
    rows = read_csv(tmp_path / "s.csv")
    attack = [r for r in rows if r["trainee"].endswith(FORMULA)]
    assert attack and attack[0]["trainee"] == "'" + FORMULA and attack[0]["employee_id"] == "'-42"
    assert ',"=HYPERLINK' not in raw and ",=HYPERLINK" not in raw
    for path in (tmp_path / "s.csv", tmp_path / "c.csv"):
        with path.open(encoding="utf-8-sig", newline="") as handle:
            for row in csv.reader(handle):
                for cell in row:
                    if cell and cell[0] in RISKY:
                        float(cell)  # only a real number may start with "-" (or "+")
    assert [neutralise(x) for x in ("=1+2", "+1", "-x", "@SUM(A1)", "\tx", "\rx", "fine", 3, None)] == [
        "'=1+2", "'+1", "'-x", "'@SUM(A1)", "'\tx", "'\rx", "fine", 3, None,
    ]  # fmt: skip


def test_sql_and_python_neutralising_agree(store: Any) -> None:
    from simulator.store.supervision import safe

    for text in ["=cmd", "+1", "-1", "@x", "\tx", "\rx", "ok", "", "é=", "'=already"]:
        (value,) = store.db.execute(f"SELECT {safe(':x')}", {"x": text}).fetchone()
        assert value == neutralise(text), text


def test_json_matches_its_schema(store: Any, tmp_path: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((HERE / "scorecards.schema.json").read_text())
    jsonschema.Draft7Validator.check_schema(schema)
    EXPORTERS["json"](store, tmp_path / "all.json", decisions=True)
    document = json.loads((tmp_path / "all.json").read_text(encoding="utf-8"))
    jsonschema.validate(document, schema)
    assert len(document["sessions"]) == len(store.sessions())
    assert all("choices" in s for s in document["sessions"])
    names = {t["name"] for t in document["trainees"]}
    assert FORMULA in names and MARKUP in names and "Idle Ida" not in names  # data stays data in JSON
    one = EXPORTERS["json"](store, tmp_path / "one.json", trainee=MARKUP, scenario="rained-out-park")
    small = json.loads((tmp_path / "one.json").read_text(encoding="utf-8"))
    jsonschema.validate(small, schema)
    assert one.sessions == 1 and small["filters"]["trainee"]["name"] == MARKUP
    assert "choices" not in small["sessions"][0]


def test_filters_narrow_every_format(store: Any, tmp_path: Path) -> None:
    day = EXPORTERS["csv"](store, tmp_path / "d.csv", since="2026-01-20", until="2026-01-20")
    assert day.rows == len([s for s in store.sessions() if s.started.startswith("2026-01-20")]) >= 2
    park = EXPORTERS["json"](store, tmp_path / "p.json", scenario="rained-out-park")
    assert park.rows == len(store.sessions(scenario_id="rained-out-park"))
    with pytest.raises(ExportError, match="no trainee named 'Nobody'"):
        EXPORTERS["csv"](store, tmp_path / "x.csv", trainee="Nobody")
    with pytest.raises(ExportError, match="date like 2026-01-31"):
        EXPORTERS["csv"](store, tmp_path / "x.csv", since="last tuesday")
    with pytest.raises(ExportError, match="does not exist"):
        EXPORTERS["csv"](store, tmp_path / "missing" / "x.csv")
    assert not (tmp_path / "x.csv").exists()


def pdf_text(path: Path) -> list[str]:
    pypdf = pytest.importorskip("pypdf")
    pages = pypdf.PdfReader(str(path)).pages  # Qt places words apart: one space between words
    return [" ".join(page.extract_text().split()) for page in pages]


def test_pdf_trainee_scorecard_is_one_page(store: Any, tmp_path: Path) -> None:
    result = EXPORTERS["pdf"](store, tmp_path / "one.pdf", trainee="Amara Okafor")
    pages = pdf_text(tmp_path / "one.pdf")
    assert result.rows == len(pages) == 1
    text = pages[0]
    wanted = ["SERVICE RECOVERY SCORECARD", "Amara Okafor", "Against the cohort", "Progress per dimension"]
    wanted += ["Offering alternatives", "Listening", "Emotional repair", "Surprise", "Key moments", "Practise next"]
    for expected in wanted:
        assert expected in text, expected


def test_pdf_draws_the_trend_from_two_finished_sessions(store: Any, tmp_path: Path) -> None:
    """The screen's "Over time" chart of the overall score, on the page: its heading, count and end dates."""
    amara = store.find_trainee("Amara Okafor")
    points = data.trainee_report(store, amara.id, Filters()).over_time()
    assert len(points) >= 2
    EXPORTERS["pdf"](store, tmp_path / "amara.pdf", trainee="Amara Okafor")
    (page,) = pdf_text(tmp_path / "amara.pdf")
    chart = page[page.index("Overall score over time") :]
    for label in (f"{points[0][0]:%d %b}", f"{len(points)} finished sessions", f"{points[-1][0]:%d %b}"):
        assert label in chart, label
    EXPORTERS["pdf"](store, tmp_path / "once.pdf", trainee=FORMULA)  # a single session: nothing to draw a line through
    (page,) = pdf_text(tmp_path / "once.pdf")
    assert "SERVICE RECOVERY SCORECARD" in page and "over time" not in page


def test_pdf_text_copies_as_typed_without_ligatures(store: Any, tmp_path: Path) -> None:
    """Copied text reads "fi", "fl", "ff" letter by letter: no U+FB00-FB06 one-glyph forms a search would miss."""
    EXPORTERS["pdf"](store, tmp_path / "all.pdf")
    text = " ".join(pdf_text(tmp_path / "all.pdf"))
    assert [c for c in text if "\ufb00" <= c <= "\ufb06"] == []
    for word in ("Offering alternatives", "finished", "Whitfield"):
        assert word in text, word


def test_pdf_cohort_summary_then_a_page_per_trainee(store: Any, tmp_path: Path) -> None:
    result = EXPORTERS["pdf"](store, tmp_path / "all.pdf")
    pages = pdf_text(tmp_path / "all.pdf")
    active = [t for t in store.trainees() if store.trainee_history(t.id)]
    assert "Cohort summary" in pages[0] and result.trainees == len(active)
    assert len(pages) == result.rows == 1 + len(active)  # a small cohort fits one summary page
    assert MARKUP in pages[0] and "<b>Bold</b>" in "".join(pages)  # printed as typed, not as bold
    assert sum("SERVICE RECOVERY SCORECARD" in page for page in pages) == len(active)


def test_cancel_leaves_no_file_and_keeps_an_old_one(store: Any, tmp_path: Path) -> None:
    folder = tmp_path / "exports"
    folder.mkdir()
    for fmt in ("csv", "json", "pdf"):
        out = folder / f"out.{fmt}"
        with pytest.raises(ExportCancelled):
            EXPORTERS[fmt](store, out, cancelled=lambda: True)
        assert not out.exists()
        out.write_text("the previous export")
        seen = []
        with pytest.raises(ExportCancelled):
            EXPORTERS[fmt](store, out, progress=lambda d, t, s=seen: s.append((d, t)), cancelled=lambda s=seen: bool(s))
        assert seen and out.read_text() == "the previous export"
    assert sorted(p.name for p in folder.iterdir()) == ["out.csv", "out.json", "out.pdf"]  # no temporary left


def test_progress_reaches_the_total(store: Any, tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    result = EXPORTERS["csv"](store, tmp_path / "s.csv", progress=lambda d, t: seen.append((d, t)))
    assert seen[-1] == (result.rows, result.rows)


def test_exports_say_which_channel_each_conversation_used(store: Any, tmp_path: Path) -> None:
    import random
    from datetime import UTC, datetime

    from supervisedata import play_one

    from simulator.scenario import read_scenario

    chat = read_scenario(HERE.parent / "fixtures" / "good" / "chat_channel.yaml")
    store.add_trainee("Chat Chen")
    play_one(store, chat, "Chat Chen", datetime(2026, 1, 21, 9, tzinfo=UTC), chance=1.0, rng=random.Random(2))
    EXPORTERS["csv"](store, tmp_path / "s.csv", unpublished=True)  # the fixture file is not in the library
    channels = {row["scenario_id"]: row["channel"] for row in read_csv(tmp_path / "s.csv")}
    assert channels["chat-demo"] == "chat" and channels["rained-out-park"] == "in-person"
    EXPORTERS["json"](store, tmp_path / "s.json", trainee="Chat Chen", unpublished=True)
    [session] = json.loads((tmp_path / "s.json").read_text(encoding="utf-8"))["sessions"]
    assert session["channel"] == "chat"
