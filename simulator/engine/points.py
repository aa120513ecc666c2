"""The one point scale trainees see: what a reply did to the overall score out of 100.

A scenario file gives raw points per dimension ("surprise: 3"), but raw points mean nothing
across scenarios and dimensions: 3 surprise points may be the whole dimension in one file and a
tenth of it in another. The coach bubble during play and the debrief after it both say a reply's
effect in overall points (the same numbers), so "+29 points" in the debrief is the "+29" the
trainee saw when answering, and its per-skill parts add up to it.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Protocol


class Scorable(Protocol):
    """A rubric dimension with the most any path can earn in it (``scoring.DimensionScore`` is one)."""

    id: str
    weight: float
    best: int


def point_scale(dims: Sequence[Scorable]) -> dict[str, float]:
    """Overall points per raw point of each dimension: the overall score is their weighted mean."""
    counted = [d for d in dims if d.best > 0]
    total_weight = sum(d.weight for d in counted) or 1.0
    return {d.id: d.weight * 100.0 / d.best / total_weight for d in counted}


def impact(points: Mapping[str, int], scale: Mapping[str, float]) -> float:
    """A reply's effect on the overall score (negative: points lost)."""
    return round(sum(scale.get(dim, 0.0) * p for dim, p in points.items()), 1)


def signed(value: float) -> str:
    """A whole number with its sign, a real minus sign (U+2212): a hyphen next to a number reads as a dash."""
    whole = round(value)
    return f"{whole:+d}".replace("-", "−") if whole else "0"


def parts(points: Mapping[str, int], scale: Mapping[str, float]) -> dict[str, int]:
    """Each dimension's share of ``impact`` in whole points, adding up to the rounded total
    (largest remainders get the odd points); dimensions whose share rounds to nothing are left out."""
    exact = {dim: scale[dim] * p for dim, p in points.items() if p and dim in scale}
    whole = {dim: math.floor(value) for dim, value in exact.items()}
    left = round(impact(points, scale)) - sum(whole.values())
    for dim in sorted(exact, key=lambda d: whole[d] - exact[d])[: max(0, left)]:
        whole[dim] += 1
    return {dim: value for dim, value in whole.items() if value}


def points_said(points: Mapping[str, int], scale: Mapping[str, float], labels: Mapping[str, str]) -> str:
    """The line both the coach and the debrief show, like "+29 points: Surprise +21, Emotional repair +8"."""
    total = signed(impact(points, scale))
    shares = ", ".join(f"{labels.get(dim, dim)} {signed(value)}" for dim, value in parts(points, scale).items())
    noun = "point" if total in ("+1", "−1") else "points"
    return f"{total} {noun}: {shares}" if shares else f"{total} {noun}"
