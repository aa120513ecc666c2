"""Read a Twine 2 HTML file: a published story or a library archive of several ``<tw-storydata>``.

The standard library's ``html.parser`` does the reading: it undoes character references
(``&amp;``, ``&lt;``, ``&#39;``...) in passage text and attributes, and treats a published story's
engine code inside ``<script>`` as text, so a ``<tw-storydata`` inside JavaScript is never taken
for a story. Passages missing a ``name`` or ``pid`` are still read, with a warning.
"""

from __future__ import annotations

from html.parser import HTMLParser

from simulator.authoring.twine.story import Passage, Story

_Attrs = list[tuple[str, str | None]]


class _Reader(HTMLParser):
    """Collects one story (the first, or the one named ``wanted``) and the names of all stories."""

    def __init__(self, story: Story, wanted: str | None) -> None:
        super().__init__(convert_charrefs=True)
        self.story, self.wanted = story, wanted
        self.names: list[str] = []
        self.inside = False  # within the chosen <tw-storydata>
        self.done = False  # the chosen story has been read
        self.startnode = ""
        self.pids: dict[str, str] = {}
        self.current: Passage | None = None
        self.chunks: list[str] = []
        self.extra: tuple[str, int] | None = None  # story JavaScript or stylesheet being skipped
        self.unnamed = 0

    def handle_starttag(self, tag: str, attrs: _Attrs) -> None:
        values = {key: value or "" for key, value in attrs}
        line = self.getpos()[0]
        if tag == "tw-storydata":
            self._story(values, line)
        elif not self.inside:
            return
        elif self.current is not None:
            self._text(self.get_starttag_text() or "")
        elif tag == "tw-passagedata":
            self._open_passage(values, line)
        elif tag in ("script", "style"):
            self.extra = ("Story JavaScript" if tag == "script" else "Story Stylesheet", line)

    def handle_startendtag(self, tag: str, attrs: _Attrs) -> None:
        if self.inside and self.current is not None:
            self._text(self.get_starttag_text() or "")
        else:
            self.handle_starttag(tag, attrs)
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.inside:
            return
        if tag == "tw-passagedata" and self.current is not None:
            self._close_passage()
        elif self.current is not None:
            self._text(f"</{tag}>")
        elif tag == "tw-storydata":
            self.inside, self.done = False, True
        elif tag in ("script", "style"):
            self.extra = None

    def handle_data(self, data: str) -> None:
        if self.current is not None:
            self._text(data)
        elif self.extra is not None and data.strip():
            what, line = self.extra
            self.story.note(line, "note", "skipped-code", f"{what} is not imported: a scenario is data, never code")
            self.extra = None

    def _story(self, values: dict[str, str], line: int) -> None:
        name = values.get("name", "")
        self.names.append(name)
        if self.done or self.inside or (self.wanted is not None and name != self.wanted):
            return
        self.inside = True
        self.story.title, self.story.title_line = name, line
        self.story.story_format = values.get("format", "")
        self.startnode = values.get("startnode", "")
        self.story.start_line = line
        if not name:
            self.story.note(line, "warning", "no-name", "<tw-storydata> has no name; the file name is used as the title")

    def _open_passage(self, values: dict[str, str], line: int) -> None:
        name, pid = values.get("name", "").strip(), values.get("pid", "")
        if not name:
            self.unnamed += 1
            name = f"Untitled passage {pid or self.unnamed}"
            self.story.note(line, "warning", "no-name", f"a passage with no name attribute is read as '{name}'")
        if not pid:
            self.story.note(line, "warning", "no-pid", f"passage '{name}' has no pid, so it cannot be the story's start")
        elif pid not in self.pids:
            self.pids[pid] = name
        self.current = Passage(name, values.get("tags", "").split(), "", line, line, pid)
        self.chunks = []

    def _text(self, data: str) -> None:
        if self.current is not None and not self.chunks:
            self.current.body_line = self.getpos()[0]
        self.chunks.append(data)

    def _close_passage(self) -> None:
        if self.current is None:
            return
        self.current.text = "".join(self.chunks).replace("\r\n", "\n").rstrip()
        self.story.add(self.current)
        self.current = None


def read_html(text: str, path: str, story_name: str | None = None) -> Story:
    story = Story(path)
    reader = _Reader(story, story_name)
    reader.feed(text)
    reader.close()
    if reader.current is not None:
        story.note(reader.current.line, "warning", "unclosed-passage", f"passage '{reader.current.name}' has no closing tag")
        reader._close_passage()
    if not reader.names:
        story.note(1, "error", "no-story", "no <tw-storydata> element: this is not a Twine 2 story or library file")
    elif story_name is not None and story_name not in reader.names:
        story.note(1, "error", "no-such-story", f"no story named '{story_name}' here; the file has: {_listing(reader.names)}")
    elif len(reader.names) > 1:
        story.note(story.title_line, "note", "other-stories",
                   f"this library holds {len(reader.names)} stories; '{story.title}' was imported "
                   f"(choose another with --story): {_listing(reader.names)}")  # fmt: skip
    _resolve_start(story, reader)
    return story


def _resolve_start(story: Story, reader: _Reader) -> None:
    if not reader.startnode:
        return
    name = reader.pids.get(reader.startnode)
    if name is None:
        story.note(story.start_line, "warning", "bad-startnode", f"startnode {reader.startnode} matches no passage's pid")
    else:
        story.start = name


def _listing(names: list[str]) -> str:
    return ", ".join(f"'{n}'" for n in names)
