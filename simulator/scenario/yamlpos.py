"""Safe YAML reading that keeps every value's position for error messages.

PyYAML's ``safe_load`` forgets where values came from, so we compose the node tree (libyaml when
available) and build plain dicts and lists ourselves, recording line/column per key and value.
Only the core YAML types are accepted: any other tag (``!!python/object``...) is refused, and
size, nesting depth and alias expansion are bounded so a hostile file cannot exhaust memory.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import yaml

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - pure-Python fallback when libyaml is missing
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_BYTES = 16 * 1024 * 1024
MAX_DEPTH = 20
MAX_VALUES = 1_000_000

_TAG = "tag:yaml.org,2002:"
_constructor = yaml.constructor.SafeConstructor()
Pos = tuple[int, int]


class YamlProblem(Exception):
    """A file that can't be read as a scenario at all; ``code`` is the lint code."""

    def __init__(self, code: str, message: str, line: int = 1, col: int = 1) -> None:
        super().__init__(message)
        self.code, self.message, self.line, self.col = code, message, line, col


class Map(dict[str, Any]):
    """A mapping that remembers where it, its keys and its values stand in the file."""

    __slots__ = ("key_pos", "numeric_keys", "pos", "val_pos")

    def __init__(self, pos: Pos) -> None:
        super().__init__()
        self.pos = pos
        self.key_pos: dict[str, Pos] = {}
        self.val_pos: dict[str, Pos] = {}
        self.numeric_keys: set[str] = set()  # keys YAML read as numbers (404:), kept as text

    def where(self, key: str) -> Pos:
        """Position of a value, else of its key, else of the mapping itself."""
        return self.val_pos.get(key) or self.key_pos.get(key) or self.pos


class Seq(list[Any]):
    """A sequence that remembers where it and each item stand in the file."""

    __slots__ = ("item_pos", "pos")

    def __init__(self, pos: Pos) -> None:
        super().__init__()
        self.pos = pos
        self.item_pos: list[Pos] = []

    def where(self, index: int) -> Pos:
        return self.item_pos[index] if 0 <= index < len(self.item_pos) else self.pos


def _pos(node: yaml.Node) -> Pos:
    return node.start_mark.line + 1, node.start_mark.column + 1


def decode(raw: bytes) -> str:
    """Turn file bytes into text, refusing what is obviously not a scenario file."""
    if len(raw) > MAX_BYTES:
        raise YamlProblem("file-too-large", f"file is {len(raw):,} bytes; the limit is {MAX_BYTES:,}")
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff") or _looks_utf16(raw[:200]):
        raise YamlProblem(
            "not-utf8", 'the file is UTF-16 text (Notepad\'s "Unicode"): save it as UTF-8 ("Save as", encoding UTF-8)'
        )
    if b"\0" in raw[:8192]:
        raise YamlProblem("binary-file", "this is a binary file, not a YAML scenario")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise YamlProblem("not-utf8", "the file is not UTF-8 text", line) from None


