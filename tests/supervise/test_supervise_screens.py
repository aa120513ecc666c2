"""The trainee scorecard, the scenario view and the export dialog, driven through their widgets."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel
from supervisedata import MARKUP, PASSPHRASE

from simulator.gui.supervise.area import SupervisorArea, slug
from simulator.gui.supervise.lock import Gate
from simulator.reports import data
from simulator.reports.exports import ExportCancelled, ExportResult
from simulator.store.supervision import Filters


def unlocked(qtbot: Any, store: Any) -> Any:
    Gate(store, cost={"n": 2**10, "r": 8, "p": 1}).set_passphrase(PASSPHRASE)
    area = SupervisorArea(store)
    qtbot.addWidget(area)
    area.resize(1200, 800)
    area.show()
    area.request_access()
    area.access_dialog.passphrase.setText(PASSPHRASE)
    with qtbot.waitSignal(area.unlocked):
        area.access_dialog.submit()
    content = area.content
    content.area = area  # a parentless widget lives as long as its Python reference
    content.practice_too.setChecked(True)  # these screens are checked against every session (modes: test_supervise_modes)
    qtbot.waitUntil(lambda: content.cohort.model_.complete, timeout=5000)
    return content


def test_trainee_scorecard(qtbot: Any, store: Any) -> None:
    content = unlocked(qtbot, store)
    amara = store.find_trainee("Amara Okafor")
    content.open_trainee(amara.id)
    view = content.scorecard
    assert content.tabs.currentWidget() is view
    report = view.report
    history = store.trainee_history(amara.id)
    assert len(report.sessions) == len(history)
    finished = [s for s in history if s.finished]
    listening = [s.scores["listening"] for s in finished if s.scores.get("listening") is not None]
    row = next(d for d in report.dimensions if d.id == "listening")
    assert (row.first, row.best, row.latest) == (listening[0], max(listening), listening[-1])
    assert row.cohort is not None and view.chart.rows[1][0] == "Listening"
    assert view.dimensions.rowCount() == len(report.dimensions) + 1  # and the overall row
    assert report.practise and report.losses  # Amara mostly picks poor replies
    assert view.session_table.rowCount() == len(history)
    view.session_table.selectRow(0)  # newest first
    text = view.transcript.toPlainText()
    assert history[-1].scenario_title in text and "You:" in text and "Scorecard" in text
    view.series.setCurrentIndex(view.series.findData("listening"))
    assert [v for _, v in view.trend_chart.points] == listening


def test_markup_in_a_name_is_shown_as_typed(qtbot: Any, store: Any) -> None:
    content = unlocked(qtbot, store)
    content.open_trainee(store.find_trainee(MARKUP).id)
    name = content.scorecard.findChild(QLabel, "traineeName")
    assert name.text() == MARKUP and name.textFormat() == Qt.TextFormat.PlainText
    rich = [label for label in content.findChildren(QLabel) if label.textFormat() != Qt.TextFormat.PlainText and label.text()]
    assert rich == []


def test_scenario_view_shows_completion_outcomes_and_costly_replies(qtbot: Any, store: Any) -> None:
    content = unlocked(qtbot, store)
    view = content.scenario_view
    assert view.picker.count() == 0  # filled when its tab is first shown, not at unlock
    content.tabs.setCurrentWidget(view)
    view.picker.setCurrentIndex(view.picker.findData("rained-out-park"))
    report = view.report
    sessions = store.sessions(scenario_id="rained-out-park")
    assert report.sessions == len(sessions) and report.title == "Rained out at Pinecrest Falls"
    assert sum(report.outcomes.values()) == len([s for s in sessions if s.finished])
    assert view.outcomes.outcomes == report.outcomes
    assert report.wrong and all(w.missed > 0 for w in report.wrong)
    assert [w.times for w in report.wrong] == sorted((w.times for w in report.wrong), reverse=True)
    assert view.hardest.rowCount() == len(report.hardest)
    stats = store.scenario_stats("rained-out-park")
    assert report.completion == stats.finished / stats.sessions


def test_filters_reach_every_tab(qtbot: Any, store: Any) -> None:
    content = unlocked(qtbot, store)
    amara = store.find_trainee("Amara Okafor")
    content.open_trainee(amara.id)
    index = content.filter_bar.scenario.findData("rained-out-park")
    content.filter_bar.scenario.setCurrentIndex(index)
    qtbot.waitUntil(lambda: content.cohort.model_.complete, timeout=5000)
    assert all(s.scenario_id == "rained-out-park" for s in content.scorecard.report.sessions)
    content.tabs.setCurrentWidget(content.scenario_view)
    assert content.scenario_view.picker.currentData() == "rained-out-park"
    assert sum(line.sessions for line in content.cohort.model_.lines) == len(store.sessions(scenario_id="rained-out-park"))
    pickers = [c for c in content.findChildren(QComboBox) if c.isVisible() and "Scenario" in c.accessibleName()]
    assert pickers == [content.scenario_view.picker]  # one scenario picker on screen, the tab's own
    picker = content.scenario_view.picker
    picker.setCurrentIndex((picker.currentIndex() + 1) % picker.count())
    picked = picker.currentData()
    assert picked != "rained-out-park"
    content.filter_bar.period.setCurrentIndex(1)  # another period: the pick made on the tab stays
    assert picker.currentData() == picked
    content.tabs.setCurrentIndex(0)
    assert content.filter_bar.scenario.isVisible()
    legend = content.findChild(QLabel, "cohortLegend")
    assert legend.isVisible() and "under 40" in legend.text()  # the cell colours are explained


def test_export_dialog_writes_in_a_thread_and_cancel_leaves_nothing(qtbot: Any, store: Any, tmp_path: Path) -> None:
    content = unlocked(qtbot, store)
    dialog = content.export()
    out = tmp_path / "exports" / "sessions.csv"
    out.parent.mkdir()
    dialog.choose(0, out)
    with qtbot.waitSignal(dialog.export_finished, timeout=10_000):
        dialog.start_button.click()
    assert isinstance(dialog.result_, ExportResult) and dialog.start_button.isEnabled()
    assert len(list(csv.DictReader(out.read_text(encoding="utf-8-sig").splitlines()))) == len(store.sessions())
    assert dialog.status.text().startswith("Done.")
    pdf = tmp_path / "exports" / "all.pdf"
    dialog.choose(3, pdf)
    dialog._cancel.set()  # as if Cancel was pressed before the first page
    dialog.start = _start_keeping_cancel(dialog)
    with qtbot.waitSignal(dialog.export_finished, timeout=10_000):
        dialog.start()
    assert isinstance(dialog.result_, ExportCancelled)
    assert dialog.status.text() == "Cancelled: no file was written."
    assert sorted(p.name for p in out.parent.iterdir()) == ["sessions.csv"]


def _start_keeping_cancel(dialog: Any) -> Any:
    original = type(dialog).start

    def start() -> None:
        clear = dialog._cancel.clear
        dialog._cancel.clear = lambda: None  # keep the pressed Cancel for this run
        try:
            original(dialog)
        finally:
            dialog._cancel.clear = clear

    return start


def test_cancel_button_during_a_long_export(qtbot: Any, store: Any, tmp_path: Path, monkeypatch: Any) -> None:
    import threading

    from simulator.gui.supervise import export_dialog

    gate = threading.Event()
    real = export_dialog.EXPORTERS["pdf"]

    def slow(*args: Any, progress: Any, cancelled: Any, **kw: Any) -> Any:
        def waiting_progress(done: int, total: int) -> None:
            progress(done, total)
            gate.wait(5)  # hold after the first page until the test pressed Cancel

        return real(*args, progress=waiting_progress, cancelled=cancelled, **kw)

    monkeypatch.setitem(export_dialog.EXPORTERS, "pdf", slow)
    content = unlocked(qtbot, store)
    amara = store.find_trainee("Amara Okafor")
    dialog = content.export(amara.id)
    assert Path(dialog.path.text()).name == f"scorecard-{slug('Amara Okafor')}.pdf"
    dialog.choose(3, tmp_path / "all.pdf")
    dialog.filters = Filters()  # every trainee: many pages
    dialog.start_button.click()
    qtbot.waitUntil(lambda: dialog.bar.value() >= 1, timeout=10_000)
    assert dialog.cancel_button.isEnabled() and not dialog.start_button.isEnabled()
    dialog.cancel_button.click()
    gate.set()
    qtbot.waitUntil(lambda: dialog.result_ is not None, timeout=10_000)
    assert isinstance(dialog.result_, ExportCancelled) and not (tmp_path / "all.pdf").exists()
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".part"] == []


def test_report_for_unknown_or_idle_trainee(store: Any) -> None:
    assert data.trainee_report(store, "no-such-id", Filters()) is None
    idle = data.trainee_report(store, store.find_trainee("Idle Ida").id, Filters())
    assert idle.sessions == [] and idle.trend is None and "No finished sessions" in idle.practise[0]


def test_locking_mid_export_cancels_it(qtbot: Any, store: Any, tmp_path: Path, monkeypatch: Any) -> None:
    import threading

    from simulator.gui.supervise import export_dialog

    hold = threading.Event()
    real = export_dialog.EXPORTERS["pdf"]

    def slow(*args: Any, progress: Any, **kw: Any) -> Any:
        return real(*args, progress=lambda d, t: (progress(d, t), hold.wait(5)), **kw)

    monkeypatch.setitem(export_dialog.EXPORTERS, "pdf", slow)
    content = unlocked(qtbot, store)
    dialog = content.export()
    out = tmp_path / "exports" / "all.pdf"
    out.parent.mkdir()
    dialog.choose(3, out)
    dialog.start_button.click()
    qtbot.waitUntil(lambda: dialog.bar.value() >= 1, timeout=10_000)
    worker = dialog._worker
    content.area.lock()  # the supervisor walks away mid-export
    hold.set()
    worker.join(10)
    assert not worker.worker_thread.is_alive()
    assert isinstance(worker.state.result, ExportCancelled) and list(out.parent.iterdir()) == []
