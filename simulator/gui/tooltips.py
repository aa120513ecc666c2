"""Tooltips that show data (scenario text, names, paths, messages) exactly as typed, and not too much.

Qt guesses per tooltip whether it is HTML (``Qt.mightBeRichText``), so a reply reading
``<img src=... width=30000>`` showed a local picture or a 30,000 px tooltip. ``plain_tip`` escapes
the text and wraps it in a paragraph of our own, which Qt renders with the characters literal,
and caps it: long enough to read a reply in full, never a wall.
"""

from __future__ import annotations

import re

MARK = "<p class='plain-tip' style='white-space:pre-wrap'>"  # how a tooltip made here begins
MAX_CHARS = 600
MAX_LINES = 12
LONG_WORD = re.compile(r"(\S{60})(?=\S)")  # a break opportunity in every 60 characters without a space


def plain_tip(text: str) -> str:
    """``text`` as a tooltip that shows it literally, cut to ``MAX_CHARS`` / ``MAX_LINES`` ("" stays "")."""
    if not text:
        return ""
    lines = text.splitlines() or [""]
    cut = "\n".join(lines[:MAX_LINES])
    if len(cut) > MAX_CHARS:
        cut = cut[:MAX_CHARS]
    if cut != text:
        cut = cut.rstrip() + " …"
    body = _escaped(LONG_WORD.sub("\\1\u200b", cut)).replace("\n", "<br>")
    return f"{MARK}{body}</p>"


def _escaped(text: str) -> str:
    """``html.escape(text, quote=False)`` without importing ``html`` (and its entity table) at start-up."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
