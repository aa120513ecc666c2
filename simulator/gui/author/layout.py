"""Where the map puts each place: a built-in layered layout, or Graphviz's ``dot`` when installed.

The built-in layout needs nothing but Python and is linear enough for thousands of places:
loops are broken by a depth-first search from the start, every place goes to the column of its
longest path from a source, long arrows get a bend point in every column they cross, and a few
barycentre sweeps order each column to cut crossings. Places no path reaches go below the rest, so they stand out.
Graphviz is optional: ``dot_positions`` raises ``LayoutError`` with a message a trainer can act on.
"""

from __future__ import annotations

import itertools
import shlex
import shutil
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import partial

SWEEPS = 4
DOT_TIMEOUT = 20.0
POINTS_PER_INCH = 72.0


class LayoutError(Exception):
    """The optional layout could not be made; the message says why and what to do."""


@dataclass
class Layers:
    """Columns left to right, each ordered top to bottom, and the bends of long arrows.

    An arrow that spans several columns passes through one bend point per column in between
    (ids starting with ``~``, which no place id can), so it runs between boxes, not under them.
    """

    columns: list[list[str]]
    bends: dict[tuple[str, str], list[str]] = field(default_factory=dict)

    @staticmethod
    def is_bend(item: str) -> bool:
        return item.startswith("~")


def layered(
    places: list[str],
    edges: Iterable[tuple[str, str]],
    roots: list[str],
    below: Iterable[str] = (),
    loose: Iterable[tuple[str, str]] = (),
) -> Layers:
    """Lay out ``places``: ``roots`` (the start) are searched first; ``below`` (unreachable places)
    sit near what they lead to, at the bottom of their columns; ``loose`` edges only keep their
    target to the right of their source (no bends, no say in the order: mood-rule arrows)."""
    succ = _successors(places, edges)
    both = _successors(places, [*_pairs(succ), *loose])
    topo, back = _depth_first(places, both, roots)
    column = _longest_path(topo, both, back)
    sunk = set(below)
    _pull_right(topo, both, back, column, sunk)
    count = max(column.values(), default=-1) + 1
    columns: list[list[str]] = [[] for _ in range(count)]
    for place in topo:
        columns[column[place]].append(place)
    links, bends = _bend_points(succ, column, columns)
    _order(columns, links, column)
    ordered = [[p for p in col if p not in sunk] + [p for p in col if p in sunk] for col in columns]
    return Layers(ordered, bends)


def _successors(places: list[str], edges: Iterable[tuple[str, str]]) -> dict[str, list[str]]:
    succ: dict[str, list[str]] = {p: [] for p in places}
    for source, target in edges:
        if source != target and source in succ and target in succ and target not in succ[source]:
            succ[source].append(target)
    return succ


def _pairs(succ: dict[str, list[str]]) -> list[tuple[str, str]]:
    return [(s, t) for s, targets in succ.items() for t in targets]


def _pull_right(
    topo: list[str], succ: dict[str, list[str]], back: set[tuple[str, str]], column: dict[str, int], movable: set[str]
) -> None:
    """Move ``movable`` places (no path from the start reaches them) next to what they lead to."""
    for place in reversed(topo):
        if place in movable:
            ahead = [column[c] for c in succ[place] if (place, c) not in back]
            if ahead:
                column[place] = max(column[place], min(ahead) - 1)


def _bend_points(
    succ: dict[str, list[str]], column: dict[str, int], columns: list[list[str]]
) -> tuple[dict[str, list[str]], dict[tuple[str, str], list[str]]]:
    """Links between neighbouring columns only, with bend points standing in for long arrows."""
    links: dict[str, list[str]] = {p: [] for p in succ}
    bends: dict[tuple[str, str], list[str]] = {}
    for source, targets in succ.items():
        for target in targets:
            a, b = column[source], column[target]
            if a == b:
                continue
            low, high = (source, target) if a < b else (target, source)
            chain = [low]
            for c in range(min(a, b) + 1, max(a, b)):
                bend = f"~{len(column)}"
                column[bend] = c
                columns[c].append(bend)
                links[bend] = []
                chain.append(bend)
            chain.append(high)
            for left, right in itertools.pairwise(chain):
                links[left].append(right)
            if len(chain) > 2:
                bends[(source, target)] = chain[1:-1] if a < b else chain[-2:0:-1]
    return links, bends


