"""The xAPI 1.0.3 rules a statement must meet before it may enter the outbox.

A statement an LRS refuses would sit in the outbox forever, so we check what the specification
requires (Data section 2.4) for the parts we use: ids, exactly one agent identifier, IRIs, language
maps, score ranges and their order, ISO 8601 durations and timestamps, ``revision``/``platform``
only with an Activity object, and no empty values outside extensions (some LRSs refuse those).
Stricter than the spec in one place: ``result.score.scaled`` must lie in [0, 1] (ours never goes
below zero). ``problems`` returns every finding as ``path: what is wrong``.
"""

from __future__ import annotations

import re
import uuid
from datetime import datetime
from typing import Any

IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:[^\s<>\"{}|\\^`]+$")
IRL = re.compile(r"^https?://[^\s/?#]+[^\s]*$")
LANGUAGE = re.compile(r"^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$")
MAILTO = re.compile(r"^mailto:[^@\s]+@[^@\s]+\.[^@\s]+$")
NUM = r"\d+(?:[.,]\d+)?"
DURATION = re.compile(rf"^P(?!$)({NUM}Y)?({NUM}M)?({NUM}W)?({NUM}D)?(T(?=\d)({NUM}H)?({NUM}M)?({NUM}S)?)?$")
TOP = {"id", "actor", "verb", "object", "result", "context", "timestamp", "stored", "authority", "version", "attachments"}
IFIS = ("mbox", "mbox_sha1sum", "openid", "account")
INTERACTIONS = {"true-false", "choice", "fill-in", "long-fill-in", "matching", "performance", "sequencing", "likert"}
INTERACTIONS |= {"numeric", "other"}
ACTIVITY_KEYS = {"objectType", "id", "definition"}
DEFINITION_KEYS = {"name", "description", "type", "moreInfo", "extensions", "interactionType", "correctResponsesPattern"}
DEFINITION_KEYS |= {"choices", "scale", "source", "target", "steps"}


