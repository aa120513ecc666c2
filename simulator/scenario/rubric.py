"""The default rubric, taken from the source material; scenarios may extend or re-weight it."""

from __future__ import annotations

from simulator.scenario.model import EXPRESSIONS, Dimension

CORE = ("alternatives", "listening", "emotional_repair", "surprise")

DEFAULT_RUBRIC: dict[str, Dimension] = {
    "alternatives": Dimension(
        "alternatives",
        "Offering alternatives",
        "Plan B: when you can't serve them, suggest reasonable, thoughtful options and make them "
        "easy to act on (contact, directions, links).",
    ),
    "listening": Dimension(
        "listening",
        "Listening",
        "Dramatic listening from the customer's perspective; stop explaining.",
    ),
    "emotional_repair": Dimension(
        "emotional_repair",
        "Emotional repair",
        "Acknowledge the customer's insecurity and feelings and show you value them, before and while you fix the problem.",
    ),
    "surprise": Dimension(
        "surprise",
        "Surprise",
        "Fix it fast, then an unexpected personal gesture that turns OOPS into WOW.",
    ),
}


def mood_face(mood: int) -> str:
    """The expression a mood shows: five bands of 20 points from furious to delighted."""
    return EXPRESSIONS[min(max(mood, 0) // 20, 4)]
