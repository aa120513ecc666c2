"""The author workbench: the trainer's place to check, see and test scenario files.

Trainers write scenarios in their own editor; this window follows their folders and, for the
chosen file, shows its problems and source, a map, the explorer's report and the test results,
all refreshed as soon as the file is saved. Panels that are not on screen are refreshed when
they are next shown, so saving a large file costs only the visible tab.

Settings (the followed folders) go through any object with ``get_setting(key, default)`` and
``set_setting(key, value)``: the results store in the app, ``MemorySettings`` elsewhere.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from simulator.authoring.template import fresh_look, ids_in, new_scenario, slug
from simulator.gui.author.editor import open_in_editor
from simulator.gui.author.folders import FileStatus, FoldersPanel, ScenarioFolders, status_icon
from simulator.gui.author.map import MapPanel
from simulator.gui.author.problems import ProblemsPanel
from simulator.gui.author.report import ReportPanel
from simulator.gui.author.tests_panel import TestsPanel
from simulator.gui.style import plain_label, set_role
from simulator.resources import scenarios_dir
from simulator.scenario.problems import has_errors
from simulator.store.library import LIBRARY_KEY

FOLDERS_KEY = "author_folders"
WELCOME = (
    "Write scenarios in your own editor; this window checks them every time you save.",
    "Problems: every error and warning with its file, line and column, and the lines themselves.",
    "Map: every node, reply and ending, with unreachable places and dead ends marked. "
    "Click a node to play the scenario from there.",
    "Report: every ending and the replies that reach it, and each dimension's score range.",
    "Tests: the playthroughs your file declares under tests:, and hundreds of random ones.",
    "The file format is described in the scenario format guide (docs/scenario-format.md).",
    "Drafted in Twine? Import from Twine… turns a Twee or Twine 2 HTML story into a scenario file (docs/twine.md).",
)
PROBLEMS, MAP, REPORT, TESTS = range(4)


class Settings(Protocol):
    def get_setting(self, key: str, default: Any = None) -> Any: ...

    def set_setting(self, key: str, value: Any) -> None: ...


class MemorySettings:
    """Settings kept for this run only (tests, or a workbench opened without the store)."""

    def __init__(self, values: dict[str, Any] | None = None) -> None:
        self.values = dict(values or {})

    def get_setting(self, key: str, default: Any = None) -> Any:
        return self.values.get(key, default)

    def set_setting(self, key: str, value: Any) -> None:
        self.values[key] = value


class AuthorWorkbench(QWidget):
    """Folders on the left; the chosen file's Problems, Map, Report and Tests on the right."""

    file_shown = Signal(str)
    """The panels now show this file (chosen, or reloaded after a change on disk)."""

    closed = Signal()
    """The window was closed: the main window may end the staff visit."""

    def __init__(
        self,
        settings: Settings | None = None,
        parent: QWidget | None = None,
        *,
        opener: Callable[[str, int, int], str] = open_in_editor,
        clock: Any = None,
        dot: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.settings = settings or MemorySettings()
        self.clock = clock  # for previews: None is the real clock
        self.preview: Any = None  # the PreviewDialog, made on first use
        self.try_reply: Any = None  # the TryReplyDialog, made on first use
        self.status: FileStatus | None = None
        self._stale: set[int] = set()
        self.setObjectName("screen")
        self.setWindowTitle("Author workbench")
        self.ask_title: Callable[[], str | None] = self._ask_title  # dialogs, replaceable in tests
        self.ask_folder: Callable[[], str | None] = self._ask_folder
        self.ask_twine_file: Callable[[], str | None] = self._ask_twine_file
        self.import_report: Any = None  # the ImportReport of the last import, kept open beside the workbench
        self.folders = ScenarioFolders(self._remembered(), self)
        self.folders.file_reloaded.connect(self._reloaded)
        self.folders.changed.connect(self._files_changed)
        self.folder_panel = FoldersPanel(self.folders)
        self.folder_panel.file_selected.connect(self.show_file)
        self.folder_panel.add_requested.connect(self.add_folder)
        self.folder_panel.remove_requested.connect(self.remove_folder)
        self.folder_panel.publish_requested.connect(self.publish)
        self.folder_panel.set_published(self._published())
        self.folder_panel.new_requested.connect(self.new_scenario)
        self.folder_panel.import_requested.connect(self.import_from_twine)
        self.problems = ProblemsPanel(opener=opener)
        self.map = MapPanel(dot=dot)
        self.map.preview_requested.connect(self.preview_from)
        self.map.try_reply_requested.connect(self.try_reply_at)
        self.report = ReportPanel()
        self.tests = TestsPanel()
        self.tests.line_requested.connect(self._show_line)
        self._build()
        self._shortcuts()
        self._show_nothing()
        for button in self.findChildren(QPushButton):  # Enter presses the focused button, as everywhere else in the app
            button.setAutoDefault(True)

    # -- building ------------------------------------------------------------------------
    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(16, 12, 16, 12)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.setChildrenCollapsible(False)
        left = QWidget()
        left_column = QVBoxLayout(left)
        left_column.setContentsMargins(0, 0, 8, 0)
        left_column.addWidget(self.folder_panel, 1)
        self.examples_button = QPushButton("Show the bundled examples")
        self.examples_button.setProperty("role", "link")
        self.examples_button.setAccessibleName("Follow the folder of bundled example scenarios")
        self.examples_button.clicked.connect(self._add_examples)
        left_column.addWidget(self.examples_button, 0, Qt.AlignmentFlag.AlignLeft)
        split.addWidget(left)
        right = QWidget()
        column = QVBoxLayout(right)
        column.setContentsMargins(8, 0, 0, 0)
        column.setSpacing(6)
        column.addLayout(self._header())
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.problems, "Problems")
        self.tabs.addTab(self.map, "Map")
        self.tabs.addTab(self.report, "Report")
        self.tabs.addTab(self.tests, "Tests")
        self.tabs.currentChanged.connect(self._tab_shown)
        self.pages = QStackedWidget()
        self.pages.addWidget(self._welcome())
        self.pages.addWidget(self.tabs)
        column.addWidget(self.pages, 1)
        split.addWidget(right)
        split.setStretchFactor(0, 0)
        split.setStretchFactor(1, 1)
        split.setSizes([360, 900])
        # A small screen or a 200 % font gets scroll bars, not a window larger than the screen; the
        # status line stays outside them, always in view (an editor that failed to start says so there).
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(split)
        outer.addWidget(scroll, 1)
        self.message = plain_label("", "small")
        outer.addWidget(self.message)

    def _welcome(self) -> QWidget:
        """What the right side shows until a file is chosen: what this is for, and how to start."""
        page = QFrame()
        page.setObjectName("panel")
        column = QVBoxLayout(page)
        column.setContentsMargins(28, 24, 28, 24)
        column.setSpacing(10)
        column.addWidget(plain_label("Check, see and test your scenarios", "heading"))
        for line in WELCOME:
            column.addWidget(plain_label(line))
        row = QHBoxLayout()
        self.welcome_add = QPushButton("Add a folder…")
        self.welcome_add.setAccessibleName("Add a folder of scenario files")
        self.welcome_add.clicked.connect(lambda _checked=False: self.add_folder())  # not add_folder(checked)
        self.welcome_new = QPushButton("New scenario…")
        self.welcome_new.setAccessibleName("Create a new scenario from the template")
        self.welcome_new.clicked.connect(self.new_scenario)
        self.welcome_examples = QPushButton("Open the bundled examples")
        self.welcome_examples.setAccessibleName("Follow the folder of bundled example scenarios")
        self.welcome_examples.clicked.connect(self._add_examples)
        row.addWidget(self.welcome_add)
        row.addWidget(self.welcome_examples)
        row.addWidget(self.welcome_new)
        row.addStretch(1)
        column.addSpacing(6)
        column.addLayout(row)
        column.addStretch(1)
        return page

    def _header(self) -> QHBoxLayout:
        row = QHBoxLayout()
        text = QVBoxLayout()
        text.setSpacing(0)
        self.title = plain_label("", "title")
        self.path_label = plain_label("", "small")
        self.path_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        text.addWidget(self.title)
        text.addWidget(self.path_label)
        self.verdict_icon = QLabel()
        self.verdict = plain_label("", wrap=False)
        row.addLayout(text, 1)
        row.addWidget(self.verdict_icon)
        row.addWidget(self.verdict)
        row.addSpacing(12)
        self.reload_button = QPushButton("Reload")
        self.reload_button.setToolTip("Check the file again (F5); saving it does this by itself")
        self.reload_button.clicked.connect(self.reload)
        self.edit_button = QPushButton("&Edit")
        self.edit_button.setToolTip("Open the file in your editor (Ctrl+E)")
        self.edit_button.setAccessibleName("Open the file in your editor")
        self.edit_button.clicked.connect(self.edit)
        self.play_button = QPushButton("Pre&view")
        self.play_button.setProperty("role", "primary")
        self.play_button.setToolTip("Play the scenario from its start, as a trainee sees it; nothing is recorded")
        self.play_button.setAccessibleName("Preview the scenario from its start")
        self.play_button.clicked.connect(lambda: self.preview_from(self._start()))
        for button in (self.reload_button, self.edit_button, self.play_button):
            row.addWidget(button)
        return row

    def _shortcuts(self) -> None:
        keys: list[tuple[QKeySequence | str, Callable[[], object]]] = [
            (QKeySequence(QKeySequence.StandardKey.Refresh), self.reload),
            ("F5", self.reload),
            ("Ctrl+E", self.edit_button.click),
            ("Ctrl+N", self.new_scenario),
            ("Ctrl+O", self.add_folder),
        ]
        keys += [(f"Ctrl+{i + 1}", partial(self.tabs.setCurrentIndex, i)) for i in range(4)]
        for key, action in keys:
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(action)

    # -- folders -------------------------------------------------------------------------
    def _remembered(self) -> list[str]:
        try:
            value = self.settings.get_setting(FOLDERS_KEY, []) or []
        except Exception:  # a store that can't be read must not keep the trainer out of the workbench
            return []
        return [str(v) for v in value if isinstance(v, str)] if isinstance(value, list) else []

    def _remember(self) -> None:
        try:
            self.settings.set_setting(FOLDERS_KEY, list(self.folders.folders))
        except Exception as exc:  # the folder is followed now; it just won't be remembered next time
            self._say(f"The folder list could not be saved for next time: {exc}")

    def add_folder(self, folder: str | None = None) -> bool:
        folder = folder if folder else self.ask_folder()
        if not folder:
            return False
        if not self.folders.add_folder(folder):
            self._say(f"{folder} is already listed or is not a folder.")
            return False
        files = self.folders.files_in(self.folders.folders[-1])
        if files and self.status is None:
            self.folder_panel.select_file(files[0].path)
        self._remember()
        return True

    def _add_examples(self) -> None:
        self.add_folder(str(scenarios_dir()))

    def _published(self) -> list[str]:
        try:
            value = self.settings.get_setting(LIBRARY_KEY, []) or []
        except Exception:  # unreadable: nothing is shown as published, and nothing is changed
            return []
        return [str(v) for v in value if isinstance(v, str)] if isinstance(value, list) else []

    def publish(self, folder: str, on: bool = True) -> bool:
        """Put a folder's scenarios in the trainees' library, or take them out (a staff setting in the store)."""
        published = [f for f in self._published() if f != folder] + ([folder] if on else [])
        try:
            self.settings.set_setting(LIBRARY_KEY, published)
        except Exception as exc:
            self._say(f"The library could not be changed: {exc}")
            return False
        self.folder_panel.set_published(published)
        self._say(f"{folder} is in the trainees' library now (a file with errors shows as not available)." if on
                  else f"{folder} is no longer in the trainees' library.")  # fmt: skip
        return True

    def remove_folder(self, folder: str) -> None:
        if folder in self._published():  # what the trainer no longer follows doesn't stay in front of trainees
            self.publish(folder, on=False)
        if self.status is not None and str(Path(self.status.path).parent) == folder:
            self.status = None  # before the folder goes: its file was not "gone", only no longer followed
            self._show_nothing()
        self.folders.remove_folder(folder)
        self._remember()
        self._say(f"{folder} is no longer followed here; its files were not touched.")

    def _files_changed(self) -> None:
        self._update_starters()
        if self.status is not None and self.status.path not in self.folders.files:
            self._say(f"{Path(self.status.path).name} is no longer in its folder (moved, renamed or deleted).")
            self.status = None
            self._show_nothing()

    # -- one file ------------------------------------------------------------------------
    def show_file(self, path: str) -> None:
        """Show ``path`` (a file in a followed folder) in every panel."""
        status = self.folders.files.get(path)
        if status is None:
            return
        if self.status is None or self.status.path != path:
            self._say("")
        self.status = status
        if self.folder_panel.current != path:
            self.folder_panel.select_file(path)
        self._refresh_all()
        self.file_shown.emit(path)

    def reload(self) -> None:
        if self.status is not None:
            self.folders.reload(self.status.path)

    def _reloaded(self, path: str) -> None:
        if self.status is not None and path == self.status.path:
            self.show_file(path)
            self._say(f"Reloaded {Path(path).name} after it changed on disk.")

    def _refresh_all(self) -> None:
        status = self.status
        if status is None:
            return
        scenario = status.loaded.scenario
        self.title.setText(scenario.title if scenario else Path(status.path).name)
        self.path_label.setText(status.path)
        self.verdict.setText(status.label())
        self.verdict_icon.setPixmap(status_icon(status.verdict).pixmap(18, 18))
        self._enable_preview(self._playable())
        for button in (self.reload_button, self.edit_button):
            button.setEnabled(True)
        self.pages.setCurrentWidget(self.tabs)
        self.tabs.setTabText(PROBLEMS, f"Problems ({len(status.loaded.problems)})" if status.loaded.problems else "Problems")
        self._stale = {PROBLEMS, MAP, REPORT, TESTS}
        self._tab_shown(self.tabs.currentIndex())

    def _tab_shown(self, index: int) -> None:
        if index not in self._stale or self.status is None:
            return
        self._stale.discard(index)
        loaded = self.status.loaded
        scenario = loaded.scenario
        if index == PROBLEMS:
            self.problems.show_file(self.status.path, loaded.problems, scenario.source if scenario and scenario.source else None)
        elif index == MAP:
            self.map.show_scenario(scenario, self._playable())
        elif index == REPORT:
            self.report.show_scenario(scenario)
        elif index == TESTS:
            self.tests.show_scenario(scenario if self._playable() else None)
            results = self.tests.results
            failed = sum(not r.passed for r in results)
            self.tabs.setTabText(TESTS, f"Tests ({failed} failing)" if failed else "Tests")

    def _enable_preview(self, on: bool) -> None:
        """The primary look only while it can be pressed (the style sheet has no disabled primary look)."""
        self.play_button.setEnabled(on)
        set_role(self.play_button, "primary" if on else "")

    def _playable(self) -> bool:
        loaded = self.status.loaded if self.status else None
        return loaded is not None and loaded.scenario is not None and not has_errors(loaded.problems)

    def _show_nothing(self) -> None:
        self.pages.setCurrentIndex(0)
        self._update_starters()
        self.title.setText("No scenario chosen")
        self.path_label.setText("Choose a file on the left, or add a folder of scenario files.")
        self.verdict.setText("")
        self.verdict_icon.clear()
        for button in (self.reload_button, self.edit_button):
            button.setEnabled(False)
        self._enable_preview(False)

    def _update_starters(self) -> None:
        """The ways to begin that still make sense: examples not yet followed, new only with a folder."""
        examples = str(scenarios_dir().resolve()) not in self.folders.folders
        self.examples_button.setVisible(examples)
        self.welcome_examples.setVisible(examples)
        self.welcome_new.setVisible(bool(self.folders.folders))

    def edit(self) -> None:
        """Open the file in the trainer's editor, at the selected problem when there is one."""
        if self.status is None:
            return
        problem = self.problems.current_problem() if self.problems.path == self.status.path else None
        line, col = (problem.line, problem.col) if problem else (1, 1)
        said = self.problems.opener(self.status.path, line, col)
        if said.startswith("No editor"):  # it says the line "is shown below": on the Problems tab it is
            self.tabs.setCurrentIndex(PROBLEMS)
        self._say(said)

    def _show_line(self, line: int) -> None:
        self.tabs.setCurrentIndex(PROBLEMS)
        self.problems.show_line(line, 1, "a declared playthrough starts here")

    def _start(self) -> str:
        scenario = self.status.loaded.scenario if self.status else None
        return scenario.start if scenario else ""

    # -- previews ------------------------------------------------------------------------
    def preview_from(self, node: str) -> None:
        """Play the current scenario from ``node`` in the practice view (nothing is recorded)."""
        scenario = self.status.loaded.scenario if self.status else None
        if scenario is None or not self._playable() or node not in scenario.nodes:
            self._say("Fix the errors listed under Problems before previewing.")
            return
        if self.preview is None:
            from simulator.gui.author.preview import PreviewDialog

            self.preview = PreviewDialog(self, clock=self.clock)
        self.preview.start(scenario, node)
        self.preview.show()
        self.preview.raise_()
        self.preview.activateWindow()

    def try_reply_at(self, node: str) -> None:
        """Open the "Try a reply" box on ``node`` of the current scenario."""
        scenario = self.status.loaded.scenario if self.status else None
        if scenario is None or node not in scenario.nodes:
            return
        if self.try_reply is None:
            from simulator.gui.author.try_reply import TryReplyDialog

            self.try_reply = TryReplyDialog(self)
        self.try_reply.start(scenario, node)
        self.try_reply.show()
        self.try_reply.raise_()

    # -- new scenario --------------------------------------------------------------------
    def new_scenario(self) -> Path | None:
        folder = self.folder_panel.selected_folder()
        if not folder:
            self._say("Add a folder first: the new scenario is written there.")
            return None
        title = self.ask_title()
        if not title or not title.strip():
            return None
        return self.create_scenario(folder, title)

    def create_scenario(self, folder: str, title: str) -> Path | None:
        """Write a starter scenario called ``title`` into ``folder`` (never overwriting) and show it."""
        base = slug(title)
        path = Path(folder) / f"{base}.yaml"
        number = 2
        while path.exists():
            path = Path(folder) / f"{base}-{number}.yaml"
            number += 1
        try:
            path.write_text(new_scenario(title, path.name, fresh_look(Path(folder)), ids_in(Path(folder))), encoding="utf-8")
        except OSError as exc:
            self._say(f"Could not write {path}: {exc.strerror or exc}")
            return None
        self.folders.refresh()
        self.folder_panel.select_file(str(path))
        self._say(f"Created {path.name}: open it in your editor (Ctrl+E); the checks update each time you save.")
        return path

    def import_from_twine(self) -> Path | None:
        """Import a Twine story into a new file of the selected folder, show it, and show the report beside it."""
        folder = self.folder_panel.selected_folder()
        if not folder:
            self._say("Add a folder first: the imported scenario is written there.")
            return None
        source = self.ask_twine_file()
        if not source:
            return None
        from simulator.gui.author.twine_import import ImportReport, import_into

        result = import_into(Path(source), Path(folder))
        if isinstance(result, str):
            self._say(f"Could not import: {result}")
            return None
        self.import_report = ImportReport(result, self)
        self.import_report.show()
        if not result.written:
            self._say(f"Nothing was imported from {result.source.name}: the report lists the errors and their lines.")
            return None
        self.folders.refresh()
        self.folder_panel.select_file(str(result.out))
        self._say(f"Imported {result.source.name} into {result.out.name}; the report lists what to add.")
        return result.out

    def _ask_twine_file(self) -> str | None:
        from simulator.gui.author.twine_import import TWINE_FILES

        path, _ = QFileDialog.getOpenFileName(self, "Import from Twine", "", TWINE_FILES)
        return path or None

    def _ask_title(self) -> str | None:
        text, ok = QInputDialog.getText(self, "New scenario", "Title of the new scenario (e.g. Lost luggage):")
        return text if ok else None

    def _ask_folder(self) -> str | None:
        folder = QFileDialog.getExistingDirectory(self, "Add a folder of scenario files")
        return folder or None

    def closeEvent(self, event: QCloseEvent) -> None:
        super().closeEvent(event)
        if self.preview is not None:
            self.preview.close()  # a preview plays from any node: it goes with the workbench
        self.closed.emit()

    def _say(self, text: str) -> None:
        self.message.setText(text)
