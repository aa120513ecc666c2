"""The main window: one stack of screens and the moves between them.

Profile -> library -> play -> debrief -> (try again | library). The window owns the wiring to
the store; screens only emit what the trainee asked for. The play and debrief screens (and the
engine behind them) are imported on first use, so start-up pays only for the profile and library.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMainWindow, QStackedWidget, QWidget

from simulator.gui.catalog import NOT_AVAILABLE, Entry, load_catalog
from simulator.gui.profile import ProfileScreen
from simulator.gui.style import PLAIN_TEXT, set_enum_property
from simulator.store.library import LIBRARY_KEY

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent  # importing it at run time builds QEvent's enums (~1.4 ms)

    from simulator.gui.author.workbench import AuthorWorkbench
    from simulator.gui.debrief import DebriefScreen
    from simulator.gui.library import LibraryScreen
    from simulator.gui.play import PlayScreen
    from simulator.gui.staff import StaffAccess
    from simulator.gui.supervise.area import SupervisorArea
    from simulator.gui.sync.hookup import SyncUi

APP_NAME = "Service Recovery Simulator"
SYNC_START_DELAY_MS = 400
MIN_HEIGHT = 480  # the window never raises its own minimum above this (see MainWindow.__init__)
WELCOME_BACK = "Welcome back: you're continuing where you left off."
NAME_TAKEN = (
    "There is already a profile named “{name}”. If it is yours, pick it in the list; "
    "if not, add something that tells you apart (your team or site, say)."
)


class MainWindow(QMainWindow):
    """Holds the store, the clock and the trainee; switches screens."""

    def __init__(
        self,
        store: Any,
        clock: Any = None,
        extra_scenarios: list[str] | None = None,
        open_first: bool = False,
        entries: list[Entry] | None = None,
        *,
        shuffle: Any = None,
    ) -> None:
        """``extra_scenarios`` join the library; with ``open_first`` the first one starts once a profile is picked.

        ``entries`` is the catalog already read at start-up, used for the first library shown.
        ``shuffle`` gives each new session its reply-order seed (``engine.order.new_seed`` by default;
        a function returning None keeps the file's order, as tests that click by position need).
        """
        super().__init__()
        self.store = store
        self.clock = clock
        self.shuffle = shuffle
        self.extra = [Path(p) for p in extra_scenarios or []]
        self.open_on = self.extra[0] if self.extra and open_first else None
        self.trainee: Any = None
        self.entries: list[Entry] = []
        self._read_at_start = entries
        self.current: tuple[Entry, str] | None = None
        self._library: LibraryScreen | None = None
        self._play: PlayScreen | None = None
        self._debrief: DebriefScreen | None = None
        self._next_finder: Any = None  # gui.next_up.NextFinder, built with the debrief
        self._author: AuthorWorkbench | None = None
        self._supervisor: SupervisorArea | None = None
        self._sync: SyncUi | None = None
        self._staff: StaffAccess | None = None
        self._told_file_lost = False  # the database or its WAL was swapped under us: said once
        self.setWindowTitle(APP_NAME)
        # An explicit minimum height: left to Qt, the window's minimum becomes the height the word-wrapped
        # screen needs at its narrowest width, and at a large font the window grew past a 700 px screen
        # after a reply. Every screen fits the height it gets (replies and transcript scroll).
        self.setMinimumHeight(MIN_HEIGHT)
        self.stack = QStackedWidget()
        self.setCentralWidget(self.stack)
        # Built inside the stack: re-parenting a finished screen re-applies the style sheet to every widget in it.
        self.profile = ProfileScreen(self.stack)
        self.profile.trainee_chosen.connect(self.choose_trainee)
        self.profile.trainee_created.connect(self._create_trainee)
        self.stack.addWidget(self.profile)
        self._staff_menu()
        # Results sync (xAPI) starts once the first screens are up and painted: start-up never waits for it.
        QTimer.singleShot(SYNC_START_DELAY_MS, self, self._sync_after_start)

    def _staff_menu(self) -> None:
        """Trainers and supervisors reach their tools from here, behind the staff passphrase."""
        menu = self.menuBar().addMenu("&Staff")
        menu.aboutToShow.connect(self._hold_play)  # a reply clock never runs behind an open menu
        menu.aboutToHide.connect(self._go_on_play)
        author = menu.addAction("&Author workbench…")
        # Shortcuts go in as text through the property system: setShortcut's overloads build Qt's enums.
        author.setProperty("shortcut", "Ctrl+Shift+A")
        author.triggered.connect(self.open_author)
        supervisor = menu.addAction("&Supervisor area…")
        supervisor.setProperty("shortcut", "Ctrl+Shift+S")
        supervisor.triggered.connect(self.open_supervisor)
        menu.setToolTipsVisible(True)  # the results sync entry's tooltip explains its status
        self.sync_action = menu.addAction("&Results sync (xAPI)…")  # says how the sync stands once it runs
        self.sync_action.triggered.connect(self.open_sync_settings)

    # -- lazily built screens ------------------------------------------------------------
    @property
    def library(self) -> LibraryScreen:
        """Built when a trainee is first chosen: the profile screen comes up without it."""
        if self._library is None:
            from simulator.gui.library import LibraryScreen

            self._library = LibraryScreen(self.stack)
            self._library.start_requested.connect(self.start)
            self._library.resume_requested.connect(self.resume)
            self._library.switch_profile.connect(self.show_profiles)
            self.stack.addWidget(self._library)
        return self._library

    @property
    def play(self) -> PlayScreen:
        if self._play is None:
            from simulator.gui.play import PlayScreen

            self._play = PlayScreen(self.stack)
            self._play.finished.connect(self.show_debrief)
            self._play.leave_requested.connect(self.show_library)
            self.stack.addWidget(self._play)
        return self._play

    @property
    def debrief(self) -> DebriefScreen:
        if self._debrief is None:
            from simulator.gui.debrief import DebriefScreen

            self._debrief = DebriefScreen(self.stack)
            self._debrief.try_again.connect(self.try_again)
            self._debrief.back_to_library.connect(self.show_library)
            self._debrief.next_scenario.connect(self._play_next)
            self.stack.addWidget(self._debrief)
            from simulator.gui.next_up import NextFinder

            self._next_finder = NextFinder(self)
            self._next_finder.found.connect(self._debrief.offer_next)
        return self._debrief

    # -- staff tools: one passphrase per visit -------------------------------------------
    @property
    def staff(self) -> StaffAccess:
        """The staff door, built on first use (start-up never pays for the passphrase dialog)."""
        if self._staff is None:
            from simulator.gui.staff import StaffAccess

            self._staff = StaffAccess(self.store, self)
            self._staff.ended.connect(self._staff_ended)
        return self._staff

    def _staff_door(self, granted: Any) -> bool:
        """Run ``granted`` behind the passphrase; while it is asked the reply clock stands still, and
        Cancel returns to the screen as it was. True when ``granted`` ran now (a visit is open)."""
        self._hold_play()

        def through() -> None:
            self._go_on_play()
            granted()

        return self.staff.enter(self, through, self._go_on_play)

    def open_author(self) -> AuthorWorkbench | None:
        """The trainer's workbench in a window of its own, so a session in progress stays put (and paused).

        None while the passphrase is being asked (``staff.dialog``)."""
        self._staff_door(self._show_author)
        return self._author if self.staff.is_open else None

    def _show_author(self) -> None:
        if self._author is None:
            from simulator.gui.author.workbench import AuthorWorkbench

            self._author = AuthorWorkbench(self.store, clock=self.clock)  # the store keeps its settings
            self._author.setWindowIcon(self.windowIcon())
            self._author.closed.connect(lambda: self._staff_left(closing=self._author))
            self._author.resize(_fit_screen(self, 1280, 800))
        self._author.show()
        self._author.raise_()
        self._author.activateWindow()

    def open_supervisor(self) -> SupervisorArea | None:
        """Everyone's results, behind the staff passphrase; a session in play is left resumable once it is given.

        None while the passphrase is being asked (``staff.dialog``)."""
        self._staff_door(self._show_supervisor)
        return self._supervisor if self.staff.is_open else None

    def _show_supervisor(self) -> None:
        if self._play is not None and self.stack.currentWidget() is self._play:
            self._play.leave_requested.emit()  # the session stays resumable, as with Leave
        if self._supervisor is None:
            from simulator.gui.supervise.area import SupervisorArea

            self._supervisor = SupervisorArea(self.store, door=self.open_supervisor)  # "Unlock…" is the staff door too
            self._supervisor.leave_requested.connect(self._leave_supervisor)
            self.stack.addWidget(self._supervisor)
        self._show(self._supervisor, "Supervisor area")
        self._supervisor.unlock()

    def _staff_left(self, closing: QWidget | None = None) -> None:
        """A staff tool was closed or left (``closing``: still visible while it closes): the visit ends
        when none is still open."""
        if self._staff is None or not self._staff.is_open:
            return
        supervising = self._supervisor is not None and self.stack.currentWidget() is self._supervisor
        authoring = self._author is not None and self._author is not closing and self._author.isVisible()
        syncing = self._sync is not None and self._sync.dialog is not None
        if not (supervising or authoring or syncing):
            self._staff.end()

    def _staff_ended(self) -> None:
        """Locked again: nothing staff-only stays on screen for the next person at the PC."""
        if self._author is not None and self._author.isVisible():
            self._author.close()
        if self._supervisor is not None and self._supervisor.is_unlocked:
            self._supervisor.lock()
        if self._sync is not None and self._sync.dialog is not None:
            self._sync.dialog.reject()

    def _hold_play(self) -> None:
        if self._play is not None:
            self._play.hold()

    def _go_on_play(self) -> None:
        if self._play is not None:
            self._play.go_on()

    def _sync_after_start(self) -> None:
        if self.isVisible():  # closed within the delay (a quick quit, a test): no sync thread left behind
            self._start_sync()

    def _start_sync(self) -> SyncUi:
        """The background sync and its status in the Staff menu; imported only now."""
        if self._sync is None:
            from simulator.gui.sync.hookup import install

            self._sync = install(self)
        return self._sync

    def open_sync_settings(self) -> Any:
        """LRS settings and status, behind the staff passphrase."""
        return self._start_sync().open_settings()

    def _leave_supervisor(self) -> None:
        """ "Lock and leave": the whole staff visit ends, the workbench included."""
        if self._staff is not None:
            self._staff.end()
        if self._supervisor is not None:
            self._supervisor.lock()
        self.trainee = None  # a supervisor's desk is not a trainee's: pick a profile again
        self.show_profiles()

    def _show(self, screen: QWidget, title: str) -> None:
        leaving = self._supervisor is not None and screen is not self._supervisor and self._supervisor.is_unlocked
        if leaving:
            self._supervisor.lock()  # type: ignore[union-attr]
        if self._next_finder is not None and screen is not self._debrief:
            self._next_finder.cancel()  # no file reading behind a scenario in play
        self.stack.setCurrentWidget(screen)
        self.setWindowTitle(f"{title} - {APP_NAME}")
        if leaving:
            self._staff_left()

    # -- profile -------------------------------------------------------------------------
    def show_profiles(self) -> None:
        trainees = self._ask(self.store.trainees) or []
        self.profile.show_trainees(trainees, self._ask(self.store.get_setting, "last_trainee"))
        self._show(self.profile, "Who's practising?")
        self.profile.focus_first()

    def _create_trainee(self, name: str, employee_id: str) -> None:
        """A new profile; a name already taken is refused in words that name no one's employee ID."""
        from simulator.store.errors import NameTaken

        existing = self._ask(self.store.find_trainee, name)
        if existing is not None:  # "New here?" with a known name must not open that person's record
            self.profile.show_problem(NAME_TAKEN.format(name=existing.name))
            return
        try:
            trainee = self._ask(self.store.add_trainee, name, employee_id or None)
        except NameTaken as taken:  # created by another window since: the same answer
            self.profile.show_problem(NAME_TAKEN.format(name=taken.name))
            return
        if trainee is not None:
            self.choose_trainee(trainee)

    def choose_trainee(self, trainee: Any) -> None:
        self.trainee = trainee
        # Remembered after the library is on screen: a durable write need not delay it.
        QTimer.singleShot(0, self, lambda: self._remember("last_trainee", trainee.id))
        self.library.set_mode(self._ask(self.store.get_setting, "mode", "practice") or "practice")
        self.library.typed_box.setChecked(self._ask(self.store.get_setting, "typed", False) is True)
        if self.open_on is not None:
            path, self.open_on = self.open_on, None
            self.show_library()
            entry = next((e for e in self.entries if e.path == path), None)
            if entry is not None:
                self.start(entry, self.library.mode)
            return
        self.show_library()

    # -- library -------------------------------------------------------------------------
    def show_library(self) -> None:
        if self.trainee is None:
            self.show_profiles()
            return
        if self._read_at_start is not None:
            self.entries = self._read_at_start
        else:
            self.entries = load_catalog(self.extra, self._ask(self.store.get_setting, LIBRARY_KEY, None))
        self._read_at_start = None  # later visits read the folder again: a trainer may have added files
        best = self._ask(self.store.best_scores, self.trainee.id) or {}
        unfinished = self._ask(self.store.unfinished, self.trainee.id) or []
        self.library.show_library(self.trainee.name, self.entries, best, unfinished)
        self._show(self.library, "Scenario library")
        self.library.focus_first()

    # -- playing -------------------------------------------------------------------------
    def start(self, entry: Entry, mode: str) -> None:
        """A new session of ``entry`` in ``mode``; an older unfinished one of it is set aside."""
        from simulator.engine import Session
        from simulator.engine.scoring import best_points
        from simulator.scenario import ScenarioError, read_scenario
        from simulator.xapi.queue import StatementRows

        try:
            scenario = read_scenario(entry.path)
        except ScenarioError:
            # The file broke after the library was drawn: trainees get no parser text (the workbench shows it).
            self._problem(f"“{entry.title}” can't be played.", NOT_AVAILABLE)
            self.show_library()
            return
        best_points(scenario)  # explore once now, so the last reply doesn't pay for it
        self._ask(self.store.set_setting, "mode", mode)
        self._ask(self.store.set_setting, "typed", self.library.typed)
        for info in self._ask(self.store.unfinished, self.trainee.id) or []:
            if info.scenario_id == scenario.id:
                self._ask(self.store.abandon, info.id)
        from simulator.engine.countdown import time_factor

        fresh = self._ask(self.store.trainee, self.trainee.id)  # a supervisor may have changed the extra time since
        from simulator.engine.order import new_seed

        factor = time_factor((fresh or self.trainee).extra_time)
        seed = (self.shuffle or new_seed)()
        session = Session(scenario, mode=mode, clock=self.clock, time_factor=factor, shuffle_seed=seed)
        ok, _ = self._try(self.store.attach, session, self.trainee, on_error=self._save_failed, rows=StatementRows)
        if not ok:
            session.close()
            return
        self.current = (entry, mode)
        self.play.load(session, typed=self.library.typed)
        session.begin()
        self._show(self.play, scenario.title)

    def resume(self, info: Any) -> None:
        entry = next((e for e in self.entries if e.id == info.scenario_id and not e.problem), None)
        current = str(entry.path) if entry else None
        from simulator.xapi.queue import StatementRows

        resumed = self._ask(self.store.resume, info.id, current, self.clock, StatementRows)
        if resumed is None:
            self.show_library()
            return
        session = resumed.session
        self.current = (entry, session.mode) if entry else None
        note = f"{WELCOME_BACK} {resumed.note}" if resumed.note else WELCOME_BACK
        self.play.load(session, note, typed=self.library.typed)
        self._show(self.play, session.scenario.title)

    def show_debrief(self, card: Any) -> None:
        session = self.play.session
        self.play.release()
        self.debrief.show_card(card, session.scenario if session is not None else None,
                               session.step_backs if session is not None else 0)  # fmt: skip
        self.debrief.again_button.setEnabled(self.current is not None and self.current[0] is not None)
        self._show(self.debrief, "Debrief")
        self.debrief.again_button.setFocus()
        if self._sync is not None:
            self._sync.session_finished()  # in the background: the debrief is already on screen
        if self.trainee is not None:
            recent = self._ask(self.store.recent_scores, self.trainee.id, "assessment") or []
            self._next_finder.look(self.entries, recent, card.scenario_id)

    def _play_next(self, entry: Entry) -> None:
        """The debrief's "Next scenario", in the mode just played."""
        self.start(entry, self.current[1] if self.current is not None else self.library.mode)

    def try_again(self) -> None:
        if self.current is not None and self.current[0] is not None:
            self.start(*self.current)

    # -- errors --------------------------------------------------------------------------
    def _try(self, method: Any, *args: Any, **kwargs: Any) -> tuple[bool, Any]:
        """Call the store; a failure is shown to the trainee and reported as ``(False, None)``."""
        from simulator.store import StoreError

        try:
            return True, method(*args, **kwargs)
        except StoreError as exc:
            self._problem("Your results could not be read or saved.", str(exc))
            return False, None

    def _ask(self, method: Any, *args: Any, **kwargs: Any) -> Any:
        """The store's answer, or None when it failed (the trainee has been told)."""
        return self._try(method, *args, **kwargs)[1]

    def _remember(self, key: str, value: Any) -> None:
        """A convenience setting: if it can't be saved now, nobody needs a dialog about it."""
        from simulator.store import StoreError

        with contextlib.suppress(StoreError):
            self.store.set_setting(key, value)

    def _save_failed(self, error: Exception) -> None:
        if getattr(error, "kind", "") == "replaced":  # no retry can help: say so once and leave the scenario
            from PySide6.QtCore import QTimer

            if self._told_file_lost:
                return
            self._told_file_lost = True
            self._problem("Your answers can no longer be saved from this window.", str(error))
            QTimer.singleShot(0, self._stop_playing)  # not now: the session is still telling its listeners
            return
        self._problem("Your last answer could not be saved yet; it will be retried with the next one.", str(error))

    def _stop_playing(self) -> None:
        if self._play is not None:
            self._play.release()
        self.show_library()

    def _problem(self, headline: str, details: str) -> None:
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QMessageBox.Icon.Warning, APP_NAME, "", QMessageBox.StandardButton.Ok, self)
        set_enum_property(box, "textFormat", PLAIN_TEXT)  # details quote file content and paths: never markup
        box.setText(f"{headline}\n\n{details}" if details else headline)
        box.setAccessibleName(headline)
        box.exec()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._play is not None:
            self._play.release()
        if self._sync is not None:
            self._sync.shutdown()
        super().closeEvent(event)


def _fit_screen(widget: QWidget, width: int, height: int) -> Any:
    """``width`` x ``height``, or less on a smaller screen: a window taller than the screen hides its bottom row."""
    from PySide6.QtCore import QSize

    screen = widget.screen()
    if screen is None:
        return QSize(width, height)
    room = screen.availableGeometry()
    return QSize(min(width, room.width() - 40), min(height, room.height() - 60))  # the title bar and a margin
