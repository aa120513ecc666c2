"""Limits a scenario's own face SVG must keep before the app will draw it.

A face file is data from the scenario's author, and QtSvg draws whatever it is given: 2 KB of
nested ``<use>`` (8 levels of 10) expand to 10^8 shapes and froze the window for 80 s, a 50 MB
file took 50 s, an ``<image>`` could show any local picture. This reads the file with the
standard library's XML parser, with no DTD (so no entities to expand), and measures what
drawing it would cost before Qt ever sees it. Render *time* is bounded separately, by the
GUI: a single path can be slow to fill without breaking any limit here.
"""

from __future__ import annotations

import os
import re
import xml.etree.ElementTree as ET
from functools import lru_cache
from pathlib import Path

MAX_BYTES = 256 * 1024  # the bundled faces are about 3 KB
MAX_ELEMENTS = 5_000
MAX_DEPTH = 32  # elements inside elements
MAX_USE_DEPTH = 4  # a <use> of something that itself holds a <use>...
MAX_DRAWN = 20_000  # elements drawn once every <use> is expanded
HREFS = ("href", "{http://www.w3.org/1999/xlink}href")
DTD = re.compile(r"<!(DOCTYPE|ENTITY)", re.IGNORECASE)


class FaceRefused(ValueError):
    """Why a face file won't be drawn, in words for the scenario's author."""


def face_problem(path: str | Path) -> str | None:
    """What is wrong with the face SVG at ``path`` (None: safe to draw); cached while the file is unchanged."""
    try:
        info = os.stat(path)
    except OSError as exc:
        return f"can't be read ({exc.strerror or exc})"
    return _problem(str(path), info.st_mtime_ns, info.st_size)


@lru_cache(maxsize=128)
def _problem(path: str, _mtime: int, size: int) -> str | None:
    if size > MAX_BYTES:
        return f"is {size:,} bytes; a face may be at most {MAX_BYTES:,}"
    try:
        with open(path, "rb") as handle:  # the caller has made sure it is a regular file
            raw = handle.read(MAX_BYTES + 1)
        check_svg(raw)
    except OSError as exc:
        return f"can't be read ({exc.strerror or exc})"
    except FaceRefused as exc:
        return str(exc)
    return None


def check_svg(raw: bytes) -> None:
    """Raise ``FaceRefused`` unless ``raw`` is a small, self-contained SVG that is cheap to draw."""
    if len(raw) > MAX_BYTES:
        raise FaceRefused(f"is {len(raw):,} bytes; a face may be at most {MAX_BYTES:,}")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FaceRefused(f"is not UTF-8 text (byte {exc.start:,})") from None
    if DTD.search(text):
        raise FaceRefused("declares a DTD or entities (<!DOCTYPE/<!ENTITY); faces may not")
    try:
        root = ET.fromstring(text)  # noqa: S314 (no DTD got this far, so no entities to expand; size capped above)
    except ET.ParseError as exc:
        line, col = exc.position
        raise FaceRefused(f"is not well-formed XML (line {line}, column {col + 1})") from None
    if _local(root.tag) != "svg":
        raise FaceRefused(f"is not an SVG (its root element is <{_local(root.tag)}>)")
    by_id = _walk(root)
    drawn = _Expansion(by_id).drawn(root, 0)
    if drawn > MAX_DRAWN:
        raise FaceRefused(f"draws more than {MAX_DRAWN:,} elements once its <use> copies are expanded")


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _walk(root: ET.Element) -> dict[str, ET.Element]:
    """Count and nest-check every element, refuse outside references; the elements by id."""
    by_id: dict[str, ET.Element] = {}
    count = 0
    stack = [(root, 1)]
    while stack:
        element, depth = stack.pop()
        count += 1
        if count > MAX_ELEMENTS:
            raise FaceRefused(f"has more than {MAX_ELEMENTS:,} elements")
        if depth > MAX_DEPTH:
            raise FaceRefused(f"nests elements more than {MAX_DEPTH} deep")
        for attribute in HREFS:
            target = element.get(attribute)
            if target is not None and not target.strip().startswith(("#", "data:")):
                where = f"<{_local(element.tag)}> refers to '{target[:80]}'"
                raise FaceRefused(f"{where}: a face may only refer to its own parts or embedded data")
        if element.get("id"):
            by_id.setdefault(element.get("id", ""), element)
        stack.extend((child, depth + 1) for child in element)
    return by_id


class _Expansion:
    """Per element: the elements drawn with every ``<use>`` replaced by a copy of its target, and the
    longest chain of ``<use>`` inside it; each element is measured once, so this is linear."""

    def __init__(self, by_id: dict[str, ET.Element]) -> None:
        self.by_id = by_id
        self.known: dict[int, tuple[int, int]] = {}
        self.open: set[int] = set()

    def drawn(self, element: ET.Element, uses: int) -> int:
        return self._measure(element, uses)[0]

    def _measure(self, element: ET.Element, uses: int) -> tuple[int, int]:
        key = id(element)
        if key in self.open:
            raise FaceRefused(f"a <use> leads back to itself (through id '{element.get('id', '?')}')")
        if key not in self.known:
            self.open.add(key)
            parts = [self._measure(child, uses) for child in element]
            if _local(element.tag) == "use":
                parts.append(self._target(element, uses))
            drawn = 1 + sum(p[0] for p in parts)
            self.known[key] = (min(drawn, MAX_DRAWN + 1), max((p[1] for p in parts), default=0))
            self.open.discard(key)
        drawn, depth = self.known[key]
        if uses + depth > MAX_USE_DEPTH:
            raise FaceRefused(f"nests <use> of <use> more than {MAX_USE_DEPTH} deep")
        return drawn, depth

    def _target(self, use: ET.Element, uses: int) -> tuple[int, int]:
        href = next((use.get(a) for a in HREFS if use.get(a)), "") or ""
        target = self.by_id.get(href.strip()[1:])
        if target is None:
            return 0, 0
        if uses + 1 > MAX_USE_DEPTH:
            raise FaceRefused(f"nests <use> of <use> more than {MAX_USE_DEPTH} deep")
        drawn, depth = self._measure(target, uses + 1)
        return drawn, depth + 1