def _looks_utf16(head: bytes) -> bool:
    """UTF-16 without a byte-order mark: every other byte of plain text is zero."""
    return len(head) >= 8 and (head[1::2].count(0) > len(head) // 3 or head[0::2].count(0) > len(head) // 3)


_HINTS = (
    ("found character '\\t' that cannot start any token", "indent with spaces, not tabs"),
    ("found a tab character", "indent with spaces, not tabs"),
    ("mapping values are not allowed here", "text containing ': ' must be put in quotes"),
    ("mapping values are not allowed in this context", "text containing ': ' must be put in quotes"),
    ("did not find expected key", "text that starts with a quote must end with it; put the whole text in quotes"),
    (
        "expected <block end>, but found '<scalar>'",
        "text that starts with a quote must end with it; put the whole text in quotes",
    ),
)


def _hint(problem: str) -> str:
    return next((f"; {hint}" for known, hint in _HINTS if known in problem), "")


def parse(text: str) -> Any:
    """Parse YAML text into Map/Seq/scalars with positions; raise YamlProblem on bad input."""
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = exc.problem or str(exc)
        raise YamlProblem("yaml-syntax", f"invalid YAML: {what}{_hint(what)}", line, col) from None
    except yaml.YAMLError as exc:
        raise YamlProblem("yaml-syntax", f"invalid YAML: {exc}") from None
    if node is None:
        return None
    return _Builder().build(node, 1)


class _Builder:
    """Walks composed nodes; a budget stops alias bombs ("billion laughs")."""

    def __init__(self) -> None:
        self.budget = MAX_VALUES

    def build(self, node: yaml.Node, depth: int) -> Any:
        self.budget -= 1
        if self.budget < 0:
            raise YamlProblem("too-large", "the file expands to too many values (aliases?)", *_pos(node))
        if depth > MAX_DEPTH:
            raise YamlProblem("too-deep", f"nesting deeper than {MAX_DEPTH} levels", *_pos(node))
        if isinstance(node, yaml.MappingNode):
            return self._map(node, depth)
        if isinstance(node, yaml.SequenceNode):
            return self._seq(node, depth)
        return _scalar(node)

    def _map(self, node: yaml.MappingNode, depth: int) -> Map:
        _check_tag(node, "map")
        result = Map(_pos(node))
        for key_node, value_node in node.value:
            if key_node.tag == _TAG + "merge":
                raise YamlProblem("yaml-tag", "merge keys (<<) are not supported", *_pos(key_node))
            key = self.build(key_node, depth + 1)
            if not isinstance(key, (str, int, float, bool)) or key is None:
                raise YamlProblem("wrong-type", "mapping keys must be plain text", *_pos(key_node))
            if not isinstance(key, str):
                key = str(key)
                result.numeric_keys.add(key)
            if key in result:
                first = result.key_pos[key][0]
                raise YamlProblem("duplicate-key", f"duplicate key '{key}' (the first one is on line {first})", *_pos(key_node))
            result[key] = self.build(value_node, depth + 1)
            result.key_pos[key] = _pos(key_node)
            result.val_pos[key] = _pos(value_node)
        return result

    def _seq(self, node: yaml.SequenceNode, depth: int) -> Seq:
        _check_tag(node, "seq")
        result = Seq(_pos(node))
        for item in node.value:
            result.append(self.build(item, depth + 1))
            result.item_pos.append(_pos(item))
        return result


def _whole(value: float) -> float | int:
    """3.0 is the whole number 3, as JSON Schema (and every trainer) reads it."""
    return int(value) if value.is_integer() and abs(value) < 2**53 else value


_SCALARS: dict[str, Callable[[Any], Any]] = {
    _TAG + "str": lambda n: n.value,
    _TAG + "null": lambda n: None,
    _TAG + "bool": _constructor.construct_yaml_bool,
    _TAG + "int": _constructor.construct_yaml_int,
    _TAG + "float": lambda n: _whole(_constructor.construct_yaml_float(n)),
    _TAG + "timestamp": lambda n: n.value,  # dates stay text: we never need date objects
}


# Terminal escapes (ESC, BEL... which a double-quoted "\e" writes) and bidi embeddings/overrides/isolates:
# printed by the CLI they can hide a validate error or recolour the terminal; shown in the app, reorder a line.
_HIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _scalar(node: yaml.Node) -> Any:
    convert = _SCALARS.get(node.tag)
    if convert is None:
        raise YamlProblem("yaml-tag", f"YAML tag '{node.tag}' is not allowed in scenario files", *_pos(node))
    if isinstance(node.value, str) and (found := _HIDDEN.search(node.value)):
        raise YamlProblem(
            "control-character",
            f"the text holds an invisible control character (U+{ord(found.group()):04X}); delete it",
            *_pos(node),
        )
    return convert(node)


def _check_tag(node: yaml.Node, kind: str) -> None:
    if node.tag != _TAG + kind:
        raise YamlProblem("yaml-tag", f"YAML tag '{node.tag}' is not allowed in scenario files", *_pos(node))
