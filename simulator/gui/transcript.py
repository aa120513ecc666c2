"""The conversation so far: customer lines, narration, the trainee's replies and coaching notes.

One read-only text document rather than a label per line: appending a reply lays out only the
new frames, so a click costs the same on the fortieth turn as on the first, and the whole
conversation can be selected, copied and read by a screen reader as one text. Text goes in only
through ``QTextCursor.insertText``, which never interprets markup: scenario files are data.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QTextBlockFormat, QTextCharFormat, QTextCursor, QTextFrameFormat
from PySide6.QtWidgets import QFrame, QTextBrowser, QWidget

from simulator.gui.channel import paragraphs, voice_parts

# kind -> (background, border, text colour, indented from the left like the trainee's side)
BOXES = {
    "customer": ("#ffffff", "#c3ceda", "#1f2933", False),
    "reply": ("#e3f1f3", "#a9d2d7", "#102a43", True),
    "coach-good": ("#effaf3", "#9fd5b0", "#173d24", True),
    "coach-bad": ("#fdf1f1", "#e8b4b4", "#4a1212", True),
    "coach-mixed": ("#fffaeb", "#ecd48a", "#3d2e00", True),
    "notice": ("#eef2f7", "#9aa5b1", "#3e4c59", False),
    "silence": ("#f4f6f8", "#9aa5b1", "#3e4c59", True),
}
DASHED = ("notice", "silence")
MUTED = "#52606d"


class TranscriptView(QTextBrowser):
    """A scrolling, selectable conversation; ``entries`` keeps (kind, text) for tests and reports."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("transcript")
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setOpenLinks(False)
        self.setUndoRedoEnabled(False)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        flags = Qt.TextInteractionFlag
        self.setTextInteractionFlags(flags.TextSelectableByMouse | flags.TextSelectableByKeyboard)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # Tab here, then PageUp/PageDown to reread
        self.setAccessibleName("Conversation")
        self.entries: list[tuple[str, str]] = []
        self._follow = True
        self._newest: int | None = None  # where the customer's latest line starts in the document
        bar = self.verticalScrollBar()
        bar.rangeChanged.connect(self._keep_following)
        # Only the trainee's own scrolling (wheel, keys, the bar) decides whether to follow: a re-layout
        # also moves the value (e.g. when text re-wraps), and that must not leave the newest line unseen.
        bar.actionTriggered.connect(self._trainee_scrolled)

    # -- entries -------------------------------------------------------------------------
    def add_customer(self, name: str, text: str, channel: str = "in-person", *, first: bool = True) -> None:
        """A customer line, dressed for the channel: voice cues on a call, a sender in an email.

        In a chat the screen sends one message at a time; ``first`` is False for the second message
        of a run, which then goes under the same name.
        """
        if first:
            label = {"phone": f"{name} (on the line)", "email": f"From: {name}"}.get(channel, name)
            self._speaker(label, right=False)
            self._newest = self._cursor().block().position()  # what the trainee must read before replying
        if channel == "phone":
            self._box("customer", text, voice_parts(text.strip()))
        elif channel == "email":
            self._box("customer", paragraphs(text))
        else:
            self._box("customer", text)

    def add_reply(self, text: str, channel: str = "in-person") -> None:
        self._newest = None
        self._speaker("From: You" if channel == "email" else "You", right=True)
        self._box("reply", text)

    def add_silence(self, text: str) -> None:
        """The trainee's turn that passed without a reply (the clock ran out)."""
        self._newest = None
        self._speaker("You", right=True)
        self._box("silence", text)

    def add_feedback(self, text: str, tone: str) -> None:
        """A coaching note under the reply (practice mode); ``tone`` is good, bad or mixed."""
        self._speaker("Coach", right=True)
        self._box(f"coach-{tone if tone in ('good', 'bad') else 'mixed'}", text)

    def add_narration(self, text: str) -> None:
        block = QTextBlockFormat()
        em = self.fontMetrics().height()
        block.setTopMargin(em * 0.5)
        block.setBottomMargin(em * 0.3)
        block.setLeftMargin(em * 0.5)
        block.setRightMargin(em * 0.5)
        chars = QTextCharFormat()
        chars.setFontItalic(True)
        chars.setForeground(QColor(MUTED))
        self._paragraph(text.strip(), block, chars)
        self.entries.append(("narration", text.strip()))

    def add_notice(self, text: str, heading: str = "") -> None:
        if heading:
            self._speaker(heading, right=False)
        self._box("notice", text)

    def clear(self) -> None:  # type: ignore[override]
        super().clear()
        self.entries = []
        self._follow = True
        self._newest = None

    def texts(self) -> list[str]:
        return [text for _kind, text in self.entries]

    # -- building the document ------------------------------------------------------------
    def _cursor(self) -> QTextCursor:
        cursor = QTextCursor(self.document())
        cursor.movePosition(QTextCursor.MoveOperation.End)
        return cursor

    def _paragraph(self, text: str, block: QTextBlockFormat, chars: QTextCharFormat) -> None:
        """Write into the empty last block, or start a new one after the last paragraph."""
        cursor = self._cursor()
        if cursor.block().length() > 1:
            cursor.insertBlock(block, chars)
        else:
            cursor.setBlockFormat(block)
        cursor.insertText(text, chars)

    def _speaker(self, name: str, right: bool) -> None:
        block = QTextBlockFormat()
        em = self.fontMetrics().height()
        block.setTopMargin(em * 0.6)
        block.setLeftMargin(em * 0.3)
        block.setRightMargin(em * 0.3)
        block.setAlignment(Qt.AlignmentFlag.AlignRight if right else Qt.AlignmentFlag.AlignLeft)
        chars = QTextCharFormat()
        chars.setFontWeight(QFont.Weight.Bold)
        chars.setForeground(QColor(MUTED))
        chars.setFontPointSize(self.font().pointSizeF() * 0.88)
        self._paragraph(name, block, chars)

    def _box(self, kind: str, text: str, parts: list[tuple[bool, str]] | None = None) -> None:
        background, border, colour, indented = BOXES[kind]
        em = self.fontMetrics().height()
        frame = QTextFrameFormat()
        frame.setBackground(QColor(background))
        frame.setBorder(1)
        frame.setBorderBrush(QColor(border))
        styles = QTextFrameFormat.BorderStyle
        frame.setBorderStyle(styles.BorderStyle_Dashed if kind in DASHED else styles.BorderStyle_Solid)
        frame.setPadding(em * 0.45)
        frame.setTopMargin(em * 0.15)
        frame.setLeftMargin(em * (3.5 if indented else 0.3))
        frame.setRightMargin(em * (0.3 if indented or kind == "notice" else 3.5))
        chars = QTextCharFormat()
        chars.setForeground(QColor(colour))
        cursor = self._cursor()
        cursor.insertFrame(frame)
        if parts and any(cue for cue, _ in parts):
            self._voice(cursor, parts, chars)
        else:
            cursor.insertText(text.strip(), chars)
        self.entries.append((kind, text.strip()))

    def _voice(self, cursor: QTextCursor, parts: list[tuple[bool, str]], words: QTextCharFormat) -> None:
        """Words as said; each cue (how it sounds) in muted italics, in brackets of its own."""
        cue = QTextCharFormat()
        cue.setFontItalic(True)
        cue.setForeground(QColor(MUTED))
        runs = [(f"({text.strip()})" if is_cue else text.strip(), cue if is_cue else words) for is_cue, text in parts]
        for i, (text, style) in enumerate(runs):
            cursor.insertText(text + (" " if i < len(runs) - 1 else ""), style)

    # -- scrolling -----------------------------------------------------------------------
    def _trainee_scrolled(self, _action: int) -> None:
        bar = self.verticalScrollBar()
        self._follow = bar.sliderPosition() >= bar.maximum() - 4  # the value itself follows after this signal

    def _keep_following(self, _low: int = 0, _high: int = 0) -> None:
        if self._follow:
            self.verticalScrollBar().setValue(self._newest_in_view())

    def _newest_in_view(self) -> int:
        """The bottom, unless the customer's latest line is taller than the view: then its start.

        At a 200 % font on a small screen the view holds only a few lines; the trainee must see the
        beginning of what the customer said, not its last words.
        """
        bottom = self.verticalScrollBar().maximum()
        if self._newest is None:
            return bottom
        block = self.document().findBlock(self._newest)
        top = int(self.document().documentLayout().blockBoundingRect(block).top())
        return min(bottom, top)

    def follow_newest(self) -> None:
        """Follow the conversation again (after the trainee answers, the newest line matters)."""
        self._follow = True
        self._keep_following()
