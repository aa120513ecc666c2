"""Plain-text transcript and scorecard, as ``simulator play`` prints them."""

from __future__ import annotations

from collections.abc import Iterable

from simulator.engine.events import Decision
from simulator.engine.scoring import BOUNDS_NOTE, Scorecard
from simulator.scenario.model import Ending, Node, Scenario
from simulator.scenario.rubric import mood_face


def header(scenario: Scenario) -> list[str]:
    c = scenario.customer
    version = f" v{scenario.version}" if scenario.version else ""
    return [
        f"{scenario.title} ({scenario.id}{version}, {scenario.difficulty}, ~{scenario.minutes:g} min)",
        f"Customer: {c.name}, mood {c.mood} ({mood_face(c.mood)})",
        "",
    ]


def place_lines(scenario: Scenario, place: Node | Ending) -> list[str]:
    lines = [f"[{place.id}]"]
    if place.narration:
        lines.append(f"  ({place.narration.strip()})")
    if place.say:
        lines.append(f"  {scenario.speaker(place, first=True)}: {place.say.strip()}")
    return lines


def decision_lines(d: Decision, show_feedback: bool = True) -> list[str]:
    label = "(no answer: time ran out)" if d.choice_index < 0 else f"{d.number}. {d.text.strip()}"
    pts = ", ".join(f"{k} {v:+d}" for k, v in d.points.items())
    change = f"mood {d.mood_before} -> {d.mood_after}" + (f"; {pts}" if pts else "")
    lines = [f"  You wrote: {' '.join(d.typed.split())}", f"  You meant: {label}"] if d.typed else [f"  You: {label}"]
    lines.append(f"     [{change}]")
    if show_feedback and d.feedback:
        lines.append(f"     Feedback: {d.feedback.strip()}")
    if d.forced:
        lines.append("     The customer's mood forced the conversation elsewhere.")
    return lines


def transcript(scenario: Scenario, start: str, decisions: Iterable[Decision], show_feedback: bool = True) -> list[str]:
    lines = header(scenario)
    current = start
    for d in decisions:
        lines += place_lines(scenario, scenario.place(current))
        lines += decision_lines(d, show_feedback)
        lines.append("")
        current = d.target
    place = scenario.place(current)
    lines += place_lines(scenario, place)
    return lines


def scorecard_lines(card: Scorecard) -> list[str]:
    if card.finished:
        lines = ["", f"=== {card.ending_title} ({card.outcome}) ===", card.debrief.strip(), ""]
    else:
        lines = ["", "=== Not finished ===", ""]
    lines.append("Scorecard")
    for d in card.dimensions:
        scaled = "  n/a" if d.scaled is None else f"{d.scaled:5.1f}"
        lines.append(f"  {d.label:<24} {scaled}   ({d.earned} of {d.best} points)")
    overall = "n/a" if card.overall is None else f"{card.overall:.1f}"
    verdict = "passed" if card.passed else "not passed"
    lines.append(f"  {'Overall':<24} {overall:>5}   {verdict}")
    if not card.exact:
        lines.append(f"  {BOUNDS_NOTE}")
    gains, losses = card.key_moments()
    for title, moments in (("What worked", gains), ("What cost you", losses)):
        if moments:
            lines += ["", title]
            lines += [f'  {m.impact:+.0f}  "{m.text.strip()}" - {m.feedback.strip()}' for m in moments]
    return lines
