"""Supervisor mode: everyone's results, behind the passphrase.

``SupervisorArea(store)`` is one widget for the main window's stack. It starts locked and shows
nothing about anyone until ``request_access()`` has been answered with the right passphrase
(``access.PassphraseDialog``). Unlocked, it holds the filter bar (scenario, period) and three tabs:
the cohort table, one trainee's scorecard, one scenario's results; Export writes CSV, JSON or PDF.
``lock()`` throws the views away again, so nothing stays on screen or in memory for the next
person at the PC; "Lock and leave" does that and emits ``leave_requested``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLineEdit, QPushButton, QStackedWidget, QTabWidget, QVBoxLayout, QWidget

from simulator.gui.style import plain_label, set_role
from simulator.gui.supervise.access import PassphraseDialog
from simulator.gui.supervise.lock import Gate
from simulator.store import StoreError, supervision
from simulator.store.supervision import Filters

COHORT_TAB, TRAINEE_TAB, SCENARIO_TAB = range(3)


def slug(name: str) -> str:
    """A file-name-safe form of a trainee's name ("Chloé Martin" -> "chloé-martin")."""
    return re.sub(r"[^\w]+", "-", name.casefold()).strip("-") or "trainee"


class SupervisorArea(QWidget):
    """The supervisor's screens; locked until the passphrase is given."""

    unlocked = Signal()
    """The passphrase was accepted and the views are filled."""

    leave_requested = Signal()
    """The supervisor locked the area and wants the practice window back."""

    def __init__(self, store: Any, parent: QWidget | None = None, *, gate: Gate | None = None,
                 today: Callable[[], date] = date.today, door: Callable[[], Any] | None = None) -> None:  # fmt: skip
        """``door``: how "Unlock…" asks for access instead of this area's own dialog (the main window's
        staff visit, so an unlock here starts the visit and its idle lock like the Staff menu does)."""
        super().__init__(parent)
        self.setObjectName("screen")
        self.store, self.gate, self.today, self.door = store, gate or Gate(store), today, door
        self.content: SupervisorContent | None = None
        self.access_dialog: PassphraseDialog | None = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.stack = QStackedWidget()
        outer.addWidget(self.stack)
        self.locked_page = self._locked_page()
        self.stack.addWidget(self.locked_page)

    def _locked_page(self) -> QWidget:
        page = QWidget()
        column = QVBoxLayout(page)
        column.addStretch(1)
        column.setContentsMargins(24, 24, 24, 24)
        # Full-width labels centred inside: a wrapping label aligned in its cell is sized for one line and clips.
        for text, role in (("Supervisor mode is locked", "title"),
                           ("It shows every trainee's results, so it needs the staff passphrase.", "muted")):  # fmt: skip
            label = plain_label(text, role)
            label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            column.addWidget(label)
        row = QHBoxLayout()
        row.addStretch(1)
        back = QPushButton("Back to practice")
        back.clicked.connect(self.leave_requested)
        self.unlock_button = QPushButton("Unlock…")
        set_role(self.unlock_button, "primary")
        self.unlock_button.clicked.connect(self.request_access)
        row.addWidget(back)
        row.addWidget(self.unlock_button)
        row.addStretch(1)
        column.addLayout(row)
        column.addStretch(2)
        return page

    @property
    def is_unlocked(self) -> bool:
        return self.content is not None

    def request_access(self) -> None:
        """Ask for the passphrase (or set it on first use); unlocks when it is accepted."""
        if self.is_unlocked:
            return
        if self.door is not None:
            self.door()
            return
        self.access_dialog = PassphraseDialog(self.gate, self)
        self.access_dialog.accepted.connect(self.unlock)
        self.access_dialog.open()

    def unlock(self) -> None:
        """Fill the views: the passphrase was given here or, for the main window, at the staff door."""
        if self.is_unlocked:
            return
        self.access_dialog = None
        self.content = SupervisorContent(self.store, self.today)
        self.content.lock_button.clicked.connect(self.leave)
        self.stack.addWidget(self.content)
        self.stack.setCurrentWidget(self.content)
        self.content.reload()
        self.unlocked.emit()

    def lock(self) -> None:
        """Forget the views and show the locked page."""
        if self.content is not None:
            dialog = getattr(self.content, "export_dialog", None)
            if dialog is not None and dialog.cancel_button.isEnabled():
                dialog.cancel()  # an export running for the person who just left stops, leaving no file
            self.stack.removeWidget(self.content)
            self.content.deleteLater()
            self.content = None
        self.stack.setCurrentWidget(self.locked_page)

    def leave(self) -> None:
        self.lock()
        self.leave_requested.emit()


