"""Who is practising: pick a profile from the list or create one (a name, no password).

Training rooms share computers, so the app never signs anyone in silently: the last profile used
is preselected and one Enter continues with it.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from simulator.gui.style import (
    ACCESSIBLE_TEXT_ROLE,
    NO_FOCUS,
    PLAIN_TEXT,
    literal,
    pinned,
    plain_label,
    set_enum_property,
    shorten,
    with_role,
)

MAX_NAME = 80
INTRO_PICK = "Pick your name to keep your scores and pick up where you left off. No password needed."
INTRO_FIRST = "Create your profile to keep your scores and pick up where you left off. No password needed."


class ProfileScreen(QWidget):
    """The first screen: a list of trainees and a short form for a new one."""

    trainee_chosen = Signal(object)
    """An existing trainee was picked (carries the store's ``Trainee``)."""

    trainee_created = Signal(str, str)
    """A new name (and optional employee id) was entered; the window asks the store for it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("screen")
        self._trainees: list[Any] = []
        self.scroll_area = scroll = QScrollArea(self)  # at a 200 % font the form is taller than a small screen
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        set_enum_property(scroll, "focusPolicy", NO_FOCUS)
        body = QWidget()
        body.setObjectName("scrollBody")
        scroll.setWidget(body)  # before it is filled: moving a filled tree re-applies the style sheet to all of it
        outer = QVBoxLayout(body)
        outer.setContentsMargins(24, 24, 24, 24)
        outer.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self._panel(body), 12)  # as wide as it may be (capped in _panel), centred
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)
        page = QVBoxLayout(self)
        page.setContentsMargins(0, 0, 0, 0)
        page.addWidget(scroll)

    def _panel(self, body: QWidget) -> QFrame:
        panel = QFrame(body)
        panel.setObjectName("panel")
        panel.setMaximumWidth(self.fontMetrics().averageCharWidth() * 90)
        column = QVBoxLayout(panel)
        column.setContentsMargins(28, 24, 28, 24)
        column.setSpacing(10)
        column.addWidget(plain_label("Who's practising today?", "title"))
        self.intro = plain_label(INTRO_PICK, "muted")
        column.addWidget(self.intro)
        self.list_caption = self._caption("&Your profile", column)
        self.people = QListWidget()
        self.people.setAccessibleName("Trainee profiles")
        self.people.itemActivated.connect(lambda _item: self._continue())
        self.people.currentRowChanged.connect(self._name_button)
        self.people.setMinimumHeight(self.fontMetrics().height() * 5)
        self.list_caption.setBuddy(self.people)
        column.addWidget(self.people, 1)
        self.continue_button = QPushButton("Continue")
        with_role(self.continue_button, "primary")
        self.continue_button.setAutoDefault(True)
        self.continue_button.setAccessibleName("Continue with the selected profile")
        self.continue_button.clicked.connect(self._continue)
        column.addLayout(pinned(self.continue_button, "right"))
        column.addSpacing(8)
        column.addWidget(plain_label("New here?", "heading"))
        self.name_edit = self._field("&Name", "Your name as colleagues know it", column)
        self.problem = plain_label("", "problem", name="profileProblem")  # right under the name it is about
        self.problem.hide()
        column.addWidget(self.problem)
        self.id_edit = self._field("&Employee ID (optional)", "For your trainer's reports", column)
        self.create_button = QPushButton("Create profile and start")
        self.create_button.setAutoDefault(True)
        self.create_button.setAccessibleName("Create a profile with this name and start")
        self.create_button.clicked.connect(self._create)
        self.name_edit.returnPressed.connect(self._create)
        self.id_edit.returnPressed.connect(self._create)
        self.name_edit.textChanged.connect(lambda text: self.create_button.setEnabled(bool(text.strip())))
        self.create_button.setEnabled(False)
        column.addLayout(pinned(self.create_button, "right"))
        self.name_edit.textEdited.connect(self.problem.hide)
        self.id_edit.textEdited.connect(self.problem.hide)
        return panel

    def _caption(self, text: str, column: QVBoxLayout) -> QLabel:
        caption = QLabel(text)  # our own fixed text, with an & mnemonic (Alt+letter moves focus)
        set_enum_property(caption, "textFormat", PLAIN_TEXT)
        column.addWidget(caption)
        return caption

    def _field(self, caption: str, hint: str, column: QVBoxLayout) -> QLineEdit:
        label = self._caption(caption, column)
        edit = QLineEdit()
        edit.setMaxLength(MAX_NAME)
        edit.setPlaceholderText(hint)
        edit.setAccessibleName(caption.replace("&", ""))
        label.setBuddy(edit)
        column.addWidget(edit)
        return edit

    def show_trainees(self, trainees: list[Any], last_id: Any = None) -> None:
        """Fill the list (names are plain text in list items) and preselect the last one used."""
        self._trainees = list(trainees)
        self.people.clear()
        selected = 0
        for row, trainee in enumerate(self._trainees):
            text = trainee.name if not trainee.employee_id else f"{trainee.name}  ({trainee.employee_id})"
            item = QListWidgetItem(text)
            item.setData(ACCESSIBLE_TEXT_ROLE, trainee.name)
            self.people.addItem(item)
            if trainee.id == last_id:
                selected = row
        has_people = bool(self._trainees)
        for widget in (self.list_caption, self.people, self.continue_button):
            widget.setVisible(has_people)
        self.intro.setText(INTRO_PICK if has_people else INTRO_FIRST)
        self.problem.hide()
        if has_people:
            self.people.setCurrentRow(selected)
            self._name_button(selected)
        self.name_edit.clear()
        self.id_edit.clear()

    def show_problem(self, text: str) -> None:
        """Why the new profile wasn't created; the name stays in its field to be changed."""
        self.problem.setText(text)
        self.problem.show()
        self.name_edit.setFocus()
        self.name_edit.selectAll()
        self.scroll_area.ensureWidgetVisible(self.problem)

    def focus_first(self) -> None:
        (self.people if self._trainees else self.name_edit).setFocus()

    def _name_button(self, row: int) -> None:
        if 0 <= row < len(self._trainees):
            self.continue_button.setText(literal(f"Continue as {shorten(self._trainees[row].name, 40)}"))

    def _continue(self) -> None:
        row = self.people.currentRow()
        if 0 <= row < len(self._trainees):
            self.trainee_chosen.emit(self._trainees[row])

    def _create(self) -> None:
        name = " ".join(self.name_edit.text().split())
        if name:
            self.trainee_created.emit(name, self.id_edit.text().strip())
