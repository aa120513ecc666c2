"""What a debrief can teach at a costly moment: the better reply that was on offer there, and why.

Only replies that are always shown at that node are offered (a reply behind ``when`` may not have
been on screen), and only one worth more than the reply taken, by the points the file declares.
"""

from __future__ import annotations

from simulator.scenario.model import Choice, Scenario


def better_reply(scenario: Scenario, node_id: str, taken: str) -> Choice | None:
    """The best always-shown reply at ``node_id`` if it is worth more than ``taken`` (a reply's text)."""
    node = scenario.nodes.get(node_id)
    if node is None:
        return None
    worth = {choice.text: sum(choice.points.values()) for choice in node.choices}
    offered = [choice for choice in node.choices if choice.when is None]
    if not offered:
        return None
    best = max(offered, key=lambda choice: sum(choice.points.values()))
    floor = worth.get(taken, min(worth.values(), default=0) - 1)  # a timeout's text is not a reply: any reply beats it
    return best if best.text != taken and sum(best.points.values()) > floor else None
