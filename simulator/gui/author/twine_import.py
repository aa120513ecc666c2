"""The workbench's "Import from Twine...": a Twine story into a new file of the chosen folder, and its report.

The import itself is the Qt-free ``simulator.authoring.twine``; this module only names the new
file (never one that exists) and shows the report, so the trainer sees what to add while the
new scenario opens in the workbench.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPlainTextEdit, QVBoxLayout, QWidget

from simulator.authoring.twine import ImportRefused, ImportResult, import_twine, unused_name
from simulator.gui.style import plain_label

TWINE_FILES = "Twine stories (*.twee *.tw *.html *.htm);;All files (*)"


def import_into(source: Path, folder: Path) -> ImportResult | str:
    """Import ``source`` into a new file of ``folder``; a string says why it could not even start."""
    try:
        return import_twine(source, unused_name(folder, source))
    except ImportRefused as exc:
        return str(exc)


class ImportReport(QDialog):
    """What an import wrote and every warning and to-do at its line of the Twine file; stays open beside the workbench."""

    def __init__(self, result: ImportResult, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Import from Twine: {result.source.name}")
        self.resize(760, 420)
        column = QVBoxLayout(self)
        done = f"Imported into {result.out.name}." if result.written else "Nothing was imported: fix the errors below."
        self.headline = plain_label(done, "heading")
        column.addWidget(self.headline)
        column.addWidget(plain_label(result.summary()))
        self.notes = QPlainTextEdit()
        self.notes.setReadOnly(True)
        self.notes.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.notes.setAccessibleName("Import report, one line per note")
        self.notes.setPlainText("\n".join(f"line {n.line}: {n.level}: {n.message}" for n in result.notes))
        column.addWidget(self.notes, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        column.addWidget(buttons)
