"""From passages to a scenario: link forms, endings, start, cycles, scoring tags, markup, skipped code."""

from __future__ import annotations

from pathlib import Path

import yaml
from twine_help import line_of, notes, run_import

from simulator.authoring.twine.passage_text import parse_link, split_passage
from simulator.scenario import load_scenario


def written(tmp_path: Path) -> dict:
    out = tmp_path / "out.yaml"
    loaded = load_scenario(out)
    assert loaded.ok, [str(p) for p in loaded.problems]
    return yaml.safe_load(out.read_text())


def test_each_link_form_becomes_a_reply() -> None:
    assert parse_link("Gate") == ("Gate", "Gate", "")
    assert parse_link("Say hi|Gate") == ("Say hi", "Gate", "")
    assert parse_link("Say hi->Gate") == ("Say hi", "Gate", "")
    assert parse_link("Gate<-Say hi") == ("Say hi", "Gate", "")
    assert parse_link("a->b->Gate") == ("a->b", "Gate", "")  # the rightmost ->
    assert parse_link("Gate<-a<-b") == ("a<-b", "Gate", "")  # the leftmost <-
    assert parse_link("Go|Gate][$x to 1") == ("Go", "Gate", "$x to 1")


def test_links_in_a_draft_become_replies_and_linkless_passages_endings(tmp_path: Path) -> None:
    text = (
        ":: Start\nWe drove two hours.\n[[Gate]]\n[[Ask why->Why]]\n* [[Why<-Ask again]]\n1. [[Offer a Plan B|Plan B]]\n"
        "\n:: Gate\nThe gate is shut.\n[[Why]]\n\n:: Why\nBecause of the storm.\n\n:: Plan B\nThe aquarium it is.\n"
    )
    result = run_import(tmp_path, text)
    assert result.written, [str(n) for n in result.notes]
    data = written(tmp_path)
    start = data["nodes"]["start"]
    assert start["say"] == "We drove two hours."
    assert [(c["text"], c["goto"]) for c in start["choices"]] == [
        ("Gate", "gate"), ("Ask why", "why"), ("Ask again", "why"), ("Offer a Plan B", "plan-b"),
    ]  # fmt: skip
    assert set(data["nodes"]) == {"start", "gate"}
    assert set(data["endings"]) == {"why", "plan-b"}
    assert data["endings"]["plan-b"] == {
        "outcome": "neutral", "title": "Plan B", "say": "The aquarium it is.",
        "debrief": "Write what the trainee should take away from this ending.",
    }  # fmt: skip
    assert (result.nodes, result.endings) == (2, 2)


def test_an_inline_link_keeps_its_words_in_the_sentence() -> None:
    parts = split_passage("You could [[ask for a refund->Refund]] or wait.\n- [[Wait]]")
    assert parts.say == ["You could ask for a refund or wait."]
    assert [(link.text, link.target, link.offset) for link in parts.links] == [
        ("ask for a refund", "Refund", 0),
        ("Wait", "Wait", 1),
    ]


def test_links_to_nowhere_are_warned_and_dropped(tmp_path: Path) -> None:
    text = ":: Start\nHello.\n[[Fine->End]]\n[[Lost->Nowhere]]\n\n:: Hub\nAll broken.\n[[Gone]]\n[[Start<-x]]\n:: End\nBye.\n"
    text = text.replace("[[Start<-x]]", "[[StoryTitle<-x]]")
    result = run_import(tmp_path, text)
    broken = notes(result, "broken-link")
    assert [n.line for n in broken] == [4, 8, 9]
    assert broken[0].message == "[[Lost->Nowhere]] in 'Start' leads to no passage; the reply is dropped"
    assert [n.line for n in notes(result, "all-links-broken")] == [6]
    data = written(tmp_path)
    assert [c["goto"] for c in data["nodes"]["start"]["choices"]] == ["end"]
    assert "hub" in data["endings"]


def test_the_start_comes_from_story_data_then_start_then_the_first_passage(tmp_path: Path) -> None:
    body = ":: Intro\nHi\n[[Start]]\n:: Start\nHello\n[[End]]\n:: End\nBye\n"
    run_import(tmp_path, ':: StoryData\n{"start": "Intro"}\n' + body)
    assert written(tmp_path)["start"] == "intro"
    (tmp_path / "out.yaml").unlink()
    result = run_import(tmp_path, body)
    assert written(tmp_path)["start"] == "start"
    assert notes(result, "no-start") == []
    (tmp_path / "out.yaml").unlink()
    result = run_import(
        tmp_path, ':: StoryData\n{"start": "Missing"}\n' + body.replace(":: Start", ":: Begin").replace("[[Start]]", "[[Begin]]")
    )
    assert written(tmp_path)["start"] == "intro"
    assert [(n.line, n.code) for n in result.notes if n.code in ("bad-start", "no-start")] == [(1, "bad-start"), (3, "no-start")]


