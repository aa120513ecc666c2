"""Statements built from engine events: shape, deterministic ids, actor formats, our validator and Ralph's."""

from __future__ import annotations

import copy
import json
import random
import uuid
from typing import Any

import pytest
from xapihelp import bundled, session_statements

from simulator.engine import FakeClock, Session
from simulator.xapi import statements as xapi
from simulator.xapi.rules import InvalidStatement, check, problems
from simulator.xapi.statements import EXT, ActorSettings, SessionStatements, actor, duration, timestamp

SCENARIOS = bundled()


def verbs(statements: list[dict[str, Any]]) -> list[str]:
    return [s["verb"]["id"].rsplit("/", 1)[-1] for s in statements]


def played(scenario: Any, picks: list[int], *, mode: str = "practice", undo_after: int | None = None) -> tuple[Session, list]:
    clock = FakeClock()
    session = Session(scenario, clock=clock, mode=mode)
    builder = SessionStatements(scenario, session.id, mode, actor("t-1", "Ana Lima", None, ActorSettings()), now=clock.now)
    out: list[dict[str, Any]] = []
    session.listeners.append(lambda event: out.extend(builder.for_event(event)))
    session.begin()
    for step, pick in enumerate(picks, 1):
        clock.advance(4.25)
        session.choose(pick)
        if step == undo_after:
            clock.advance(1)
            session.undo()
    return session, out


def test_a_finished_session_is_initialized_answered_completed_and_passed_or_failed() -> None:
    scenario = SCENARIOS[0]
    session, out = played(scenario, [])
    rng = random.Random(3)
    while not session.finished:
        session.clock.advance(2)  # type: ignore[attr-defined]
        session.choose(rng.randint(1, len(session.available_choices())))
    names = verbs(out)
    assert names[0] == "initialized" and names[-2] == "completed" and names[-1] in ("passed", "failed")
    assert names[1:-2] == ["answered"] * len(session.decisions)
    assert {s["context"]["registration"] for s in out} == {session.id}
    assert len({s["id"] for s in out}) == len(out)
    for statement, decision in zip(out[1:-2], session.decisions, strict=True):
        assert statement["object"]["id"].endswith(f"/nodes/{decision.node}")
        assert statement["result"]["response"] == " ".join(decision.text.split())
        points = {k.rsplit("/", 1)[-1]: v for k, v in statement["result"]["extensions"].items() if "/points/" in k}
        assert points == decision.points
    final = out[-1]["result"]
    assert 0 <= final["score"]["scaled"] <= 1
    assert final["success"] is (names[-1] == "passed")
    assert final["duration"].startswith("PT")
    group = out[0]["context"]["contextActivities"]["grouping"][0]
    assert group["id"].endswith(scenario.content_hash[:16])
    assert out[0]["context"]["revision"] == scenario.version
    assert all(problems(s) == [] for s in out)


def test_ids_are_uuid5_of_the_session_and_step_so_rebuilding_gives_the_same_ids() -> None:
    scenario = SCENARIOS[1]
    first = session_statements(scenario, seed=11)
    registration = first[0]["context"]["registration"]
    assert first[0]["id"] == str(uuid.uuid5(xapi.NAMESPACE, f"{registration}/initialized"))
    assert first[1]["id"] == str(uuid.uuid5(xapi.NAMESPACE, f"{registration}/answered/1"))
    assert all(uuid.UUID(s["id"]).version == 5 for s in first)
    clock = FakeClock()
    again = Session(scenario, clock=clock, session_id=registration)
    builder = SessionStatements(scenario, registration, "practice", first[0]["actor"], now=clock.now)
    assert builder.initialized(clock.now().isoformat())["id"] == first[0]["id"]
    again.close()


def test_stepping_back_voids_the_answer_and_the_new_answer_gets_a_new_id() -> None:
    scenario = SCENARIOS[2]
    session, out = played(scenario, [1, 1], undo_after=2)
    assert verbs(out) == ["initialized", "answered", "answered", "voided"]
    assert out[3]["object"] == {"objectType": "StatementRef", "id": out[2]["id"]}
    session.clock.advance(2)  # type: ignore[attr-defined]
    session.choose(1)
    session.close()
    assert verbs(out)[-1] == "answered"
    assert out[-1]["id"] not in {s["id"] for s in out[:-1]}
    assert "revision" not in out[3]["context"] and "platform" not in out[3]["context"]


def test_a_timeout_has_no_response_and_says_it_timed_out() -> None:
    scenario = next(s for s in SCENARIOS if any(n.timeout for n in s.nodes.values()))
    node = next(n for n in scenario.nodes.values() if n.timeout)
    clock = FakeClock()
    session = Session(scenario, clock=clock, start=node.id)
    builder = SessionStatements(scenario, session.id, "practice", actor("t", "T", None, ActorSettings()), now=clock.now)
    out: list[dict[str, Any]] = []
    session.listeners.append(lambda event: out.extend(builder.for_event(event)))
    session.begin()
    clock.advance(node.time_limit or 1)
    session.timeout()
    session.close()
    answered = out[1]["result"]
    assert answered["extensions"][f"{EXT}/timed-out"] is True
    assert answered["extensions"][f"{EXT}/choice"] == -1
    assert problems(out[1]) == []


