"""A scenario's own face SVG is checked before the app draws it (issue 21): 2 KB of nested ``<use>``
froze the window for 80 s, 50 MB took 50 s, an ``<image>`` could show any local picture."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from simulator.cli import main
from simulator.scenario import load_scenario
from simulator.scenario.face_check import MAX_BYTES, check_svg

GOOD = Path(__file__).resolve().parents[2] / "scenarios" / "rained-out-park.yaml"
FACES = Path(__file__).resolve().parents[2] / "assets" / "faces"
SVG = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 100 100">{}</svg>'


def use_fanout(levels: int, fan: int) -> str:
    """Each level draws the one below ``fan`` times: fan**levels circles from a file of a few KB."""
    parts = ['<circle id="l0" cx="50" cy="50" r="40"/>']
    for level in range(1, levels + 1):
        parts.append(f'<g id="l{level}">' + "".join(f'<use xlink:href="#l{level - 1}"/>' for _ in range(fan)) + "</g>")
    return SVG.format(f"<defs>{''.join(parts)}</defs><use xlink:href='#l{levels}'/>")


HOSTILE = {
    "use-fanout": (use_fanout(8, 10), "<use> of <use> more than 4 deep"),
    "wide-fanout": (use_fanout(3, 30), "more than 20,000 elements"),
    "use-cycle": (SVG.format('<g id="a"><use href="#a"/></g>'), "leads back to itself"),
    "entities": (
        '<!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>' + SVG.format("<text>&b;</text>"),
        "DTD or entities",
    ),
    "local-image": (
        SVG.format('<image xlink:href="/etc/ssl/private/key.png" width="9" height="9"/>'),
        "refers to '/etc/ssl/private/key.png'",
    ),
    "deep-nesting": (SVG.format("<g>" * 40 + "</g>" * 40), "nests elements more than 32 deep"),
    "many-elements": (SVG.format("<circle r='1'/>" * 6000), "more than 5,000 elements"),
    "huge": (SVG.format("<!--" + "x" * (MAX_BYTES + 10) + "-->"), "a face may be at most"),
    "not-xml": ("<svg><g></svg>", "not well-formed XML"),
}


def with_face(folder: Path, svg: str) -> tuple[Path, int]:
    """The bundled park scenario in ``folder`` with its first node showing ``faces/own.svg``."""
    (folder / "faces").mkdir()
    (folder / "faces" / "own.svg").write_text(svg, encoding="utf-8")
    text = GOOD.read_text(encoding="utf-8")
    anchor = "\n  at-the-window:\n"
    path = folder / "own-face.yaml"
    path.write_text(text.replace(anchor, anchor + "    face: faces/own.svg\n", 1), encoding="utf-8")
    return path, text[: text.index(anchor)].count("\n") + 3


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_a_hostile_face_is_an_error_naming_the_face_and_its_line(tmp_path: Path, case: str, capsys) -> None:
    svg, reason = HOSTILE[case]
    path, line = with_face(tmp_path, svg)
    started = time.perf_counter()
    loaded = load_scenario(path)
    assert time.perf_counter() - started < 5
    (problem,) = [p for p in loaded.problems if p.severity == "error"]
    assert (problem.code, problem.line, problem.col) == ("unsafe-face", line, 11)
    assert "face file 'faces/own.svg'" in problem.message and reason in problem.message
    assert main(["validate", str(path)]) == 1
    assert f"{path}:{line}:11: error: unsafe-face: face file 'faces/own.svg'" in capsys.readouterr().out


def test_an_ordinary_face_with_a_few_uses_passes(tmp_path: Path) -> None:
    path, _line = with_face(tmp_path, use_fanout(3, 10))  # 1,000 circles drawn: fine
    assert [p for p in load_scenario(path).problems if p.severity == "error"] == []


def test_every_bundled_face_passes_its_own_limits() -> None:
    faces = sorted(FACES.glob("*/*.svg"))
    assert len(faces) > 50
    for face in faces:
        check_svg(face.read_bytes())
