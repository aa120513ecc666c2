"""Faces drawn without ever making the window wait, each within a time budget.

The bundled faces (``assets/``) are ours, small and quick: drawn here and kept per size. A
scenario's own face is data from its author: it goes to a separate drawing process
(``face_worker``), which checks it against ``scenario.face_check`` and answers with a PNG. QtSvg
can't be interrupted and PySide holds the GIL while it draws, so neither the GUI thread nor a
thread beside it may draw such a file; a process that overruns the budget is killed, the face is
given up for the rest of the run, and the view shows the plain face for the mood instead.
"""

from __future__ import annotations

import json
import sys
from collections import OrderedDict, deque
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QProcess, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

from simulator.resources import assets_dir

BUDGET_MS = 1500  # drawing time a scenario's own face may take, each size
START_MS = 15_000  # the drawing process's start-up (Python + Qt) on a loaded machine
KEEP = 48  # images kept (faces x sizes); a face at 300 px is ~350 KB


def draw_svg(path: str, pixels: int) -> QImage:
    """The SVG at ``path`` drawn on a transparent square of ``pixels``."""
    image = QImage(pixels, pixels, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    renderer = QSvgRenderer(path)
    if renderer.isValid():
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter, QRectF(0, 0, pixels, pixels))
        painter.end()
    return image


def bundled(path: str) -> bool:
    return Path(path).resolve().is_relative_to(assets_dir().resolve())


def worker_command() -> list[str]:
    if getattr(sys, "frozen", False):  # packaging/launch.py hands this flag to face_worker
        return [sys.executable, "--face-worker"]
    return [sys.executable, "-m", "simulator.gui.face_worker"]


class FaceDrawer(QObject):
    """Hands out drawn faces; ``arrived(path)`` says one is ready or was given up (views repaint)."""

    arrived = Signal(str)

    def __init__(self, budget_ms: int = BUDGET_MS, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.budget_ms = budget_ms
        self.given_up: dict[str, str] = {}  # path -> why: refused by the checks, over budget, no drawer
        self._images: OrderedDict[tuple[str, int], QImage] = OrderedDict()
        self._waiting: deque[tuple[str, int]] = deque()
        self._current: tuple[str, int] | None = None
        self._process: QProcess | None = None
        self._ready = False
        self._buffer = bytearray()
        self._clock = QTimer(self)
        self._clock.setSingleShot(True)
        self._clock.timeout.connect(self._overran)

    def image(self, path: str, pixels: int) -> QImage | None:
        """The face drawn ``pixels`` square if ready; else it is asked for and None returned."""
        key = (path, pixels)
        if key in self._images:
            self._images.move_to_end(key)
            return self._images[key]
        if path in self.given_up or pixels <= 0:
            return None
        if bundled(path):
            self._keep(key, draw_svg(path, pixels))
            return self._images[key]
        if key != self._current and key not in self._waiting:
            self._waiting.append(key)
            self._next()
        return None

    def close(self) -> None:
        """End the drawing process (it also ends by itself when the app's end of the pipe closes)."""
        process, self._process = self._process, None
        self._clock.stop()
        if process is not None:
            _stop(process, gently=True)

    def busy(self, path: str) -> bool:
        """Whether ``path`` is being drawn or waits to be."""
        return any(key[0] == path for key in (self._current, *self._waiting) if key)

    def _keep(self, key: tuple[str, int], image: QImage) -> None:
        self._images[key] = image
        while len(self._images) > KEEP:
            self._images.popitem(last=False)

    def _give_up(self, path: str, why: str) -> None:
        self.given_up.setdefault(path, why)
        self._waiting = deque(key for key in self._waiting if key[0] != path)
        self.arrived.emit(path)

    def _next(self) -> None:
        if self._current is not None or not self._waiting:
            return
        if self._process is None:
            self._start()
            return
        if not self._ready:
            return
        self._current = self._waiting.popleft()
        pixels, path = self._current[1], self._current[0]
        self._process.write(json.dumps([pixels, path]).encode() + b"\n")
        self._clock.start(self.budget_ms)

    def _start(self) -> None:
        process = QProcess(self)
        process.setProcessChannelMode(QProcess.ProcessChannelMode.ForwardedErrorChannel)
        process.readyReadStandardOutput.connect(self._read)
        process.finished.connect(lambda *_: self._ended(process, "the drawing process stopped"))
        process.errorOccurred.connect(lambda *_: self._ended(process, f"no drawing process ({process.errorString()})"))
        self._process, self._ready, self._buffer = process, False, bytearray()
        command = worker_command()
        process.start(command[0], command[1:])
        self._clock.start(START_MS)

    def _ended(self, process: QProcess, why: str) -> None:
        """The process is gone or must go: what it was drawing is given up; the next face starts a new one."""
        if process is not self._process:
            return
        self._process, self._ready = None, False
        self._clock.stop()
        _stop(process, gently=False)
        lost, self._current = self._current, None
        if lost is not None:
            self._give_up(lost[0], why)
        elif self._waiting:  # it never came up: nothing can be drawn this run
            for path in {key[0] for key in self._waiting}:
                self._give_up(path, why)
        self._next()

    def _overran(self) -> None:
        if self._process is not None:
            why = f"took more than {self.budget_ms} ms to draw" if self._ready else "the drawing process did not start"
            self._ended(self._process, why)

    def _read(self) -> None:
        process = self._process
        if process is None:
            return
        self._buffer += bytes(process.readAllStandardOutput().data())
        while self._answer():
            pass

    def _answer(self) -> bool:
        """Take one complete answer off the buffer; False until one is complete."""
        end = self._buffer.find(b"\n")
        if end < 0:
            return False
        head = bytes(self._buffer[:end])
        if head == b"READY":
            del self._buffer[: end + 1]
            self._ready = True
            self._clock.stop()
            self._next()
            return True
        if head.startswith(b"OK "):
            size = int(head[3:])
            if len(self._buffer) < end + 1 + size:
                return False
            self._finish(QImage.fromData(bytes(self._buffer[end + 1 : end + 1 + size])), "")
            del self._buffer[: end + 1 + size]
            return True
        del self._buffer[: end + 1]
        self._finish(None, head.removeprefix(b"NO ").decode(errors="replace") or "could not be drawn")
        return True

    def _finish(self, image: QImage | None, problem: str) -> None:
        self._clock.stop()
        key, self._current = self._current, None
        if key is not None:
            if image is None or image.isNull():
                self._give_up(key[0], problem or "could not be drawn")
            else:
                self._keep(key, image)
                self.arrived.emit(key[0])
        self._next()


def _stop(process: QProcess, *, gently: bool) -> None:
    """Disconnect, end and reap ``process`` (a kill is reaped in milliseconds)."""
    for signal in (process.finished, process.errorOccurred, process.readyReadStandardOutput):
        signal.disconnect()
    if process.state() != QProcess.ProcessState.NotRunning:
        if gently:
            process.closeWriteChannel()
        if not (gently and process.waitForFinished(300)):
            process.kill()
            process.waitForFinished(1000)
    process.deleteLater()


_drawer: list[FaceDrawer] = []


def drawer() -> FaceDrawer:
    """The app's one drawer (made on first use, once the QApplication exists; closed as the app quits)."""
    if not _drawer:
        _drawer.append(FaceDrawer())
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(_drawer[0].close)
    return _drawer[0]
