"""What a supervisor reads about a trainee or the cohort, assembled once for every view and export.

The trainee scorecard screen, its PDF page and the JSON export all come from ``trainee_report``,
so the numbers agree everywhere. Key moments are not stored: a finished session is replayed
from its recorded choices against the exact scenario version it was played on, which gives the
same scorecard (and the scenario's feedback text) the trainee saw in the debrief. No Qt here.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from simulator.store import supervision
from simulator.store.library import NOT_LIBRARY
from simulator.store.oddrows import Skipped, describe
from simulator.store.supervision import CohortLine, Filters

if TYPE_CHECKING:
    from simulator.engine.scoring import Scorecard
    from simulator.engine.session import Session
    from simulator.scenario import Scenario
    from simulator.store import SessionSummary, Store, Trainee

MOMENT_SESSIONS = 10  # key moments come from the latest finished sessions in the period
STRONG, WEAK, GAP = 70.0, 50.0, 10.0


@dataclass
class DimensionProgress:
    id: str
    label: str
    first: float | None = None
    best: float | None = None
    latest: float | None = None
    average: float | None = None
    cohort: float | None = None  # the cohort's mean over the same period and scenario

    @property
    def change(self) -> float | None:
        return None if self.first is None or self.latest is None else round(self.latest - self.first, 1)


@dataclass
class KeyMoment:
    scenario_title: str
    said: str  # the customer's line (or ``speaker``'s)
    text: str  # the trainee's reply
    feedback: str
    impact: float  # effect on the overall score each time (negative: points lost)
    times: int = 1
    typed: str = ""  # the trainee's own words the first time, when they typed the reply
    speaker: str = ""  # who said ``said``: the customer's first name or the node's speaker


@dataclass
class TraineeReport:
    trainee: Trainee
    filters: Filters
    sessions: list[SessionSummary]  # in the period, oldest first
    dimensions: list[DimensionProgress]
    overall: DimensionProgress
    trend: float | None  # points per week
    pass_rate: float | None
    gains: list[KeyMoment] = field(default_factory=list)
    losses: list[KeyMoment] = field(default_factory=list)
    strengths: list[str] = field(default_factory=list)
    practise: list[str] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)  # sessions left out: their rows can't be read
    bounded: list[str] = field(default_factory=list)  # titles of scenarios scored against graph bounds (``exact_maxima``)

    @property
    def finished(self) -> list[SessionSummary]:
        return [s for s in self.sessions if s.finished and s.overall is not None]

    def over_time(self, key: str = "overall") -> list[tuple[datetime, float]]:
        """One point per finished session that scored ``key`` (a dimension id or "overall"), in local time.

        The scorecard screen's "Over time" chart and the PDF's draw these same points.
        """
        points = []
        for s in self.finished:
            value = s.overall if key == "overall" else s.scores.get(key)
            if value is not None:
                points.append((datetime.fromisoformat(s.started).astimezone(), float(value)))
        return points


def in_filter(summary: SessionSummary, filters: Filters) -> bool:
    if filters.scenario_id and summary.scenario_id != filters.scenario_id:
        return False
    if filters.mode and summary.mode != filters.mode:
        return False
    if filters.library_only and not summary.library:
        return False
    if filters.since and summary.started < filters.since:
        return False
    return not (filters.until and summary.started > filters.until + "~")


def progress(dim_id: str, label: str, values: Iterable[float | None]) -> DimensionProgress:
    """First, best, latest and mean of a series in time order (gaps skipped)."""
    scored = [v for v in values if v is not None]
    if not scored:
        return DimensionProgress(dim_id, label)
    return DimensionProgress(dim_id, label, scored[0], max(scored), scored[-1], round(sum(scored) / len(scored), 1))


def trend_of(sessions: list[SessionSummary]) -> float | None:
    """Points per week, the same least-squares slope the cohort table shows."""
    days = [(datetime.fromisoformat(s.started).timestamp() / 86400, s.overall or 0.0) for s in sessions]
    k = len(days)
    sx, sy = sum(x for x, _ in days), sum(y for _, y in days)
    sxy, sxx = sum(x * y for x, y in days), sum(x * x for x, _ in days)
    if k:
        shift = sx / k  # centre the days so the sums stay small
        sxx, sxy, sx = sxx - 2 * shift * sx + k * shift**2, sxy - shift * sy, 0.0
    return supervision.slope(k, sx, sy, sxy, sxx)


def trainee_report(store: Store, trainee_id: str, filters: Filters, *, moments: bool = True) -> TraineeReport | None:
    trainee = store.trainee(trainee_id)
    if trainee is None:
        return None
    mine = filters.but(trainee_id=trainee_id)
    skipped: list[Skipped] = []
    sessions = [s for s in store.trainee_history(trainee_id, skipped) if in_filter(s, mine)]
    done = [s for s in sessions if s.finished and s.overall is not None]
    everyone = filters.but(trainee_id=None)
    cohort = supervision.cohort_averages(store, everyone)
    dims = []
    for dim_id, label in supervision.dimensions(store, mine):
        row = progress(dim_id, label, (s.scores.get(dim_id) for s in done))
        row.cohort = cohort.get(dim_id)
        dims.append(row)
    overall = progress("overall", "Overall", (s.overall for s in done))
    overall.cohort = supervision.cohort_overall(store, everyone)
    passed = [bool(s.passed) for s in done]
    report = TraineeReport(
        trainee, mine, sessions, dims, overall, trend_of(done),
        round(sum(passed) / len(passed), 3) if passed else None, skipped=skipped,
    )  # fmt: skip
    if moments:
        report.gains, report.losses = key_moments(store, done[-MOMENT_SESSIONS:])
    report.strengths, report.practise = advice(report)
    report.bounded = sorted({s.scenario_title for s in done if not scored_exactly(store, s.content_hash)})
    return report


_EXACT: dict[str, bool] = {}  # content hash -> scored against exact maxima (a version never changes)


def scored_exactly(store: Store, content_hash: str) -> bool:
    """Whether sessions on this scenario version were scored against what real play can earn, or
    against bounds from its graph (too big to play out), which even a perfect run may not reach."""
    if content_hash not in _EXACT:
        from simulator.engine.scoring import exact_maxima
        from simulator.store.versions import stored_scenario

        scenario = stored_scenario(store.db, content_hash)
        _EXACT[content_hash] = scenario is None or exact_maxima(scenario)
    return _EXACT[content_hash]


def cautions(report: TraineeReport) -> list[str]:
    """What a reader must know before trusting the figures: sessions not from the library counted
    in them, sessions left out because their rows can't be read. Said the same on screen and on paper."""
    notes = []
    outside = sum(not s.library for s in report.sessions)
    if outside:
        notes.append(f"{outside} session(s) {NOT_LIBRARY}: played on a scenario file the library doesn't offer, "
                     "which may score anything. They count in these figures.")  # fmt: skip
    if report.skipped:
        notes.append(describe(report.skipped))
    if report.bounded:
        notes.append(f"Scores on {', '.join(report.bounded)} are scaled against bounds from the scenario's map, "
                     "not the best real play can earn (too big to play out exactly): "
                     "even a perfect run may score under 100.")  # fmt: skip
    return notes


