"""Write the converted scenario as YAML a trainer will keep editing, and know which lines came from which passage.

Multi-line text is written as ``|`` blocks, points and labels on one line, a blank line between
places. The line of each place in the output is returned so that the lint's findings on the
written file can be pointed back at the passage in the Twine file.
"""

from __future__ import annotations

import bisect
import re
from typing import Any

import yaml

HEADER = (
    "# Imported from {source} by 'simulator import'; the Twine conventions are in docs/twine.md.\n"
    "# Check it with:  simulator validate {out}\n"
)
_PLACE = re.compile(r"^  ([^\s#][^:]*):\s*$")


class _Inline(dict[str, Any]):
    """A mapping written on one line: ``{listening: 2}``."""


class _InlineList(list[str]):
    """A list written on one line: ``[policy]``."""


try:  # libyaml's emitter writes a 60-passage story ~10x faster than the pure-Python one
    from yaml import CSafeDumper as _BaseDumper
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeDumper as _BaseDumper  # type: ignore[assignment]


class _Dumper(_BaseDumper):
    pass


def _text(dumper: _BaseDumper, value: str) -> yaml.Node:
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|" if "\n" in value else None)


_Dumper.add_representer(str, _text)
_Dumper.add_representer(_Inline, lambda d, v: d.represent_mapping("tag:yaml.org,2002:map", v, flow_style=True))
_Dumper.add_representer(_InlineList, lambda d, v: d.represent_sequence("tag:yaml.org,2002:seq", v, flow_style=True))


def to_yaml(data: dict[str, Any], source: str, out: str) -> str:
    body = yaml.dump(_styled(data), Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=110)
    lines, section = [], ""
    for line in body.splitlines():
        if not line.startswith(" "):
            section = line
            if line.startswith(("start:", "nodes:", "endings:")):
                lines.append("")
        elif section in ("nodes:", "endings:") and _PLACE.match(line) and lines[-1] != section:
            lines.append("")
        lines.append(line)
    return HEADER.format(source=source, out=out) + "\n".join(lines) + "\n"


def _styled(data: dict[str, Any]) -> dict[str, Any]:
    """A copy with points and tag lists marked for one-line style."""
    styled = dict(data)
    styled["tags"] = _InlineList(data["tags"])
    for node in data["nodes"].values():
        for reply in node["choices"]:
            if "points" in reply:
                reply["points"] = _Inline(reply["points"])
            if "tags" in reply:
                reply["tags"] = _InlineList(reply["tags"])
    return styled


class PlaceLines:
    """Which place (node or ending) a line of the written YAML belongs to."""

    def __init__(self, text: str) -> None:
        self.starts: list[int] = []
        self.ids: list[str] = []
        section = ""
        for number, line in enumerate(text.splitlines(), 1):
            if line and not line.startswith((" ", "#")):
                section = line
            elif section in ("nodes:", "endings:") and (found := _PLACE.match(line)):
                self.starts.append(number)
                self.ids.append(found.group(1).strip("'\""))

    def place_at(self, line: int) -> str | None:
        index = bisect.bisect_right(self.starts, line) - 1
        return self.ids[index] if index >= 0 else None
