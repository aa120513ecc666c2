"""Whole-scenario checks that need the graph: reachability, endings, loops, unused names."""

from __future__ import annotations

import re
from collections.abc import Callable

from simulator.scenario.exploration import can_finish, explore
from simulator.scenario.gaming import check_gaming
from simulator.scenario.graph import edges_of, from_start, is_cyclic
from simulator.scenario.model import TIMEOUT, Ending, Node, Scenario
from simulator.scenario.playspace import MAX_NODES, MAX_STATES, PlaySpace, simulate
from simulator.scenario.problems import Problem, Severity
from simulator.scenario.rubric import DEFAULT_RUBRIC

# A line opening the way a script names who speaks: "(Rosa, shyly) ..." or "Rosa: ..."
_SCRIPTED = re.compile(r"^\s*(?:\(\s*(?P<aside>[^\W\d_][\w'’-]*)\s*[,)]|(?P<tag>[^\W\d_][\w'’-]*)\s*:)")


def lint_scenario(scenario: Scenario, broken: bool = False) -> list[Problem]:
    """Graph and usage problems. With ``broken`` (structural errors already found) only the
    checks that stay meaningful on a partly read file are run."""
    found: list[Problem] = []

    def add(line: int, col: int, severity: Severity, code: str, message: str) -> None:
        found.append(Problem(scenario.path, line, col, severity, code, message))

    edges = edges_of(scenario)
    if scenario.start not in edges:
        return found
    places, components = from_start(scenario)
    finishing = can_finish(scenario, edges)
    if not any(p in scenario.endings for p in places):
        add(*scenario.line_of_start, "error", "no-ending", "no ending can be reached from the start")
    for component in components:
        if is_cyclic(component, edges) and not finishing.intersection(component):
            first = min((scenario.nodes[p] for p in component), key=lambda n: n.line)
            add(
                first.line,
                first.col,
                "error",
                "trapped-cycle",
                f"the loop {' -> '.join(sorted(component)[:5])} has no way out to an ending",
            )
    if broken:
        return found
    for place_id in sorted((scenario.nodes.keys() | scenario.endings.keys()) - places):
        place = scenario.place(place_id)
        kind = "ending" if place_id in scenario.endings else "node"
        add(place.line, place.col, "warning", "unreachable", f"no path from the start reaches {kind} '{place_id}'")
    _usage(scenario, add)
    _channel(scenario, add)
    _cues(scenario, add)
    _speakers(scenario, add)
    _real_play(scenario, places, finishing, add)
    _gaming(scenario, add)
    return found


def _gaming(scenario: Scenario, add: Callable[..., None]) -> None:
    """Scores that can't be trusted: scaled against bounds, or earned without reading (``gaming.py``)."""
    report = explore(scenario)
    if not report.exact:
        add(*scenario.line_of_start, "warning", "inexact-scores",
            f"the exact search gave up (more than {MAX_STATES:,} states, or more than {MAX_NODES} nodes): "
            "scores are scaled against bounds from the graph, which real play may never reach, so even "
            "a perfect path may score under 100")  # fmt: skip
    check_gaming(scenario, report.max_points(), report.strategies, simulate(scenario), add)


def _real_play(scenario: Scenario, static: set[str], finishing: set[str], add: Callable[..., None]) -> None:
    """Play every reachable state: places the conditions never allow, trainees left with no button
    or caught in an endless loop, replies never shown, mood rules that bounce back to themselves."""
    space = simulate(scenario)
    _bouncing_rules(scenario, space, add)
    if space is None:
        return
    if not space.endings and any(p in scenario.endings for p in static):
        add(*scenario.line_of_start, "error", "no-ending", "no ending can be reached once conditions and mood are played out")
    for place_id in sorted(static - space.places):
        place = scenario.place(place_id)
        add(place.line, place.col, "warning", "unreachable",
            f"'{place_id}' is never reached in play: the 'when' conditions or the mood never lead there")  # fmt: skip
    stuck = {state.place for state in space.stuck()}
    for node_id in sorted(stuck):
        node = scenario.nodes[node_id]
        add(node.line, node.col, "error", "all-choices-hidden",
            f"a trainee can reach '{node_id}' with every choice hidden by its 'when' and no timeout")  # fmt: skip
    for group in space.trapped() if space.endings else ():
        places = sorted({state.place for state in group})
        if not finishing.intersection(places):
            continue  # the graph itself has no way out: trapped-cycle says so already
        node = min((scenario.nodes[p] for p in places), key=lambda n: n.line)
        add(node.line, node.col, "error", "trapped-in-play",
            f"a trainee can be caught going round {' -> '.join(places[:5])} for ever: in play (conditions and "
            "mood rules included) no move from there leads to an ending")  # fmt: skip
    _never_shown(scenario, space, stuck, add)


