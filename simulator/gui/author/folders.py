"""Scenario folders: the files in them, each one's status, kept current as files change on disk.

``ScenarioFolders`` watches each folder (files added, removed, renamed) and each file (saved)
with a ``QFileSystemWatcher``. Editors save in bursts, often by writing a new file and renaming
it over the old one (which drops the watch), so events are gathered for a moment, the folders
rescanned, changed files loaded again and every file watched afresh.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QPointF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QIcon, QKeyEvent, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QHeaderView, QPushButton, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from simulator.gui.style import plain_label
from simulator.gui.tooltips import plain_tip
from simulator.scenario import Loaded, load_scenario

SUFFIXES = (".yaml", ".yml")
SETTLE_MS = 120  # how long to gather file events before reloading


@dataclass
class FileStatus:
    """One file as last loaded; ``stamp`` tells whether it changed since."""

    path: str
    loaded: Loaded
    stamp: tuple[int, int]

    @property
    def errors(self) -> int:
        return sum(p.severity == "error" for p in self.loaded.problems)

    @property
    def warnings(self) -> int:
        return len(self.loaded.problems) - self.errors

    @property
    def verdict(self) -> str:
        return "errors" if self.errors else "warnings" if self.warnings else "ok"

    @property
    def title(self) -> str:
        return self.loaded.scenario.title if self.loaded.scenario else ""

    def short_label(self) -> str:
        """For the narrow status column: the most serious count (the tooltip and header give both)."""
        if self.errors:
            return f"{self.errors} error{'s' * (self.errors != 1)}"
        return self.label()

    def label(self) -> str:
        parts = []
        if self.errors:
            parts.append(f"{self.errors} error{'s' * (self.errors != 1)}")
        if self.warnings:
            parts.append(f"{self.warnings} warning{'s' * (self.warnings != 1)}")
        return ", ".join(parts) or "ok"


def _stamp(path: Path) -> tuple[int, int]:
    try:
        info = path.stat()
    except OSError:
        return (0, -1)
    return (info.st_mtime_ns, info.st_size)


class ScenarioFolders(QObject):
    """The trainer's folders and the status of every scenario file in them."""

    changed = Signal()
    """Files appeared, disappeared or changed status: redraw the list."""

    file_reloaded = Signal(str)
    """This file changed on disk and was loaded again."""

    def __init__(self, folders: list[str] | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.folders: list[str] = []
        self.files: dict[str, FileStatus] = {}
        self._forced: set[str] = set()
        self.watcher = QFileSystemWatcher(self)
        self.watcher.directoryChanged.connect(self._touched)
        self.watcher.fileChanged.connect(self._touched)
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(SETTLE_MS)
        self._settle.timeout.connect(self.refresh)
        for folder in folders or []:
            self.add_folder(folder, announce=False)

    def add_folder(self, folder: str, announce: bool = True) -> bool:
        """Start following ``folder``; False if it is not a folder or already followed."""
        path = str(Path(folder).expanduser().resolve())
        if path in self.folders or not Path(path).is_dir():
            return False
        self.folders.append(path)
        self.watcher.addPath(path)
        self._scan(path)
        if announce:
            self.changed.emit()
        return True

    def remove_folder(self, folder: str) -> None:
        if folder not in self.folders:
            return
        self.folders.remove(folder)
        self.watcher.removePath(folder)
        for path in [p for p in self.files if str(Path(p).parent) == folder]:
            self.watcher.removePath(path)
            del self.files[path]
        self.changed.emit()

    def files_in(self, folder: str) -> list[FileStatus]:
        inside = [s for p, s in self.files.items() if str(Path(p).parent) == folder]
        return sorted(inside, key=lambda s: Path(s.path).name.lower())

    def reload(self, path: str) -> None:
        """Load ``path`` again now, whatever its time stamp says (the Reload button, F5)."""
        self._forced.add(path)
        self.refresh()

    # -- watching --------------------------------------------------------------------------
    def _touched(self, path: str) -> None:
        if Path(path).suffix.lower() in SUFFIXES:
            self._forced.add(path)
        self._settle.start()

    def refresh(self) -> None:
        """Rescan every folder; load new and changed files, drop vanished ones, tell listeners."""
        before = {p: (s.stamp, s.verdict, s.label()) for p, s in self.files.items()}
        reloaded: list[str] = []
        for folder in list(self.folders):
            if not Path(folder).is_dir():
                continue  # a folder on an unplugged drive: keep it listed, show its files again later
            reloaded += self._scan(folder)
        self._forced.clear()
        after = {p: (s.stamp, s.verdict, s.label()) for p, s in self.files.items()}
        if before != after or reloaded:
            self.changed.emit()
        for path in reloaded:
            self.file_reloaded.emit(path)

    def _scan(self, folder: str) -> list[str]:
        """Bring one folder's files up to date; returns the files loaded again."""
        present = {str(p) for p in Path(folder).iterdir() if p.suffix.lower() in SUFFIXES and p.is_file()}
        for gone in [p for p in self.files if str(Path(p).parent) == folder and p not in present]:
            del self.files[gone]
        reloaded = []
        watched = set(self.watcher.files())
        for path in sorted(present):
            stamp = _stamp(Path(path))
            known = self.files.get(path)
            if known is None or known.stamp != stamp or path in self._forced:
                self.files[path] = FileStatus(path, load_scenario(path), stamp)
                if known is not None:
                    reloaded.append(path)
            if path not in watched:
                with contextlib.suppress(RuntimeError):
                    self.watcher.addPath(path)
        return reloaded


# -- the list ------------------------------------------------------------------------------

STATUS_COLOURS = {"ok": "#2f8a4c", "warnings": "#b7791f", "errors": "#b83232"}


def status_icon(verdict: str, size: int = 16) -> QIcon:
    """A filled circle: a tick (ok), an exclamation mark (warnings) or a cross (errors)."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(STATUS_COLOURS[verdict]))
    painter.drawEllipse(1, 1, size - 2, size - 2)
    painter.setPen(QPen(QColor("#ffffff"), size / 8, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    s = size / 16
    if verdict == "ok":
        painter.drawPolyline([QPointF(4.5 * s, 8.5 * s), QPointF(7 * s, 11 * s), QPointF(11.5 * s, 5.5 * s)])
    elif verdict == "warnings":
        painter.drawLine(QPointF(8 * s, 4.5 * s), QPointF(8 * s, 9 * s))
        painter.drawPoint(QPointF(8 * s, 11.8 * s))
    else:
        painter.drawLine(QPointF(5.5 * s, 5.5 * s), QPointF(10.5 * s, 10.5 * s))
        painter.drawLine(QPointF(10.5 * s, 5.5 * s), QPointF(5.5 * s, 10.5 * s))
    painter.end()
    return QIcon(pixmap)


class FoldersPanel(QWidget):
    """The left column: the followed folders, their scenario files and each file's status."""

    file_selected = Signal(str)
    """The trainer picked this file (or it was picked again after a reload)."""

    add_requested = Signal()
    """The trainer wants to add a folder (the workbench asks which)."""

    new_requested = Signal()
    """The trainer wants a new scenario from the template."""

    import_requested = Signal()
    """The trainer wants to turn a Twine story into a new scenario (the workbench asks which)."""

    remove_requested = Signal(str)
    """Stop following this folder (nothing on disk is touched)."""

    publish_requested = Signal(str, bool)
    """Put this folder's scenarios in the trainees' library (True) or take them out (False)."""

    def __init__(self, folders: ScenarioFolders, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.folders = folders
        self.current = ""
        self.published: set[str] = set()
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(8)
        column.addWidget(plain_label("Scenario folders", "heading"))
        buttons = QHBoxLayout()
        self.add_button = self._button("&Add folder…", "Add a folder of scenario files", self.add_requested.emit)
        self.remove_button = self._button(
            "&Remove folder", "Stop following the selected folder (no file is deleted)", self._remove
        )
        self.new_button = self._button("&New scenario…", "Create a commented starter scenario", self.new_requested.emit)
        self.import_button = self._button(
            "&Import from Twine…", "Turn a Twine story (Twee or Twine 2 HTML) into a scenario file", self.import_requested.emit
        )
        self.publish_button = self._button(
            "&Publish to library", "Show the selected folder's scenarios to trainees (files with errors stay hidden)",
            self._publish,
        )
        for button in (self.add_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        column.addLayout(buttons)
        for button in (self.publish_button, self.new_button, self.import_button):  # one a line: side by side, too wide
            column.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)
        self.tree = QTreeWidget()
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels(["File", "Status"])
        self.tree.setAccessibleName("Scenario files and their status")
        self.tree.setUniformRowHeights(True)
        header = self.tree.header()
        header.setStretchLastSection(True)  # the file name keeps its width; a long status is cut instead
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.tree.currentItemChanged.connect(lambda item, _old: self._picked(item))
        column.addWidget(self.tree, 1)
        self.empty = plain_label(
            "Add a folder that holds your scenario files (.yaml). Files are checked as you save them.", "muted"
        )
        column.addWidget(self.empty)
        column.addStretch(0)
        folders.changed.connect(self.redraw)
        self.redraw()

    def _button(self, text: str, tip: str, action: object) -> QPushButton:
        button = QPushButton(text)
        button.setToolTip(tip)
        button.setAccessibleName(tip)
        button.clicked.connect(action)
        return button

    def redraw(self) -> None:
        """Rebuild the tree from the folders, keeping the selected file selected."""
        self.tree.blockSignals(True)
        self.tree.clear()
        chosen = None
        for folder in self.folders.folders:
            top = QTreeWidgetItem([Path(folder).name or folder, "in the library" if folder in self.published else ""])
            top.setToolTip(0, plain_tip(folder))
            top.setData(0, Qt.ItemDataRole.UserRole, ("folder", folder))
            bold = QFont(top.font(0))
            bold.setBold(True)
            top.setFont(0, bold)
            self.tree.addTopLevelItem(top)
            files = self.folders.files_in(folder)
            if not files:
                top.addChild(QTreeWidgetItem(["(no .yaml files yet)", ""]))
            for status in files:
                item = self._file_item(status)
                top.addChild(item)
                if status.path == self.current:
                    chosen = item
            top.setExpanded(True)
        self.tree.blockSignals(False)
        if chosen is not None:
            self.tree.setCurrentItem(chosen)
        self.empty.setVisible(not self.folders.folders)
        self.tree.setVisible(bool(self.folders.folders))
        for button in (self.remove_button, self.new_button, self.import_button):
            button.setEnabled(bool(self.folders.folders))
        self._publish_label()

    def set_published(self, folders: list[str]) -> None:
        """Which followed folders trainees see (the staff setting), shown in the tree and on the button."""
        self.published = set(folders)
        self.redraw()

    def _publish_label(self) -> None:
        folder = self.selected_folder()
        self.publish_button.setEnabled(bool(folder))
        self.publish_button.setText("Take out of &library" if folder in self.published else "&Publish to library")

    def _publish(self) -> None:
        folder = self.selected_folder()
        if folder:
            self.publish_requested.emit(folder, folder not in self.published)

    def _file_item(self, status: FileStatus) -> QTreeWidgetItem:
        item = QTreeWidgetItem([Path(status.path).name, status.short_label()])
        item.setIcon(1, status_icon(status.verdict))
        item.setForeground(1, QColor(STATUS_COLOURS[status.verdict]).darker(115))
        tip = f"{status.title}\n{status.path}\n{status.label()}" if status.title else f"{status.path}\n{status.label()}"
        item.setToolTip(0, plain_tip(tip))
        item.setToolTip(1, plain_tip(tip))
        item.setData(0, Qt.ItemDataRole.UserRole, ("file", status.path))
        return item

    def select_file(self, path: str) -> None:
        self.current = path
        self.redraw()
        item = self.tree.currentItem()
        if item is None or item.data(0, Qt.ItemDataRole.UserRole) != ("file", path):
            return
        self.file_selected.emit(path)

    def selected_folder(self) -> str:
        item = self.tree.currentItem()
        while item is not None:
            kind, value = item.data(0, Qt.ItemDataRole.UserRole) or ("", "")
            if kind == "folder":
                return value
            item = item.parent()
        return self.folders.folders[0] if self.folders.folders else ""

    def _picked(self, item: QTreeWidgetItem | None) -> None:
        self._publish_label()
        kind, value = (item.data(0, Qt.ItemDataRole.UserRole) or ("", "")) if item else ("", "")
        if kind == "file" and value != self.current:
            self.current = value
            self.file_selected.emit(value)

    def _remove(self) -> None:
        folder = self.selected_folder()
        if folder:
            self.remove_requested.emit(folder)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Delete and self.tree.hasFocus():
            self._remove()
        else:
            super().keyPressEvent(event)
