"""Keep ``None`` alive under PySide6 6.12 on Python 3.11.

Measured here: with PySide6/shiboken6 6.12.0 on CPython 3.11, every call of a C++ method that
returns ``void`` (``QLabel.setText``, ``QPainterPath.lineTo``, ``QGraphicsItem.setPos``...) drops
one reference to ``None`` without having taken it. ``None`` starts with a few thousand
references, so after some thousands of such calls CPython aborts with "none_dealloc: deallocating
None". Drawing a 200-place map makes that many calls; so does a countdown ticking for minutes.
From Python 3.12 ``None`` is immortal (PEP 683) and the bug is harmless, so this does the same
for 3.11: it gives ``None`` a reference count no program can use up. Call it once, before Qt work.
"""

from __future__ import annotations

import ctypes
import sys

_HEADROOM = 1 << 40  # about 10^12 void calls before the count could reach zero again


def keep_none_alive() -> bool:
    """Make ``None`` effectively immortal on Pythons before 3.12; True if anything was done."""
    if sys.version_info >= (3, 12) or sys.getrefcount(None) > _HEADROOM // 2:
        return False
    count = ctypes.c_ssize_t.from_address(id(None))  # ob_refcnt is the first field of every object
    count.value += _HEADROOM
    return True
