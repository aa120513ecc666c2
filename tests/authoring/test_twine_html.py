"""Reading Twine 2 HTML: published stories and library archives, entities, startnode, missing attributes."""

from __future__ import annotations

from pathlib import Path

from simulator.authoring.twine.twine_html import read_html

PUBLISHED = (Path(__file__).parents[1] / "fixtures" / "twine" / "published.html").read_text(encoding="utf-8")


def test_a_published_story_with_entities_in_text_names_and_attributes() -> None:
    story = read_html(PUBLISHED, "p.html")
    assert story.title == "Canoes & life jackets"
    assert list(story.passages) == ["Dock", "Rock & Roll", "Why"]
    rock = story.passages["Rock & Roll"]
    assert rock.text == "It's <b>closed</b> & wet.\n[[Back|Dock]]"
    assert rock.tags == ["listening+2", "policy"]
    assert story.passages["Dock"].text.endswith('[[Ask "why"->Why]]')
    assert (story.passages["Dock"].line, story.passages["Dock"].body_line, story.passages["Why"].line) == (5, 5, 8)


def test_startnode_is_found_by_pid() -> None:
    assert read_html(PUBLISHED, "p.html").start == "Rock & Roll"


def test_story_javascript_and_stylesheet_are_skipped_with_a_note() -> None:
    story = read_html(PUBLISHED, "p.html")
    assert [(n.line, n.code) for n in story.notes] == [(5, "skipped-code"), (5, "skipped-code")]
    assert "Story Stylesheet" in story.notes[0].message and "Story JavaScript" in story.notes[1].message


def test_passages_with_missing_attributes_are_still_read() -> None:
    story = read_html(
        '<tw-storydata name="S" startnode="7">\n<tw-passagedata pid="1">no name</tw-passagedata>\n'
        '<tw-passagedata name="No pid">text</tw-passagedata>\n<tw-passagedata name="Empty" pid="2"></tw-passagedata>\n'
        "</tw-storydata>",
        "m.html",
    )
    assert list(story.passages) == ["Untitled passage 1", "No pid", "Empty"]
    assert story.passages["No pid"].tags == []
    assert story.passages["Empty"].text == ""
    assert [(n.line, n.code) for n in story.notes] == [(2, "no-name"), (3, "no-pid"), (1, "bad-startnode")]
    assert story.start == ""


def test_hand_written_tags_inside_a_passage_stay_in_its_text() -> None:
    story = read_html(
        '<tw-storydata name="S"><tw-passagedata name="A" pid="1">Hi<br/>there <i>now</i></tw-passagedata></tw-storydata>',
        "h.html",
    )
    assert story.passages["A"].text == "Hi<br/>there <i>now</i>"


def test_a_library_archive_imports_the_first_story_or_the_one_asked_for() -> None:
    archive = (
        '<tw-storydata name="One" startnode="1" hidden><tw-passagedata pid="1" name="A">a</tw-passagedata></tw-storydata>\n'
        '<tw-storydata name="Two" startnode="1" hidden><tw-passagedata pid="1" name="B">b</tw-passagedata></tw-storydata>\n'
    )
    first = read_html(archive, "lib.html")
    assert (first.title, list(first.passages), first.start) == ("One", ["A"], "A")
    assert [n.code for n in first.notes] == ["other-stories"]
    assert "'One', 'Two'" in first.notes[0].message
    second = read_html(archive, "lib.html", "Two")
    assert (second.title, list(second.passages), second.start) == ("Two", ["B"], "B")
    missing = read_html(archive, "lib.html", "Three")
    assert [(n.level, n.code) for n in missing.notes] == [("error", "no-such-story")]


def test_html_without_a_story_is_an_error() -> None:
    story = read_html("<html><body><p>Hello</p></body></html>", "x.html")
    assert [(n.line, n.level, n.code) for n in story.notes] == [(1, "error", "no-story")]


def test_an_unclosed_passage_is_kept_with_a_warning() -> None:
    story = read_html('<tw-storydata name="S">\n<tw-passagedata pid="1" name="A">cut off', "c.html")
    assert story.passages["A"].text == "cut off"
    assert [(n.line, n.code) for n in story.notes] == [(2, "unclosed-passage")]
