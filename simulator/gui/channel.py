"""How a conversation looks in each channel: the bar above a call, chat or email, and the text rules.

Face to face, the trainee sees the customer's face. On the phone there is no face: a call bar says
who is on the line and for how long, and the voice comes through cues written in the text
(``[sighs] Fine.``). In a chat, a ``say`` with blank lines arrives as several messages, each after
a short typing pause. An email thread shows who each message is from. The scenario text is the
same in every channel; only this presentation changes.
"""

from __future__ import annotations

import re

from PySide6.QtWidgets import QFrame, QHBoxLayout, QVBoxLayout, QWidget

from simulator.gui.style import plain_label

IN_PERSON = "in-person"
CHANNEL_WORDS = {"in-person": "In person", "phone": "Phone call", "chat": "Live chat", "email": "Email"}
ICONS = {"phone": "\u260e", "chat": "\u2328", "email": "\u2709"}  # glyphs the bundled fonts have
CUE = re.compile(r"\[([^\[\]]{1,80})\]")
TYPING_MS_PER_CHAR = 12  # a fast typist, shortened: the pause is a cue that someone is typing, not a wait
TYPING_MS_MIN, TYPING_MS_MAX = 350, 1300


def channel_word(channel: str) -> str:
    """What a library card or the bar calls the channel."""
    return CHANNEL_WORDS.get(channel, CHANNEL_WORDS[IN_PERSON])


def voice_parts(text: str) -> list[tuple[bool, str]]:
    """A phone line split into (is_cue, text) runs: ``[voice tight] Fine.`` -> cue, then words."""
    parts: list[tuple[bool, str]] = []
    last = 0
    for match in CUE.finditer(text):
        if match.start() > last:
            parts.append((False, text[last : match.start()]))
        parts.append((True, match.group(1).strip()))
        last = match.end()
    if last < len(text):
        parts.append((False, text[last:]))
    return [(cue, words) for cue, words in parts if words.strip()]


def paragraphs(text: str) -> str:
    """An email body as written: blank lines kept, the file's line wrapping undone."""
    return "\n\n".join(" ".join(part.split()) for part in re.split(r"\n\s*\n", text.strip()) if part.strip())


def chat_messages(text: str) -> list[str]:
    """A chat ``say`` as the messages the customer sends in a row: one per paragraph."""
    messages = [" ".join(part.split()) for part in re.split(r"\n\s*\n", text)]
    return [m for m in messages if m] or [text.strip()]


def typing_ms(message: str) -> int:
    """How long the "is typing" pause before a chat message lasts."""
    return max(TYPING_MS_MIN, min(TYPING_MS_MAX, len(message) * TYPING_MS_PER_CHAR))


def call_time(seconds: float) -> str:
    whole = max(0, int(seconds))
    return f"{whole // 60:02d}:{whole % 60:02d}"


class ChannelBar(QFrame):
    """The strip above the conversation on a call, in a chat or in an email thread."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("channelBar")
        row = QHBoxLayout(self)
        row.setContentsMargins(12, 8, 12, 8)
        row.setSpacing(10)
        self.icon = plain_label("", wrap=False, name="channelIcon")
        text = QVBoxLayout()
        text.setSpacing(0)
        self.title = plain_label("", "heading", wrap=True)
        self.detail = plain_label("", "muted", wrap=True)
        text.addWidget(self.title)
        text.addWidget(self.detail)
        row.addWidget(self.icon)
        row.addLayout(text, 1)
        self.status = plain_label("", "small", wrap=False, name="channelStatus")
        row.addWidget(self.status)
        self.channel = IN_PERSON
        self.hide()

    def show_channel(self, channel: str, customer: str, subject: str) -> None:
        """Set the bar up for a conversation; hidden face to face."""
        self.channel = channel
        self.setProperty("channel", channel)
        self.setVisible(channel != IN_PERSON)
        self.icon.setText(ICONS.get(channel, ""))
        if channel == "phone":
            self.title.setText(f"On the line: {customer}")
            self.detail.setText("No face on a call: listen for the voice in the words.")
        elif channel == "chat":
            self.title.setText(f"Chat with {customer}")
            self.detail.setText("Website chat")
        elif channel == "email":
            self.title.setText(f"Re: {subject}")
            self.detail.setText(f"Email thread with {customer}")
        self.status.setText("")
        self.setAccessibleName(f"{channel_word(channel)}: {self.title.text()}")

    def show_status(self, text: str) -> None:
        """The call time, "is typing…", or nothing."""
        self.status.setText(text)
