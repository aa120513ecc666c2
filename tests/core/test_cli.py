"""The `simulator` command as a trainer uses it: output format and exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from simulator.cli import main

FIXTURES = Path(__file__).parent.parent / "fixtures"
SMALL = str(FIXTURES / "good" / "small.yaml")


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "simulator", *args], capture_output=True, text=True, timeout=60, check=False)


def test_validate_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", SMALL]) == 0
    assert main(["validate", str(FIXTURES / "bad" / "unreachable.yaml")]) == 0  # warnings only
    assert main(["validate", str(FIXTURES / "bad" / "unknown_target.yaml")]) == 1
    assert main(["validate", str(FIXTURES / "nope.yaml")]) == 2
    out = capsys.readouterr()
    assert "unknown_target.yaml:16:15: error: unknown-target: no node or ending called 'nowhere'" in out.out
    assert "no such file or folder" in out.err


def test_validate_folder_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(FIXTURES / "bad"), "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["files"] == len(list((FIXTURES / "bad").glob("*.yaml")))
    assert data["errors"] > 10
    assert {"path", "line", "col", "severity", "code", "message"} <= set(data["problems"][0])


def test_usage_errors_exit_2() -> None:
    assert run("validate").returncode == 2
    assert run("play", SMALL, "--choose", "1,x").returncode == 2
    assert run("frobnicate").returncode == 2


def test_garbage_never_shows_a_traceback(tmp_path: Path) -> None:
    junk = tmp_path / "junk.yaml"
    junk.write_bytes(bytes(range(256)) * 10)
    for args in (("validate", str(junk)), ("play", str(junk)), ("explore", str(junk))):
        result = run(*args)
        assert result.returncode == 1
        assert "Traceback" not in result.stderr + result.stdout
        assert "binary-file" in result.stdout + result.stderr


def test_play_prints_transcript_and_scorecard(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["play", SMALL, "--choose", "1,2,1"]) == 0
    out = capsys.readouterr().out
    assert "Ann: Hi, this is awful." in out and "You: 1. Tell me more." in out
    assert "=== Happy (loyal) ===" in out and "Overall" in out and "100.0" in out
    assert "Feedback: good" in out


def test_play_json_with_timeout_and_assessment(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["play", SMALL, "--choose", "t,3", "--mode", "assessment", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [d["choice_index"] for d in data["decisions"]] == [-1, 2]
    assert data["scorecard"]["outcome"] == "neutral" and data["finished"]


def test_play_invalid_choice_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["play", SMALL, "--choose", "1,7"]) == 1
    assert "choose a number from 1 to 3, not 7" in capsys.readouterr().err


def test_play_refuses_a_hidden_reply_and_says_why(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["play", SMALL, "--choose", "1,2,3"]) == 1  # "Ask again" hid itself: 2 replies left at 'b'
    err = capsys.readouterr().err
    assert "at 'b', step 3: choose a number from 1 to 2, not 3: 2 replies are shown here (1 more is hidden by 'when')" in err


def test_play_from_a_node(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["play", SMALL, "--start", "b", "--choose", "1"]) == 0
    assert "[b]" in capsys.readouterr().out
    assert main(["play", SMALL, "--start", "zzz"]) == 2


def test_explore_text_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explore", SMALL]) == 0
    text = capsys.readouterr().out
    assert "Reachable endings (3)" in text and "Distinct paths: 9" in text and "exact" in text
    assert main(["explore", SMALL, "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["dimensions"]["listening"]["max"] == 3 and data["paths"] == 9 and data["exact"]
    assert main(["explore", str(FIXTURES / "good" / "cyclic.yaml"), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["paths"] == "unbounded" and data["exact"]  # loops are played out, not bounded


def test_help_names_every_command() -> None:
    out = run("--help").stdout
    for command in ("validate", "explore", "play"):
        assert command in out


def test_app_start_skips_the_command_parsers() -> None:
    from simulator.cli import opens_app

    assert opens_app([]) and opens_app(["--db", "x.db"]) and opens_app(["--scenario", "play", "--self-test"])
    assert not opens_app(["validate", "x"]) and not opens_app(["--help"]) and not opens_app(["--db", "x", "play"])


def test_app_start_reads_its_options_without_argparse() -> None:
    """argparse, with the gettext/locale/shutil it pulls in, is ~5 ms of start-up: the app's plain
    options are read by hand, and everything else (help, errors, other spellings) goes to argparse."""
    from simulator.cli import app_args

    args = app_args(["--scenario", "s.yaml", "--db", "x.db", "--self-test"])
    assert args is not None and (args.db, args.scenario, args.self_test) == ("x.db", "s.yaml", True)
    assert app_args([]) is not None and app_args([]).db is None  # type: ignore[union-attr]
    for argv in (["--db"], ["--db", "--self-test"], ["--db=x.db"], ["--version"], ["-h"], ["--dbx", "y"], ["play"]):
        assert app_args(argv) is None, argv
    code = (
        "import sys, simulator.app as app\n"
        "late = ('argparse', 'shutil', 'locale', 'html', 'tempfile')\n"
        "app.run_app = lambda args: print(sorted(m for m in late if m in sys.modules), args.db) or 0\n"
        "from simulator.cli import main\n"
        "sys.exit(main(['--db', 'x.db']))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[] x.db"
    assert run("--db").returncode == 2  # argparse's own message for a missing value


def test_match_ranks_a_nodes_replies(capsys: pytest.CaptureFixture[str]) -> None:
    park = str(FIXTURES / "good" / "typed_replies.yaml")
    assert main(["match", park, "--node", "lobby", "--format", "json", "sorry,", "the lobby is no good for your call"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["node"] == "lobby" and data["verdict"] == "clear"
    assert [r["number"] for r in data["ranked"]][:2] == [1, 2]  # positions in the file, best first
    assert data["ranked"][0]["text"].startswith("Sorry, you're right, the lobby")
    assert data["ranked"][0]["similarity"] > data["ranked"][1]["similarity"]
    assert main(["match", park, "--node", "lobby", "use the business centre, it's free"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "clear: closest to reply 2" and out[1].lstrip().startswith("2  +")


def test_match_bad_input_is_a_message(capsys: pytest.CaptureFixture[str]) -> None:
    park = str(FIXTURES / "good" / "typed_replies.yaml")
    assert main(["match", park, "--node", "lobb", "hello"]) == 2
    assert "did you mean 'lobby'" in capsys.readouterr().err
    assert main(["match", park, "--node", "lobby", "  "]) == 2
    assert "TEXT is empty" in capsys.readouterr().err
    assert main(["match", park, "--node", "lobby", "Je suis vraiment désolé pour ce salon bruyant"]) == 0
    assert capsys.readouterr().out.startswith("unsure: not sure")
    assert main(["match", park, "--node", "lobby", "sorry " * 500]) == 0
    assert "only the first 2,000 characters" in capsys.readouterr().err