class InvalidStatement(ValueError):
    """A statement we built breaks the xAPI rules; ``problems`` lists every finding."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("; ".join(problems))


def check(statement: dict[str, Any]) -> None:
    found = problems(statement)
    if found:
        raise InvalidStatement(found)


def problems(statement: Any) -> list[str]:
    out: list[str] = []
    if not isinstance(statement, dict):
        return ["statement: must be a JSON object"]
    out += [f"{key}: not a statement property" for key in statement if key not in TOP]
    for key in ("actor", "verb", "object"):
        if key not in statement:
            out.append(f"{key}: required")
    if "id" in statement:
        _uuid(statement["id"], "id", out)
    if "actor" in statement:
        _agent(statement["actor"], "actor", out)
    if "verb" in statement:
        _verb(statement["verb"], out)
    obj = statement.get("object")
    if obj is not None:
        _object(obj, statement.get("verb", {}), out)
    if "result" in statement:
        _result(statement["result"], out)
    if "context" in statement:
        _context(statement["context"], obj, out)
    if "timestamp" in statement:
        _timestamp(statement["timestamp"], "timestamp", out)
    _no_empty(statement, "", out)
    return out


def _uuid(value: Any, path: str, out: list[str]) -> None:
    try:
        ok = isinstance(value, str) and str(uuid.UUID(value)) == value.lower() and len(value) == 36
    except ValueError:
        ok = False
    if not ok:
        out.append(f"{path}: must be a UUID in 8-4-4-4-12 form, not {value!r}")


def _iri(value: Any, path: str, out: list[str]) -> None:
    if not isinstance(value, str) or not IRI.match(value):
        out.append(f"{path}: must be an absolute IRI, not {value!r}")


def _language_map(value: Any, path: str, out: list[str]) -> None:
    if not isinstance(value, dict) or not value:
        out.append(f"{path}: must be a language map")
        return
    for tag, text in value.items():
        if not LANGUAGE.match(tag):
            out.append(f"{path}: {tag!r} is not a language tag")
        if not isinstance(text, str):
            out.append(f"{path}.{tag}: must be a string")


def _extensions(value: Any, path: str, out: list[str]) -> None:
    if not isinstance(value, dict):
        out.append(f"{path}: must be an object")
        return
    for key in value:
        _iri(key, f"{path} key", out)


def _agent(agent: Any, path: str, out: list[str]) -> None:
    if not isinstance(agent, dict):
        out.append(f"{path}: must be an object")
        return
    if agent.get("objectType", "Agent") != "Agent":
        out.append(f"{path}.objectType: must be 'Agent'")
    ifis = [key for key in IFIS if key in agent]
    if len(ifis) != 1:
        out.append(f"{path}: needs exactly one of {', '.join(IFIS)} (has {len(ifis)})")
    if "mbox" in agent and not (isinstance(agent["mbox"], str) and MAILTO.match(agent["mbox"])):
        out.append(f"{path}.mbox: must be 'mailto:' and an e-mail address, not {agent['mbox']!r}")
    if "account" in agent:
        account = agent["account"]
        if not isinstance(account, dict) or set(account) != {"homePage", "name"}:
            out.append(f"{path}.account: needs exactly homePage and name")
        else:
            if not isinstance(account["homePage"], str) or not IRL.match(account["homePage"]):
                out.append(f"{path}.account.homePage: must be an http(s) URL, not {account['homePage']!r}")
            if not isinstance(account["name"], str):
                out.append(f"{path}.account.name: must be a string")
    if "name" in agent and not isinstance(agent["name"], str):
        out.append(f"{path}.name: must be a string")


def _verb(verb: Any, out: list[str]) -> None:
    if not isinstance(verb, dict):
        out.append("verb: must be an object")
        return
    _iri(verb.get("id"), "verb.id", out)
    if "display" in verb:
        _language_map(verb["display"], "verb.display", out)


def _object(obj: Any, verb: Any, out: list[str]) -> None:
    if not isinstance(obj, dict):
        out.append("object: must be an object")
        return
    kind = obj.get("objectType", "Activity")
    voiding = isinstance(verb, dict) and verb.get("id") == "http://adlnet.gov/expapi/verbs/voided"
    if voiding and kind != "StatementRef":
        out.append("object: a voiding statement's object must be a StatementRef")
    if kind == "StatementRef":
        _uuid(obj.get("id"), "object.id", out)
        return
    if kind != "Activity":
        out.append(f"object.objectType: we only send Activities and StatementRefs, not {kind!r}")
        return
    _activity(obj, "object", out)


def _activity(activity: Any, path: str, out: list[str]) -> None:
    if not isinstance(activity, dict):
        out.append(f"{path}: must be an object")
        return
    out += [f"{path}.{key}: not an Activity property" for key in activity if key not in ACTIVITY_KEYS]
    _iri(activity.get("id"), f"{path}.id", out)
    definition = activity.get("definition")
    if definition is None:
        return
    if not isinstance(definition, dict):
        out.append(f"{path}.definition: must be an object")
        return
    out += [f"{path}.definition.{key}: not a definition property" for key in definition if key not in DEFINITION_KEYS]
    for key in ("name", "description"):
        if key in definition:
            _language_map(definition[key], f"{path}.definition.{key}", out)
    if "type" in definition:
        _iri(definition["type"], f"{path}.definition.type", out)
    if "interactionType" in definition and definition["interactionType"] not in INTERACTIONS:
        out.append(f"{path}.definition.interactionType: unknown {definition['interactionType']!r}")
    if "extensions" in definition:
        _extensions(definition["extensions"], f"{path}.definition.extensions", out)


def _result(result: Any, out: list[str]) -> None:
    if not isinstance(result, dict):
        out.append("result: must be an object")
        return
    for key in ("success", "completion"):
        if key in result and not isinstance(result[key], bool):
            out.append(f"result.{key}: must be true or false")
    if "response" in result and not isinstance(result["response"], str):
        out.append("result.response: must be a string")
    if "duration" in result and not (isinstance(result["duration"], str) and DURATION.match(result["duration"])):
        out.append(f"result.duration: must be an ISO 8601 duration, not {result['duration']!r}")
    if "score" in result:
        _score(result["score"], out)
    if "extensions" in result:
        _extensions(result["extensions"], "result.extensions", out)


def _score(score: Any, out: list[str]) -> None:
    if not isinstance(score, dict):
        out.append("result.score: must be an object")
        return
    numbers = {k: v for k, v in score.items() if k in ("scaled", "raw", "min", "max")}
    out += [f"result.score.{k}: not a score property" for k in score if k not in numbers]
    for key, value in numbers.items():
        if isinstance(value, bool) or not isinstance(value, int | float):
            out.append(f"result.score.{key}: must be a number")
            return
    if "scaled" in numbers and not 0 <= numbers["scaled"] <= 1:
        out.append(f"result.score.scaled: must lie in [0, 1], not {numbers['scaled']}")
    low, high, raw = numbers.get("min"), numbers.get("max"), numbers.get("raw")
    if low is not None and high is not None and low >= high:
        out.append("result.score: min must be below max")
    if raw is not None and ((low is not None and raw < low) or (high is not None and raw > high)):
        out.append("result.score.raw: must lie between min and max")


def _context(context: Any, obj: Any, out: list[str]) -> None:
    if not isinstance(context, dict):
        out.append("context: must be an object")
        return
    if "registration" in context:
        _uuid(context["registration"], "context.registration", out)
    is_activity = isinstance(obj, dict) and obj.get("objectType", "Activity") == "Activity"
    for key in ("revision", "platform"):
        if key in context and not is_activity:
            out.append(f"context.{key}: only allowed when the object is an Activity")
        if key in context and not isinstance(context[key], str):
            out.append(f"context.{key}: must be a string")
    activities = context.get("contextActivities", {})
    if not isinstance(activities, dict):
        out.append("context.contextActivities: must be an object")
        activities = {}
    for key, value in activities.items():
        if key not in ("parent", "grouping", "category", "other"):
            out.append(f"context.contextActivities.{key}: not a context activity kind")
        for i, activity in enumerate(value if isinstance(value, list) else [value]):
            _activity(activity, f"context.contextActivities.{key}[{i}]", out)
    if "extensions" in context:
        _extensions(context["extensions"], "context.extensions", out)


def _timestamp(value: Any, path: str, out: list[str]) -> None:
    try:
        moment = datetime.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        moment = None
    if moment is None or moment.tzinfo is None:
        out.append(f"{path}: must be an ISO 8601 time with a time zone, not {value!r}")


def _no_empty(value: Any, path: str, out: list[str]) -> None:
    if isinstance(value, dict):
        for key, item in value.items():
            where = f"{path}.{key}" if path else str(key)
            if item is None or (isinstance(item, str | dict | list) and not item):
                out.append(f"{where}: empty values are not allowed outside extensions")
            elif key != "extensions":
                _no_empty(item, where, out)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            _no_empty(item, f"{path}[{i}]", out)
