"""The face drawer's own process: reads ``[pixels, path]`` lines, answers each with a PNG.

A scenario's own face is drawn here, not in the app, because QtSvg can't be interrupted and
PySide keeps the GIL through ``QSvgRenderer.render``: on a thread, one slow face stalled the
GUI thread for 5 s. A process can be killed when a face overruns its budget. Started by
``face_render`` as ``python -m simulator.gui.face_worker`` (``--face-worker`` in the frozen app).
"""

from __future__ import annotations

import json
import os
import sys
from typing import BinaryIO


def main() -> int:
    os.environ["QT_QPA_PLATFORM"] = "offscreen"  # no window: fonts only, for <text> in a face
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication(["face-worker"])  # noqa: F841 (fonts and image plugins need it alive)
    out = sys.stdout.buffer
    out.write(b"READY\n")
    out.flush()
    for line in sys.stdin.buffer:  # ends when the app closes our stdin or goes away
        answer(line, out)
    return 0


def answer(line: bytes, out: BinaryIO) -> None:
    """``OK <size>\\n`` and the PNG, or ``NO <reason>\\n`` for a face that won't be drawn."""
    from simulator.scenario.face_check import face_problem

    try:
        pixels, path = json.loads(line)
        problem = face_problem(path)
        png = b"" if problem else _png(path, int(pixels))
    except Exception as exc:  # the app waits for an answer to every line
        problem, png = f"could not be drawn ({exc})", b""
    if problem or not png:
        out.write(b"NO " + (problem or "could not be drawn").replace("\n", " ").encode() + b"\n")
    else:
        out.write(b"OK %d\n" % len(png) + png)
    out.flush()


def _png(path: str, pixels: int) -> bytes:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice

    from simulator.gui.face_render import draw_svg

    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    draw_svg(path, pixels).save(buffer, "PNG")  # type: ignore[call-overload]  # the stubs want bytes; PySide wants str
    buffer.close()
    return bytes(data.data())


if __name__ == "__main__":
    raise SystemExit(main())
