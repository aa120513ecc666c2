"""Read a scenario file into a ``Scenario``, reporting every problem with its file position.

Reading never raises on bad input: syntax, safety limits, unknown keys, wrong types and bad
references all become ``Problem`` rows, and the graph lint (``lint.py``) runs on what could be
read. Callers that need a playable scenario use ``read_scenario``, which raises ``ScenarioError``.
"""

from __future__ import annotations

import difflib
import hashlib
import os
import re
import stat
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from simulator import resources
from simulator.scenario import expr
from simulator.scenario.face_check import face_problem
from simulator.scenario.fields import ID_RE, Fields, Report, type_name
from simulator.scenario.model import (
    CHANNELS,
    DIFFICULTIES,
    EXPRESSIONS,
    OUTCOMES,
    TIMEOUT,
    Choice,
    Customer,
    Dimension,
    Ending,
    MoodRule,
    Node,
    PlayTest,
    Scenario,
)
from simulator.scenario.problems import Problem, ScenarioError, has_errors
from simulator.scenario.rubric import DEFAULT_RUBRIC
from simulator.scenario.yamlpos import MAX_BYTES, Map, Pos, Seq, YamlProblem, decode, parse

MAX_PLACES = 20_000
SCENARIO_ID_RE = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
VAR_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
TOP_KEYS = (
    "format",
    "id",
    "title",
    "summary",
    "difficulty",
    "minutes",
    "channel",
    "version",
    "tags",
    "pass_mark",
    "customer",
    "rubric",
    "variables",
    "mood_rules",
    "start",
    "nodes",
    "endings",
    "tests",
)
TOP_REQUIRED = ("format", "id", "title", "summary", "difficulty", "minutes", "customer", "start", "nodes", "endings")
CHOICE_KEYS = ("text", "goto", "points", "mood", "feedback", "tags", "when", "set", "cues")
TIMEOUT_KEYS = ("goto", "points", "mood", "feedback", "set")
NODE_KEYS = ("say", "speaker", "narration", "face", "time_limit", "timeout", "order", "choices")
ORDERS = ("shuffled", "fixed")
ENDING_KEYS = ("outcome", "title", "debrief", "say", "speaker", "narration", "face")
MAX_SPEAKER = 60  # a name as a label shows it, not a sentence


@dataclass
class Loaded:
    """The outcome of reading one file: the scenario if it could be built, and all problems."""

    path: str
    scenario: Scenario | None
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.scenario is not None and not has_errors(self.problems)


def duplicate_ids(loaded: list[Loaded]) -> list[Problem]:
    """One error per file whose scenario id another checked file uses too (results would mix)."""
    owners: dict[str, list[Loaded]] = {}
    for one in loaded:
        if one.scenario is not None and one.scenario.id:
            owners.setdefault(one.scenario.id, []).append(one)
    found = []
    for scenario_id, files in owners.items():
        for one in files if len(files) > 1 else ():
            others = ", ".join(o.path for o in files if o is not one)
            line, col = one.scenario.anchors.get("id", (1, 1))  # type: ignore[union-attr]
            message = f"scenario id '{scenario_id}' is also the id of {others}: every scenario needs its own"
            found.append(Problem(one.path, line, col, "error", "duplicate-id", message))
    return found


