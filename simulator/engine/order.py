"""The order a session shows a node's replies in: the file's, or a shuffle seeded per session.

With a fixed order a trainee learns "it's always the second one" instead of the skill, and a bot
that always picks the same number passes. The seed is stored with the session, so a resume, a
transcript or an export shows exactly the order the trainee saw. Each reply gets a sort key from
(seed, node, its place in the file): the order at a node is the same on every visit, and a reply
hidden by ``when`` leaves the others in the same relative order.
"""

from __future__ import annotations

import hashlib
import secrets

from simulator.scenario.model import Choice, Node

SEED_LIMIT = 2**31  # fits SQLite's INTEGER and a command-line argument comfortably


def new_seed() -> int:
    """A fresh seed for a session in the app."""
    return secrets.randbelow(SEED_LIMIT)


def _key(seed: int, node: str, index: int) -> bytes:
    return hashlib.blake2b(f"{seed}\x1f{node}\x1f{index}".encode(), digest_size=8).digest()


def in_order(shown: list[Choice], node: Node | None, seed: int | None) -> list[Choice]:
    """``shown`` as this session shows it: the file's order without a seed or at an ``order: fixed`` node."""
    if seed is None or node is None or node.order == "fixed" or len(shown) < 2:
        return shown
    return sorted(shown, key=lambda choice: _key(seed, node.id, choice.index))