# -- replaying stored sessions ---------------------------------------------------------------
def replay(store: Store, summary: Any, cache: dict[str, Scenario] | None = None) -> Session | None:
    """The session rebuilt from its stored choices (closed: read it, don't play it), or None."""
    from simulator.engine import FakeClock, PlayError, Session
    from simulator.store.resume import stored_decisions
    from simulator.store.versions import stored_scenario

    cache = {} if cache is None else cache
    if summary.content_hash not in cache:
        scenario = stored_scenario(store.db, summary.content_hash)
        if scenario is None:
            return None
        cache[summary.content_hash] = scenario
    start, mode, seed = supervision.session_start(store, summary.id) or (None, "practice", None)
    try:
        session = Session(cache[summary.content_hash], start=start, mode=mode, clock=FakeClock(), session_id=summary.id,
                          shuffle_seed=seed)  # fmt: skip
    except PlayError:
        return None
    try:
        session.replay(stored_decisions(store, summary.id))
    except (PlayError, TypeError, ValueError):  # a stored reply that is not ours to replay: no moments from it
        return None
    finally:
        session.close()
    return session


def session_card(store: Store, summary: Any, cache: dict[str, Scenario] | None = None) -> Scorecard | None:
    from simulator.engine.scoring import scorecard

    session = replay(store, summary, cache)
    return None if session is None else scorecard(session)


