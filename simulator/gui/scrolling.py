"""Pages that scroll: a frameless, up-and-down-only scroll area and the column of widgets inside it.

Text wraps instead of scrolling sideways, so a 200 % font stays readable in a narrow window. The
body is named ``scrollBody`` so the style sheet makes it transparent: the screen's background
shows through instead of the viewport's.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QScrollArea, QVBoxLayout, QWidget

MARGINS = (4, 4, 12, 4)  # the right one keeps text clear of the scroll bar


def scroll_page(scroll: QScrollArea, name: str) -> QScrollArea:
    """Set ``scroll`` up as a page that scrolls vertically only; ``name`` is what a screen reader says."""
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    scroll.setAccessibleName(name)
    return scroll


def scroll_body(margins: tuple[int, int, int, int] | None = MARGINS, spacing: int | None = 12) -> tuple[QWidget, QVBoxLayout]:
    """A body for ``QScrollArea.setWidget`` and its column (None keeps the style's margins or spacing).

    The caller decides when to ``setWidget``: before filling it is cheaper, after keeps the old page
    on screen until the new one is built.
    """
    body = QWidget()
    body.setObjectName("scrollBody")
    column = QVBoxLayout(body)
    if margins is not None:
        column.setContentsMargins(*margins)
    if spacing is not None:
        column.setSpacing(spacing)
    return body, column
