"""The client's rules with an injected transport and clock: headers, backoff, what stops and what retries.

These pin the policy; that it works against a real LRS is tests/xapi/test_xapi_lrs.py.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Callable

import pytest

from simulator.store.outbox import OutboxRow
from simulator.xapi.lrs_client import (
    LrsAuthError,
    LrsClient,
    LrsEndpointError,
    LrsRejected,
    LrsUnavailable,
    Request,
    Response,
    normalize_endpoint,
)
from simulator.xapi.sync import sync

IDS = ["11111111-1111-5111-8111-111111111111", "22222222-2222-5222-8222-222222222222"]
BODY = b'[{"id":"%s"},{"id":"%s"}]' % (IDS[0].encode(), IDS[1].encode())


class Script:
    """A transport that plays back answers (or raises) in order and records each request."""

    def __init__(self, *answers: Response | Exception) -> None:
        self.answers = list(answers)
        self.requests: list[Request] = []

    def __call__(self, request: Request) -> Response:
        self.requests.append(request)
        answer = self.answers.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return answer


def ok(ids: list[str] = IDS) -> Response:
    return Response(200, json.dumps(ids).encode())


def client(transport: Callable[[Request], Response], sleeps: list[float], **kw: object) -> LrsClient:
    return LrsClient(
        "http://lrs.example.test/xAPI/", "key", "s3cret-pass", transport=transport, sleep=sleeps.append, jitter=lambda: 0.0, **kw
    )  # type: ignore[arg-type]


def test_posts_with_version_header_basic_auth_and_json() -> None:
    script, sleeps = Script(ok()), []
    assert client(script, sleeps).post_statements(BODY, IDS) == IDS
    (request,) = script.requests
    assert request.method == "POST" and request.url == "http://lrs.example.test/xAPI/statements"
    assert request.headers["X-Experience-API-Version"] == "1.0.3"
    assert request.headers["Authorization"] == "Basic " + base64.b64encode(b"key:s3cret-pass").decode()
    assert request.headers["Content-Type"].startswith("application/json")
    assert request.body == BODY and sleeps == []


def test_the_password_is_in_no_repr() -> None:
    script = Script(ok())
    lrs = client(script, [])
    lrs.post_statements(BODY, IDS)
    assert "s3cret" not in repr(lrs) and "s3cret" not in repr(script.requests[0])


def test_network_errors_and_5xx_back_off_exponentially_then_give_up() -> None:
    answers = [ConnectionRefusedError(111, "Connection refused"), Response(503, b"busy"), TimeoutError("timed out")]
    script, sleeps = Script(*answers, Response(502, b""), Response(500, b"{}"), Response(504, b"")), []
    with pytest.raises(LrsUnavailable, match="after 6 tries"):
        client(script, sleeps, retries=5).post_statements(BODY, IDS)
    assert sleeps == [0.5, 1.0, 2.0, 4.0, 8.0]


def test_a_retry_that_succeeds_returns_the_confirmed_ids() -> None:
    script, sleeps = Script(OSError("network is unreachable"), Response(429, b"", {"Retry-After": "3"}), ok()), []
    assert client(script, sleeps).post_statements(BODY, IDS) == IDS
    assert sleeps == [0.5, 3.0]


def test_the_delay_is_capped() -> None:
    script, sleeps = Script(*[Response(500, b"")] * 9), []
    with pytest.raises(LrsUnavailable):
        client(script, sleeps, retries=8, max_delay=5.0).post_statements(BODY, IDS)
    assert max(sleeps) == 5.0


@pytest.mark.parametrize(
    ("status", "error", "words"),
    [
        (401, LrsAuthError, "refused the credentials"),
        (403, LrsAuthError, "credentials"),
        (404, LrsEndpointError, "xAPI endpoint"),
    ],
)
def test_credentials_and_address_problems_stop_at_once(status: int, error: type, words: str) -> None:
    script, sleeps = Script(Response(status, b'{"message":"nope"}')), []
    with pytest.raises(error, match=words):
        client(script, sleeps).post_statements(BODY, IDS)
    assert len(script.requests) == 1 and sleeps == []


def test_a_refused_batch_carries_the_lrs_answer() -> None:
    script = Script(Response(400, b'{"message":"Expected an IRI in statement.verb.id"}'))
    with pytest.raises(LrsRejected) as caught:
        client(script, []).post_statements(BODY, IDS)
    assert caught.value.status == 400 and "Expected an IRI" in caught.value.answer


def test_only_ids_the_lrs_returned_count_as_confirmed() -> None:
    assert client(Script(ok(IDS[:1])), []).post_statements(BODY, IDS) == IDS[:1]
    with pytest.raises(LrsRejected, match="without the list"):
        client(Script(Response(200, b"OK")), []).post_statements(BODY, IDS)


def test_endpoints_are_normalized_and_checked() -> None:
    assert normalize_endpoint(" https://lrs.example.com/data/xAPI/statements/ ") == "https://lrs.example.com/data/xAPI"
    for bad in ("lrs.example.com/xAPI", "ftp://lrs.example.com", "https://key:secret@lrs.example.com/xAPI"):
        with pytest.raises(ValueError):
            normalize_endpoint(bad)


class MemoryOutbox:
    """The outbox contract in memory, for the sync policy alone."""

    def __init__(self, count: int) -> None:
        self.rows = [OutboxRow(n, f"{n:08d}-0000-5000-8000-000000000000", "s", json.dumps({"n": n})) for n in range(1, count + 1)]
        self.sent: list[str] = []
        self.held: dict[str, str] = {}

    def pending(self, limit: int, after: int = 0) -> list[OutboxRow]:
        rows = [r for r in self.rows if r.n > after and r.id not in self.sent and r.id not in self.held]
        return rows[:limit]

    def mark_sent(self, ids: list[str], at: str | None = None) -> None:
        self.sent += ids

    def hold(self, statement_id: str, problem: str) -> None:
        self.held[statement_id] = problem

    def release(self, ids: list[str] | None = None) -> int:
        for i in ids or list(self.held):
            self.held.pop(i, None)
        return 0

    def counts(self) -> dict[str, int]:
        return {"pending": len(self.pending(10**6)), "sent": len(self.sent), "held": len(self.held)}


class PickyLrs:
    endpoint = "http://lrs.example.test/xAPI"

    def __init__(self, refuse: set[int]) -> None:
        self.refuse, self.posts = refuse, 0

    def post_statements(self, body: bytes, ids: list[str]) -> list[str]:
        self.posts += 1
        numbers = {item["n"] for item in json.loads(body)}
        if numbers & self.refuse:
            raise LrsRejected(400, "statement refused")
        return list(ids)


def test_a_refused_statement_is_found_held_and_the_rest_keep_flowing() -> None:
    outbox, lrs = MemoryOutbox(250), PickyLrs({7, 180})
    report = sync(outbox, lrs, batch_size=100)
    assert sorted(r.statement_id for r in report.rejected) == [outbox.rows[6].id, outbox.rows[179].id]
    assert len(outbox.sent) == 248 and report.sent == 248 and report.stopped is None
    assert report.pending == 0 and report.held == 2 and not report.ok
    assert lrs.posts < 40  # bisection, not one request per statement


def test_an_lrs_that_refuses_everything_stops_the_run_without_holding_anything() -> None:
    outbox = MemoryOutbox(30)
    report = sync(outbox, PickyLrs(set(range(1, 31))), batch_size=10)
    assert report.stopped and "refused each of the first" in report.stopped
    assert outbox.sent == [] and outbox.held == {}
