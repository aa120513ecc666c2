""" "In your own words": the reply cards hidden behind a text box.

The trainee types what they would say and presses Enter; the box asks the matcher (on a worker
thread, see ``typed_match``) which reply that means. One clearly ahead: "Closest to: ...", Enter
accepts, 1-9 picks another reply by its number. Two or three close: they are offered and the
trainee picks. Not understood (another language, gibberish) or no model: the cards are shown.
The confirmed reply goes to ``Session.choose`` exactly as a click would, with the words attached.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from simulator.engine.matching import MAX_CHARS, Match, prepare
from simulator.gui.choices import ChoiceButton
from simulator.gui.style import plain_label
from simulator.gui.typed_match import MatchRunner
from simulator.scenario.model import Choice

TYPING_TIME_FACTOR = 2.0  # time limits double when replies are typed (docs/scenario-format.md)


class OwnWordsBox(QFrame):
    """The text box, the "Closest to" question and the two or three replies to pick from."""

    confirmed = Signal(int, str)
    """The trainee confirmed reply ``number`` (as numbered on the cards) for these typed words."""
    cards_wanted = Signal(bool)
    """Show (True) or hide the reply cards: the matcher could not tell, or the trainee asked."""

    def __init__(self, parent: QWidget | None = None, runner: MatchRunner | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ownWords")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # holds the keys while a suggestion waits
        self.runner = runner or MatchRunner(self)
        self.runner.matched.connect(self.show_match)
        self.runner.failed.connect(self._unavailable)
        self.choices: list[Choice] = []
        self.words = ""  # the words the pending question is about
        self.match: Match | None = None
        self._build()

    def _build(self) -> None:
        column = QVBoxLayout(self)
        column.setContentsMargins(14, 10, 14, 10)
        column.setSpacing(6)
        self.entry = QLineEdit()
        self.entry.setMaxLength(MAX_CHARS)
        self.entry.setPlaceholderText("Type what you would say, then press Enter")
        self.entry.setAccessibleName("Your reply, in your own words")
        self.entry.returnPressed.connect(self.submit)
        self.entry.textEdited.connect(lambda _text: self._editing())
        self.question = plain_label("", name="question")
        self.options = QVBoxLayout()
        self.options.setSpacing(4)
        self.hint = plain_label("", "small")
        row = QHBoxLayout()
        self.cards_button = QPushButton("Show the replies")
        self.cards_button.setAccessibleName("Show the scripted replies to pick from")
        self.cards_button.setCheckable(True)
        self.cards_button.toggled.connect(self.cards_wanted)
        row.addWidget(self.hint, 1)
        row.addWidget(self.cards_button)
        for part in (self.entry, self.question):
            column.addWidget(part)
        column.addLayout(self.options)
        column.addLayout(row)

    # -- a node --------------------------------------------------------------------------
    def ask(self, choices: Sequence[Choice]) -> None:
        """A new node: an empty box for these replies (numbered 1.. in this order)."""
        self.choices = list(choices)
        self.words, self.match = "", None
        self.entry.clear()
        self.entry.setReadOnly(False)
        self._offer([])
        self.question.setText("")
        self.hint.setText("Enter: find the closest reply.")
        self.cards_button.setChecked(False)
        self.runner.preload()
        self.entry.setFocus(Qt.FocusReason.OtherFocusReason)

    def submit(self) -> None:
        """Enter in the text box: match the words (an empty box does nothing)."""
        words, cut = prepare(self.entry.text())
        if not words or not self.choices or self.entry.isReadOnly():
            return
        self.words, self.match = words, None
        self.entry.setReadOnly(True)
        loading = "" if self.runner.loaded else " (the first time takes a moment)"
        self.question.setText(f"Finding the closest reply…{loading}")
        if cut:
            self.hint.setText(f"Only the first {MAX_CHARS:,} characters are kept.")
        self.runner.rank(words, self.choices)

    # -- the answer ----------------------------------------------------------------------
    def show_match(self, found: Match) -> None:
        if not self.entry.isReadOnly() or found.text != self.words:
            return  # the trainee went back to editing: this answer is stale
        self.match = found
        picks = [r.choice for r in found.shortlist]
        if found.verdict == "clear":
            self.question.setText("Closest to this reply. Is that what you meant?")
            self.hint.setText("Enter: yes, that's it · 1-9: another reply · Esc: change your words")
            self._offer(picks)
        elif found.verdict == "close":
            self.question.setText("Which of these did you mean?")
            self.hint.setText("1-9: pick by number · Esc: change your words")
            self._offer(picks)
        else:
            self.question.setText("Not sure what you meant. Pick the reply closest to what you'd say.")
            self.hint.setText("1-9 or click: pick a reply · Esc: change your words")
            self._offer([])
            self.cards_button.setChecked(True)
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    def _unavailable(self, message: str) -> None:
        self.question.setText(f"Typed replies can't be matched on this PC ({message}). Pick a reply.")
        self._offer([])
        self.cards_button.setChecked(True)

    def _offer(self, picks: list[Choice]) -> None:
        while self.options.count():
            item = self.options.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        for choice in picks:
            number = self.number_of(choice)
            button = ChoiceButton(number, self)
            button.set_reply(choice.text)
            button.setAccessibleName(f"I meant reply {number}")
            button.clicked.connect(lambda _checked=False, n=number: self.pick(n))
            self.options.addWidget(button)
            button.show()

    def number_of(self, choice: Choice) -> int:
        return next(i for i, c in enumerate(self.choices, 1) if c.index == choice.index)

    # -- confirming ----------------------------------------------------------------------
    def pick(self, number: int) -> None:
        """Reply ``number`` is the one meant (needs words typed first; a card click uses ``words`` too)."""
        if self.words and 1 <= number <= len(self.choices):
            self.confirmed.emit(number, self.words)

    def accept(self) -> None:
        if self.match is not None and self.match.verdict == "clear" and self.match.best is not None:
            self.pick(self.number_of(self.match.best))

    def _editing(self) -> None:
        self.words, self.match = "", None
        self._offer([])
        self.question.setText("")
        self.hint.setText("Enter: find the closest reply.")

    def edit_again(self) -> None:
        self.entry.setReadOnly(False)
        self._editing()
        self.entry.setFocus(Qt.FocusReason.OtherFocusReason)
        self.entry.selectAll()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if not self.entry.isReadOnly():
            super().keyPressEvent(event)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.accept()
        elif Qt.Key.Key_1 <= key <= Qt.Key.Key_9 and self.match is not None:
            self.pick(key - Qt.Key.Key_0)
        elif key == Qt.Key.Key_Escape:
            self.edit_again()
        elif event.text().isprintable() and event.text().strip():  # typing again: change the words
            self.edit_again()
            self.entry.deselect()
            self.entry.end(False)
            self.entry.insert(event.text())
        else:
            super().keyPressEvent(event)
