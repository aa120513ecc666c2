"""The play view: the customer, the conversation, the replies and the clock.

The screen never decides anything about the scenario: it asks the session what to show, passes
the trainee's number to ``Session.choose`` and redraws when the bridge reports what happened.
A QTimer drives the countdown but reads the engine's clock, so tests move a FakeClock instead of
sleeping, and the engine (not the widget) decides when time has run out. The clock stands still
whenever this screen is not in front of the trainee (``check_front``): a dialog or menu over it,
another window, the window minimised, or the window asked it to ``hold``.
"""

from __future__ import annotations

import itertools
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QResizeEvent
from PySide6.QtWidgets import QApplication, QFrame, QHBoxLayout, QProgressBar, QPushButton, QScrollArea, QVBoxLayout, QWidget

from simulator.engine.events import Decision
from simulator.engine.points import impact, points_said
from simulator.engine.scoring import scenario_scale
from simulator.engine.session import PlayError
from simulator.gui.bridge import SessionBridge
from simulator.gui.channel import IN_PERSON, ChannelBar, call_time, chat_messages, typing_ms
from simulator.gui.choices import ChoiceList
from simulator.gui.face import MOOD_WORDS, FaceView, MoodMeter, resolve_face
from simulator.gui.own_words import TYPING_TIME_FACTOR, OwnWordsBox
from simulator.gui.style import plain_label, repolish, set_role
from simulator.gui.transcript import TranscriptView
from simulator.scenario.model import Ending, Node
from simulator.scenario.rubric import mood_face

TICK_MS = 100
URGENT_SECONDS = 5.0
URGENT_SHARE = 0.4  # amber from 40 % of the time left: 8 s of a 20 s limit, not only the last 5 s
KEEP_EVERY = 5.0  # seconds of reply clock between two saves of the time left (a kill loses at most this)


