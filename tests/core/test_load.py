"""Loader and lint: a corpus of broken files, each with the problems it must produce."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from simulator.scenario import load_bytes, load_scenario
from simulator.scenario.yamlpos import MAX_BYTES

FIXTURES = Path(__file__).parent.parent / "fixtures"
BAD = sorted((FIXTURES / "bad").glob("*.yaml"))
GOOD = sorted((FIXTURES / "good").glob("*.yaml"))


def expected(path: Path) -> set[str]:
    first = path.read_bytes().split(b"\n", 1)[0].decode()
    assert first.startswith("# expect: "), f"{path.name} must start with '# expect: code@line ...'"
    return set(first.removeprefix("# expect: ").split())


@pytest.mark.parametrize("path", BAD, ids=lambda p: p.stem)
def test_bad_file_reports_exact_problems(path: Path) -> None:
    loaded = load_scenario(path)
    assert {f"{p.code}@{p.line}" for p in loaded.problems} == expected(path)
    for problem in loaded.problems:
        assert str(problem).startswith(f"{path}:{problem.line}:{problem.col}: {problem.severity}: {problem.code}: ")
        assert problem.col >= 1


@pytest.mark.parametrize("path", GOOD, ids=lambda p: p.stem)
def test_good_file_has_no_problems(path: Path) -> None:
    loaded = load_scenario(path)
    assert loaded.problems == []
    assert loaded.ok and loaded.scenario is not None


def test_did_you_mean_for_keys_and_targets(tmp_path: Path) -> None:
    text = (FIXTURES / "good" / "small.yaml").read_text().replace("goto: happy", "goto: hapy").replace("narration", "x")
    text = text.replace("time_limit: 10", "time_limt: 10")
    path = tmp_path / "typo.yaml"
    path.write_text(text)
    messages = [p.message for p in load_scenario(path).problems]
    assert any("did you mean 'time_limit'?" in m for m in messages)
    assert any("did you mean 'happy'?" in m for m in messages)


def test_file_over_size_limit_is_refused_without_reading_it_all(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    path.write_bytes(b"x: " + b"a" * (MAX_BYTES + 10))
    [problem] = load_scenario(path).problems
    assert problem.code == "file-too-large"


def test_missing_file_and_folder_are_problems_not_exceptions(tmp_path: Path) -> None:
    assert load_scenario(tmp_path / "nope.yaml").problems[0].code == "unreadable"
    assert load_scenario(tmp_path).problems[0].code == "unreadable"


def test_positions_survive_for_semantic_errors() -> None:
    loaded = load_scenario(FIXTURES / "bad" / "unknown_target.yaml")
    [problem] = loaded.problems
    line = (FIXTURES / "bad" / "unknown_target.yaml").read_text().splitlines()[problem.line - 1]
    assert line[problem.col - 1 :].startswith("nowhere")


def test_content_hash_and_source_are_kept() -> None:
    path = FIXTURES / "good" / "small.yaml"
    scenario = load_scenario(path).scenario
    assert scenario is not None
    assert scenario.source == path.read_text()
    assert len(scenario.content_hash) == 64
    again = load_bytes(path.read_bytes(), "elsewhere.yaml").scenario
    assert again is not None and again.content_hash == scenario.content_hash


def test_random_garbage_never_raises() -> None:
    rng = random.Random(1234)
    base = (FIXTURES / "good" / "small.yaml").read_bytes()
    for _ in range(300):
        kind = rng.randrange(3)
        if kind == 0:
            raw = bytes(rng.randrange(256) for _ in range(rng.randrange(1, 400)))
        elif kind == 1:
            lines = base.split(b"\n")
            for _ in range(rng.randrange(1, 6)):
                lines.pop(rng.randrange(len(lines)))
            raw = b"\n".join(lines)
        else:
            chars = bytearray(base)
            for _ in range(rng.randrange(1, 10)):
                chars[rng.randrange(len(chars))] = rng.choice(b"{}[]:-&*!|>'\" \n\t#%@`")
            raw = bytes(chars)
        loaded = load_bytes(raw, "fuzz.yaml")
        assert loaded.scenario is not None or loaded.problems


def test_channel_is_read_defaults_to_in_person_and_reaches_the_card_header() -> None:
    from simulator.scenario.header import read_header

    chat = FIXTURES / "good" / "chat_channel.yaml"
    assert load_scenario(chat).scenario.channel == "chat"  # type: ignore[union-attr]
    assert load_scenario(FIXTURES / "good" / "small.yaml").scenario.channel == "in-person"  # type: ignore[union-attr]
    assert read_header(chat.read_bytes())["channel"] == "chat"  # type: ignore[index]
    header = read_header((FIXTURES / "good" / "small.yaml").read_bytes())
    assert header is not None and "channel" not in header and header["customer.name"] == "Ann"
