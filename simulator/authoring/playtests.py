"""Run the playthroughs a scenario declares under ``tests:``: a scenario is tested like code."""

from __future__ import annotations

from dataclasses import dataclass

from simulator.engine import FakeClock, PlayError, Session, scorecard
from simulator.scenario.model import PlayTest, Scenario


@dataclass
class PlayTestResult:
    path: str
    line: int
    name: str
    passed: bool
    message: str
    ending: str = ""
    overall: float | None = None

    def __str__(self) -> str:
        verdict = "ok" if self.passed else "FAIL"
        return f"{self.path}:{self.line}: {verdict}: {self.name}" + ("" if self.passed else f": {self.message}")


def run_playtest(scenario: Scenario, test: PlayTest) -> PlayTestResult:
    session = Session(scenario, clock=FakeClock())

    def result(passed: bool, message: str) -> PlayTestResult:
        card = scorecard(session)
        session.close()
        return PlayTestResult(scenario.path, test.line, test.name, passed, message, session.state, card.overall)

    for step, number in enumerate(test.choose, 1):
        if session.finished:
            return result(False, f"the conversation ended at '{session.state}' before step {step}")
        try:
            session.timeout() if number == "t" else session.choose(int(number))
        except PlayError as exc:
            return result(False, f"step {step} at '{session.state}': {exc}")
    if not session.finished:
        return result(False, f"no ending reached: stopped at '{session.state}' after {len(test.choose)} choices")
    overall = scorecard(session).overall or 0.0
    problem = _verdict(test, session.state, overall)
    return result(problem is None, problem or f"reached '{session.state}' with {overall:g}")


def _verdict(test: PlayTest, ending: str, overall: float) -> str | None:
    """Why a finished playthrough fails its expectations, or None when it meets them."""
    if test.ending and ending != test.ending:
        return f"reached ending '{ending}', expected '{test.ending}'"
    if test.score_min is not None and overall < test.score_min:
        return f"overall score {overall:g} is below the minimum {test.score_min:g}"
    if test.score_max is not None and overall > test.score_max:
        return f"overall score {overall:g} is above the maximum {test.score_max:g}"
    return None


def run_playtests(scenario: Scenario) -> list[PlayTestResult]:
    return [run_playtest(scenario, test) for test in scenario.tests]
