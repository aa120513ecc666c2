"""What the CLI prints can't drive the terminal: control characters are removed at the output edge.

New scenario files refuse control characters, but text from a results database (trainee names,
older scenario versions, merged files), file names and LRS answers reach the printers too, and
ESC sequences can clear the screen, retitle the window or redraw an error as "all good"; a bidi
override reverses what follows. ``main`` wraps standard output and error once, so every printer,
present and future, goes through ``printable``; JSON keeps the characters as ``\\u`` escapes.
"""

from __future__ import annotations

import contextlib
import re
import sys
from collections.abc import Iterator
from typing import Any, TextIO

# C0 but newline and tab (so CR, which redraws a line, goes too), DEL, C1, and the bidi marks,
# embeddings, overrides and isolates (U+061C, U+200E-200F, U+202A-202E, U+2066-2069)
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """``text`` without the characters a terminal would obey rather than show."""
    return UNSAFE.sub("", text)


def json_safe(text: str) -> str:
    """JSON text with those characters written as ``\\uXXXX`` (they only occur inside strings)."""
    return UNSAFE.sub(lambda found: f"\\u{ord(found.group()):04x}", text)


class CleanStream:
    """A text stream that passes everything on through ``printable``; the rest is the wrapped stream's."""

    def __init__(self, inner: TextIO) -> None:
        self.inner = inner

    def write(self, text: str) -> int:
        self.inner.write(printable(text))
        return len(text)

    def writelines(self, lines: Any) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str) -> Any:  # flush, isatty, fileno, buffer, encoding...
        return getattr(self.inner, name)


@contextlib.contextmanager
def cleaned_output() -> Iterator[None]:
    """Standard output and error through ``CleanStream`` for the duration (one command)."""
    saved = sys.stdout, sys.stderr
    # None where there is no console at all (pythonw): nothing to clean
    sys.stdout, sys.stderr = (s if s is None else CleanStream(s) for s in saved)
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved


def redraw_line(text: str, *, end: str = "") -> None:
    """Progress redrawn in place on standard error: our carriage return, the text cleaned."""
    stream = sys.stderr
    raw = stream.inner if isinstance(stream, CleanStream) else stream
    raw.write("\r" + printable(text) + end)
    raw.flush()
