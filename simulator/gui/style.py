"""The look: application font, the style sheet from ``assets/style.qss`` and small helpers.

Qt style sheets accept font sizes only in pt or px, so the sheet uses tokens (``@body``,
``@title``...) that are filled in here from the application font. That keeps one place that
decides sizes, and a user who sets a 200 % font (``SIMULATOR_FONT_SCALE=2``) gets every size
doubled while paddings, written in em, follow by themselves.

The modules on the way to the library (main window, profile, library, this one) never touch
PySide6's ``Qt`` namespace: its first use makes Python build all 93 of its enum classes, a tenth
of start-up (``benchmarks/bench_gui.py``). The few values they need are set by number with
``set_enum_property`` (``PLAIN_TEXT``..., kept equal to the enums by a test), and alignment within
a layout is done with stretches (``pinned``).
"""

from __future__ import annotations

import os
from typing import Literal

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QBoxLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from simulator.resources import assets_dir

BASE_POINTS = 11.0  # DejaVu Sans at 11 pt reads comfortably on a 96 dpi screen
FAMILIES = ("DejaVu Sans", "Noto Sans", "Segoe UI", "Helvetica Neue", "Arial", "sans-serif")
SIZES = {"@score": 2.6, "@title": 1.7, "@large": 1.3, "@body": 1.0, "@small": 0.88}

# Qt enum values by number, for ``setProperty`` (see the module docstring).
PLAIN_TEXT = 0  # Qt.TextFormat.PlainText, for the "textFormat" property
NO_FOCUS = 0  # Qt.FocusPolicy.NoFocus, for "focusPolicy"
SCROLL_BAR_ALWAYS_OFF = 1  # Qt.ScrollBarPolicy.ScrollBarAlwaysOff, for "horizontalScrollBarPolicy"
SCROLL_BAR_ALWAYS_ON = 2  # Qt.ScrollBarPolicy.ScrollBarAlwaysOn, for "verticalScrollBarPolicy"
ALIGN_TOP_LEFT = 0x21  # Qt.AlignmentFlag.AlignTop | AlignLeft, for a label's "alignment"
ACCESSIBLE_TEXT_ROLE = 11  # Qt.ItemDataRole.AccessibleTextRole, for an item's setData


def set_enum_property(widget: QWidget, name: str, value: int) -> None:
    """Set a declared Qt enum property by number. ``setProperty`` answers a misspelt name (or a
    value of the wrong type) with False and leaves the default, e.g. rich text on a label meant
    to be plain: that is raised here instead."""
    if not widget.setProperty(name, value):
        raise ValueError(f"{type(widget).__name__} has no enum property {name!r} taking {value!r}")


def font_scale() -> float:
    """The user's font scale: 1.0 by default, ``SIMULATOR_FONT_SCALE`` to enlarge everything."""
    try:
        scale = float(os.environ.get("SIMULATOR_FONT_SCALE", "1") or 1)
    except ValueError:
        return 1.0
    return min(max(scale, 0.5), 4.0)


def style_sheet(points: float) -> str:
    """The sheet with its size tokens resolved for a body font of ``points`` and ``@assets`` made a path."""
    try:
        text = (assets_dir() / "style.qss").read_text(encoding="utf-8")
    except OSError:
        return ""  # a missing sheet must not stop a trainee from practising; Qt's default look remains
    for token in sorted(SIZES, key=len, reverse=True):
        text = text.replace(token, f"{points * SIZES[token]:.1f}pt")
    return text.replace("@assets", assets_dir().as_posix())


def apply(app: QApplication, scale: float | None = None) -> float:
    """Set the font and style sheet on ``app``; returns the body size in points.

    The body font is the desktop's own size when that is larger than 11 pt (a user who reads at
    200 % keeps it), times ``scale`` (``SIMULATOR_FONT_SCALE`` by default).
    """
    desktop = app.property("desktop_points") or app.font().pointSizeF()  # the user's own font size, kept once
    app.setProperty("desktop_points", desktop)
    points = max(BASE_POINTS, desktop) * (font_scale() if scale is None else scale)
    font = QFont()
    font.setFamilies(list(FAMILIES))  # the first installed one wins; no font database scan at start-up
    font.setPointSizeF(points)
    app.setFont(font)
    app.setStyleSheet(style_sheet(points))
    return points


def with_role(widget: QWidget, role: str) -> QWidget:
    """A new widget's style role (``title``, ``muted``, ``primary``...): styled when first shown."""
    widget.setProperty("role", role)
    return widget


def set_role(widget: QWidget, role: str) -> QWidget:
    """Change a widget's style role and refresh its look if it has been styled already."""
    from PySide6.QtCore import Qt

    widget.setProperty("role", role)
    if widget.testAttribute(Qt.WidgetAttribute.WA_WState_Polished):
        repolish(widget)
    return widget


def repolish(widget: QWidget) -> None:
    """Re-apply the style sheet after a dynamic property changed."""
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)


def plain_label(text: str = "", role: str | None = None, *, wrap: bool = True, name: str = "") -> QLabel:
    """A label that can never interpret its text as HTML: every scenario or name string goes here.

    Screen readers read a label's text, so no accessible name is set: one would hide the text.
    """
    label = QLabel()
    set_enum_property(label, "textFormat", PLAIN_TEXT)
    label.setText(text)
    label.setWordWrap(wrap)
    if role:
        label.setProperty("role", role)
    if name:
        label.setObjectName(name)
    return label


def pinned(widget: QWidget, side: Literal["left", "right", "top"]) -> QBoxLayout:
    """``widget`` held against one side of its layout cell: a box with a stretch on the other side."""
    box: QBoxLayout = QVBoxLayout() if side == "top" else QHBoxLayout()
    box.setContentsMargins(0, 0, 0, 0)
    if side == "right":
        box.addStretch(1)
    box.addWidget(widget)
    if side != "right":
        box.addStretch(1)
    return box


def literal(text: str) -> str:
    """Text for a button or tab, where ``&`` would otherwise mark a keyboard mnemonic."""
    return text.replace("&", "&&")


def shorten(text: str, limit: int) -> str:
    """One line of at most ``limit`` characters, with an ellipsis when cut."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"
