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

    def __init__(self, number: int, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.number = number
        self.reply = text.strip()
        self.setObjectName("choice")
        self.setAutoDefault(True)  # Enter chooses the focused reply, not only Space
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setAccessibleName(f"Reply {number}")
        self.setAccessibleDescription(self.reply)
        self.setToolTip(f"Press {number} to choose this reply" if number <= 9 else "")
        row = QHBoxLayout(self)
        row.setContentsMargins(10, 8, 12, 8)
        row.setSpacing(10)
        badge = plain_label(str(number), wrap=False, name="choiceNumber")
        badge.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label = plain_label(self.reply, name="choiceText")
        self.label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        for child in (badge, self.label):
            child.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        row.addWidget(badge, 0, Qt.AlignmentFlag.AlignVCenter)
        row.addWidget(self.label, 1)
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def sizeHint(self) -> QSize:
        return self.layout().sizeHint()

    def minimumSizeHint(self) -> QSize:
        return self.layout().minimumSize()

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self.layout().totalHeightForWidth(width)


class ChoiceList(QWidget):
    """A column of reply buttons; re-filled for every node."""

    chosen = Signal(int)
    """The trainee picked reply number n (1-based, as shown)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._column = QVBoxLayout(self)
        self._column.setContentsMargins(0, 0, 0, 0)
        self._column.setSpacing(8)
        self.buttons: list[ChoiceButton] = []
        self.setAccessibleName("Your replies")

    def show_choices(self, texts: list[str]) -> None:
        self.clear()
        for number, text in enumerate(texts, 1):
            button = ChoiceButton(number, text, self)
            button.clicked.connect(lambda _checked=False, n=number: self.chosen.emit(n))
            self._column.addWidget(button)
            button.show()  # a child added to a visible parent is otherwise shown only later, after the layout ran
            self.buttons.append(button)
        if len(self.buttons) > 1:
            for before, after in zip(self.buttons, self.buttons[1:], strict=False):
                QWidget.setTabOrder(before, after)

    def clear(self) -> None:
        for button in self.buttons:
            button.hide()
            button.deleteLater()
        self.buttons = []

    def set_enabled(self, enabled: bool) -> None:
        for button in self.buttons:
            button.setEnabled(enabled)