def _never_shown(scenario: Scenario, space: PlaySpace, stuck: set[str], add: Callable[..., None]) -> None:
    shown: set[tuple[str, int]] = set()
    for state, steps in space.steps.items():
        shown.update((state.place, step.move.index) for step in steps)
    for node_id in sorted((space.places & scenario.nodes.keys()) - stuck):  # all-choices-hidden covers those
        for choice in scenario.nodes[node_id].choices:
            if choice.when is not None and (node_id, choice.index) not in shown:
                add(choice.line, choice.col, "warning", "never-shown",
                    f"reply {choice.index + 1} of '{node_id}' is never shown: its 'when: {choice.when.source}' is "
                    "false every time play reaches this node")  # fmt: skip


def _bouncing_rules(scenario: Scenario, space: PlaySpace | None, add: Callable[..., None]) -> None:
    """A mood rule whose target node can fire the same rule again: keep the customer happy (or
    angry) there and the conversation bounces back to it for ever."""
    for rule in scenario.mood_rules:
        node = scenario.nodes.get(rule.goto)
        if node is None:
            continue
        if space is not None:
            again = [s.move for st, steps in space.steps.items() if st.place == node.id for s in steps if s.rule is rule]
        else:
            again = [m for m in node.moves if rule.checked_after(m)]
        if again:
            move = again[0]
            which = "its timeout" if move.index == TIMEOUT else f"reply {move.index + 1}"
            kind = f"below: {rule.threshold}" if rule.below else f"above: {rule.threshold}"
            mood = "angry" if rule.below else "happy"
            add(rule.line, rule.col, "warning", "mood-rule-loop",
                f"the mood rule '{kind}' sends the conversation to node '{node.id}', where {which} can fire it again: "
                f"a trainee who keeps the customer {mood} bounces back there for ever; point it at an ending")  # fmt: skip


def _usage(scenario: Scenario, add: Callable[..., None]) -> None:
    """Variables never read, dimensions never scored."""
    read: set[str] = set()
    scored: set[str] = set()
    for node in scenario.nodes.values():
        for move in node.moves:
            if move.when:
                read |= move.when.names
            for _, effect in move.effects:
                read |= effect.names
            scored |= {d for d, p in move.points.items() if p > 0}
    for name in scenario.variables:
        if name not in read:
            where = scenario.anchors.get(f"variables.{name}", (1, 1))
            add(*where, "warning", "unused-variable", f"variable '{name}' is never read by a 'when' or 'set'")
    for dim in scenario.rubric:
        if dim not in scored:
            kind = "added" if dim not in DEFAULT_RUBRIC else "core"
            where = scenario.anchors.get(f"rubric.{dim}", (1, 1))
            add(*where, "warning", "unused-dimension", f"no choice earns points for the {kind} dimension '{dim}'")


def _channel(scenario: Scenario, add: Callable[..., None]) -> None:
    """Things the file asks for that its channel can't show: a face on a call, a stopwatch on an email."""
    if scenario.channel == "in-person":
        return
    for node in scenario.nodes.values():
        if node.face:
            add(node.line, node.col, "warning", "channel-face",
                f"node '{node.id}' sets a face, but a {scenario.channel} conversation shows none: "
                "put the tone in the words instead, e.g. '[voice tight] ...'")  # fmt: skip
        if scenario.channel == "email" and node.time_limit:
            add(node.line, node.col, "warning", "channel-timer",
                f"node '{node.id}' has a time limit, but nobody answers an email against a clock in seconds: "
                "drop it, or make the scenario a chat or a phone call")  # fmt: skip


def _cues(scenario: Scenario, add: Callable[..., None]) -> None:
    """A cue that is word for word another reply (or its cue) at the same node makes typed matching a coin toss."""
    for node in scenario.nodes.values():
        owner: dict[str, int] = {}
        for choice in node.choices:
            for phrase in (choice.text, *choice.cues):
                key = " ".join(phrase.lower().split())
                first = owner.setdefault(key, choice.index)
                if first != choice.index:
                    add(choice.line, choice.col, "warning", "cue-clash",
                        f"choice {choice.index + 1} of '{node.id}' has the cue '{phrase}', which is also "
                        f"choice {first + 1}'s; a typed reply like it can't tell them apart")  # fmt: skip


def _speakers(scenario: Scenario, add: Callable[..., None]) -> None:
    """A line that names another speaker only in its words ("(Rosa, shyly) ...") is labelled with the
    customer's name everywhere it is shown or quoted; ``speaker:`` labels it right. Only names the
    summary or persona introduces count, so "(Quietly, ...)" is not taken for a person."""
    introduced = set(re.findall(r"[^\W\d_][\w'’-]*", f"{scenario.summary} {scenario.customer.persona}"))
    customer = set(scenario.customer.name.split())
    places: list[Node | Ending] = [*scenario.nodes.values(), *scenario.endings.values()]
    for place in places:
        found = None if place.speaker else _SCRIPTED.match(place.say)
        name = (found.group("aside") or found.group("tag")) if found else ""
        if found and name[0].isupper() and name in introduced and name not in customer:
            add(place.line, place.col, "warning", "unnamed-speaker",
                f"'{place.id}' opens with '{found.group(0).strip()}': if {name} says it, write 'speaker: {name}' "
                f"so the play screen, debrief and exports name {name}, not {scenario.customer.name}")  # fmt: skip
