"""Reading Twee 3: headers and escapes, special passages, duplicates, bad metadata, line numbers."""

from __future__ import annotations

from simulator.authoring.twine.twee import read_twee


def codes(text: str) -> list[tuple[int, str, str]]:
    return [(n.line, n.level, n.code) for n in read_twee(text, "s.twee").notes]


def test_header_with_escaped_brackets_braces_and_backslashes() -> None:
    story = read_twee(
        ':: Ask \\[again\\] \\{now\\} back\\\\slash \\q [tag\\]one two\\\\x] {"position":"600,400"}\nHello\n',
        "s.twee",
    )
    (passage,) = story.passages.values()
    assert passage.name == "Ask [again] {now} back\\slash q"
    assert passage.tags == ["tag]one", "two\\x"]
    assert passage.text == "Hello"
    assert story.notes == []


def test_header_spacing_and_optional_blocks() -> None:
    story = read_twee(':: A  \n:: B[x]\n:: C {"size":"1,1"}\n::D [ y  z ]{}\n', "s.twee")
    assert {n: p.tags for n, p in story.passages.items()} == {"A": [], "B": ["x"], "C": [], "D": ["y", "z"]}


def test_story_title_and_story_data_start_and_format() -> None:
    story = read_twee(
        ':: StoryTitle\nThe rained-out park\n\n:: StoryData\n{\n  "ifid": "D674C58C-DEFA-4F70-B7A2-27742230C0FC",\n'
        '  "format": "SugarCube", "format-version": "2.36.1",\n  "start": "Gate"\n}\n\n:: Gate\nHi\n',
        "s.twee",
    )
    assert (story.title, story.start, story.story_format) == ("The rained-out park", "Gate", "SugarCube")
    assert list(story.passages) == ["Gate"]
    assert story.start_line == 4


def test_bad_story_data_is_warned_with_its_line_and_the_import_goes_on() -> None:
    story = read_twee(':: StoryData\n{\n  "start": "Gate",\n  oops\n}\n:: Gate\nHi\n', "s.twee")
    assert [(n.line, n.code) for n in story.notes] == [(4, "bad-storydata")]
    assert story.start == ""
    assert list(story.passages) == ["Gate"]
    assert codes(":: StoryData\n[1, 2]\n") == [(1, "warning", "bad-storydata")]


def test_bad_metadata_json_is_warned_and_discarded_but_the_passage_is_kept() -> None:
    text = ':: Good {"position":"1,1"}\nA\n:: Bad [t] {"position": 100,}\nB\n:: List {"position"}\nC\n:: Array ["a"] [1]\nD\n'
    story = read_twee(text, "s.twee")
    assert list(story.passages) == ["Good", "Bad", "List", "Array"]
    assert story.passages["Bad"].tags == ["t"]
    assert [(n.line, n.code) for n in story.notes] == [(3, "bad-metadata"), (5, "bad-metadata"), (7, "header-junk")]
    assert "not valid JSON" in story.notes[0].message


def test_duplicate_passage_names_warn_and_keep_the_first() -> None:
    story = read_twee(":: Gate\nfirst\n\n:: Other\nx\n:: Gate [late]\nsecond\n", "s.twee")
    assert story.passages["Gate"].text == "first"
    (note,) = story.notes
    assert (note.line, note.level, note.code) == (6, "warning", "duplicate-passage")
    assert "first is on line 1" in note.message


def test_text_lines_trailing_blank_lines_crlf_and_bom() -> None:
    story = read_twee("\ufeff:: One\r\n\r\nfirst line\r\nsecond\r\n\r\n\r\n:: Two\r\nx", "s.twee")
    one = story.passages["One"]
    assert one.text == "\nfirst line\nsecond"
    assert (one.line, one.body_line) == (1, 2)
    assert story.passages["Two"].line == 7


def test_not_twee_at_all_and_odd_headers() -> None:
    assert codes("Just some notes\nwithout headers\n") == [(1, "error", "no-passages")]
    assert codes("notes first\n:: A\nx\n") == [(1, "note", "text-before-first-passage")]
    assert codes(":: [tag]\nx\n:: A\n") == [(1, "warning", "no-name")]
    assert codes(":: A [open tag\nx\n") == [(1, "warning", "unclosed-tags")]
    assert read_twee(":: A [open tag\nx\n", "s.twee").passages["A"].tags == ["open", "tag"]