class PlayScreen(QWidget):
    """One conversation in progress; the window gives it a session already attached to the store."""

    finished = Signal(object)
    """The trainee asked to see the debrief of the ended session (carries the ``Scorecard``)."""

    leave_requested = Signal()
    """The trainee wants the library; an unfinished session stays resumable."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("screen")
        self.session: Any = None
        self.typed = False  # "In your own words": replies are typed, the cards hidden
        self.bridge: SessionBridge | None = None
        self.scorecard: Any = None
        self._folder: Any = None
        self._kept: float | None = None  # the time left when it was last saved
        self._watching_state = False
        self._holds = 0  # how many callers asked the clock to stand still (a menu open, a passphrase asked)
        self._timer = QTimer(self)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self.tick)
        self._call_timer = QTimer(self)  # the call bar's clock, on the phone only
        self._call_timer.setInterval(1000)
        self._call_timer.timeout.connect(self._show_call_time)
        self._call_started = 0.0
        self._typing: list[str] = []  # chat messages still to arrive, one per typing pause
        self._typing_run = 0  # a stepped-back or reloaded conversation drops the pauses still pending
        self._sent = False  # a message of this run has arrived: the next one goes under the same name
        self.channel = IN_PERSON
        app = QApplication.instance()
        if isinstance(app, QApplication):  # another window or app taking focus pauses at once, not at the next tick
            app.focusWindowChanged.connect(self._focus_moved)
            app.applicationStateChanged.connect(self._focus_moved)
        self._build()

    # -- building ------------------------------------------------------------------------
    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(20, 14, 20, 16)
        outer.setSpacing(12)
        outer.addLayout(self._header())
        body = QHBoxLayout()
        body.setSpacing(16)
        body.addWidget(self._customer_panel(), 0)
        body.addLayout(self._conversation(), 1)
        outer.addLayout(body, 1)

    def _header(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.title = plain_label("", "heading", wrap=True)
        self.mode_chip = plain_label("", wrap=False, name="chip")
        self.back_button = QPushButton("Step back")
        self.back_button.setAccessibleName("Step back one reply")
        self.back_button.setToolTip("Undo your last reply and try another (Backspace)")
        self.back_button.clicked.connect(self.step_back)
        self.leave_button = QPushButton("Leave")
        self.leave_button.setAccessibleName("Leave to the library")
        self.leave_button.setToolTip("Back to the library; you can resume this conversation later (Esc)")
        self.leave_button.clicked.connect(self._leave)
        for button in (self.back_button, self.leave_button):
            button.setAutoDefault(True)
        row.addWidget(self.title, 1)
        row.addWidget(self.mode_chip, 0, Qt.AlignmentFlag.AlignVCenter)
        row.addSpacing(12)
        row.addWidget(self.back_button)
        row.addWidget(self.leave_button)
        return row

    def _customer_panel(self) -> QFrame:
        panel = QFrame()
        panel.setObjectName("panel")
        column = QVBoxLayout(panel)
        column.setContentsMargins(14, 14, 14, 14)
        column.setSpacing(8)
        self.face = FaceView()
        self.name_label = plain_label("", "heading")
        self.name_label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.mood_label = plain_label("", "muted")
        self.mood_label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.meter = MoodMeter()
        self.legend = QWidget()
        ends = QHBoxLayout(self.legend)
        ends.setContentsMargins(0, 0, 0, 0)
        self._legend_labels = (plain_label("furious", "small", wrap=False), plain_label("delighted", "small", wrap=False))
        ends.addWidget(self._legend_labels[0])
        ends.addStretch(1)
        ends.addWidget(self._legend_labels[1])
        column.addWidget(self.face, 0, Qt.AlignmentFlag.AlignHCenter)
        column.addWidget(self.name_label)
        column.addWidget(self.mood_label)
        column.addWidget(self.meter)
        column.addWidget(self.legend)
        column.addStretch(1)
        self._panel, self._panel_layout = panel, column
        return panel

    def _conversation(self) -> QVBoxLayout:
        column = QVBoxLayout()
        column.setSpacing(10)
        self.channel_bar = ChannelBar()
        column.addWidget(self.channel_bar)
        box = QFrame()
        box.setObjectName("transcriptBox")
        inner = QVBoxLayout(box)
        inner.setContentsMargins(1, 1, 1, 1)
        self.transcript = TranscriptView()
        inner.addWidget(self.transcript)
        column.addWidget(box, 1)
        self.countdown = QProgressBar()
        self.countdown.setObjectName("countdown")
        self.countdown.setAccessibleName("Time left to reply")
        self.countdown.setTextVisible(True)
        self.countdown.hide()
        column.addWidget(self.countdown)
        self.prompt = plain_label("", "muted")
        column.addWidget(self.prompt)
        self.own_words = OwnWordsBox()  # "In your own words": shown instead of the cards
        self.own_words.confirmed.connect(self.choose)
        self.own_words.cards_wanted.connect(self._cards_wanted)
        self.own_words.hide()
        column.addWidget(self.own_words)
        self.choices = ChoiceList()
        self.choices.chosen.connect(self.choose)
        self.choice_scroll = QScrollArea()
        self.choice_scroll.setWidgetResizable(True)
        self.choice_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.choice_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.choice_scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.choice_scroll.setWidget(self.choices)
        column.addWidget(self.choice_scroll)
        self.end_button = QPushButton("See how you did")
        set_role(self.end_button, "primary")
        self.end_button.setAccessibleName("See your debrief")
        self.end_button.setAutoDefault(True)
        self.end_button.clicked.connect(self._show_debrief)
        self.end_button.hide()
        column.addWidget(self.end_button, 0, Qt.AlignmentFlag.AlignRight)
        return column

    # -- a session -----------------------------------------------------------------------
    def load(self, session: Any, note: str = "", *, typed: bool = False) -> None:
        """Show ``session`` from its current state (new, resumed or stepped back); ``typed``: the
        trainee types replies in their own words (time limits then allow for typing)."""
        self.release()
        self.session = session
        self.typed = typed
        session.time_factor = TYPING_TIME_FACTOR if typed else 1.0
        self.scorecard = None
        self.bridge = SessionBridge(session, self)
        self.bridge.choice_made.connect(self._on_choice)
        self.bridge.choice_undone.connect(lambda _event: self._redraw())
        self.bridge.session_finished.connect(self._on_finished)
        scenario = session.scenario
        self.title.setText(scenario.title)
        practice = session.mode == "practice"
        self.mode_chip.setText("Practice" if practice else "Assessment")
        self.mode_chip.setProperty("mode", session.mode)
        repolish(self.mode_chip)
        self.mode_chip.setToolTip(
            "Coaching after every reply; you may step back" if practice else "Feedback comes at the end; no stepping back"
        )
        self.back_button.setVisible(practice)
        self.name_label.setText(scenario.customer.name)
        self._folder = scenario.folder  # resolved once: faces may be files beside the scenario
        self.channel = scenario.channel
        # Only face to face is there a face to read; elsewhere the mood is in the words alone.
        self._panel.setVisible(self.channel == IN_PERSON)
        self.channel_bar.show_channel(self.channel, scenario.customer.name, scenario.title)
        self._call_started = session.clock.monotonic()
        if self.channel == "phone":
            self._show_call_time()
            self._call_timer.start()
        self._follow_window_state()
        self._redraw(note)

    def release(self) -> None:
        """Stop listening to the current session (leaving the screen or loading another)."""
        self._timer.stop()
        self._call_timer.stop()
        self._stop_typing()
        if self.bridge and self.session is not None:
            self.session.keep_time()  # a resume goes on with what was left
        if self.bridge:
            self.bridge.detach()
            self.bridge.deleteLater()
        self.bridge = None

    def _stop_typing(self) -> None:
        self._typing = []
        self._typing_run += 1
        self.channel_bar.show_status("")
        if self.channel == "phone" and self.session is not None and not self.session.finished:
            self._show_call_time()

    def _redraw(self, note: str = "") -> None:
        self._stop_typing()
        session = self.session
        scenario = session.scenario
        self.transcript.clear()
        persona = scenario.customer.persona.strip()
        self.transcript.add_notice(persona or scenario.summary.strip() or scenario.customer.name, "About the customer")
        place_id = session.start
        for decision in session.decisions:
            self._show_place(scenario.place(place_id))
            self._show_decision(decision)
            place_id = decision.target
        self._show_place(session.place)
        if note:  # under what is being answered now, not above the opening narration
            self.transcript.add_notice(note)
        self._show_state(animate=False)

    def _show_place(self, place: Node | Ending, typed: bool = False) -> None:
        """The narration and the line, under its speaker's name; with ``typed``, a chat arrives message by message."""
        name = self.session.scenario.speaker(place)
        if place.narration.strip():
            self.transcript.add_narration(place.narration)
        if not place.say.strip():
            return
        if self.channel == "chat":
            messages = chat_messages(place.say)
            if typed:
                self._typing = messages
                self._type_next()
                return
            for i, message in enumerate(messages):
                self.transcript.add_customer(name, message, self.channel, first=i == 0)
        else:
            self.transcript.add_customer(name, place.say, self.channel)
        self._announce(place)

    def _announce(self, place: Node | Ending) -> None:
        # A changed description is announced by screen readers: the newest line is heard at once.
        name = self.session.scenario.speaker(place)
        self.transcript.setAccessibleDescription(f"{name} says: {' '.join(place.say.split())}")

    def _type_next(self) -> None:
        """One chat message: "is typing…" for a moment, then the message; the replies after the last."""
        if self.session is None or not self._typing:
            return
        first = self.session.scenario.speaker(self.session.place, first=True)
        self.channel_bar.show_status(f"{first} is typing\u2026")
        run = self._typing_run
        QTimer.singleShot(typing_ms(self._typing[0]), lambda: self._deliver(run))

    def _deliver(self, run: int) -> None:
        if self.session is None or not self._typing or run != self._typing_run:
            return
        message = self._typing.pop(0)
        place = self.session.place
        self.transcript.add_customer(self.session.scenario.speaker(place), message, "chat", first=not self._sent)
        self._sent = True
        if self._typing:
            self._type_next()
            return
        self.channel_bar.show_status("")
        self._announce(place)
        self._show_state()

    @property
    def typing(self) -> bool:
        """A chat message is still on its way: no replies are shown until it arrives."""
        return bool(self._typing)

    def _show_decision(self, decision: Decision) -> None:
        if decision.choice_index < 0:
            self.transcript.add_silence("You didn't reply in time.")
        elif decision.typed:
            self.transcript.add_reply(decision.typed)
            self.transcript.add_narration(f"You meant: “{decision.text.strip()}”")
        else:
            self.transcript.add_reply(decision.text, self.channel)
        if self.session.mode == "practice":
            self._coach(decision)
        if decision.forced:
            self.transcript.add_notice("Their mood took the conversation somewhere else.")

    def _coach(self, decision: Decision) -> None:
        """The scenario's feedback and the reply's points on the debrief's scale (overall points out of 100)."""
        scenario = self.session.scenario
        scale = scenario_scale(scenario)
        labels = {d.id: d.label for d in scenario.rubric.values()}
        gained = impact(decision.points, scale)
        said = points_said(decision.points, scale, labels) if any(decision.points.values()) else ""
        text = "\n".join(part for part in (said, decision.feedback.strip()) if part)  # as the debrief says it
        if text:
            self.transcript.add_feedback(text, "good" if gained > 0 else "bad" if gained < 0 else "mixed")

    def _show_state(self, animate: bool = True) -> None:
        """Face, mood, replies and clock for where the session is now."""
        session = self.session
        scenario = session.scenario
        expression = session.face if session.face in MOOD_WORDS else mood_face(session.mood)
        path = resolve_face(session.face, scenario.customer.look, self._folder)
        first = scenario.customer.name.split()[0] if scenario.customer.name.split() else scenario.customer.name
        self.face.show_face(path, expression, first, resolve_face(expression, scenario.customer.look))
        self.mood_label.setText(f"{first} is {MOOD_WORDS[expression]}")  # what the face shows, even when the file sets it
        self.meter.set_mood(session.mood, animate)
        self._show_replies()

    def _show_replies(self) -> None:
        session = self.session
        finished = session.finished
        shown = session.available_choices()
        texts = [c.text for c in shown]
        self.choices.show_choices(texts)
        typing = self.typed and not finished
        self.own_words.setVisible(typing)
        self.choice_scroll.setVisible(not finished and not typing)
        self.end_button.setVisible(finished)
        count = len(texts)
        keys = "press 1" if count == 1 else f"press 1-{min(count, 9)}"
        practice_step = session.mode == "practice" and bool(session.decisions) and not finished
        hint = " Backspace steps back." if practice_step and not typing else ""
        how = "type what you would say and press Enter." if typing else f"{keys} or click."
        self.prompt.setText("The conversation is over." if finished else f"Reply: {how}{hint}")
        self.back_button.setEnabled(practice_step)
        self._tab_order()
        self._start_clock()
        self._fit_choices()
        # Again once the new buttons are laid out and styled: measured now, the last reply could come out cut.
        QTimer.singleShot(0, self, self._fit_choices)
        self.choice_scroll.verticalScrollBar().setValue(0)
        self.transcript.follow_newest()
        if typing:
            self.own_words.ask(shown)  # focuses the text box
            return
        target = self.end_button if finished else (self.choices.buttons[0] if self.choices.buttons else self)
        target.setFocus(Qt.FocusReason.OtherFocusReason)

    def _tab_order(self) -> None:
        """Replies first (where the focus starts), then the conversation to reread, then the header."""
        first = [self.own_words.entry] if self.typed else []
        chain = [*first, *self.choices.buttons, self.end_button, self.transcript, self.back_button, self.leave_button]
        for before, after in itertools.pairwise(chain):
            QWidget.setTabOrder(before, after)

    # -- the clock -----------------------------------------------------------------------
    def _start_clock(self) -> None:
        left = self.session.time_left() if not self.session.finished else None
        place = self.session.place
        if left is None or not isinstance(place, Node) or not place.time_limit:
            self._timer.stop()
            self.countdown.hide()
            return
        self._kept = left  # a new node's full time needs no saving: the next save is KEEP_EVERY from here
        self.countdown.setRange(0, round((self.session.countdown.limit or place.time_limit) * 10))
        self.countdown.show()
        self._paint_clock(left)
        self._timer.start()

    def tick(self) -> None:
        """Called by the QTimer: redraw the countdown and let the engine take the timeout path."""
        if self.session is None or self.session.finished:
            self._timer.stop()
            return
        self.check_front()
        left = self.session.time_left()
        if left is None:
            self._timer.stop()
            return
        self._paint_clock(left)
        if self._kept is None or self._kept - left >= KEEP_EVERY:
            self._kept = left
            self.session.keep_time()
        if left <= 0 and not self.session.countdown.paused:
            self._timer.stop()
            self.session.expire()

    def hold(self) -> None:
        """Stop the reply clock until ``go_on`` (a menu or a dialog is about to cover the screen)."""
        self._holds += 1
        self.check_front()

    def go_on(self) -> None:
        self._holds = max(0, self._holds - 1)
        self.check_front()
        focus = QApplication.focusWidget()
        if self._holds == 0 and self.isVisible() and (focus is None or not self.isAncestorOf(focus)):
            target: QWidget = self  # a closed menu leaves the keyboard on a reply (or the debrief button)
            if self.session is not None and self.session.finished:
                target = self.end_button
            elif self.choices.buttons:
                target = self.choices.buttons[0]
            target.setFocus(Qt.FocusReason.OtherFocusReason)

    def _focus_moved(self, _what: object) -> None:
        self.check_front()

    def _follow_window_state(self) -> None:
        """Minimised or restored: the clock follows at once. A signal of the window's QWindow, connected
        here on first play, not a changeEvent override: that would make every start-up event cross into
        Python and build QEvent's enums (+120 M instructions measured)."""
        handle = self.window().windowHandle()
        if handle is not None and not self._watching_state:
            handle.windowStateChanged.connect(self._focus_moved)
            self._watching_state = True

    def in_front(self) -> bool:
        """Can the trainee see and answer this screen right now?"""
        window = self.window()
        if self._holds or not self.isVisible() or window.isMinimized():
            return False
        if QApplication.activeModalWidget() is not None or QApplication.activePopupWidget() is not None:
            return False
        if QApplication.applicationState() != Qt.ApplicationState.ApplicationActive:
            return False
        active = QApplication.activeWindow()
        return active is None or active is window  # None: nothing has focus (no window manager), not another window

    def check_front(self) -> None:
        """Pause the session's clock while this screen isn't in front; start it again when it is."""
        session = self.session
        if session is None or session.finished or self.bridge is None:
            return
        front = self.in_front()
        if front == (not session.countdown.paused):
            return
        if front:
            session.resume_clock()
        else:
            session.pause_clock()
            session.keep_time()
        left = session.time_left()
        if left is not None and self.countdown.isVisible():
            self._paint_clock(left)

    def _paint_clock(self, left: float) -> None:
        self.countdown.setValue(round(left * 10))
        paused = self.session is not None and self.session.countdown.paused
        self.countdown.setFormat(f"Paused: {left:.0f} s left to reply" if paused else f"{left:.0f} s to reply")
        limit = self.countdown.maximum() / 10
        urgent = "true" if left <= max(URGENT_SECONDS, limit * URGENT_SHARE) else "false"
        if self.countdown.property("urgent") != urgent:
            self.countdown.setProperty("urgent", urgent)
            repolish(self.countdown)

    # -- actions -------------------------------------------------------------------------
    def choose(self, number: int, typed: str = "") -> None:
        """Answer with reply ``number`` as shown; ignored when there is no such reply now.

        The session refuses a reply its rules hide (say, buttons drawn before a silent replay);
        the trainee then sees why and the replies shown now. In typed play a card picked after
        typing keeps the typed words; before any, the card is taken as a plain click.
        """
        session = self.session
        if session is None or session.finished or not 1 <= number <= len(self.choices.buttons):
            return
        if self.typed and not typed:
            typed = self.own_words.words
        try:
            session.choose(number, typed=typed)
        except PlayError as exc:
            self.transcript.add_notice(f"That reply can't be taken now: {exc}.")
            self._show_state()

    def _cards_wanted(self, show: bool) -> None:
        if self.session is not None and not self.session.finished:
            self.choice_scroll.setVisible(show)
            self._fit_choices()

    def step_back(self) -> None:
        session = self.session
        if session is None or session.mode != "practice" or session.finished or not session.decisions:
            return
        session.undo()

    def _on_choice(self, decision: Decision) -> None:
        self._show_decision(decision)
        if self.channel == "chat" and self.session.place.say.strip():
            self._stop_typing()
            self._sent = False
            self.choices.show_choices([])  # nothing to answer until the customer has finished typing
            self.choice_scroll.setVisible(False)
            self._timer.stop()
            self.countdown.hide()
            self.prompt.setText("Wait for the customer to finish typing.")
            self._show_place(self.session.place, typed=True)
            return
        self._show_place(self.session.place)
        self._show_state()

    def _on_finished(self, event: Any) -> None:
        self.scorecard = event.scorecard
        self._timer.stop()
        self._call_timer.stop()
        self.countdown.hide()
        if self.channel == "phone":
            self.channel_bar.show_status(f"Call ended  {call_time(self.session.clock.monotonic() - self._call_started)}")

    def _show_call_time(self) -> None:
        if self.session is not None:
            self.channel_bar.show_status(f"\u25cf {call_time(self.session.clock.monotonic() - self._call_started)}")

    def _show_debrief(self) -> None:
        if self.scorecard is not None:
            self.finished.emit(self.scorecard)

    def _leave(self) -> None:
        if self.session is not None and self.session.finished:
            self._show_debrief()
            return
        self.release()
        self.leave_requested.emit()

    # -- keys and size -------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if Qt.Key.Key_1 <= key <= Qt.Key.Key_9 and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            if not self.typed or self.choice_scroll.isVisible():  # typed play: numbers pick once the cards show
                self.choose(key - Qt.Key.Key_0)
        elif key == Qt.Key.Key_Backspace or event.matches(QKeySequence.StandardKey.Undo):
            self.step_back()
        elif key == Qt.Key.Key_Escape:
            self._leave()
        else:
            super().keyPressEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_choices()
        # A fifth of the width: at a large font the replies need the room more than the face does.
        width = max(190, min(self.width() // 5, self.fontMetrics().averageCharWidth() * 30))
        self._panel.setFixedWidth(width)
        margins = self._panel_layout.contentsMargins()
        room = width - margins.left() - margins.right()
        # The meter's end words only when both fit; the face and the mood line say it anyway.
        self.legend.setVisible(sum(label.sizeHint().width() for label in self._legend_labels) + 8 <= room)

    def _fit_choices(self) -> None:
        """As tall as the replies need, up to what the rest of the screen leaves (at least 45 %).

        A few pixels of scrolling hide the bottom of the last reply (often the long, good one), so the
        replies get all the room the transcript and header can spare before they scroll; the window
        itself never grows.
        """
        self.choices.ensurePolished()
        width = self.choice_scroll.viewport().width() or self.choice_scroll.width()
        needed = self.choices.heightForWidth(width) if self.choices.buttons else 0
        layout = self.layout()
        others = layout.minimumSize().height() - self.choice_scroll.minimumHeight() if layout is not None else 0
        room = max(int(self.height() * 0.45), self.height() - others)  # what the rest leaves, never less than 45 %
        self.choice_scroll.setFixedHeight(max(0, min(needed, room)))

    def label_texts(self) -> list[str]:
        """Everything the transcript shows, in order (for tests and the self-test)."""
        return self.transcript.texts()
