"""The trainee's possible replies: large buttons with a number badge, answerable with keys 1-9.

A QPushButton cannot wrap its text, and replies run to two or three lines, so each button holds
a layout with a number badge and a word-wrapped plain-text label, and takes its size from it.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from simulator.gui.style import plain_label


class ChoiceButton(QPushButton):
    """One reply: ``[n]  text``; clicking or pressing its number chooses it."""

    def __init__(self, number: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.number = number
        self.reply = ""
        self.setObjectName("choice")
        self.setAutoDefault(True)  # Enter chooses the focused reply, not only Space
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setAccessibleName(f"Reply {number}")
        self.setToolTip(f"Press {number} to choose this reply" if number <= 9 else "")
        self.row = row = QHBoxLayout(self)
        row.setContentsMargins(10, 8, 12, 8)
        row.setSpacing(10)
        badge = plain_label(str(number), wrap=False, name="choiceNumber")
        badge.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label = plain_label("", name="choiceText")
        self.label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        for child in (badge, self.label):
            child.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        row.addWidget(badge, 0, Qt.AlignmentFlag.AlignVCenter)
        row.addWidget(self.label, 1)
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def set_reply(self, text: str) -> None:
        self.reply = text.strip()
        self.label.setText(self.reply)
        self.setAccessibleDescription(self.reply)

    def sizeHint(self) -> QSize:
        return self.row.sizeHint()

    def minimumSizeHint(self) -> QSize:
        return self.row.minimumSize()

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self.row.totalHeightForWidth(width)


class ChoiceList(QWidget):
    """A column of reply buttons, re-filled for every node.

    Buttons are kept and re-labelled rather than rebuilt: creating and styling widgets is the
    dearest part of a click, and a node rarely has more replies than the one before.
    """

    chosen = Signal(int)
    """The trainee picked reply number n (1-based, as shown)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._column = QVBoxLayout(self)
        self._column.setContentsMargins(0, 0, 0, 0)
        self._column.setSpacing(8)
        self._pool: list[ChoiceButton] = []
        self.buttons: list[ChoiceButton] = []
        self.setAccessibleName("Your replies")

    def show_choices(self, texts: list[str]) -> None:
        while len(self._pool) < len(texts):
            button = ChoiceButton(len(self._pool) + 1, self)
            button.clicked.connect(self._clicked)
            if self._pool:
                QWidget.setTabOrder(self._pool[-1], button)
            self._column.addWidget(button)
            self._pool.append(button)
        for button, text in zip(self._pool, texts, strict=False):
            button.set_reply(text)
            button.updateGeometry()  # a reused button's height follows its new text's line count
            button.setEnabled(True)
            button.show()  # now: a child shown by a visible parent's layout appears only after it ran
        for button in self._pool[len(texts):]:
            button.hide()
        self.buttons = self._pool[: len(texts)]

    def _clicked(self) -> None:
        button = self.sender()
        if isinstance(button, ChoiceButton) and button in self.buttons:
            self.chosen.emit(button.number)

    def clear(self) -> None:
        self.show_choices([])

    def set_enabled(self, enabled: bool) -> None:
        for button in self.buttons:
            button.setEnabled(enabled)
