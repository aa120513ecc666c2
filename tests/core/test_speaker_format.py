"""A second character's line (#17 point 8): ``speaker:`` next to ``say:`` names who says it, and every
place the line is shown or quoted away from the play screen names them: the CLI transcript, the JSON
scorecard's moments, the supervisor's hardest places, the xAPI activity (the Twine import: tests/authoring)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from simulator.cli import main
from simulator.scenario import load_scenario

SMALL = Path(__file__).parent.parent / "fixtures" / "good" / "small.yaml"
BUNDLED = Path(__file__).resolve().parents[2] / "scenarios" / "rained-out-park.yaml"
ROSA = "The photo... with the big blue dog"


def _with(tmp_path: Path, old: str, new: str, name: str = "s.yaml") -> Path:
    text = SMALL.read_text()
    assert old in text
    path = tmp_path / name
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def _problems(path: Path) -> list[str]:
    return [str(p) for p in load_scenario(path).problems]


def test_a_named_speaker_is_read_and_the_customer_speaks_everywhere_else(tmp_path: Path) -> None:
    path = _with(tmp_path, "  b:\n    say: Well?", "  b:\n    speaker: Captain Comet\n    say: Well?")
    path.write_text(path.read_text().replace("debrief: Lost.}", "debrief: Lost., speaker: Rosa, say: Adios.}"))
    loaded = load_scenario(path)
    assert loaded.problems == [] and loaded.scenario is not None
    scenario = loaded.scenario
    assert scenario.nodes["b"].speaker == "Captain Comet" and scenario.endings["gone"].speaker == "Rosa"
    assert scenario.speaker(scenario.nodes["b"], first=True) == "Captain Comet"  # a named speaker stays whole
    assert scenario.speaker(scenario.nodes["a"]) == "Ann" and scenario.nodes["a"].speaker == ""


def test_a_file_without_speakers_reads_as_before() -> None:
    scenario = load_scenario(SMALL).scenario
    assert scenario is not None
    assert all(p.speaker == "" for p in (*scenario.nodes.values(), *scenario.endings.values()))


@pytest.mark.parametrize(
    ("value", "code", "words"),
    [
        ('""', "empty-text", "'speaker' in node 'b' is empty"),
        ('"Rosa\\nDelgado"', "bad-value", "a name on one line"),
        ("R" * 61, "bad-value", "at most 60 characters"),
        ("[Rosa, Luis]", "wrong-type", "'speaker' in node 'b' must be text, not a list"),
        ('"Rosa\\e[31m"', "control-character", "invisible control character (U+001B)"),
        ('"Rosa\\u202e"', "control-character", "(U+202E)"),
    ],
)
def test_a_bad_speaker_is_an_error_at_its_line(tmp_path: Path, value: str, code: str, words: str) -> None:
    path = _with(tmp_path, "  b:\n    say: Well?", f"  b:\n    speaker: {value}\n    say: Well?")
    line = path.read_text().splitlines().index(f"    speaker: {value}") + 1
    [problem] = [p for p in _problems(path) if f": error: {code}: " in p]
    assert problem.startswith(f"{path}:{line}:") and words in problem


def test_a_speaker_on_an_ending_that_says_nothing_is_a_warning(tmp_path: Path) -> None:
    path = _with(tmp_path, "debrief: Lost.}", "debrief: Lost., speaker: Rosa}")
    line = next(i for i, t in enumerate(path.read_text().splitlines(), 1) if "speaker: Rosa" in t)
    assert _problems(path) == [
        f"{path}:{line}:{path.read_text().splitlines()[line - 1].index('Rosa') + 1}: warning: unused-speaker: "
        "ending 'gone' names a speaker but says nothing"
    ]


def test_the_lint_catches_a_second_character_named_only_in_the_words(tmp_path: Path) -> None:
    scripted = _with(tmp_path, "say: Well?", "say: (Rosa, shyly) Well?", "a.yaml")
    scripted.write_text(scripted.read_text().replace("summary: A small demo.", "summary: Ann and her mother Rosa."))
    [problem] = load_scenario(scripted).problems
    assert (problem.code, problem.severity) == ("unnamed-speaker", "warning")
    assert "write 'speaker: Rosa'" in problem.message
    assert problem.line == scripted.read_text().splitlines().index("  b:") + 1  # the node, as the other node checks
    # a manner of speaking is not a person, and a named line is already right
    manner = _with(tmp_path, "say: Well?", "say: (Quietly, to you) Well?", "b.yaml")
    assert load_scenario(manner).problems == []
    labelled = scripted.read_text().replace("  b:\n    say:", "  b:\n    speaker: Rosa\n    say:")
    (tmp_path / "c.yaml").write_text(labelled)
    assert load_scenario(tmp_path / "c.yaml").problems == []


def test_the_bundled_rained_out_park_names_rosa() -> None:
    scenario = load_scenario(BUNDLED).scenario
    assert scenario is not None
    wish = scenario.nodes["grandma-wish"]
    assert wish.speaker == "Rosa" and wish.say.startswith(ROSA)


BEST = "3,3,1,3,1,2,3,1"  # the scenario's own best-path test: through Rosa's wish to the Captain Comet surprise


def test_play_transcript_and_json_moments_name_rosa(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["play", str(BUNDLED), "--choose", BEST]) == 0
    out = capsys.readouterr().out
    assert f"  Rosa: {ROSA}" in out
    assert "  Maria: We drove three hours" in out
    assert main(["play", str(BUNDLED), "--choose", BEST, "--format", "json"]) == 0
    moments = json.loads(capsys.readouterr().out)["scorecard"]["moments"]
    said_by = {m["node"]: m["speaker"] for m in moments}
    assert said_by["grandma-wish"] == "Rosa" and said_by["at-the-window"] == "Maria"


def test_quotes_away_from_the_conversation_name_the_second_character() -> None:
    from simulator.engine import FakeClock, Session
    from simulator.reports.data import _texts
    from simulator.xapi.statements import ActorSettings, SessionStatements, actor

    scenario = load_scenario(BUNDLED).scenario
    assert scenario is not None
    said, _text, _feedback = _texts(scenario, "grandma-wish", 2)  # the supervisor's hardest places and wrong replies
    assert said.startswith(f"Rosa: {ROSA}")
    assert _texts(scenario, "at-the-window", None)[0].startswith("We drove three hours")
    clock = FakeClock()
    session = Session(scenario, clock=clock, mode="assessment")
    builder = SessionStatements(scenario, session.id, "assessment", actor("t-1", "Ana", None, ActorSettings()), now=clock.now)
    sent: list[dict] = []
    session.listeners.append(lambda event: sent.extend(builder.for_event(event)))
    session.begin()
    for pick in BEST.split(","):
        clock.advance(3)
        session.choose(int(pick))
    answered = {s["object"]["id"].rsplit("/", 1)[-1]: s["object"]["definition"] for s in sent if "/nodes/" in s["object"]["id"]}
    assert next(iter(answered["grandma-wish"]["description"].values())).startswith(f"Rosa: {ROSA}")
    assert next(iter(answered["at-the-window"]["description"].values())).startswith("We drove three hours")


def test_the_supervisors_key_moments_keep_who_said_it(tmp_path: Path) -> None:
    from simulator.engine import FakeClock, Session
    from simulator.reports.data import key_moments
    from simulator.store import open_store

    scenario = load_scenario(BUNDLED).scenario
    assert scenario is not None
    with open_store(tmp_path / "results.db") as store:
        store.add_trainee("Dana Reyes", None)
        session = Session(scenario, clock=FakeClock(), mode="assessment")
        store.attach(session, "Dana Reyes")
        session.begin()
        for pick in BEST.split(","):
            session.clock.advance(5)  # type: ignore[attr-defined]
            session.choose(int(pick))
        session.close()
        gains, _losses = key_moments(store, store.sessions(scenario_id=scenario.id), count=10)
    said_by = {m.said[:20]: m.speaker for m in gains}
    assert said_by[ROSA[:20]] == "Rosa" and set(said_by.values()) == {"Rosa", "Maria"}
