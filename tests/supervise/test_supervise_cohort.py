"""The cohort table: a correct Qt model, the same numbers as the store, filters, search, sorting."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QStyle, QStyleOptionHeader
from supervisedata import FORMULA, MARKUP

from simulator.gui import style
from simulator.gui.supervise.cohort import FIXED, NAME, OVERALL, TREND, CohortTable, trend_text
from simulator.gui.supervise.filters import FilterBar
from simulator.store import supervision
from simulator.store.supervision import Filters


def _table(qtbot: Any, store: Any, filters: Filters | None = None) -> CohortTable:
    table = CohortTable(store)
    qtbot.addWidget(table)
    with qtbot.waitSignal(table.details_loaded, timeout=5000):
        table.load(filters or Filters())
    return table


def _column(table: CohortTable, column: int) -> list[str]:
    proxy = table.proxy
    return [proxy.index(row, column).data() for row in range(proxy.rowCount())]


def test_model_passes_qt_model_tester(qtbot: Any, qtmodeltester: Any, store: Any) -> None:
    table = _table(qtbot, store)
    qtmodeltester.check(table.model_)
    qtmodeltester.check(table.proxy)


def test_rows_agree_with_the_store(qtbot: Any, store: Any) -> None:
    """The table (details from a thread on its own connection) shows exactly what the direct computation gives."""
    table = _table(qtbot, store)
    model = table.model_
    assert model.complete
    direct = {line.trainee_id: line for line in supervision.cohort(store, Filters())}
    assert {line.trainee_id: line for line in model.lines} == direct  # every field, idle trainees too
    assert {line.name for line in model.lines} == {t.name for t in store.trainees()}
    by_name = {line.name: line for line in model.lines}
    assert by_name["Idle Ida"].sessions == 0 and by_name["Idle Ida"].averages == {}
    assert any(line.trend for line in model.lines) and any(line.averages for line in model.lines)  # not all empty
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(len(FIXED))] == list(FIXED)
    labels = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(len(FIXED), model.columnCount())]
    assert labels[:4] == ["Offering alternatives", "Listening", "Emotional repair", "Surprise"]


def test_names_are_shown_as_typed(qtbot: Any, store: Any) -> None:
    names = _column(_table(qtbot, store), NAME)
    assert FORMULA in names and MARKUP in names  # plain text: a table cell is never rich text


def test_search_active_only_and_sorting(qtbot: Any, store: Any) -> None:
    table = _table(qtbot, store)
    total = table.proxy.rowCount()
    table.proxy.set_search("  amara ")
    assert _column(table, NAME) == ["Amara Okafor"]
    table.proxy.set_search("-42")  # employee ids are searched too
    assert sorted(_column(table, NAME)) == sorted([FORMULA, MARKUP])
    table.proxy.set_search("")
    table.proxy.set_active_only(True)
    assert "Idle Ida" not in _column(table, NAME) and table.proxy.rowCount() == total - 1
    table.sortByColumn(OVERALL, Qt.SortOrder.DescendingOrder)
    overall = [table.proxy.index(r, OVERALL).data(Qt.ItemDataRole.UserRole) for r in range(table.proxy.rowCount())]
    assert overall == sorted(overall, reverse=True)
    table.selectRow(0)
    best = table.selected_trainee()
    table.sortByColumn(NAME, Qt.SortOrder.AscendingOrder)
    assert table.selected_trainee() == best  # the selection follows its row
    with qtbot.waitSignal(table.trainee_opened) as opened:
        table.doubleClicked.emit(table.proxy.index(0, NAME))
    assert opened.args == [table.proxy.index(0, NAME).data(Qt.ItemDataRole.UserRole + 1)]


def test_scenario_and_date_filters(qtbot: Any, store: Any) -> None:
    everything = {line.name: line.sessions for line in _table(qtbot, store).model_.lines}
    park = {line.name: line.sessions for line in _table(qtbot, store, Filters(scenario_id="rained-out-park")).model_.lines}
    assert park[FORMULA] == 1 and sum(park.values()) < sum(everything.values())
    assert park == {t.name: len([s for s in store.trainee_history(t.id) if s.scenario_id == "rained-out-park"])
                    for t in store.trainees()}  # fmt: skip
    day = _table(qtbot, store, Filters(since="2026-01-20", until="2026-01-20")).model_.lines
    assert {line.name: line.sessions for line in day if line.sessions}.get(MARKUP) == 1
    assert sum(line.sessions for line in day) == len([s for s in store.sessions() if s.started.startswith("2026-01-20")])


def test_filter_bar_turns_local_days_into_utc_bounds(qtbot: Any) -> None:
    bar = FilterBar(today=lambda: date(2026, 2, 16))
    qtbot.addWidget(bar)
    bar.set_scenarios([("rained-out-park", "Rained out & wet")])
    assert bar.filters() == Filters()
    with qtbot.waitSignal(bar.changed) as changed:
        bar.period.setCurrentIndex(1)  # last 7 days
    week = changed.args[0]
    assert week.since < "2026-02-10T12" and week.since > "2026-02-09T00" and week.until > "2026-02-16T00"
    bar.scenario.setCurrentIndex(1)
    assert bar.filters().scenario_id == "rained-out-park"
    assert bar.describe() == "Rained out & wet, last 7 days"
    bar.set_range(date(2026, 1, 31), date(2026, 1, 5))  # either order
    assert bar.filters().since < bar.filters().until and bar.since.isVisible() is not None


def test_trend_arrows() -> None:
    assert trend_text(None) == "–"
    assert trend_text(3.24).startswith("↑ +3.2")
    assert trend_text(-2.0).startswith("↓ −2.0")
    assert trend_text(0.4).startswith("→")
    assert supervision.slope(2, 0, 0, 0, 0) is None  # two sessions are not a trend
    assert supervision.slope(3, 3.0, 150.0, 150.0, 3.0) is None  # three on one day: no spread
    # days 0, 7, 14 with 40, 50, 60: ten points a week
    assert supervision.slope(3, 21.0, 150.0, 0 * 40 + 7 * 50 + 14 * 60, 0 + 49 + 196) == 10.0


def test_open_is_one_query_and_no_widget_per_row(qtbot: Any, store: Any) -> None:
    table = _table(qtbot, store)
    assert table.indexWidget(table.proxy.index(0, 0)) is None
    assert table.proxy.index(0, TREND).data(Qt.ItemDataRole.TextAlignmentRole) is not None


@pytest.mark.parametrize("scale", [1.0, 2.0])
def test_every_header_fits_its_section_bold_and_sorted(qtbot: Any, qapp: Any, store: Any, scale: float) -> None:
    """Each label, bold (as Qt paints a selected column's header), fits the room the style leaves beside the sort arrow."""
    style.apply(qapp, scale=scale)
    table = _table(qtbot, store)
    table.resize(980, 450)  # the tab's width in a 1024x700 window
    table.show()
    table.selectRow(0)
    table.sortByColumn(OVERALL, Qt.SortOrder.DescendingOrder)
    header = table.horizontalHeader()
    bold = QFont(header.font())
    bold.setBold(True)
    metrics = QFontMetrics(bold)
    for column in range(header.count()):
        option = QStyleOptionHeader()
        option.initFrom(header)
        option.rect = QRect(0, 0, header.sectionSize(column), header.height())
        option.state |= QStyle.StateFlag.State_Horizontal
        option.sortIndicator = QStyleOptionHeader.SortIndicator.SortDown
        room = header.style().subElementRect(QStyle.SubElement.SE_HeaderLabel, option, header)
        label = table.model_.headerData(column, Qt.Orientation.Horizontal)
        flags = int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap)
        needed = metrics.boundingRect(QRect(0, 0, room.width(), 10_000), flags, label)
        assert needed.width() <= room.width() and needed.height() <= room.height(), (label, needed, room)
        assert table.model_.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    assert header.length() > table.viewport().width() and table.horizontalScrollBar().maximum() > 0  # scrolls, not squeezed
