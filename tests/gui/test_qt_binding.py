"""The Qt binding itself must not corrupt Python's reference counts.

PySide6 6.12.0 on Python 3.11 drops a reference to ``None`` on every call of a method that
returns nothing (``widget.update()``, ``layout.invalidate()``...): about 170 per click in the
play view. Once the count reaches zero the interpreter aborts ("Fatal Python error: none_dealloc"),
mid-session or at exit. 6.11.2 is fine; Python 3.12+ is immune (None is immortal there). This test
fails on a binding with the bug, so an upgrade that brings it back is caught before users are.
"""

from __future__ import annotations

import sys

import pytest
from PySide6.QtWidgets import QVBoxLayout, QWidget


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None and bools are immortal from Python 3.12")
def test_void_qt_calls_keep_the_reference_count_of_none(qtbot: object) -> None:
    host = QWidget()
    layout = QVBoxLayout(host)
    before = sys.getrefcount(None)
    for _ in range(500):
        layout.invalidate()
        host.update()
    assert sys.getrefcount(None) - before > -50, "this PySide6 build leaks references to None: pin another version"