def test_a_start_with_no_links_writes_nothing(tmp_path: Path) -> None:
    result = run_import(tmp_path, ":: Start\nOnly words.\n:: Other\n[[Start]]\n")
    assert not result.written
    assert not (tmp_path / "out.yaml").exists()
    assert [(n.line, n.level, n.code) for n in result.notes if n.level == "error"] == [(1, "error", "start-is-ending")]


def test_a_loop_with_a_way_out_imports_and_a_trapped_loop_is_an_error_at_its_passage(tmp_path: Path) -> None:
    looping = (
        ":: Start\nWhy?\n[[Explain->Again]]\n[[Listen->Done]]\n:: Again\nStill why?\n[[Explain more->Start]]\n:: Done\nThanks.\n"
    )
    result = run_import(tmp_path, looping)
    assert result.written
    assert written(tmp_path)["nodes"]["again"]["choices"][0]["goto"] == "start"
    (tmp_path / "out.yaml").unlink()
    trapped = looping.replace("[[Listen->Done]]", "[[Listen->Done]]\n[[Hesitate->Spin]]")
    trapped += ":: Spin\nRound\n[[Spin2]]\n:: Spin2\nand round\n[[Spin]]\n"
    result = run_import(tmp_path, trapped)
    assert not result.written
    assert not (tmp_path / "out.yaml").exists()
    errors = [n for n in result.notes if n.level == "error"]
    assert [(e.line, e.code) for e in errors] == [(line_of(trapped, ":: Spin"), "trapped-cycle")]
    assert errors[0].message == "the loop spin -> spin2 has no way out to an ending (in the scenario written from it)"
    assert [n for n in result.notes if n.level == "todo"] == []  # nothing written, nothing to finish


def test_tags_on_the_passage_a_reply_leads_to_score_it(tmp_path: Path) -> None:
    text = (
        ":: Start\nIt's ruined.\n[[I'm so sorry->Sorry]]\n[[Policy says no->Policy]]\n[[Make it right->Fix]]\n"
        ":: Sorry [listening+2 emotional-repair+1 mood+15]\nFeedback: Feelings first.\nThank you.\n[[Upgrade them->Wow]]\n"
        ":: Policy [listening-1 mood-20 policy]\nFeedback: The rule talks instead of you.\nUgh.\n[[Walk]]\n"
        ":: Fix [speed+2 alternatives+11]\nOK.\n[[Wow]]\n"
        ":: Wow [surprise+3 outcome-loyal]\nDebrief: Listen, fix, then surprise.\nNarration: She smiles.\nWow!\n"
        ":: Walk [outcome-lost]\nBye.\n:: Odd [outcome-great]\n"
    )
    result = run_import(tmp_path, text)
    data = written(tmp_path)
    sorry, policy, fix = data["nodes"]["start"]["choices"]
    assert (sorry["points"], sorry["mood"], sorry["feedback"]) == ({"listening": 2, "emotional_repair": 1}, 15, "Feelings first.")
    assert (policy["points"], policy["mood"], policy["tags"]) == ({"listening": -1}, -20, ["policy"])
    assert fix["points"] == {"speed": 2, "alternatives": 10}
    assert data["rubric"] == {"speed": {"label": "Speed", "description": "Added by a Twine tag: describe what earns it."}}
    wow = data["endings"]["wow"]
    assert (wow["outcome"], wow["debrief"], wow["narration"], wow["say"]) == (
        "loyal",
        "Listen, fix, then surprise.",
        "She smiles.",
        "Wow!",
    )
    assert data["endings"]["walk"]["outcome"] == "lost"
    bad = notes(result, "bad-tag")
    assert [n.line for n in bad] == [line_of(text, ":: Fix"), line_of(text, ":: Odd")]
    assert "alternatives+11 is outside -10..10" in bad[0].message and "names no outcome" in bad[1].message


