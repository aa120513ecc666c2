"""`simulator import`: exit codes, the report's format, never overwriting, bad files, and a real-sized story."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from twine_stories import as_html, as_twee

from simulator.cli import main
from simulator.scenario import explore, load_scenario
from simulator.scenario.playspace import simulate
from simulator.scenario.rules import rules_of

REPORT_LINE = re.compile(r"^.+:\d+: (error|warning|note|todo): [a-z0-9-]+: .+$")
DRAFT = (
    ":: StoryTitle\nLost bag\n"
    ":: Start\nMy bag is gone.\n[[Sorry->Heard]]\n[[Nowhere]]\n"
    ":: Heard [listening+2 outcome-loyal]\nThanks.\n"
)


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    assert "details in" not in err  # the CLI's last line of defence was never needed
    return code, out, err


def test_import_writes_a_scenario_that_validates_and_reports_at_twine_lines(tmp_path: Path, capsys) -> None:
    source = tmp_path / "lost bag.twee"
    source.write_text(DRAFT, encoding="utf-8")
    out = tmp_path / "lost-bag.yaml"
    code, stdout, stderr = run(["import", str(source), "--out", str(out)], capsys)
    assert code == 0
    assert load_scenario(out).ok
    lines = stdout.splitlines()
    assert all(REPORT_LINE.match(line) for line in lines), lines
    assert f"{source}:6: warning: broken-link: [[Nowhere]] in 'Start' leads to no passage; the reply is dropped" in lines
    assert f"wrote {out}: 1 nodes and 1 endings" in stderr
    assert code == run(["validate", str(out)], capsys)[0] == 0


def test_an_existing_file_is_never_overwritten(tmp_path: Path, capsys) -> None:
    source = tmp_path / "draft.twee"
    source.write_text(DRAFT, encoding="utf-8")
    out = tmp_path / "taken.yaml"
    out.write_text("mine", encoding="utf-8")
    code, _, stderr = run(["import", str(source), "--out", str(out)], capsys)
    assert code == 2
    assert out.read_text() == "mine"
    assert "taken.yaml already exists" in stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["missing.twee", "--out", "x.yaml"], "missing.twee: no such file"),
        (["draft.twee", "--out", "x.txt"], "must end in .yaml or .yml"),
        (["draft.twee", "--out", "no/such/folder/x.yaml"], "no such folder"),
    ],
)
def test_bad_usage_exits_2(tmp_path: Path, monkeypatch, capsys, args: list[str], message: str) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "draft.twee").write_text(DRAFT, encoding="utf-8")
    code, _, stderr = run(["import", *args], capsys)
    assert code == 2
    assert message in stderr
    assert not (tmp_path / "x.yaml").exists()


def test_out_is_required_and_story_only_picks_in_a_library(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "draft.twee").write_text(DRAFT, encoding="utf-8")
    with pytest.raises(SystemExit) as exited:
        main(["import", "draft.twee"])
    assert exited.value.code == 2
    code, stdout, _ = run(["import", "draft.twee", "--out", "x.yaml", "--story", "Two"], capsys)
    assert code == 1
    assert stdout.startswith("draft.twee:1: error: no-such-story: --story picks a story in a Twine 2 library file")


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("notes.twee", b"Just notes, no passages.\n", ":1: error: no-passages:"),
        ("page.html", b"<html><body>Hello</body></html>", ":1: error: no-story:"),
        ("image.html", b"\x89PNG\r\n\x1a\n\x00\x00\x00", ":1: error: binary-file:"),
        ("latin1.twee", b":: Start\n\n:: Caf\xe9\nx\n", ":3: error: not-utf8:"),
        ("empty.twee", b"", ":1: error: no-passages:"),
        ("cut.html", b'<tw-storydata name="x"><tw-passagedata name="a" pid="1"', ":1: error: no-passages:"),
        ("only-code.twee", b":: Code [script]\nalert(1)\n", ":1: error: no-passages:"),
        ("garbage.html", b"<tw-storydata <<<>>> &#xFFFFFFF; <!-- <tw-passagedata", ":1: error: no-passages:"),
    ],
)
def test_files_that_hold_no_story_exit_1_with_file_and_line(
    tmp_path: Path, capsys, name: str, content: bytes, expected: str
) -> None:
    source = tmp_path / name
    source.write_bytes(content)
    code, stdout, stderr = run(["import", str(source), "--out", str(tmp_path / "out.yaml")], capsys)
    assert code == 1
    assert f"{source}{expected}" in stdout
    assert "nothing written" in stderr
    assert not (tmp_path / "out.yaml").exists()


def test_a_library_archive_story_is_picked_with_story(tmp_path: Path, capsys) -> None:
    source = tmp_path / "library.html"
    source.write_text(
        '<tw-storydata name="One" startnode="1"><tw-passagedata pid="1" name="A">[[B]]</tw-passagedata>'
        '<tw-passagedata pid="2" name="B">b</tw-passagedata></tw-storydata>\n'
        '<tw-storydata name="Two" startnode="2"><tw-passagedata pid="1" name="C">c</tw-passagedata>'
        '<tw-passagedata pid="2" name="D">[[C]]</tw-passagedata></tw-storydata>\n',
        encoding="utf-8",
    )
    assert run(["import", str(source), "--out", str(tmp_path / "two.yaml"), "--story", "Two"], capsys)[0] == 0
    assert load_scenario(tmp_path / "two.yaml").scenario.start == "d"  # type: ignore[union-attr]


@pytest.mark.parametrize(("suffix", "write"), [(".twee", as_twee), (".html", as_html)])
def test_a_real_sized_story_imports_quickly_and_validates(tmp_path: Path, suffix: str, write) -> None:
    from simulator.authoring.twine import import_twine

    source = tmp_path / f"queue{suffix}"
    source.write_text(write(60), encoding="utf-8")
    started = time.perf_counter()
    result = import_twine(source, tmp_path / "queue.yaml")
    elapsed = time.perf_counter() - started
    assert result.written, [str(n) for n in result.notes if n.level == "error"]
    assert (result.nodes, result.endings) == (60, 3)
    loaded = load_scenario(tmp_path / "queue.yaml")
    assert loaded.ok
    assert [p for p in loaded.problems if p.code == "unreachable"] == []
    assert elapsed < 3.0  # loosely: about 0.25 s here; benchmarks/bench_twine.py measures it properly


def test_a_story_with_many_loops_is_played_out_in_few_states(tmp_path: Path) -> None:
    """Guard for issue 15: the rule of play remembers the replies taken (points count once) only
    inside the loop play is in. Remembering them for every loop already left made the exact
    search meet every combination: this 200-passage draft went past the 50,000-state limit (4 s
    of lint, then bounds instead of exact scores); now it is a few states per place."""
    from simulator.authoring.twine import import_twine

    source = tmp_path / "queue.twee"
    source.write_text(as_twee(200), encoding="utf-8")
    assert import_twine(source, tmp_path / "queue.yaml").written
    scenario = load_scenario(tmp_path / "queue.yaml", lint=False).scenario
    assert scenario is not None
    assert len(set(rules_of(scenario).loop_of.values())) >= 10  # the draft really loops, in many places
    space = simulate(scenario)
    assert space is not None and len(space.steps) <= 3 * len(space.places)
    assert explore(scenario).exact
