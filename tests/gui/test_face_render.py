"""Faces never make the window wait (issue 21): a scenario's own face is drawn in another process
within a budget; a slow or refused one gives way to the plain face for the mood."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QElapsedTimer, QTimer

from simulator.gui import face_render
from simulator.gui.face import FaceView
from simulator.resources import face_path

SVG = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 100 100">{}</svg>'


@pytest.fixture
def drawer() -> Iterator[face_render.FaceDrawer]:
    """A fresh drawer per test (its own process), put back afterwards."""
    saved = list(face_render._drawer)
    face_render._drawer[:] = [face_render.FaceDrawer()]
    yield face_render._drawer[0]
    face_render._drawer[0].close()
    face_render._drawer[:] = saved


def slow_but_valid(folder: Path, points: int = 4000) -> Path:
    """One element, no <use>, ~40 KB: within every limit, yet seconds to fill and stroke."""
    zigzag = " ".join(f"L{i * 37 % 100} {i * 91 % 100}" for i in range(points))
    path = folder / "slow.svg"
    path.write_text(SVG.format(f'<path d="M0 0 {zigzag}" stroke="black" stroke-width="3" fill="red"/>'), encoding="utf-8")
    return path


def own_face(folder: Path) -> Path:
    path = folder / "own.svg"
    path.write_text(SVG.format('<circle cx="50" cy="50" r="45" fill="#2e8b57"/>'), encoding="utf-8")
    return path


def shown_face(qtbot: Any) -> FaceView:
    view = FaceView()
    qtbot.addWidget(view)
    view.resize(400, 400)
    view.show()
    return view


def longest_pause(qtbot: Any, until: Any, timeout_ms: int) -> int:
    """Wait for ``until()`` while a 10 ms timer ticks; the longest gap between ticks, in ms."""
    clock, gaps = QElapsedTimer(), [0]
    clock.start()
    timer = QTimer()
    timer.timeout.connect(lambda: gaps.append(clock.restart()))
    timer.start(10)
    qtbot.waitUntil(until, timeout=timeout_ms)
    timer.stop()
    return max(gaps)


def test_a_scenario_face_is_drawn_in_another_process_and_shown(qtbot: Any, tmp_path: Path, drawer: Any) -> None:
    face, plain = own_face(tmp_path), face_path("maria", "warming")
    view = shown_face(qtbot)
    view.show_face(face, "warming", "Maria", plain)
    assert view.showing in ("", "plain face")  # never waited for: the plain face stands in
    qtbot.waitUntil(lambda: view.showing == "face", timeout=30_000)
    image = drawer.image(str(face), 400)
    assert image is not None and image.pixelColor(200, 200).name() == "#2e8b57"


def test_a_slow_face_never_blocks_the_window_and_gives_way_to_the_plain_face(qtbot: Any, tmp_path: Path, drawer: Any) -> None:
    view = shown_face(qtbot)
    view.show_face(own_face(tmp_path), "upset", "Maria", face_path("maria", "upset"))
    qtbot.waitUntil(lambda: view.showing == "face", timeout=30_000)  # the drawing process is up
    drawer.budget_ms = 300
    slow = slow_but_valid(tmp_path)
    view.show_face(slow, "upset", "Maria", face_path("maria", "upset"))
    started = time.perf_counter()
    pause = longest_pause(qtbot, lambda: str(slow) in drawer.given_up, timeout_ms=20_000)
    assert pause < 250, f"the window stalled {pause} ms while the face was drawn"
    assert drawer.given_up[str(slow)] == "took more than 300 ms to draw"
    assert time.perf_counter() - started >= 0.25  # (a coarse timer may fire a little early)
    qtbot.waitUntil(lambda: view.showing == "plain face", timeout=5_000)
    view.resize(300, 300)  # another size: the given-up face is not asked for again
    qtbot.wait(50)
    assert view.showing == "plain face" and not drawer.busy(str(slow))


def test_the_slow_face_really_is_slow(qtbot: Any, tmp_path: Path) -> None:
    """Keeps the test above honest: drawn in-process, the same face takes far longer than its budget."""
    started = time.perf_counter()
    face_render.draw_svg(str(slow_but_valid(tmp_path)), 400)
    assert time.perf_counter() - started > 0.6


def test_a_face_over_the_limits_is_refused_by_the_drawer(qtbot: Any, tmp_path: Path, drawer: Any) -> None:
    bomb = tmp_path / "bomb.svg"
    levels = "".join(f'<g id="l{n}">' + f'<use xlink:href="#l{n - 1}"/>' * 10 + "</g>" for n in range(1, 9))
    bomb.write_text(SVG.format(f'<defs><circle id="l0" r="9"/>{levels}</defs><use xlink:href="#l8"/>'), encoding="utf-8")
    view = shown_face(qtbot)
    view.show_face(bomb, "furious", "Maria", face_path("maria", "furious"))
    qtbot.waitUntil(lambda: str(bomb) in drawer.given_up, timeout=30_000)
    assert "<use> of <use>" in drawer.given_up[str(bomb)]
    qtbot.waitUntil(lambda: view.showing == "plain face", timeout=5_000)


def test_the_play_screen_shows_a_scenario_face_once_drawn(qtbot: Any, tmp_path: Path, make_window: Any, drawer: Any) -> None:
    from guihelp import start_as, write_scenario

    scenario = write_scenario(tmp_path / "scenarios")
    (scenario.parent / "own.svg").write_text(own_face(tmp_path).read_text(encoding="utf-8"), encoding="utf-8")
    text = scenario.read_text(encoding="utf-8")
    scenario.write_text(text.replace('    say: "', '    face: own.svg\n    say: "', 1), encoding="utf-8")
    window = make_window(scenario)
    play = start_as(window, "Dana Reyes", "gate")
    qtbot.waitUntil(lambda: play.face.showing == "face", timeout=30_000)
    shot = window.grab()
    shot.save(str(tmp_path / "play-own-face.png"))
    centre = play.face.mapTo(window, play.face.rect().center())
    assert shot.toImage().pixelColor(centre).name() == "#2e8b57"
