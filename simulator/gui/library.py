"""The scenario library: one card per scenario, the practice/assessment choice and resume offers.

Cards flow into as many columns as fit, so the same screen works at 1024 px and at a 200 % font.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSize, QTimer, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from simulator.gui.catalog import Entry
from simulator.gui.channel import channel_word
from simulator.gui.style import (
    ALIGN_TOP_LEFT,
    NO_FOCUS,
    SCROLL_BAR_ALWAYS_OFF,
    SCROLL_BAR_ALWAYS_ON,
    literal,
    pinned,
    plain_label,
    set_enum_property,
    shorten,
    with_role,
)
from simulator.gui.tooltips import plain_tip

if TYPE_CHECKING:
    from PySide6.QtCore import QRect
    from PySide6.QtGui import QPaintEvent

CardFacts = tuple[Entry, "float | None", Any]  # what one card shows: scenario, best score, unfinished session
UNCAPPED = 16777215  # QWIDGETSIZE_MAX: a widget's maximum width when none was set

MODES = {
    "practice": ("&Practice", "Coaching after every reply, and you can step back."),
    "assessment": ("&Assessment", "Feedback only at the end, no stepping back. Scores count for your record."),
}
TYPED_EXPLANATION = (
    "Type what you would say; the app finds the closest reply and asks you to confirm it. Timers allow for typing."
)


def when(started: Any) -> str:
    """'today 14:05' or '3 Mar 14:05' from a datetime or an ISO string; '' when unknown."""
    try:
        moment = started if isinstance(started, datetime) else datetime.fromisoformat(str(started))
    except ValueError:
        return ""
    if moment.tzinfo is not None:
        moment = moment.astimezone()
    day = "today" if moment.date() == datetime.now().date() else f"{moment.day} {moment:%b}"
    return f"{day} {moment:%H:%M}"


def replies(count: int) -> str:
    return "no replies yet" if not count else "1 reply" if count == 1 else f"{count} replies"


class ScenarioCard(QFrame):
    """Title, summary, difficulty, minutes, best score and, when interrupted, a resume badge."""

    start_requested = Signal(object)
    """Start this scenario afresh (carries the catalog ``Entry``)."""

    resume_requested = Signal(object)
    """Resume the interrupted session (carries the store's ``SessionInfo``)."""

    def __init__(self, entry: Entry, best: float | None, unfinished: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.entry = entry
        self.setObjectName("card")
        self.setAccessibleName(f"Scenario: {entry.title}")
        column = QVBoxLayout(self)
        column.setContentsMargins(18, 16, 18, 16)
        column.setSpacing(8)
        column.addWidget(plain_label(entry.title, "heading"))
        column.addWidget(plain_label(self._facts(entry), "small"))
        summary = plain_label(entry.problem or entry.summary, "muted")
        set_enum_property(summary, "alignment", ALIGN_TOP_LEFT)  # it takes the spare height; its text stays at the top
        column.addWidget(summary, 1)
        # "Not tried yet" beside "Unfinished" contradicted itself: a started card says only the latter.
        untried = "" if unfinished is not None else "Not tried yet"
        self.best_label = plain_label(f"Your best: {best:.0f} / 100" if best is not None else untried, "small")
        if not self.best_label.text():
            self.best_label.hide()  # never setVisible(True) here: a label without a parent yet would open as a window
        column.addWidget(self.best_label)
        self.badge = None
        if unfinished is not None:
            self.badge = plain_label(f"Unfinished · {replies(unfinished.decisions)}", wrap=False, name="badge")
            self.badge.setToolTip(plain_tip(f"Started {when(unfinished.started)}"))
            column.addLayout(pinned(self.badge, "left"))
        column.addLayout(self._buttons(entry, unfinished))

    def sizeHint(self) -> QSize:
        """As wide as the column ``CardGrid`` caps it at, as tall as its text needs there.

        Qt's own answer asks the layout, which first wraps every label at an ~80-character trial width.
        """
        width = self.maximumWidth()
        if width >= UNCAPPED:
            return super().sizeHint()
        return QSize(width, self.heightForWidth(width))

    @staticmethod
    def _facts(entry: Entry) -> str:
        facts = [entry.difficulty.capitalize() if entry.difficulty else ""]
        if entry.minutes:
            facts.append(f"about {entry.minutes:g} min")
        facts.append(channel_word(entry.channel))
        if entry.customer:
            facts.append(f"customer: {entry.customer}")
        return "  ·  ".join(f for f in facts if f)

    def _buttons(self, entry: Entry, unfinished: Any) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addStretch(1)
        self.resume_button = None
        if unfinished is not None:
            self.resume_button = QPushButton("Resume")
            self.resume_button.setAutoDefault(True)
            self.resume_button.setAccessibleName(f"Resume {entry.title}")
            self.resume_button.clicked.connect(lambda: self.resume_requested.emit(unfinished))
            row.addWidget(self.resume_button)
        self.start_button = QPushButton("Start again" if unfinished is not None else "Start")
        # One main action per card, the banner's: Resume when a session waits, else Start.
        with_role(self.resume_button if self.resume_button is not None else self.start_button, "primary")
        self.start_button.setAutoDefault(True)
        self.start_button.setAccessibleName(f"Start {entry.title}")
        self.start_button.setEnabled(not entry.problem)
        self.start_button.clicked.connect(lambda: self.start_requested.emit(entry))
        row.addWidget(self.start_button)
        return row


class CardGrid(QGridLayout):
    """Cards in as many columns (one to three) as the width it is given holds, each card one column wide.

    The layout decides in ``setGeometry`` rather than the screen in a resize event: start-up then
    hands Python no event object (creating ``QEvent``'s enum costs ~1.5 ms). Cards are capped at
    the column width (a cap, not a fixed width, so the window can still shrink), which makes Qt wrap
    their labels at that width instead of at several trial widths first.
    """

    MAX_COLUMNS = 3

    def __init__(self) -> None:
        super().__init__()
        self.setSpacing(14)
        self.cards: list[QWidget] = []
        self.card_min = 1  # set by the screen from its font: a card holds about 44 average characters
        self._shape = (0, 0)  # (columns, card width) the cards are placed for

    def set_cards(self, cards: Sequence[QWidget], width: int) -> None:
        """Replace the cards and place them for ``width`` (the best guess before the first layout pass)."""
        for card in self.cards:
            self.removeWidget(card)
        self.cards = list(cards)
        self._shape = (0, 0)
        self.arrange(width)

    def add_cards(self, cards: Sequence[QWidget]) -> None:
        """More cards after those placed, in the same columns."""
        columns, card_width = self._shape
        start = len(self.cards)
        self.cards += cards
        for index, card in enumerate(cards, start):
            self.addWidget(card, index // columns, index % columns)
            card.setMaximumWidth(card_width)

    def shape_for(self, width: int) -> tuple[int, int]:
        """(columns, card width) for a grid ``width`` pixels wide."""
        columns = max(1, min(self.MAX_COLUMNS, width // self.card_min))
        room = width - self.horizontalSpacing() * (columns - 1)
        return columns, max(1, -(-room // columns))  # rounded up, so a row fills the width to the pixel

    def arrange(self, width: int) -> None:
        """Columns and card width for ``width`` pixels; re-places cards only when the columns change."""
        columns, card_width = self.shape_for(width)
        if (columns, card_width) == self._shape:
            return
        if columns != self._shape[0]:
            for card in self.cards:
                self.removeWidget(card)
            for index, card in enumerate(self.cards):
                self.addWidget(card, index // columns, index % columns)
        self._shape = (columns, card_width)
        for card in self.cards:
            card.setMaximumWidth(card_width)

    def setGeometry(self, rect: QRect) -> None:
        self.arrange(rect.width())
        super().setGeometry(rect)


class LibraryScreen(QWidget):
    """Every scenario as a card, the mode to play in, and the most recent interrupted session."""

    start_requested = Signal(object, str)
    """Play a scenario afresh: (``Entry``, mode)."""

    resume_requested = Signal(object)
    """Resume an interrupted session (``SessionInfo``)."""

    switch_profile = Signal()
    """The trainee wants the profile screen (someone else is at the keyboard)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("screen")
        self._cards: list[ScenarioCard] = []
        self._waiting: list[CardFacts] = []  # cards below the first screenful, built next
        self.scroll_area = QScrollArea(self)  # the whole page scrolls, so a 200 % font never pushes cards off screen
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        set_enum_property(self.scroll_area, "horizontalScrollBarPolicy", SCROLL_BAR_ALWAYS_OFF)
        # Always on: the cards' width never depends on whether the bar is needed, so Qt needn't try both.
        # With nothing to scroll it is disabled, which the style sheet draws as an empty track.
        set_enum_property(self.scroll_area, "verticalScrollBarPolicy", SCROLL_BAR_ALWAYS_ON)
        bar = self.scroll_area.verticalScrollBar()
        bar.setEnabled(False)  # its range is 0 until the cards are laid out
        bar.rangeChanged.connect(lambda _low, high: bar.setEnabled(high > 0))
        set_enum_property(self.scroll_area, "focusPolicy", NO_FOCUS)
        body = QWidget()
        body.setObjectName("scrollBody")
        self.scroll_area.setWidget(body)  # before it is filled: moving a filled tree re-applies the style sheet to all of it
        self._outer = outer = QVBoxLayout(body)
        outer.setContentsMargins(24, 18, 20, 16)
        outer.setSpacing(12)
        self._header_row = self._header()
        outer.addLayout(self._header_row)
        self._mode_box = self._mode_picker(body)
        outer.addWidget(self._mode_box)
        self.banner = QFrame(body)
        self.banner.setObjectName("banner")
        self.banner.hide()
        outer.addWidget(self.banner)
        self.grid = CardGrid()
        self.grid.card_min = self.fontMetrics().averageCharWidth() * 44
        outer.addLayout(self.grid)
        self.empty = plain_label(
            "No scenarios yet. Your trainer adds them to the scenarios folder; they appear here the next time you "
            "open the library.",
            "muted",
        )
        self.empty.hide()
        outer.addWidget(self.empty)
        outer.addStretch(1)
        page = QVBoxLayout(self)
        page.setContentsMargins(0, 0, 0, 0)
        page.addWidget(self.scroll_area)
        self._margins = outer.contentsMargins()

    def _header(self) -> QHBoxLayout:
        row = QHBoxLayout()
        column = QVBoxLayout()
        column.setSpacing(2)
        column.addWidget(plain_label("Scenario library", "title"))
        self.greeting = plain_label("", "muted")
        column.addWidget(self.greeting)
        row.addLayout(column, 1)
        self.switch_button = QPushButton("Switch profile")
        with_role(self.switch_button, "link")
        self.switch_button.setAutoDefault(True)
        self.switch_button.setAccessibleName("Switch to another trainee profile")
        self.switch_button.clicked.connect(self.switch_profile)
        row.addLayout(pinned(self.switch_button, "top"))
        return row

    def _mode_picker(self, body: QWidget) -> QFrame:
        """Two radio buttons with short captions; the explanations are labels, which can wrap."""
        box = QFrame(body)
        box.setObjectName("panel")
        grid = QGridLayout(box)
        grid.setContentsMargins(16, 10, 16, 10)
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(4)
        self.mode_group = QButtonGroup(self)
        self.mode_buttons: dict[str, QRadioButton] = {}
        for row, (mode, (caption, explanation)) in enumerate(MODES.items()):
            button = QRadioButton(caption)
            button.setAccessibleName(caption.replace("&", "") + " mode")
            button.setAccessibleDescription(explanation)
            self.mode_group.addButton(button)
            self.mode_buttons[mode] = button
            grid.addLayout(pinned(button, "top"), row, 0)
            grid.addWidget(plain_label(explanation, "muted"), row, 1)
        self.typed_box = QCheckBox("In your own &words")
        self.typed_box.setAccessibleDescription(TYPED_EXPLANATION)
        grid.addLayout(pinned(self.typed_box, "top"), len(MODES), 0)
        grid.addWidget(plain_label(TYPED_EXPLANATION, "muted"), len(MODES), 1)
        grid.setColumnStretch(1, 1)
        self.mode_buttons["practice"].setChecked(True)
        return box

    # -- content -------------------------------------------------------------------------
    @property
    def mode(self) -> str:
        return "assessment" if self.mode_buttons["assessment"].isChecked() else "practice"

    def set_mode(self, mode: str) -> None:
        self.mode_buttons.get(mode, self.mode_buttons["practice"]).setChecked(True)

    @property
    def typed(self) -> bool:
        """Replies are typed in the trainee's own words (either mode)."""
        return self.typed_box.isChecked()

    @property
    def cards(self) -> list[ScenarioCard]:
        """Every card, in library order (those still waiting below the first screenful are built now)."""
        if self._waiting:
            self._build_waiting()
            self._outer.activate()  # and placed: whoever asked for every card may read their geometry next
        return self._cards

    @property
    def built_cards(self) -> list[ScenarioCard]:
        """The cards built so far: the first screenful until it has been painted, then all."""
        return self._cards

    def show_library(self, trainee_name: str, entries: list[Entry], best: dict[str, float], unfinished: list[Any]) -> None:
        """Rebuild the cards; ``unfinished`` is newest first, and the newest gets the banner.

        Only the cards that fill the first screen are built here; the rest follow once that screen
        has been painted (see ``paintEvent``): each card costs ~1 ms, and with 14 scenarios that was
        a third of what start-up spends beyond a bare window.
        """
        self.greeting.setText(f"Practising as {trainee_name}")
        latest: dict[str, Any] = {}
        for info in unfinished:
            latest.setdefault(info.scenario_id, info)
        for card in self._cards:
            card.hide()  # at once: deletion waits for the event loop
            card.deleteLater()
        self._cards = []
        self.empty.setVisible(not entries)
        width = self._grid_width()
        waiting = [(entry, best.get(entry.id), latest.get(entry.id)) for entry in entries]
        self._waiting = self._first_screenful(waiting, width)
        self.grid.set_cards(self._cards, width)
        self._tab_order()
        titles = {e.id: e.title for e in entries}
        self._show_banner(next((u for u in unfinished if u.scenario_id in titles), None), titles)

    def _new_card(self, entry: Entry, best: float | None, unfinished: Any) -> ScenarioCard:
        card = ScenarioCard(entry, best, unfinished, self.scroll_area.widget())
        card.start_requested.connect(lambda e: self.start_requested.emit(e, self.mode))
        card.resume_requested.connect(self.resume_requested)
        self._cards.append(card)
        return card

    def _first_screenful(self, waiting: list[CardFacts], width: int) -> list[CardFacts]:
        """Build cards, a row at a time, until they reach the bottom of the screen; returns the rest.

        Heights are the cards' own (styled, at the column width: what the layout asks next anyway);
        the header's is a lower bound, so an error builds a card too many, never leaves a gap.
        """
        columns, card_width = self.grid.shape_for(width)
        room = self._view_height() - self._header_height(width)
        row_height = 0
        for index, item in enumerate(waiting):
            card = self._new_card(*item)
            card.ensurePolished()
            row_height = max(row_height, card.heightForWidth(card_width))
            if index % columns == columns - 1:
                room -= row_height + self.grid.verticalSpacing()
                row_height = 0
                if room <= 0:
                    return waiting[index + 1 :]
        return []

    def paintEvent(self, event: QPaintEvent) -> None:
        """After a paint, the cards still waiting are built in the next turn of the event loop.

        Not on a zero timer from ``show_library``: Qt paints on the platform's update timer, so such
        a timer ran first and the trainee waited for every card anyway.
        """
        super().paintEvent(event)
        if self._waiting:
            QTimer.singleShot(0, self, self._build_waiting)

    def _build_waiting(self) -> None:
        """The cards below the first screenful (at once when anyone asks for all of them)."""
        if not self._waiting:
            return
        waiting, self._waiting = self._waiting, []
        start = len(self._cards)
        for item in waiting:
            self._new_card(*item).show()  # now, not queued as Qt does for a child added to a shown parent
        self.grid.add_cards(self._cards[start:])
        self._tab_order()

    def _show_banner(self, info: Any, titles: dict[str, str]) -> None:
        old = self.banner.layout()
        if old is not None:
            QWidget().setLayout(old)  # reparent the old layout and its children away to drop them
        self.resume_now = None
        if info is None:
            self.banner.hide()
            return
        row = QHBoxLayout(self.banner)
        row.setContentsMargins(14, 10, 14, 10)
        title = titles.get(info.scenario_id) or info.scenario_title
        mode = "assessment" if info.mode == "assessment" else "practice"
        text = f"You didn't finish “{shorten(title, 70)}” ({mode}, {replies(info.decisions)}, {when(info.started)})."
        row.addWidget(plain_label(text + " Pick up where you left off?"), 1)
        self.resume_now = QPushButton("Resume")
        with_role(self.resume_now, "primary")
        self.resume_now.setAutoDefault(True)
        self.resume_now.setAccessibleName(literal(f"Resume {title}"))
        self.resume_now.clicked.connect(lambda: self.resume_requested.emit(info))
        later = QPushButton("Not now")
        later.setAutoDefault(True)
        later.setAccessibleName("Hide this reminder")
        later.clicked.connect(self._dismiss_banner)
        row.addWidget(self.resume_now)
        row.addWidget(later)
        self.banner.show()

    def _dismiss_banner(self) -> None:
        self.banner.hide()
        self.focus_first()

    def focus_first(self) -> None:
        """Resume when offered, otherwise the first card's Start."""
        if self.banner.isVisible() and self.resume_now is not None:
            self.resume_now.setFocus()
        elif self._cards:
            card = self._cards[0]
            (card.resume_button or card.start_button).setFocus()

    # -- layout --------------------------------------------------------------------------
    def _grid_width(self) -> int:
        """The grid's width before this screen is first laid out, from the stack it will fill (not Qt's default 640 px)."""
        parent = self.parentWidget()
        width = self.width() if self.isVisible() or parent is None else parent.width()
        margins = self._margins
        return width - margins.left() - margins.right() - self.scroll_area.verticalScrollBar().sizeHint().width()

    def _view_height(self) -> int:
        """The height the cards scroll in (the stack's, before this screen is first laid out)."""
        if self.isVisible():
            return self.scroll_area.viewport().height()
        parent = self.parentWidget()
        return parent.height() if parent is not None else self.height()

    def _header_height(self, width: int) -> int:
        """What sits above the cards, at least: margin, title row and the mode panel (the banner left out)."""
        mode = self._mode_box.heightForWidth(width)
        spacing = self._outer.spacing()
        return self._margins.top() + self._header_row.sizeHint().height() + spacing + max(mode, 0) + spacing

    def _tab_order(self) -> None:
        previous = None
        for card in self._cards:
            for button in (card.resume_button, card.start_button):
                if button is not None:
                    if previous is not None:
                        QWidget.setTabOrder(previous, button)
                    previous = button