def session_transcript(store: Store, summary: Any) -> str:
    """The conversation and its scorecard as plain text, as ``simulator play`` prints them."""
    from simulator.reports.transcript import scorecard_lines, transcript

    session = replay(store, summary)
    if session is None:
        return "This session can't be shown: its scenario version is missing or no longer replays."
    from simulator.engine.scoring import scorecard

    lines = transcript(session.scenario, session.start, session.decisions)
    return "\n".join(lines + scorecard_lines(scorecard(session)))


def key_moments(store: Store, sessions: list[Any], count: int = 3) -> tuple[list[KeyMoment], list[KeyMoment]]:
    """The replies that earned and lost the most over these sessions; a reply made again is counted, not repeated."""
    cache: dict[str, Scenario] = {}
    found: dict[tuple[str, str, str], KeyMoment] = {}
    for summary in sessions:
        card = session_card(store, summary, cache)
        for m in card.moments if card else []:
            if m.impact == 0:
                continue
            key = (summary.scenario_id, m.node, m.text)
            if key in found:
                found[key].times += 1
            else:
                found[key] = KeyMoment(summary.scenario_title, m.said, m.text, m.feedback, m.impact, typed=m.typed,
                                       speaker=m.speaker)  # fmt: skip
    ranked = sorted(found.values(), key=lambda k: k.impact * k.times)
    gains = [k for k in reversed(ranked) if k.impact > 0][:count]
    return gains, [k for k in ranked if k.impact < 0][:count]


# -- strengths and what to practise ----------------------------------------------------------
def advice(report: TraineeReport) -> tuple[list[str], list[str]]:
    scored = [(d, d.average) for d in report.dimensions if d.average is not None]
    if not scored:
        return [], ["No finished sessions in this period yet: a first scenario gives a starting point."]

    def above(d: DimensionProgress, average: float) -> float:
        return average - (d.cohort if d.cohort is not None else average)

    strong = [d for d, average in scored if average >= STRONG or above(d, average) >= GAP]
    strengths = [_strength(d) for d in sorted(strong, key=lambda d: -(d.average or 0))[:2]]
    weak = [d for d, average in scored if average < WEAK or above(d, average) <= -GAP] or [
        min((d for d, _ in scored), key=lambda d: d.average or 0)
    ]
    practise = [_practise(d, report) for d in sorted(weak, key=lambda d: d.average or 0)[:2]]
    if report.losses:
        worst = report.losses[0]
        again = f" ({worst.times} times)" if worst.times > 1 else ""
        practise.append(f"Costliest reply{again}: “{clip(worst.text, 80)}” {_first_sentence(worst.feedback)}".strip())
    return strengths, practise


def _strength(d: DimensionProgress) -> str:
    versus = "" if d.cohort is None else f", cohort {d.cohort:.0f}"
    return f"{d.label}: {d.average:.0f} on average{versus}."


def _practise(d: DimensionProgress, report: TraineeReport) -> str:
    versus = "" if d.cohort is None else f" (cohort {d.cohort:.0f})"
    by_scenario: dict[str, list[float]] = {}
    for s in report.finished:
        if s.scores.get(d.id) is not None:
            by_scenario.setdefault(s.scenario_title, []).append(s.scores[d.id])  # type: ignore[arg-type]
    tip = ""
    unmastered = {title: values for title, values in by_scenario.items() if max(values) < STRONG}
    if unmastered:  # never "replay" a scenario whose best there is already strong
        title, values = min(unmastered.items(), key=lambda item: max(item[1]))
        tip = f" Replay “{title}”: best {max(values):.0f} there so far."
    return f"{d.label}: {d.average:.0f} on average{versus}.{tip}"


def _first_sentence(text: str) -> str:
    flat = " ".join(text.split())
    end = flat.find(". ")
    return flat if end < 0 else flat[: end + 1]