def test_actor_as_account_or_mbox() -> None:
    default = actor("uuid-1", "Ana Lima", None, ActorSettings())
    assert default["account"] == {"homePage": xapi.DEFAULT_HOME_PAGE, "name": "uuid-1"}
    org = actor("uuid-1", "Ana Lima", "E-042", ActorSettings(home_page="https://lms.example.com"))
    assert org["account"] == {"homePage": "https://lms.example.com", "name": "E-042"}
    mbox = actor("uuid-1", "Ana Lima", "E-042", ActorSettings("mbox", mbox_domain="example.com"))
    assert mbox["mbox"] == "mailto:E-042@example.com" and "account" not in mbox
    assert actor("u", "A", "ana@corp.example", ActorSettings("mbox"))["mbox"] == "mailto:ana@corp.example"
    with pytest.raises(ValueError, match="mbox_domain"):
        actor("u", "A", None, ActorSettings("mbox"))


@pytest.mark.parametrize(
    ("seconds", "expected"), [(0, "PT0S"), (3.2, "PT3.2S"), (59.999, "PT1M0S"), (61.5, "PT1M1.5S"), (3723.04, "PT1H2M3.04S")]
)
def test_durations_are_iso_8601(seconds: float, expected: str) -> None:
    assert duration(seconds) == expected


def test_timestamps_are_utc_with_milliseconds() -> None:
    assert timestamp("2026-01-05T10:00:00.123456+01:00") == "2026-01-05T09:00:00.123Z"
    assert timestamp("2026-01-05T09:00:00") == "2026-01-05T09:00:00.000Z"


def _one() -> dict[str, Any]:
    return session_statements(SCENARIOS[0], seed=5, undo=0.0)[-1]


BREAKAGES = {
    "no actor": lambda s: s.pop("actor"),
    "two identifiers": lambda s: s["actor"].update(mbox="mailto:a@example.com"),
    "bad mbox": lambda s: s["actor"].update(account=None) or s["actor"].pop("account") or s["actor"].update(mbox="a@b"),
    "relative verb IRI": lambda s: s["verb"].update(id="answered"),
    "IRI with a space": lambda s: s["object"].update(id="https://x.example/a b"),
    "scaled above 1": lambda s: s["result"]["score"].update(scaled=1.5),
    "raw above max": lambda s: s["result"]["score"].update(raw=101),
    "bad duration": lambda s: s["result"].update(duration="12 seconds"),
    "bad registration": lambda s: s["context"].update(registration="not-a-uuid"),
    "naive timestamp": lambda s: s.update(timestamp="2026-01-05T09:00:00"),
    "empty response": lambda s: s["result"].update(response=""),
    "bad language tag": lambda s: s["verb"].update(display={"en US": "x"}),
    "unknown property": lambda s: s.update(score=1),
    "revision on a StatementRef": lambda s: s.update(object={"objectType": "StatementRef", "id": s["id"]}),
    "success not a bool": lambda s: s["result"].update(success="yes"),
}


@pytest.mark.parametrize("name", sorted(BREAKAGES))
def test_our_validator_catches(name: str) -> None:
    statement = _one()
    assert problems(statement) == []
    BREAKAGES[name](statement)
    assert problems(statement), name
    with pytest.raises(InvalidStatement):
        check(statement)


def test_a_large_sample_passes_ralphs_independent_xapi_models_and_ours() -> None:
    """Every bundled scenario, many seeded walks, both modes, both actor formats: Ralph agrees with us."""
    from ralph.models.xapi.base.statements import BaseXapiStatement

    mbox = ActorSettings("mbox", mbox_domain="example.com")
    sample: list[dict[str, Any]] = []
    for index, scenario in enumerate(SCENARIOS):
        for seed in range(40):
            mode = "assessment" if seed % 4 == 0 else "practice"
            sample += session_statements(scenario, seed=index * 1000 + seed, mode=mode, settings=mbox if seed % 5 == 0 else None)
    assert len(sample) >= 2000
    assert {"initialized", "answered", "voided", "completed", "passed", "failed"} <= set(verbs(sample))
    for statement in sample:
        assert problems(statement) == [], statement
        BaseXapiStatement.model_validate(json.loads(json.dumps(statement)))


def test_ralph_also_refuses_what_ours_refuses() -> None:
    """The validators are independent; where Ralph checks a rule, it must agree that the broken statement is bad."""
    from pydantic import ValidationError
    from ralph.models.xapi.base.statements import BaseXapiStatement

    ralph_checks = ["no actor", "two identifiers", "bad mbox", "scaled above 1", "bad registration", "empty response"]
    ralph_checks += ["unknown property", "revision on a StatementRef", "success not a bool", "IRI with a space"]
    for name in ralph_checks:
        statement = copy.deepcopy(_one())
        BREAKAGES[name](statement)
        with pytest.raises(ValidationError):
            BaseXapiStatement.model_validate(statement)