class SupervisorContent(QWidget):
    """The unlocked screens: filter bar, tabs, export."""

    def __init__(self, store: Any, today: Callable[[], date]) -> None:
        super().__init__()
        from simulator.gui.supervise.cohort import CohortTable
        from simulator.gui.supervise.filters import FilterBar
        from simulator.gui.supervise.scenario import ScenarioView
        from simulator.gui.supervise.scorecard import ScorecardView

        self.store = store
        column = QVBoxLayout(self)
        column.setContentsMargins(16, 12, 16, 12)
        column.setSpacing(10)
        top = QHBoxLayout()
        top.addWidget(plain_label("Supervisor", "title", wrap=False))
        top.addStretch(1)
        self.filter_bar = FilterBar(today)  # a row of its own: the window stays narrow at large fonts
        self.export_button = QPushButton("Export…")
        self.export_button.clicked.connect(lambda: self.export())  # noqa: PLW0108 - clicked(bool) is not a trainee
        self.lock_button = QPushButton("Lock and leave")
        self.lock_button.setAccessibleName("Lock supervisor mode and go back to practice")
        top.addWidget(self.export_button)
        top.addWidget(self.lock_button)
        column.addLayout(top)
        filters = QHBoxLayout()
        filters.addWidget(self.filter_bar)
        filters.addStretch(1)
        column.addLayout(filters)
        # Practice is coached and may be replayed with step-backs: it never counts unless asked for.
        # A row of its own: beside the filters it widened the window past 1024 px at a 200 % font.
        self.practice_too = QCheckBox("Include practice sessions")
        self.practice_too.setToolTip("Off: every figure counts assessment sessions only")
        self.practice_too.toggled.connect(lambda _on: self.reload())
        # A copy of a scenario played outside the library may score anything (store.library).
        self.unpublished_too = QCheckBox("Include sessions not from the library")
        self.unpublished_too.setToolTip("Off: sessions played on a scenario file the library doesn't offer are left out")
        self.unpublished_too.toggled.connect(lambda _on: self.reload())
        switches = QHBoxLayout()
        switches.addWidget(self.practice_too)
        switches.addWidget(self.unpublished_too)
        switches.addStretch(1)
        column.addLayout(switches)
        self.message = plain_label("", "muted", name="supervisorMessage")
        self.message.hide()
        column.addWidget(self.message)
        self.tabs = QTabWidget()
        self.tabs.addTab(self._cohort_tab(CohortTable), "Cohort")
        self.scorecard = ScorecardView(store)
        self.scorecard.export_requested.connect(self.export)
        self.tabs.addTab(self.scorecard, "Trainee")
        self.scenario_view = ScenarioView(store)
        self.tabs.addTab(self.scenario_view, "Scenarios")
        column.addWidget(self.tabs, 1)
        self.trainee_id: str | None = None
        self._scenarios_stale = True  # the Scenarios tab is filled when first shown, not at unlock
        self.tabs.currentChanged.connect(self._tab_shown)
        self.filter_bar.changed.connect(lambda _filters: self.reload())

    def _cohort_tab(self, table_class: Any) -> QWidget:
        page = QWidget()
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 8, 0, 0)
        row = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setPlaceholderText("Find a trainee by name or employee ID")
        self.search.setAccessibleName("Find a trainee")
        self.search.setClearButtonEnabled(True)
        self.active_only = QCheckBox("Only trainees active in this period")
        row.addWidget(self.search, 1)
        row.addWidget(self.active_only)
        column.addLayout(row)
        self.cohort = table_class(self.store)
        self.cohort.trainee_opened.connect(self.open_trainee)
        self.cohort.details_loaded.connect(self._count)
        self.search.textChanged.connect(self.cohort.proxy.set_search)
        self.search.textChanged.connect(self._count)
        self.active_only.toggled.connect(self.cohort.proxy.set_active_only)
        self.active_only.toggled.connect(self._count)
        column.addWidget(self.cohort, 1)
        self.count = plain_label("", "small", name="cohortCount")
        column.addWidget(self.count)
        # the skill columns' cell colours, said once (cohort.LOW and cohort.MIDDLE)
        column.addWidget(plain_label("Skill cells: pink under 40, yellow from 40 to 69, white from 70.", "small",
                                     name="cohortLegend"))  # fmt: skip
        return page

    def filters(self) -> Filters:
        """The filter bar's choice: assessment sessions on library scenarios only, unless asked for more."""
        return self.filter_bar.filters().but(mode=None if self.practice_too.isChecked() else "assessment",
                                             library_only=not self.unpublished_too.isChecked())  # fmt: skip

    def describe(self) -> str:
        """The filters in words, for export headings."""
        sessions = "practice and assessment" if self.practice_too.isChecked() else "assessment only"
        if self.unpublished_too.isChecked():
            sessions += ", sessions not from the library included"
        return f"{self.filter_bar.describe()}, {sessions}"

    def reload(self) -> None:
        """Re-read everything for the current filters (the store may have new sessions)."""
        try:
            self.filter_bar.set_scenarios(supervision.scenarios(self.store))
            filters = self.filters()
            self.cohort.load(filters)
            self._scenarios_stale = True
            self._tab_shown(self.tabs.currentIndex())
            if self.trainee_id:
                self.scorecard.show_trainee(self.trainee_id, filters)
            self.message.hide()
        except StoreError as exc:
            self.message.setText(f"The results could not be read: {exc}")
            self.message.show()
        self._count()

    def _tab_shown(self, index: int) -> None:
        for widget in (self.filter_bar.scenario, self.filter_bar.scenario_label):
            widget.setVisible(index != SCENARIO_TAB)  # that tab picks its scenario itself: one picker on screen
        if index == SCENARIO_TAB and self._scenarios_stale:
            self._scenarios_stale = False
            self.scenario_view.set_filters(self.filters())

    def _count(self) -> None:
        model, shown = self.cohort.model_, self.cohort.proxy.rowCount()
        active = sum(1 for line in model.lines if line.sessions)
        sessions = sum(line.sessions for line in model.lines)
        loading = "" if model.complete else " · averages loading…"
        self.count.setText(f"{shown:,} of {len(model.lines):,} trainees shown · {active:,} active, {sessions:,} sessions "
                           f"in this period{loading}")  # fmt: skip

    def open_trainee(self, trainee_id: str) -> None:
        self.trainee_id = trainee_id
        self.scorecard.show_trainee(trainee_id, self.filters())
        self.tabs.setCurrentIndex(TRAINEE_TAB)

    def export(self, trainee_id: str | None = None) -> Any:
        """Open the export dialog for the current filters (one trainee's sessions if given)."""
        from simulator.gui.supervise.export_dialog import ExportDialog

        filters = self.filters()
        name = None
        if trainee_id:
            trainee = self.store.trainee(trainee_id)
            name = trainee.name if trainee else None
            filters = filters.but(trainee_id=trainee_id)
        dialog = ExportDialog(self.store, filters, self.describe(), name, self)
        if trainee_id:
            dialog.choose(3, Path(dialog.path.text()).with_name(f"scorecard-{slug(name or 'trainee')}.pdf"))
        self.export_dialog = dialog
        dialog.open()
        return dialog