def clip(text: str, limit: int = 90) -> str:
    """One line of at most ``limit`` characters, cut between words ("at the…", never "at t…")."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:  # a word boundary not too far back; one very long word is cut inside
        cut = cut[:space]
    return cut.rstrip(" ,;:-–") + "…"


# -- the cohort ------------------------------------------------------------------------------
def cohort(store: Store, filters: Filters) -> tuple[list[CohortLine], list[tuple[str, str]], dict[str, float]]:
    """Every trainee with details filled in, the dimensions (id, label) and the cohort averages."""
    return supervision.cohort(store, filters), supervision.dimensions(store, filters), supervision.cohort_averages(store, filters)


def weakest_dimension(averages: dict[str, float] | None) -> str | None:
    """The dimension with the lowest average; None when none is below another (all 100 has no weakest)."""
    if not averages or (len(set(averages.values())) == 1 and len(averages) > 1):
        return None
    return min(averages, key=lambda d: (averages[d], d))


def weakest(averages: dict[str, float] | None, labels: dict[str, str]) -> str | None:
    dim = weakest_dimension(averages)
    return None if dim is None else labels.get(dim, dim)


# -- one scenario ----------------------------------------------------------------------------
@dataclass
class WrongReply:
    node: str
    said: str  # what the customer had just said
    text: str  # the reply taken
    times: int
    share: float  # of the visits to this node
    missed: int  # points below the best reply there
    feedback: str


@dataclass
class HardNode:
    node: str
    said: str
    visits: int
    missed: float  # mean points below the best reply, per visit
    worst: WrongReply | None


@dataclass
class ScenarioReport:
    scenario_id: str
    title: str
    sessions: int
    finished: int
    abandoned: int
    average: float | None
    pass_rate: float | None
    outcomes: dict[str, int]
    hardest: list[HardNode]
    wrong: list[WrongReply]  # the replies that cost points, most taken first

    @property
    def completion(self) -> float | None:
        return self.finished / self.sessions if self.sessions else None


MIN_VISITS = 3  # a node seen fewer times says more about chance than about the scenario


def scenario_report(store: Store, scenario_id: str, filters: Filters, top: int = 5) -> ScenarioReport:
    from simulator.store.versions import stored_scenario

    mix = supervision.outcome_mix(store, scenario_id, filters)
    scenario = stored_scenario(store.db, mix["latest_hash"]) if mix["latest_hash"] else None
    title = scenario.title if scenario else scenario_id
    visits: dict[str, int] = {}
    lost: dict[str, int] = {}
    wrong = []
    for node, index, times, missed in supervision.choice_counts(store, scenario_id, filters):
        visits[node] = visits.get(node, 0) + times
        lost[node] = lost.get(node, 0) + times * missed
        if missed > 0:
            said, text, feedback = _texts(scenario, node, index)
            wrong.append(WrongReply(node, said, text, times, 0.0, missed, feedback))
    for reply in wrong:
        reply.share = round(reply.times / visits[reply.node], 3)
    wrong.sort(key=lambda r: (-r.times, -r.missed, r.node))
    hard = [n for n in visits if lost[n] and visits[n] >= min(MIN_VISITS, max(visits.values()))]
    hard.sort(key=lambda n: (-lost[n] / visits[n], -visits[n], n))
    hardest = [
        HardNode(n, _texts(scenario, n, None)[0], visits[n], round(lost[n] / visits[n], 2),
                 next((r for r in wrong if r.node == n), None))
        for n in hard[:top]
    ]  # fmt: skip
    return ScenarioReport(
        scenario_id, title, mix["sessions"], mix["finished"], mix["abandoned"], mix["average"],
        None if mix["pass_rate"] is None else round(mix["pass_rate"], 3), mix["outcomes"], hardest, wrong[:top],
    )  # fmt: skip


def _texts(scenario: Scenario | None, node_id: str, index: int | None) -> tuple[str, str, str]:
    """What was said at ``node_id`` (named when not by the customer: "Rosa: ..."), and the text and
    feedback of reply ``index`` there."""
    from simulator.scenario.model import TIMEOUT, Node, attributed

    node = scenario.nodes.get(node_id) if scenario else None
    if not isinstance(node, Node):
        return "", f"reply {index + 1 if index is not None else '?'} at {node_id}", ""
    said = attributed(node)
    if index is None:
        return said, "", ""
    if index == TIMEOUT:
        return said, "(no reply: time ran out)", node.timeout.feedback if node.timeout else ""
    move = next((c for c in node.choices if c.index == index), None)
    return (said, move.text, move.feedback) if move else (said, f"reply {index + 1}", "")
