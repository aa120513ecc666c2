"""Export with progress and cancel: CSV (sessions or choices), JSON, or PDF scorecards.

The export runs in a thread on its own read-only connection to the database (SQLite connections
stay in their thread; ``background.Background`` carries progress and the outcome back without
sharing a Qt object with the thread) and checks a flag the Cancel button sets. The exporters
write a temporary file and rename it only when complete, so Cancel,
an error or closing the app never leave a half-written file behind.
"""

from __future__ import annotations

import threading
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from simulator.gui.style import plain_label, set_role
from simulator.gui.supervise.background import Background, reader
from simulator.reports.exports import ExportCancelled, ExportError
from simulator.reports.formats import EXPORTERS
from simulator.store.supervision import Filters

KINDS = (
    ("csv", False, "CSV, one row per session (a column per dimension)"),
    ("csv", True, "CSV, one row per choice made"),
    ("json", True, "JSON, sessions with their choices, for other tools"),
    ("pdf", False, "PDF scorecards (a cohort summary, then a page per trainee)"),
)


def run_export(store: Any, fmt: str, out: Path, options: dict[str, Any], *, progress: Any, cancelled: Any) -> Any:
    """The ``ExportResult``, or the exception a user should read about (never raised into Qt)."""
    from simulator.store import StoreError

    try:
        return EXPORTERS[fmt](store, out, progress=progress, cancelled=cancelled, **options)
    except (ExportCancelled, ExportError, StoreError, OSError) as exc:
        return exc


class ExportDialog(QDialog):
    """Choose a format and a file, then watch it being written; ``result_`` holds the outcome."""

    export_finished = Signal(object)
    """The export ended: an ``ExportResult``, or the ``ExportCancelled`` / error that stopped it."""

    def __init__(self, store: Any, filters: Filters, scope: str, trainee_name: str | None = None,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.store, self.filters, self.trainee_name = store, filters, trainee_name
        self.result_: Any = None
        self._cancel = threading.Event()
        self._worker: Background | None = None
        self.setWindowTitle("Export scorecards")
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 72)
        column = QVBoxLayout(self)
        column.setSpacing(8)
        who = f"{trainee_name}'s sessions" if trainee_name else "Every trainee's sessions"
        column.addWidget(plain_label(f"{who} in: {scope}", "muted"))
        self.kinds = QButtonGroup(self)
        for number, (fmt, _, label) in enumerate(KINDS):
            button = QRadioButton(label.replace("a cohort summary, then a page per trainee", "this trainee's page")
                                  if trainee_name and fmt == "pdf" else label)  # fmt: skip
            self.kinds.addButton(button, number)
            column.addWidget(button)
        self.kinds.button(0).setChecked(True)
        self.kinds.idClicked.connect(self._suggest_name)
        row = QHBoxLayout()
        self.path = QLineEdit()
        self.path.setAccessibleName("File to write")
        self.path.setText(str(Path.home() / f"scorecards-{date.today().isoformat()}.csv"))
        browse = QPushButton("Choose…")
        browse.clicked.connect(self._browse)
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        column.addLayout(row)
        self.bar = QProgressBar()
        self.bar.setAccessibleName("Export progress")
        self.bar.setRange(0, 1)
        self.bar.setValue(0)
        column.addWidget(self.bar)
        self.status = plain_label("", "muted", name="exportStatus")
        column.addWidget(self.status)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.close_button = QPushButton("Close")
        self.close_button.clicked.connect(self.reject)
        self.cancel_button = QPushButton("Cancel export")
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel)
        self.start_button = QPushButton("Export")
        set_role(self.start_button, "primary")
        self.start_button.setDefault(True)
        self.start_button.clicked.connect(self.start)
        for push in (self.close_button, self.cancel_button, self.start_button):
            buttons.addWidget(push)
        column.addLayout(buttons)

    def choose(self, number: int, path: str | Path) -> None:
        """Pick ``KINDS[number]`` and the file (what a click and the file dialog do)."""
        self.kinds.button(number).setChecked(True)
        self.path.setText(str(path))

    def _suggest_name(self, number: int) -> None:
        self.status.setText("")  # "Done. ..." was about the last export, not the format now picked
        current = Path(self.path.text() or "scorecards")
        suffix = "." + KINDS[number][0]
        stem = current.stem.removesuffix("-choices")
        self.path.setText(str(current.with_name(stem + ("-choices" if KINDS[number][1] else "") + suffix)))

    def _browse(self) -> None:
        fmt = KINDS[self.kinds.checkedId()][0]
        name, _ = QFileDialog.getSaveFileName(self, "Export to", self.path.text(), f"{fmt.upper()} files (*.{fmt})")
        if name:
            self.path.setText(name)

    def start(self) -> None:
        fmt, decisions, _ = KINDS[self.kinds.checkedId()]
        out = Path(self.path.text()).expanduser()
        self._cancel.clear()
        self._busy(True)
        self.status.setText(f"Writing {out.name}…")
        options = {"trainee": self.filters.trainee_id, "scenario": self.filters.scenario_id, "since": self.filters.since,
                   "until": self.filters.until, "mode": self.filters.mode, "unpublished": not self.filters.library_only,
                   "decisions": decisions}  # fmt: skip
        cancelled = self._cancel.is_set
        if self.store.path == ":memory:":  # no second connection possible: export here, in this thread
            self._finished(run_export(self.store, fmt, out, options, progress=self._progress, cancelled=cancelled))
            return
        path = self.store.path

        def work(progress: Any) -> Any:  # runs in the thread: touches no Qt object
            from simulator.store import StoreError

            try:
                with reader(path) as store:
                    return run_export(store, fmt, out, options, progress=progress, cancelled=cancelled)
            except StoreError as exc:
                return exc

        self._worker = Background(self, work, self._finished, self._progress)
        self._worker.start()

    def cancel(self) -> None:
        self._cancel.set()
        self.status.setText("Cancelling…")

    def wait(self, timeout: float = 30.0) -> None:
        """Block until the export thread is done (closing the app)."""
        if self._worker is not None:
            self._worker.join(timeout)

    def _progress(self, done: int, total: int) -> None:
        self.bar.setRange(0, max(1, total))
        self.bar.setValue(done)

    def _finished(self, outcome: Any) -> None:
        self.result_ = outcome
        self._busy(False)
        self.export_finished.emit(outcome)
        if isinstance(outcome, ExportCancelled):
            self.status.setText("Cancelled: no file was written.")
            self.bar.setValue(0)
        elif isinstance(outcome, Exception):
            self.status.setText(f"The export failed: {outcome}")
        else:
            self.bar.setValue(self.bar.maximum())
            self.status.setText(f"Done. {outcome.summary()}")

    def _busy(self, busy: bool) -> None:
        self.start_button.setEnabled(not busy)
        self.close_button.setEnabled(not busy)
        self.cancel_button.setEnabled(busy)
        for button in self.kinds.buttons():
            button.setEnabled(not busy)
        self.path.setEnabled(not busy)

    def reject(self) -> None:
        if self.cancel_button.isEnabled():  # Esc while writing cancels the export instead of hiding it
            self.cancel()
            return
        super().reject()

    def keyPressEvent(self, event: Any) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.reject()
            return
        super().keyPressEvent(event)