def _depth_first(places: list[str], succ: dict[str, list[str]], roots: list[str]) -> tuple[list[str], set[tuple[str, str]]]:
    """A topological order once back edges are ignored, and the back edges themselves."""
    state: dict[str, int] = {}  # 1: on the current path, 2: finished
    post: list[str] = []
    back: set[tuple[str, str]] = set()
    for root in [*roots, *places]:
        if root in state or root not in succ:
            continue
        state[root] = 1
        stack = [(root, iter(succ[root]))]
        while stack:
            place, children = stack[-1]
            for child in children:
                if child not in state:
                    state[child] = 1
                    stack.append((child, iter(succ[child])))
                    break
                if state[child] == 1:
                    back.add((place, child))
            else:
                state[place] = 2
                post.append(place)
                stack.pop()
    return post[::-1], back


def _longest_path(topo: list[str], succ: dict[str, list[str]], back: set[tuple[str, str]]) -> dict[str, int]:
    column = dict.fromkeys(topo, 0)
    for place in topo:
        for child in succ[place]:
            if (place, child) not in back:
                column[child] = max(column[child], column[place] + 1)
    return column


def _order(columns: list[list[str]], links: dict[str, list[str]], column: dict[str, int]) -> None:
    """Barycentre sweeps, right then left: each item moves to the mean height of its neighbours."""
    left: dict[str, list[str]] = {p: [] for p in column}
    right: dict[str, list[str]] = {p: [] for p in column}
    for a, targets in links.items():
        for b in targets:
            left[b].append(a)
            right[a].append(b)
    pos = _positions(columns)
    for _ in range(SWEEPS):
        for neighbours, sweep in ((left, columns[1:]), (right, columns[-2::-1])):
            for col in sweep:
                col.sort(key=partial(_height, neighbours, pos))
                pos.update(_positions([col]))


def _positions(columns: list[list[str]]) -> dict[str, float]:
    """Heights centred on zero, so columns of different sizes line up around the middle."""
    return {p: i - (len(col) - 1) / 2 for col in columns for i, p in enumerate(col)}


def _height(neighbours: dict[str, list[str]], pos: dict[str, float], place: str) -> tuple[float, float]:
    return _mean(neighbours[place], pos), pos[place]


def _mean(neighbours: list[str], pos: dict[str, float]) -> float:
    return sum(pos[n] for n in neighbours) / len(neighbours) if neighbours else float("inf")


# -- Graphviz (optional) -------------------------------------------------------------------


def dot_program() -> str | None:
    """The path of Graphviz's ``dot``, or None when it isn't installed."""
    return shutil.which("dot")


def dot_positions(
    places: list[str],
    edges: Iterable[tuple[str, str]],
    sizes: dict[str, tuple[float, float]],
    program: str | None = None,
) -> dict[str, tuple[float, float]]:
    """Centres (in pixels, y down) of every place as ``dot`` lays them out left to right."""
    program = program or dot_program()
    if program is None:
        raise LayoutError("Graphviz isn't installed, so the map uses the built-in layout. Install Graphviz ('dot') to use it.")
    try:
        done = subprocess.run(
            [program, "-Tplain"],
            input=_dot_source(places, edges, sizes),
            capture_output=True,
            text=True,
            timeout=DOT_TIMEOUT,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise LayoutError(f"Graphviz could not lay out this map ({exc}); the built-in layout is shown instead.") from exc
    if done.returncode != 0:
        reason = (done.stderr.strip().splitlines() or ["no message"])[0]
        raise LayoutError(f"Graphviz failed ({reason}); the built-in layout is shown instead.")
    return _parse_plain(done.stdout)


def _dot_source(places: list[str], edges: Iterable[tuple[str, str]], sizes: dict[str, tuple[float, float]]) -> str:
    lines = ["digraph map {", "  rankdir=LR; nodesep=0.25; ranksep=0.7;", "  node [shape=box, fixedsize=true];"]
    for place in places:
        width, height = sizes.get(place, (120.0, 40.0))
        lines.append(f'  "{place}" [width={width / POINTS_PER_INCH:.3f}, height={height / POINTS_PER_INCH:.3f}];')
    lines.extend(f'  "{source}" -> "{target}";' for source, target in edges)
    lines.append("}")
    return "\n".join(lines)


def _parse_plain(text: str) -> dict[str, tuple[float, float]]:
    height = 0.0
    centres: dict[str, tuple[float, float]] = {}
    for line in text.splitlines():
        parts = shlex.split(line)
        if parts[:1] == ["graph"] and len(parts) >= 4:
            height = float(parts[3])
        elif parts[:1] == ["node"] and len(parts) >= 4:
            centres[parts[1]] = (float(parts[2]) * POINTS_PER_INCH, (height - float(parts[3])) * POINTS_PER_INCH)
    return centres
