from __future__ import annotations

import pytest

from simulator.scenario.expr import ExprError, UndefinedName, compile_expr

TYPES = {"mood": int, "asked": bool, "count": int, "plan": str}
ENV = {"mood": 35, "asked": False, "count": 2, "plan": "aquarium"}


@pytest.mark.parametrize(
    ("source", "value"),
    [
        ("mood < 40", True),
        ("not asked and count >= 2", True),
        ("asked or count - 3 == -1", True),
        ("plan == 'aquarium'", True),
        ('plan != "zoo"', True),
        ("(count + 1) * 1", None),
        ("count + 10 - mood", -23),
        ("-count", -2),
        ("true and not false", True),
    ],
)
def test_evaluates(source: str, value: object) -> None:
    if value is None:
        with pytest.raises(ExprError):
            compile_expr(source, TYPES)
        return
    assert compile_expr(source, TYPES).evaluate(ENV) == value


@pytest.mark.parametrize(
    "source",
    ["__import__('os').system('x')", "mood <", "asked + 1", "plan < 3", "count and asked", "1 2", "", "(mood", "open('f')"],
)
def test_rejects(source: str) -> None:
    with pytest.raises(ExprError):
        compile_expr(source, TYPES)


def test_undefined_name_is_its_own_error() -> None:
    with pytest.raises(UndefinedName):
        compile_expr("apologised", TYPES)


def test_names_are_collected() -> None:
    assert compile_expr("mood > 3 and not asked", TYPES).names == {"mood", "asked"}


def test_length_limit() -> None:
    with pytest.raises(ExprError):
        compile_expr(" or ".join(["asked"] * 200), TYPES)