def test_the_report_lists_what_the_trainer_must_still_add_at_the_twine_line(tmp_path: Path) -> None:
    text = ":: StoryTitle\nDraft\n:: Start\n[[Go->Next]]\n:: Next [listening+1]\nFeedback: ok\nHi\n[[End]]\n:: End\nBye\n"
    result = run_import(tmp_path, text)
    todos = {(n.line, n.message) for n in result.notes if n.level == "todo"}
    assert todos == {
        (1, "write the summary for the library card and the customer's name and persona"),
        (3, "'Start' needs what the customer says here"),
        (9, "'End' needs points for the replies leading here (tag 'End', e.g. listening+2); feedback for those replies "
            "(a line 'Feedback: ...'); an outcome (tag outcome-loyal, outcome-neutral or outcome-lost; neutral for now); "
            "a debrief (a line 'Debrief: ...')"),
    }  # fmt: skip
    assert written(tmp_path)["nodes"]["start"]["say"] == "…"
    assert [n.code for n in result.notes if n.code == "missing-feedback"] == []  # said once, as a to-do


def test_story_format_markup_is_kept_as_plain_text_with_a_warning_at_its_line(tmp_path: Path) -> None:
    text = (
        ":: Start\n(if: $angry)[Grr]\n<<if $mood gt 2>>Hmm<</if>>\n<%= s.name %> is here\n[if angry]\n{back link}\n"
        "<span>Hi</span> $name\n(set: $trust to 3)\n<<set $score to -2>>\nPlease wait (note: we close at 6).\n"
        "[[Go->End]]\n:: End\nBye\n"
    )
    result = run_import(tmp_path, text)
    found = [(n.line, n.message.split(" '")[0]) for n in notes(result, "story-format-markup")]
    assert found == [
        (2, "Harlowe macro"), (3, "SugarCube macro"), (4, "Snowman template"), (5, "Chapbook modifier"),
        (6, "Chapbook insert"), (7, "HTML tag"), (7, "story variable"), (8, "Harlowe macro"), (9, "SugarCube macro"),
    ]  # fmt: skip
    assert notes(result, "story-format-markup")[0].message == "Harlowe macro '(if: $angry)' in 'Start' is kept as plain text"
    assert [(n.line, n.level) for n in notes(result, "sets-variable")] == [(8, "note"), (9, "note")]
    assert "sets $score to -2" in notes(result, "sets-variable")[1].message
    assert written(tmp_path)["nodes"]["start"]["say"].startswith("(if: $angry)[Grr]\n<<if $mood gt 2>>")


def test_script_and_stylesheet_passages_are_skipped_with_a_note(tmp_path: Path) -> None:
    text = (
        ":: Code [script]\nwindow.x = 1;\n:: Look [stylesheet]\nbody {}\n:: StoryInit\n<<set $x to 1>>\n"
        ":: Start\nHi\n[[End]]\n[[Code]]\n:: End\nBye\n"
    )
    result = run_import(tmp_path, text)
    skipped = notes(result, "skipped-passage")
    assert [(n.line, n.level) for n in skipped] == [(1, "note"), (3, "note"), (5, "note")]
    assert "JavaScript" in skipped[0].message and "stylesheet" in skipped[1].message
    assert [n.line for n in notes(result, "broken-link")] == [10]
    assert notes(result, "sets-variable") == []
    assert set(written(tmp_path)["endings"]) == {"end"}


def test_ids_are_slugged_from_names_and_kept_unique(tmp_path: Path) -> None:
    text = ":: Start\nHi\n[[Ask again!]]\n[[Ask again]]\n[[Ça va?]]\n[[???]]\n"
    text += ":: Ask again!\na\n:: Ask again\nb\n:: Ça va?\nc\n:: ???\nd\n"
    run_import(tmp_path, text)
    data = written(tmp_path)
    assert [c["goto"] for c in data["nodes"]["start"]["choices"]] == ["ask-again", "ask-again-2", "a-va", "passage"]
    assert data["endings"]["ask-again-2"]["title"] == "Ask again"


def test_a_twine_speaker_line_becomes_the_nodes_speaker(tmp_path: Path) -> None:
    text = ":: Start\nSpeaker: Rosa\nThe photo, please.\n[[Of course->Photo]]\n\n:: Photo\nSpeaker: Rosa\nGracias.\n"
    result = run_import(tmp_path, text)
    assert result.written, [str(n) for n in result.notes]
    data = yaml.safe_load((tmp_path / "out.yaml").read_text())
    assert data["nodes"]["start"]["speaker"] == "Rosa" and data["nodes"]["start"]["say"] == "The photo, please."
    assert data["endings"]["photo"]["speaker"] == "Rosa"
    assert load_scenario(tmp_path / "out.yaml").ok
