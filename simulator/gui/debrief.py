"""The debrief: how the conversation ended, the score, the rubric chart, the mood curve and the key moments.

It explains *why*: each key moment quotes what the customer had said, what the trainee answered,
how much it moved the score (on the coach bubbles' scale: overall points out of 100), the scenario's
feedback and, where it cost points, the better reply. "Next scenario" proposes the one that trains
the trainee's weakest recent skill.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from simulator.engine.points import point_scale, points_said
from simulator.engine.scoring import BOUNDS_NOTE
from simulator.gui.chart import MoodCurve, RubricChart
from simulator.gui.scrolling import scroll_body, scroll_page
from simulator.gui.style import plain_label, repolish, set_role, shorten

TIMEOUT_TEXT = "(no reply - time ran out)"  # what the loader names a timeout's move
OUTCOMES = {"loyal": "Won back: a loyal customer", "neutral": "Settled, but not won over", "lost": "Customer lost"}


class DebriefScreen(QWidget):
    """Shown when a conversation ends, in both modes."""

    try_again = Signal()
    """Play the same scenario again, in the same mode."""

    back_to_library = Signal()
    """Return to the scenario library."""

    next_scenario = Signal(object)
    """Start the proposed scenario (its library ``Entry``) in the same mode."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("screen")
        self.card: Any = None
        self.scenario: Any = None
        self.step_backs = 0
        outer = QVBoxLayout(self)
        outer.setContentsMargins(20, 14, 20, 14)
        outer.setSpacing(10)
        self.scroll_area = scroll_page(QScrollArea(), "Debrief")
        body, self.column = scroll_body()
        self.scroll_area.setWidget(body)
        outer.addWidget(self.scroll_area, 1)
        self.next_entry: Any = None
        self.next_panel, self.next_label = self._next_panel()
        outer.addLayout(self._buttons())

    def _buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addStretch(1)
        self.library_button = QPushButton("Back to library")
        self.library_button.setAccessibleName("Back to the scenario library")
        self.library_button.setToolTip("Esc")
        self.library_button.clicked.connect(self.back_to_library)
        self.again_button = QPushButton("Try again")
        set_role(self.again_button, "primary")
        self.again_button.setAccessibleName("Try this scenario again")
        self.again_button.clicked.connect(self.try_again)
        self.next_button = QPushButton("Next scenario")
        self.next_button.clicked.connect(lambda: self.next_scenario.emit(self.next_entry))
        self.next_button.hide()
        for button in (self.library_button, self.again_button, self.next_button):
            button.setAutoDefault(True)
            row.addWidget(button)
        return row

    def _next_panel(self) -> tuple[QFrame, QLabel]:
        """Why "Next scenario" proposes what it does; inside the page (at 200 % the button row has no room for it)."""
        panel = QFrame()
        panel.setObjectName("panel")
        column = QVBoxLayout(panel)
        column.setContentsMargins(20, 14, 20, 14)
        column.addWidget(plain_label("What to practise next", "heading"))
        reason = plain_label(name="nextReason")
        column.addWidget(reason)
        panel.hide()
        return panel, reason

    def offer_next(self, suggestion: Any, entry: Any) -> None:
        """Show "Next scenario" for ``entry`` and why (``engine.recommend.Suggestion``); None hides it."""
        self.next_entry = entry if suggestion is not None else None
        shown = self.next_entry is not None
        self.next_button.setVisible(shown)
        self.next_panel.setVisible(shown)
        passed = self.card is not None and self.card.passed
        if not shown:
            self._primary(self.library_button if passed else self.again_button)
            return
        latest = "your latest assessment" if suggestion.sessions == 1 else f"your last {suggestion.sessions} assessments"
        self.next_label.setText(
            f"“{suggestion.title}” trains {suggestion.label}, your weakest skill in {latest} "
            f"({suggestion.recent:.0f} out of 100). Press Next scenario to play it."
        )
        self.next_button.setAccessibleName(f"Next scenario: {suggestion.title}")
        self._primary(self.next_button if passed else self.again_button)

    def _primary(self, button: QPushButton) -> None:
        """Passed: moving on is the main action; not yet: trying again is."""
        for each in (self.library_button, self.again_button, self.next_button):
            set_role(each, "primary" if each is button else "")

    def show_card(self, card: Any, scenario: Any = None, step_backs: int = 0) -> None:
        """Fill the screen from a ``Scorecard`` (the scenario, when known, gives the face, the pass mark and
        the better replies); ``step_backs`` taken in practice are said next to the mode."""
        self.card = card
        self.step_backs = step_backs
        self.scenario = scenario
        self.offer_next(None, None)  # until the window has found one for this trainee
        pass_mark = scenario.pass_mark if scenario is not None else None
        while self.column.count():
            item = self.column.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None and widget is not self.next_panel:  # that one is kept and filled again
                widget.deleteLater()
        self.column.addWidget(self._summary(card, pass_mark))
        self.column.addWidget(self._chart(card))
        if len(card.mood_trail) > 1:
            self.column.addWidget(self._mood(card))
        gains, losses = card.key_moments(3)
        losses += card.missed(3 - len(losses))
        self.column.addWidget(self._moments("What worked", gains, "good"))
        self.column.addWidget(self._moments("What cost you", losses, "bad"))
        self.column.addWidget(self.next_panel)
        self.column.addStretch(1)
        self.scroll_area.verticalScrollBar().setValue(0)
        self.again_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _summary(self, card: Any, pass_mark: float | None) -> QFrame:
        panel = QFrame()
        panel.setObjectName("panel")
        row = QHBoxLayout(panel)
        row.setContentsMargins(20, 16, 20, 16)
        row.setSpacing(24)
        face = self._face(card)
        if face is not None:
            row.addWidget(face, 0, Qt.AlignmentFlag.AlignTop)
        text = QVBoxLayout()
        text.setSpacing(8)
        mode = "Assessment" if card.mode == "assessment" else "Practice"
        backs = self.step_backs
        if card.mode == "practice" and backs:  # a 100 after two step-backs is not a clean 100
            mode += f", {backs} step-back{'s' if backs != 1 else ''}"
        text.addWidget(plain_label(f"{card.scenario_title}  ·  {mode}", "small"))
        text.addWidget(plain_label(card.ending_title or "Unfinished", "title"))
        outcome = plain_label(OUTCOMES.get(card.outcome, card.outcome.capitalize()), wrap=False, name="outcome")
        outcome.setProperty("outcome", card.outcome)
        repolish(outcome)
        text.addWidget(outcome, 0, Qt.AlignmentFlag.AlignLeft)
        text.addWidget(plain_label(card.debrief))
        row.addLayout(text, 1)
        score = QVBoxLayout()
        score.setSpacing(2)
        overall = "–" if card.overall is None else f"{card.overall:.0f}"
        number = plain_label(overall, "score", wrap=False)
        number.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        number.setAccessibleName(f"Overall score {overall} out of 100")
        score.addWidget(number)
        score.addWidget(self._centred("out of 100", "small"))
        verdict = self._centred("Passed" if card.passed else "Not passed yet", "heading")
        verdict.setObjectName("verdict")
        verdict.setProperty("passed", "true" if card.passed else "false")
        repolish(verdict)
        score.addWidget(verdict)
        if pass_mark is not None:
            score.addWidget(self._centred(f"pass mark {pass_mark:g}", "small"))
        score.addStretch(1)
        row.addLayout(score, 0)
        return panel

    def _face(self, card: Any) -> QWidget | None:
        """The customer as they left: the ending's own face, or the one their final mood shows."""
        scenario = self.scenario
        if scenario is None:
            return None
        from simulator.gui.face import FaceView, resolve_face
        from simulator.scenario.rubric import mood_face

        ending = scenario.endings.get(card.ending_id)
        expression = (ending.face if ending is not None and ending.face else "") or mood_face(card.mood)
        view = FaceView()
        side = self.fontMetrics().height() * 6
        view.setFixedSize(side, side)
        first = scenario.customer.name.split()[0] if scenario.customer.name.split() else "The customer"
        plain = resolve_face(mood_face(card.mood), scenario.customer.look)
        view.show_face(resolve_face(expression, scenario.customer.look, scenario.folder), expression, first, plain)
        return view

    @staticmethod
    def _centred(text: str, role: str) -> QWidget:
        label = plain_label(text, role)
        label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        return label

    def _chart(self, card: Any) -> QFrame:
        panel = QFrame()
        panel.setObjectName("panel")
        column = QVBoxLayout(panel)
        column.setContentsMargins(20, 14, 20, 14)
        column.addWidget(plain_label("Your service recovery skills", "heading"))
        if card.exact:
            column.addWidget(plain_label("Each skill is scored against the best this scenario allows.", "small"))
        else:
            column.addWidget(plain_label(BOUNDS_NOTE, "small", name="bounds-note"))
        self.chart = RubricChart()
        self.chart.set_scores(card.dimensions)
        column.addWidget(self.chart)
        return panel

    def _mood(self, card: Any) -> QFrame:
        panel = QFrame()
        panel.setObjectName("panel")
        column = QVBoxLayout(panel)
        column.setContentsMargins(20, 14, 20, 14)
        first = self.scenario.customer.name.split()[0] if self.scenario is not None and self.scenario.customer.name else ""
        column.addWidget(plain_label(f"How {first or 'the customer'} felt, reply by reply", "heading"))
        self.mood_curve = MoodCurve()
        self.mood_curve.set_trail(card.mood_trail)
        column.addWidget(self.mood_curve)
        return panel

    def _moments(self, heading: str, moments: list[Any], tone: str) -> QFrame:
        panel = QFrame()
        panel.setObjectName("panel")
        column = QVBoxLayout(panel)
        column.setContentsMargins(20, 14, 20, 14)
        column.setSpacing(8)
        column.addWidget(plain_label(heading, "heading"))
        scale = point_scale(self.card.dimensions)
        labels = {d.id: d.label for d in self.card.dimensions}
        if not moments:
            empty = "No reply earned points this time." if tone == "good" else "Nothing cost you points. Well done."
            column.addWidget(plain_label(empty, "muted"))
        for number, moment in enumerate(moments):
            if number:
                column.addSpacing(self.fontMetrics().height() // 2)
            column.addWidget(plain_label(f"{moment.speaker or 'They'} said: “{shorten(moment.said, 160)}”", "small"))
            silent = moment.text.strip() in ("", TIMEOUT_TEXT)
            if moment.typed:
                column.addWidget(plain_label(f"You wrote: “{shorten(' '.join(moment.typed.split()), 300)}”"))
                column.addWidget(plain_label(f"You meant: “{moment.text.strip()}”", "small"))
            else:
                column.addWidget(plain_label("You didn't reply in time." if silent else f"You said: “{moment.text.strip()}”"))
            said = points_said(moment.points, scale, labels)  # the coach bubble's words and numbers
            note = plain_label("\n".join(part for part in (said, moment.feedback.strip()) if part), name="feedbackLine")
            note.setProperty("tone", tone)  # set before the first polish: no repolish needed
            column.addWidget(note)
            if tone == "bad" and moment.better:
                self._better(column, moment)
        return panel

    @staticmethod
    def _better(column: QVBoxLayout, moment: Any) -> None:
        """At a costly moment, the better reply that was on offer and why: the lesson, not just the loss."""
        column.addWidget(plain_label(f"A better reply here: “{moment.better.strip()}”", name="betterReply"))
        if moment.better_feedback:
            why = plain_label(moment.better_feedback, name="feedbackLine")
            why.setProperty("tone", "good")
            column.addWidget(why)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.back_to_library.emit()
        else:
            super().keyPressEvent(event)
