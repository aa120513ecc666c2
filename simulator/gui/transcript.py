"""The conversation so far: customer lines, narration, the trainee's replies and coaching notes.

Every entry is a plain-text label (scenario files are data, never markup). The view keeps itself
scrolled to the newest line unless the trainee has scrolled up to reread something.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from simulator.gui.style import plain_label, repolish


class TranscriptView(QScrollArea):
    """A scrolling column of conversation entries."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # so PageUp/PageDown reach it from the keyboard
        self.setAccessibleName("Conversation")
        body = QWidget()
        body.setObjectName("scrollBody")
        self._column = QVBoxLayout(body)
        self._column.setContentsMargins(12, 12, 12, 12)
        self._column.setSpacing(8)
        self._column.addStretch(1)
        self.setWidget(body)
        self._follow = True
        bar = self.verticalScrollBar()
        bar.rangeChanged.connect(self._keep_at_bottom)
        bar.valueChanged.connect(self._note_position)

    # -- entries -------------------------------------------------------------------------
    def add_customer(self, name: str, text: str) -> QLabel:
        return self._bubble(name, text, "customerLine", indent_left=False)

    def add_reply(self, text: str) -> QLabel:
        return self._bubble("You", text, "replyLine", indent_left=True)

    def add_narration(self, text: str) -> QLabel:
        return self._add(plain_label(text.strip(), name="narrationLine"))

    def add_notice(self, text: str) -> QLabel:
        return self._add(plain_label(text.strip(), name="noticeLine"))

    def add_feedback(self, text: str, tone: str) -> QLabel:
        """A coaching note under the reply (practice mode); ``tone`` is good, bad or mixed."""
        label = self._bubble("Coach", text, "feedbackLine", indent_left=True)
        label.setProperty("tone", tone)
        repolish(label)
        return label

    def clear(self) -> None:
        while self._column.count() > 1:
            widget = self._column.takeAt(0).widget()
            if widget is not None:
                widget.hide()  # at once: deletion waits for the event loop, and the old line must not linger
                widget.deleteLater()
        self._follow = True

    def entries(self) -> list[QLabel]:
        """The text labels in order (tests and the self-test read them)."""
        body = self.widget()
        return [w for w in body.findChildren(QLabel) if w.objectName() != "speaker" and w.isVisibleTo(body)]

    # -- layout --------------------------------------------------------------------------
    def _bubble(self, speaker: str, text: str, name: str, indent_left: bool) -> QLabel:
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(56 if indent_left else 0, 0, 0 if indent_left else 56, 0)
        column = QVBoxLayout()
        column.setSpacing(2)
        who = plain_label(speaker, wrap=False, name="speaker")
        bubble = plain_label(text.strip(), name=name)
        bubble.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        bubble.setAccessibleDescription(f"{speaker} said")
        if indent_left:
            who.setAlignment(Qt.AlignmentFlag.AlignRight)
        column.addWidget(who)
        column.addWidget(bubble)
        line.addLayout(column)
        self._insert(row)
        return bubble

    def _add(self, label: QLabel, indent: int = 0) -> QLabel:
        if indent:
            row = QWidget()
            line = QHBoxLayout(row)
            line.setContentsMargins(indent, 0, 0, 0)
            line.addWidget(label)
            self._insert(row)
        else:
            self._insert(label)
        return label

    def _insert(self, widget: QWidget) -> None:
        """One widget per entry, above the closing stretch, shown now rather than after the next layout pass."""
        self._column.insertWidget(self._column.count() - 1, widget)
        widget.show()

    def _note_position(self, value: int) -> None:
        bar = self.verticalScrollBar()
        self._follow = value >= bar.maximum() - 4

    def _keep_at_bottom(self, _low: int, high: int) -> None:
        if self._follow:
            self.verticalScrollBar().setValue(high)

    def scroll_to_end(self) -> None:
        """Follow the conversation again (after the trainee answers, the newest line matters)."""
        self._follow = True
        self.verticalScrollBar().setValue(self.verticalScrollBar().maximum())