def load_scenario(path: str | Path, *, lint: bool = True) -> Loaded:
    """Read and check a file; never raises for bad content or unreadable files."""
    name = str(path)
    try:
        mode = os.stat(path).st_mode
        if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):  # a FIFO would block the read forever, a device never end
            return Loaded(name, None, [Problem(name, 1, 1, "error", "not-a-file", "this is not an ordinary file")])
        with open(path, "rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        return Loaded(name, None, [Problem(name, 1, 1, "error", "unreadable", exc.strerror or str(exc))])
    return load_bytes(raw, name, lint=lint)


def load_bytes(raw: bytes, path: str, *, lint: bool = True) -> Loaded:
    """Read scenario content (from a file or the store's history) as if it were at ``path``."""
    report = Report(path)
    try:
        data = parse(decode(raw))
    except YamlProblem as exc:
        report.add((exc.line, exc.col), exc.code, exc.message)
        return Loaded(path, None, report.problems)
    if not isinstance(data, Map):
        report.add(
            getattr(data, "pos", (1, 1)),
            "wrong-type",
            f"a scenario file must be a mapping of keys (id, title, nodes...), not {type_name(data)}",
        )
        return Loaded(path, None, report.problems)
    scenario = _Builder(report, data, path).build()
    scenario.source = raw.decode("utf-8-sig")
    scenario.content_hash = hashlib.sha256(raw).hexdigest()
    if lint:
        from simulator.scenario.lint import lint_scenario

        report.problems.extend(lint_scenario(scenario, has_errors(report.problems)))
    report.problems.sort(key=lambda p: (p.line, p.col))
    return Loaded(path, scenario, report.problems)


def read_scenario(path: str | Path) -> Scenario:
    """A playable scenario, or ``ScenarioError`` listing what is wrong."""
    loaded = load_scenario(path)
    if not loaded.ok or loaded.scenario is None:
        raise ScenarioError([p for p in loaded.problems if p.severity == "error"])
    return loaded.scenario


def _pick(value: object) -> int | str | None:
    """A step of a test as ``play --choose`` takes it: a reply number as shown (1..), or ``t``."""
    if isinstance(value, str) and value.strip().lower() == "t":
        return "t"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        return None
    return value


def _bad_pick(value: object) -> str:
    shown = f"'{value}'" if isinstance(value, str) else type_name(value) if isinstance(value, bool) else str(value)
    return (
        f"each step of 'choose' is a reply number as shown (1 = the first shown) or t to let the timer run "
        f"out, as in play --choose; not {shown}"
    )


class _Builder:
    """Reads the sections in dependency order: rubric and variables before choices use them."""

    def __init__(self, report: Report, data: Map, path: str) -> None:
        self.report, self.data, self.path = report, data, path
        self.gotos: list[tuple[str, Pos]] = []
        self.rubric: dict[str, Dimension] = dict(DEFAULT_RUBRIC)
        self.types: dict[str, type] = {"mood": int}
        self.anchors: dict[str, Pos] = {}

    def build(self) -> Scenario:
        top = Fields(self.report, self.data, "the scenario")
        top.check_keys(TOP_KEYS, TOP_REQUIRED)
        if "format" in self.data and self.data["format"] != 1:
            self.report.add(
                top.where("format"), "bad-value", f"unknown format {self.data['format']!r}; this version reads format 1"
            )
        self.rubric = self._rubric(top.mapping("rubric"))
        variables = self._variables(top.mapping("variables"))
        nodes = self._places(top.mapping("nodes"), "node", self._node)
        endings = self._places(top.mapping("endings"), "ending", self._ending)
        for dup in nodes.keys() & endings.keys():
            ending = endings[dup]
            self.report.add((ending.line, ending.col), "duplicate-id", f"'{dup}' is both a node and an ending")
        start = top.text("start", nonempty=True)
        if start:
            self.gotos.append((start, top.where("start")))
        scenario = Scenario(
            path=self.path,
            id=self._scenario_id(top),
            title=top.text("title", nonempty=True),
            summary=top.text("summary", nonempty=True),
            difficulty=top.choice_of("difficulty", DIFFICULTIES, "medium"),
            minutes=top.number("minutes", 5, 1, 120, whole=False),
            customer=self._customer(top.mapping("customer")),
            rubric=self.rubric,
            start=start,
            nodes=nodes,
            endings=endings,
            version=top.text("version"),
            channel=top.choice_of("channel", CHANNELS, "in-person"),
            tags=top.strings("tags"),
            pass_mark=top.number("pass_mark", 60, 0, 100, whole=False),
            variables=variables,
            mood_rules=self._mood_rules(top.sequence("mood_rules")),
            tests=self._tests(top.sequence("tests")),
            line_of_start=top.where("start"),
            anchors=self.anchors,
        )
        self._check_targets({**nodes, **endings})
        return scenario

    def _scenario_id(self, top: Fields) -> str:
        """The id, which names the scenario in every result and export: one documented pattern."""
        value = top.ident("id")
        self.anchors["id"] = top.where("id")
        if value and ID_RE.match(value) and not SCENARIO_ID_RE.match(value):
            fixed = re.sub(r"[^a-z0-9_-]+", "-", value.lower()).strip("-_") or "scenario"
            self.report.add(top.where("id"), "bad-value",
                f"scenario id '{value}' breaks the pattern: lowercase a-z, digits, - and _ only, starting with a "
                f"letter or digit; e.g. '{fixed}'")  # fmt: skip
        return value

    def _check_targets(self, places: dict[str, Node | Ending]) -> None:
        uses = Counter(target for target, _ in self.gotos)
        for target, pos in self.gotos:
            if target and target not in places:
                close = difflib.get_close_matches(target, list(places), n=1)
                hint = f"; did you mean '{close[0]}'?" if close else ""
                if close and uses[target] > 1 and not uses[close[0]]:  # one misspelt key, not many misspelt gotos
                    hint = (f"; {uses[target]} replies go to '{target}' and none to '{close[0]}' (line "
                            f"{places[close[0]].line}): if that name is the misspelt one, rename it to '{target}'")  # fmt: skip
                self.report.add(pos, "unknown-target", f"no node or ending called '{target}'{hint}")

    def _rubric(self, data: Map | None) -> dict[str, Dimension]:
        rubric = dict(DEFAULT_RUBRIC)
        if data is None:
            return rubric
        for dim_id, spec in data.items():
            if not ID_RE.match(dim_id):
                self.report.add(data.key_pos[dim_id], "bad-value", f"'{dim_id}' is not a valid dimension id")
                continue
            if not isinstance(spec, Map):
                wanted = "a mapping (label, description, weight)"
                self.report.add(data.where(dim_id), "wrong-type", f"rubric '{dim_id}' must be {wanted}")
                continue
            self.anchors[f"rubric.{dim_id}"] = data.key_pos[dim_id]
            f = Fields(self.report, spec, f"rubric dimension '{dim_id}'")
            base = rubric.get(dim_id)
            f.check_keys(("label", "description", "weight"), () if base else ("label",))
            rubric[dim_id] = Dimension(
                dim_id,
                f.text("label", base.label if base else dim_id, nonempty=True),
                f.text("description", base.description if base else ""),
                f.number("weight", base.weight if base else 1.0, 0, 100, whole=False),
            )
        return rubric

    def _variables(self, data: Map | None) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for name, raw in (data or {}).items():
            pos = data.where(name)  # type: ignore[union-attr]
            if not VAR_RE.match(name) or name in ("mood", "true", "false", "and", "or", "not"):
                self.report.add(pos, "bad-value", f"'{name}' can't be a variable name (letters, digits and _)")
                continue
            value = raw
            if isinstance(raw, str):
                try:
                    value = expr.compile_expr(raw, {}).evaluate({})
                except expr.ExprError as exc:
                    hint = "text needs quotes twice: \"'gold'\""
                    self.report.add(pos, "bad-expression", f"starting value of '{name}': {exc} ({hint})")
                    continue
            if not isinstance(value, (bool, int, str)):
                wanted = "true/false, a whole number or quoted text"
                self.report.add(pos, "wrong-type", f"variable '{name}' must start as {wanted}, not {type_name(value)}")
                continue
            values[name] = value
            self.types[name] = type(value)
            self.anchors[f"variables.{name}"] = data.key_pos[name]  # type: ignore[union-attr]
        return values

    def _places(self, data: Map | None, what: str, read: Any) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if data is None:
            return out
        if len(data) > MAX_PLACES:
            self.report.add(data.pos, "too-large", f"more than {MAX_PLACES:,} {what}s")
            return out
        for place_id, spec in data.items():
            pos = data.key_pos[place_id]
            if not ID_RE.match(place_id):
                self.report.add(pos, "bad-value", f"'{place_id}' is not a valid {what} id (letters a-z, A-Z, digits, - _ .)")
            elif place_id in data.numeric_keys:
                quoted = f"quote it ('{place_id}') or start it with a letter"
                self.report.add(pos, "bad-value", f"{what} id {place_id} is a number to YAML: {quoted}")
            if not isinstance(spec, Map):
                self.report.add(
                    data.where(place_id), "wrong-type", f"{what} '{place_id}' must be a mapping, not {type_name(spec)}"
                )
                continue
            out[place_id] = read(place_id, spec, pos)
        return out

    def _face(self, f: Fields) -> str:
        face = f.text("face")
        if not face or face in EXPRESSIONS:
            return face
        if not face.lower().endswith(".svg"):
            self.report.add(
                f.where("face"), "bad-value", f"face must be one of {', '.join(EXPRESSIONS)} or an .svg file, not '{face}'"
            )
            return ""
        folder = Path(self.path).resolve().parent
        target = (folder / face).resolve()
        if Path(face).is_absolute() or not (target.is_relative_to(folder) or target.is_relative_to(resources.assets_dir())):
            self.report.add(f.where("face"), "asset-outside", f"'{face}' lies outside the scenario's folder and assets/")
            return ""
        if not target.is_file():
            self.report.add(f.where("face"), "missing-asset", f"face file '{face}' does not exist")
        elif (problem := face_problem(target)) is not None:
            self.report.add(f.where("face"), "unsafe-face", f"face file '{face}' {problem}")
        return face

    def _customer(self, data: Map | None) -> Customer:
        if data is None:
            return Customer("Customer")
        f = Fields(self.report, data, "customer")
        f.check_keys(("name", "persona", "look", "mood"), ("name",))
        look = f.text("look", "maria")
        if look and not (ID_RE.match(look) and (resources.assets_dir() / "faces" / look).is_dir()):
            self.report.add(f.where("look"), "missing-asset", f"no face set '{look}' in assets/faces/")
        return Customer(f.text("name", "Customer", nonempty=True), f.text("persona"), look, f.number("mood", 50, 0, 100))

    def _node(self, node_id: str, data: Map, pos: Pos) -> Node:
        f = Fields(self.report, data, f"node '{node_id}'")
        f.check_keys(NODE_KEYS, ("say", "choices"))
        time_limit = f.number("time_limit", None, 1, 600, whole=False)
        timeout = None
        if "timeout" in data:
            spec = f.mapping("timeout")
            timeout = (
                self._move(spec, TIMEOUT, f"the timeout of '{node_id}'", TIMEOUT_KEYS, data.where("timeout"))
                if spec is not None
                else None
            )
            if time_limit is None and "time_limit" not in f.data:  # a bad value was reported already
                self.report.add(f.where("timeout"), "missing-key", f"node '{node_id}' has a timeout but no time_limit")
        elif time_limit is not None:
            self.report.add(
                f.where("time_limit"),
                "missing-key",
                f"node '{node_id}' has a time_limit but no timeout (where does silence lead?)",
            )
        choices = []
        seq = f.sequence("choices")
        for i, spec in enumerate(seq or ()):
            if not isinstance(spec, Map):
                self.report.add(seq.where(i), "wrong-type", f"choice {i + 1} of '{node_id}' must be a mapping (text, goto...)")  # type: ignore[union-attr]
                continue
            choice = self._move(spec, i, f"choice {i + 1} of '{node_id}'", CHOICE_KEYS, seq.where(i))  # type: ignore[union-attr]
            choices.append(choice)
        if seq is not None and not seq:
            self.report.add(f.where("choices"), "dead-end", f"node '{node_id}' has no choices; make it an ending instead")
        return Node(
            node_id, f.text("say", nonempty=True), tuple(choices), f.text("narration"), self._face(f), time_limit, timeout, *pos,
            order=f.choice_of("order", ORDERS, "shuffled"), speaker=self._speaker(f),
        )  # fmt: skip

    def _move(self, data: Map, index: int, what: str, keys: tuple[str, ...], pos: Pos) -> Choice:
        f = Fields(self.report, data, what)
        f.check_keys(keys, ("goto",) if index == TIMEOUT else ("text", "goto"))
        goto = f.text("goto", nonempty=True)
        if goto:
            self.gotos.append((goto, f.where("goto")))
        feedback = f.text("feedback")
        if index != TIMEOUT and not feedback.strip():
            self.report.add(pos, "missing-feedback", f"{what} has no feedback: say why it works or not", "warning")
        when = self._expr(f, "when", bool) if "when" in data else None
        return Choice(
            index,
            f.text("text", "(no reply - time ran out)" if index == TIMEOUT else "", nonempty=True),
            goto,
            self._points(f.mapping("points"), what),
            f.number("mood", 0, -100, 100),
            feedback,
            f.strings("tags"),
            when,
            self._effects(f.mapping("set")),
            *pos,
            cues=self._cues(f, what),
        )

    def _cues(self, f: Fields, what: str) -> tuple[str, ...]:
        """Other phrasings of a reply; blank or repeated ones would only skew matching."""
        if "cues" not in f.data:
            return ()
        cues = f.strings("cues")
        seen: set[str] = set()
        for i, cue in enumerate(cues):
            where = f.data["cues"].where(i) if isinstance(f.data["cues"], Seq) else f.where("cues")
            if not cue.strip():
                self.report.add(where, "blank-cue", f"cue {i + 1} of {what} is blank and is left out", "warning")
            elif cue.strip().lower() in seen:
                self.report.add(where, "duplicate-cue", f"cue {i + 1} of {what} repeats an earlier one", "warning")
            seen.add(cue.strip().lower())
        return tuple(c.strip() for c in cues if c.strip())

    def _points(self, data: Map | None, what: str) -> dict[str, int]:
        points: dict[str, int] = {}
        for dim, value in (data or {}).items():
            pos = data.where(dim)  # type: ignore[union-attr]
            if dim not in self.rubric:
                close = difflib.get_close_matches(dim, list(self.rubric), n=1)
                hint = f"; did you mean '{close[0]}'?" if close else "; add it under rubric:"
                self.report.add(data.key_pos[dim], "unknown-dimension", f"unknown rubric dimension '{dim}' in {what}{hint}")  # type: ignore[union-attr]
            elif isinstance(value, bool) or not isinstance(value, int):
                self.report.add(pos, "wrong-type", f"points for '{dim}' must be a whole number, not {type_name(value)}")
            elif not -10 <= value <= 10:
                self.report.add(pos, "bad-value", f"points for '{dim}' must be between -10 and 10, not {value}")
            else:
                points[dim] = value
        return points

    def _expr(self, f: Fields, key: str, want: type) -> expr.Expr | None:
        source = f.data[key]
        if isinstance(source, bool) or (isinstance(source, int) and want is int):
            return expr.literal(source)
        if not isinstance(source, str):
            f.wrong(key, "an expression")
            return None
        try:
            compiled = expr.compile_expr(source, self.types)
        except expr.UndefinedName as exc:
            self.report.add(f.where(key), "undefined-variable", f"{exc} in '{source}'{self._undefined_hint(exc.name)}")
            return None
        except expr.ExprError as exc:
            self.report.add(f.where(key), "bad-expression", f"{exc} in '{source}'")
            return None
        if compiled.type is not want:
            self.report.add(
                f.where(key), "bad-expression", f"'{source}' gives {type_name(compiled.type())}, not {type_name(want())}"
            )
            return None
        return compiled

    def _undefined_hint(self, word: str) -> str:
        close = difflib.get_close_matches(word, [n for n in self.types if n != "mood"], n=1)
        if close:
            return f"; did you mean '{close[0]}'?"
        if str in self.types.values():
            return (f"; if '{word}' is text, not a variable, it needs quotes inside the YAML quotes: "
                    f"\"'{word}'\" (or declare a variable '{word}' under variables:)")  # fmt: skip
        return "; declare it under variables:"

    def _effects(self, data: Map | None) -> tuple[tuple[str, expr.Expr], ...]:
        effects: list[tuple[str, expr.Expr]] = []
        if data is None:
            return ()
        for name, value in data.items():
            if name not in self.types or name == "mood":
                message = f"'set' names '{name}', which is not declared under variables:"
                self.report.add(data.key_pos[name], "undefined-variable", message)
                continue
            want = self.types[name]
            is_literal = isinstance(value, (bool, int))
            compiled = expr.literal(value) if is_literal else self._expr(Fields(self.report, data, "set"), name, want)
            if compiled is not None and compiled.type is not want:
                message = f"'{name}' holds {type_name(want())}, not {type_name(value)}"
                self.report.add(data.where(name), "bad-expression", message)
                continue
            if compiled is not None:
                effects.append((name, compiled))
        return tuple(effects)

    def _ending(self, ending_id: str, data: Map, pos: Pos) -> Ending:
        f = Fields(self.report, data, f"ending '{ending_id}'")
        f.check_keys(ENDING_KEYS, ("outcome", "title", "debrief"))
        if "speaker" in data and not str(data.get("say") or "").strip():  # a node can't: its 'say' is required
            message = f"ending '{ending_id}' names a speaker but says nothing"
            self.report.add(f.where("speaker"), "unused-speaker", message, "warning")
        return Ending(
            ending_id,
            f.choice_of("outcome", OUTCOMES, "neutral"),
            f.text("title", nonempty=True),
            f.text("debrief", nonempty=True),
            f.text("say"),
            f.text("narration"),
            self._face(f),
            *pos,
            speaker=self._speaker(f),
        )

    def _speaker(self, f: Fields) -> str:
        """Who says the ``say`` line when not the customer: a name on one line, shown as plain text."""
        if "speaker" not in f.data:
            return ""
        name = f.text("speaker", nonempty=True).strip()
        if len(name.splitlines()) > 1 or len(name) > MAX_SPEAKER:
            self.report.add(f.where("speaker"), "bad-value",
                f"'speaker' in {f.what} is a name on one line of at most {MAX_SPEAKER} characters (who says 'say')")  # fmt: skip
            return ""
        return name

    def _mood_rules(self, seq: Seq | None) -> tuple[MoodRule, ...]:
        rules = []
        for i, spec in enumerate(seq or ()):
            if not isinstance(spec, Map):
                self.report.add(seq.where(i), "wrong-type", "each mood rule must be a mapping (below or above, goto)")  # type: ignore[union-attr]
                continue
            f = Fields(self.report, spec, f"mood rule {i + 1}")
            f.check_keys(("below", "above", "goto"), ("goto",))
            if ("below" in spec) == ("above" in spec):
                self.report.add(spec.pos, "missing-key", f"mood rule {i + 1} needs exactly one of 'below' or 'above'")
                continue
            below = "below" in spec
            goto = f.text("goto", nonempty=True)
            self.gotos.append((goto, f.where("goto")))
            rules.append(MoodRule(below, f.number("below" if below else "above", 0, 0, 100), goto, *spec.pos))
        return tuple(rules)

    def _tests(self, seq: Seq | None) -> tuple[PlayTest, ...]:
        tests = []
        for i, spec in enumerate(seq or ()):
            if not isinstance(spec, Map):
                self.report.add(seq.where(i), "wrong-type", "each test must be a mapping (name, choose, ending, score)")  # type: ignore[union-attr]
                continue
            f = Fields(self.report, spec, f"test {i + 1}")
            f.check_keys(("name", "choose", "ending", "score"), ("choose",))
            choose: list[int | str] = []
            for j, n in enumerate(f.sequence("choose") or ()):
                pick = _pick(n)
                if pick is None:
                    self.report.add(spec["choose"].where(j), "wrong-type", _bad_pick(n))
                else:
                    choose.append(pick)
            ending = f.text("ending")
            if ending:
                self.gotos.append((ending, f.where("ending")))
            score = f.mapping("score")
            bounds = Fields(self.report, score, "score") if score is not None else None
            if bounds:
                bounds.check_keys(("min", "max"), ())
            low = bounds.number("min", None, 0, 100, whole=False) if bounds else None
            high = bounds.number("max", None, 0, 100, whole=False) if bounds else None
            tests.append(PlayTest(f.text("name", f"test {i + 1}"), tuple(choose), ending, low, high, spec.pos[0]))
        return tuple(tests)
