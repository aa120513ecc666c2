"""xAPI 1.0.3 statements for a play session, one or two per engine event.

Each statement is a plain dict ready for ``json.dumps``. Ids are UUID5s of the session id and
the step they describe, so building a session's statements twice (a retry, a re-export, a sync
from a restored backup) gives the very same ids and an LRS can never store a step twice.

Vocabulary (every IRI of our own is documented in docs/xapi.md): ``initialized`` when a session
starts, ``answered`` per decision (the node is a ``cmi.interaction``), ``voided`` when practice
mode steps back over a decision, ``completed`` plus ``passed`` or ``failed`` at the ending.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote

from simulator.engine.events import Decision, DecisionUndone, SessionFinished, SessionStarted
from simulator.scenario.model import Node, Scenario, attributed

Statement = dict[str, Any]

BASE = "https://service-recovery-simulator.invalid"  # ".invalid": ours by convention, never a real host
XAPI = f"{BASE}/xapi"
EXT = f"{XAPI}/extensions"
DEFAULT_HOME_PAGE = f"{BASE}/trainees"
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, XAPI)
XAPI_VERSION = "1.0.3"
PLATFORM = "Service Recovery Simulator"
LANG = "und"  # scenarios declare no language; BCP 47 "undetermined" is the honest tag
ADL_VERB = "http://adlnet.gov/expapi/verbs/"
SIMULATION = "http://adlnet.gov/expapi/activities/simulation"
INTERACTION = "http://adlnet.gov/expapi/activities/cmi.interaction"
VERSION_TYPE = f"{XAPI}/activity-types/scenario-version"
ACTOR_FORMATS = ("account", "mbox")


@dataclass(frozen=True)
class ActorSettings:
    """How a trainee appears in the LRS (settings ``xapi.actor``, ``xapi.home_page``, ``xapi.mbox_domain``)."""

    format: str = "account"
    home_page: str = DEFAULT_HOME_PAGE
    mbox_domain: str = ""


@dataclass(frozen=True)
class Outcome:
    """What the ``completed`` and ``passed``/``failed`` statements report; from a scorecard or stored rows."""

    ending_id: str
    outcome: str
    overall: float | None  # 0-100
    passed: bool
    mood: int
    scaled: Mapping[str, float | None]  # dimension id -> 0-100, None when the scenario can't score it

    @classmethod
    def from_scorecard(cls, card: Any) -> Outcome:
        scaled = {d.id: d.scaled for d in card.dimensions}
        return cls(card.ending_id, card.outcome, card.overall, bool(card.passed), card.mood, scaled)


def actor(trainee_id: str, name: str, employee_id: str | None, settings: ActorSettings) -> dict[str, Any]:
    """The trainee as an xAPI Agent: an account (employee id, else the trainee's UUID) or an mbox."""
    agent: dict[str, Any] = {"objectType": "Agent", "name": name}
    if settings.format == "mbox":
        if employee_id and "@" in employee_id:
            address = employee_id
        elif settings.mbox_domain:
            address = f"{employee_id or trainee_id}@{settings.mbox_domain.lstrip('@')}"
        else:
            raise ValueError("xapi.actor is 'mbox' but the trainee has no e-mail and xapi.mbox_domain is not set")
        agent["mbox"] = f"mailto:{address}"
    else:
        agent["account"] = {"homePage": settings.home_page, "name": employee_id or trainee_id}
    return agent


def statement_id(session_id: str, step: str) -> str:
    return str(uuid.uuid5(NAMESPACE, f"{session_id}/{step}"))


def scenario_iri(scenario_id: str) -> str:
    return f"{XAPI}/scenarios/{quote(scenario_id, safe='')}"


def utc(at: str) -> datetime:
    """An ISO 8601 time as an aware UTC datetime (a time without a zone is taken as UTC)."""
    moment = datetime.fromisoformat(at)
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def timestamp(at: str) -> str:
    """ISO 8601 in UTC with milliseconds and ``Z``: the form LRSs store unchanged."""
    moment = utc(at)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def duration(seconds: float) -> str:
    """ISO 8601 duration to 0.01 s, the precision xAPI guarantees an LRS keeps."""
    hundredths = max(0, round(seconds * 100))
    hours, rest = divmod(hundredths, 360_000)
    minutes, rest = divmod(rest, 6_000)
    whole, frac = divmod(rest, 100)
    secs = f"{whole}.{frac:02d}".rstrip("0").rstrip(".")
    return "PT" + (f"{hours}H" if hours else "") + (f"{minutes}M" if minutes else "") + f"{secs}S"


def _lang(text: str) -> dict[str, str]:
    return {LANG: " ".join(text.split())}


class SessionStatements:
    """Turns one session's events into statements; remembers what ids and durations need.

    ``undone`` says how often each decision number was already stepped back over (a resumed
    session's history), so the decision that replaces an undone one gets a new id.
    """

    def __init__(
        self,
        scenario: Scenario,
        session_id: str,
        mode: str,
        agent: Mapping[str, Any],
        *,
        started: str | None = None,
        undone: Mapping[int, int] | None = None,
        now: Callable[[], datetime] | None = None,
        library: bool = True,
    ) -> None:
        self.scenario, self.session_id, self.mode, self.agent = scenario, session_id, mode, dict(agent)
        self.library = library  # played on a version the library offers (store.library); said in every statement
        self.now = now or (lambda: datetime.now(UTC))
        self.started = started
        self.undone: dict[int, int] = dict(undone or {})
        self.activity = self._scenario_activity()
        version_name = f"{scenario.title} {scenario.version}".strip() if scenario.version else scenario.title
        self.version_activity = {
            "objectType": "Activity",
            "id": f"{self.activity['id']}/versions/{scenario.content_hash[:16] or 'unknown'}",
            "definition": {"name": _lang(version_name), "type": VERSION_TYPE},
        }

    def for_event(self, event: object) -> list[Statement]:
        if isinstance(event, SessionStarted):
            self.started = event.at
            return [self.initialized(event.at)]
        if isinstance(event, Decision):
            return [self.answered(event)]
        if isinstance(event, DecisionUndone):
            return [self.voided(event.seq, self.now().isoformat())]
        if isinstance(event, SessionFinished):
            return self.finished(Outcome.from_scorecard(event.scorecard), event.at)
        return []

    # -- one statement per step -------------------------------------------------------------
    def initialized(self, at: str) -> Statement:
        return self._statement("initialized", "initialized", self.activity, at)

    def answered(self, d: Decision) -> Statement:
        attempt = self.undone.get(d.seq, 0)
        ext: dict[str, Any] = {f"{EXT}/points/{quote(dim, safe='')}": pts for dim, pts in d.points.items()}
        ext |= {f"{EXT}/choice": d.choice_index, f"{EXT}/goto": d.target, f"{EXT}/mood-before": d.mood_before}
        ext |= {f"{EXT}/mood-after": d.mood_after, f"{EXT}/sequence": d.seq}
        if d.choice_index < 0:
            ext[f"{EXT}/timed-out"] = True
        if d.forced:
            ext[f"{EXT}/forced"] = True
        result: dict[str, Any] = {"duration": duration(d.response_ms / 1000), "extensions": ext}
        if d.typed.strip():  # answered in their own words: the words are the response, the reply it meant is the choice
            result["response"] = " ".join(d.typed.split())
            ext[f"{EXT}/reply"] = " ".join(d.text.split())
        elif d.text.strip():
            result["response"] = " ".join(d.text.split())
        step = f"answered/{d.seq}" + (f"/{attempt}" if attempt else "")
        return self._statement(step, "answered", self._node_activity(d.node), d.at, result, parent=True)

    def voided(self, seq: int, at: str) -> Statement:
        """Practice mode stepped back over decision ``seq``: void its ``answered`` statement."""
        attempt = self.undone.get(seq, 0)
        self.undone[seq] = attempt + 1
        target = statement_id(self.session_id, f"answered/{seq}" + (f"/{attempt}" if attempt else ""))
        step = f"voided/{seq}" + (f"/{attempt}" if attempt else "")
        return {
            "id": statement_id(self.session_id, step),
            "actor": self.agent,
            "verb": {"id": f"{ADL_VERB}voided", "display": {"en-US": "voided"}},
            "object": {"objectType": "StatementRef", "id": target},
            "context": {"registration": self.session_id},  # no revision/platform: object is not an Activity
            "timestamp": timestamp(at),
        }

    def finished(self, outcome: Outcome, at: str) -> list[Statement]:
        result: dict[str, Any] = {"completion": True}
        if self.started:
            elapsed = (utc(at) - utc(self.started)).total_seconds()
            result["duration"] = duration(elapsed)
        if outcome.overall is not None:
            scaled = round(min(100.0, max(0.0, outcome.overall)) / 100, 4)
            result["score"] = {"scaled": scaled, "raw": round(outcome.overall, 2), "min": 0, "max": 100}
        ext: dict[str, Any] = {f"{EXT}/ending": outcome.ending_id, f"{EXT}/outcome": outcome.outcome}
        ext[f"{EXT}/mood"] = outcome.mood
        for dim, value in outcome.scaled.items():
            if value is not None:
                ext[f"{EXT}/scaled/{quote(dim, safe='')}"] = round(min(100.0, max(0.0, value)) / 100, 4)
        result["extensions"] = ext
        verdict = "passed" if outcome.passed else "failed"
        return [
            self._statement("completed", "completed", self.activity, at, result),
            self._statement(verdict, verdict, self.activity, at, {**result, "success": outcome.passed}),
        ]

    # -- shared parts -----------------------------------------------------------------------
    def _statement(
        self, step: str, verb: str, obj: Statement, at: str, result: Statement | None = None, *, parent: bool = False
    ) -> Statement:
        context: dict[str, Any] = {
            "registration": self.session_id,
            "platform": PLATFORM,
            "contextActivities": {"grouping": [self.version_activity]},
            "extensions": {f"{EXT}/mode": self.mode, f"{EXT}/content-hash": self.scenario.content_hash or "unknown",
                           f"{EXT}/from-library": self.library},
        }
        if parent:
            context["contextActivities"]["parent"] = [{"objectType": "Activity", "id": self.activity["id"]}]
        if self.scenario.version:
            context["revision"] = self.scenario.version
        statement: Statement = {
            "id": statement_id(self.session_id, step),
            "actor": self.agent,
            "verb": {"id": ADL_VERB + verb, "display": {"en-US": verb}},
            "object": obj,
        }
        if result is not None:
            statement["result"] = result
        statement["context"] = context
        statement["timestamp"] = timestamp(at)
        return statement

    def _scenario_activity(self) -> Statement:
        definition: dict[str, Any] = {"name": _lang(self.scenario.title or self.scenario.id), "type": SIMULATION}
        if self.scenario.summary.strip():
            definition["description"] = _lang(self.scenario.summary)
        return {"objectType": "Activity", "id": scenario_iri(self.scenario.id), "definition": definition}

    def _node_activity(self, node_id: str) -> Statement:
        definition: dict[str, Any] = {"name": _lang(node_id), "type": INTERACTION, "interactionType": "choice"}
        node = self.scenario.nodes.get(node_id)
        if isinstance(node, Node) and node.say.strip():
            definition["description"] = _lang(attributed(node))  # "Rosa: ..." when not the customer's line
        activity_id = f"{self.activity['id']}/nodes/{quote(node_id, safe='')}"
        return {"objectType": "Activity", "id": activity_id, "definition": definition}
