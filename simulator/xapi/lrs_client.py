"""A small xAPI client: POST batches of statements to a Learning Record Store, politely.

Why the standard library (``urllib``) rather than httpx: we send one request per 100 statements,
so connection reuse and HTTP/2 buy nothing measurable (the benchmark compares us with a bare
keep-alive client), and no dependency means nothing more for PyInstaller to bundle or audit. The
transport is injected, so tests and the GUI can swap it (a fake, a proxy-aware one).

Failures are sorted by what the caller should do:
- network errors, timeouts, 408, 429 and 5xx are retried with exponential backoff (``Retry-After``
  honoured), then ``LrsUnavailable``: try the whole sync again later;
- 401/403 raise ``LrsAuthError`` and 404/405 ``LrsEndpointError``: stop, the settings are wrong;
- any other 4xx raises ``LrsRejected`` with the LRS's answer: the batch (or statement) is refused.
Credentials live only in the ``Authorization`` header and never appear in a message or ``repr``.
"""

from __future__ import annotations

import base64
import contextlib
import http.client
import json
import random
import socket
import ssl
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol
from urllib.parse import urlencode, urlsplit

from simulator import __version__
from simulator.xapi.statements import XAPI_VERSION

ANSWER_LIMIT = 600  # characters of an LRS's error answer worth showing
RETRY_STATUSES = frozenset({408, 429, 500, 502, 503, 504})
LOOPBACK = ("127.0.0.1", "localhost", "::1", "[::1]")


@dataclass(frozen=True)
class Request:
    method: str
    url: str
    headers: dict[str, str] = field(repr=False)
    body: bytes | None = field(default=None, repr=False)
    timeout: float = 30.0


@dataclass(frozen=True)
class Response:
    status: int
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)


class Transport(Protocol):
    def __call__(self, request: Request) -> Response:
        """Send and return any HTTP answer; raise ``OSError`` when there is none."""


class LrsError(Exception):
    """Anything that stops a request; ``str()`` is a sentence for the user."""


class LrsUnavailable(LrsError):
    """No usable answer after every retry (network down, LRS stopped, 5xx)."""


class LrsAuthError(LrsError):
    """401/403: the LRS refused the credentials."""


class LrsEndpointError(LrsError):
    """404/405: the address is not an xAPI endpoint."""


class LrsRejected(LrsError):
    """Another 4xx: the LRS refused what we sent; ``answer`` is what it said."""

    def __init__(self, status: int, answer: str) -> None:
        self.status, self.answer = status, answer
        super().__init__(f"HTTP {status}: {answer}")


REPLY_LIMIT = 16 * 1024 * 1024  # bytes of an LRS answer we read; a statements POST answers with a list of ids


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """A redirect comes back as its 3xx answer: urllib would resend our Basic credentials to the new host."""

    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


class _Deadline:
    """Shuts the request's socket when its time is up: the socket timeout alone bounds each read, not the request,
    so an LRS that answers one byte a second would otherwise hold a sync (and the app's exit) forever."""

    def __init__(self, seconds: float) -> None:
        self.sockets: list[socket.socket] = []
        self.expired = False
        self.timer = threading.Timer(seconds, self._expire)
        self.timer.daemon = True

    def _expire(self) -> None:
        self.expired = True
        for sock in self.sockets:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)

    def handlers(self) -> list[urllib.request.BaseHandler]:
        deadline = self

        def watched(base: type[http.client.HTTPConnection]) -> type[http.client.HTTPConnection]:
            class Watched(base):  # type: ignore[valid-type, misc]
                def connect(self) -> None:
                    super().connect()
                    deadline.sockets.append(self.sock)

            return Watched

        class Http(urllib.request.HTTPHandler):
            def http_open(self, req: urllib.request.Request) -> Any:
                return self.do_open(watched(http.client.HTTPConnection), req)

        class Https(urllib.request.HTTPSHandler):
            def __init__(self) -> None:
                self.tls = ssl.create_default_context()  # what urllib uses when given none
                super().__init__(context=self.tls)

            def https_open(self, req: urllib.request.Request) -> Any:
                return self.do_open(watched(http.client.HTTPSConnection), req, context=self.tls)

        return [Http(), Https(), _NoRedirects()]


def _read(answer: Any) -> bytes:
    body = bytes(answer.read(REPLY_LIMIT + 1))
    if len(body) > REPLY_LIMIT:
        raise LrsRejected(answer.status if hasattr(answer, "status") else 0,
                          f"the LRS answer is larger than {REPLY_LIMIT // 1024 // 1024} MB; nothing more was read")  # fmt: skip
    return body


def urllib_transport(request: Request) -> Response:
    """The default transport: proxies from the environment (except for this machine), no redirects followed,
    the whole request within ``request.timeout`` seconds, at most ``REPLY_LIMIT`` bytes read."""
    host = urlsplit(request.url).hostname or ""
    deadline = _Deadline(request.timeout)
    handlers = [*deadline.handlers(), *([urllib.request.ProxyHandler({})] if host in LOOPBACK else [])]
    opener = urllib.request.build_opener(*handlers)
    # S310: the URL is the endpoint normalize_endpoint accepted, so http(s) only
    req = urllib.request.Request(request.url, data=request.body, headers=request.headers, method=request.method)  # noqa: S310
    deadline.timer.start()
    late = TimeoutError(f"the LRS took longer than {request.timeout:g} s to answer")
    try:
        with opener.open(req, timeout=request.timeout) as answer:
            response = Response(answer.status, _read(answer), dict(answer.headers.items()))
    except urllib.error.HTTPError as error:
        with error:
            response = Response(error.code, _read(error), dict(error.headers.items()))
    except (OSError, http.client.HTTPException) as exc:
        if deadline.expired:
            raise late from None
        raise exc if isinstance(exc, OSError) else ConnectionError(str(exc)) from None
    finally:
        deadline.timer.cancel()
    if deadline.expired:  # the socket was shut mid-answer: what was read is not the answer
        raise late
    return response


def _answer(response: Response) -> str:
    text = response.body.decode("utf-8", "replace").strip()
    try:
        data = json.loads(text)
        text = str(data.get("message") or data.get("warnings") or text) if isinstance(data, dict) else text
    except ValueError:
        pass
    text = " ".join(text.split()) or "(no explanation)"
    return text if len(text) <= ANSWER_LIMIT else text[: ANSWER_LIMIT - 1] + "…"


class LrsClient:
    """One LRS endpoint with its credentials; ``post_statements`` is all sync needs."""

    def __init__(
        self,
        endpoint: str,
        username: str = "",
        password: str = "",
        *,
        transport: Transport | None = None,
        sleep: Callable[[float], None] = time.sleep,
        timeout: float = 30.0,
        retries: int = 5,
        backoff: float = 0.5,
        max_delay: float = 30.0,
        jitter: Callable[[], float] = random.random,
    ) -> None:
        self.endpoint = normalize_endpoint(endpoint)
        self.transport: Transport = transport or urllib_transport
        self.sleep, self.timeout, self.retries = sleep, timeout, retries
        self.backoff, self.max_delay, self.jitter = backoff, max_delay, jitter
        self._headers = {"X-Experience-API-Version": XAPI_VERSION, "User-Agent": f"service-recovery-simulator/{__version__}"}
        self._secrets: tuple[str, ...] = ()
        if username or password:
            token = base64.b64encode(f"{username}:{password}".encode()).decode("ascii")
            self._headers["Authorization"] = f"Basic {token}"
            self._secrets = tuple(x for x in (token, password) if len(x) >= 3)

    def _scrub(self, text: str) -> str:
        """Any message built from what the LRS or the network said, without our credentials in it."""
        for secret in self._secrets:
            text = text.replace(secret, "***")
        return text

    def __repr__(self) -> str:
        return f"LrsClient({self.endpoint!r})"

    def post_statements(self, body: bytes, ids: Sequence[str]) -> list[str]:
        """POST a JSON array of statements; returns the ids the LRS confirmed (a subset of ``ids``)."""
        headers = {**self._headers, "Content-Type": "application/json; charset=utf-8"}
        response = self._send(Request("POST", self.endpoint + "/statements", headers, body, self.timeout))
        try:
            stored = json.loads(response.body)
        except ValueError:
            stored = None
        if not isinstance(stored, list):
            answer = self._scrub(_answer(response))
            raise LrsRejected(response.status, f"the LRS answered without the list of stored ids: {answer}")
        wanted = set(ids)
        return [i for i in stored if isinstance(i, str) and i in wanted]

    def get(self, path: str, params: dict[str, Any] | None = None) -> Any:
        """GET a resource under the endpoint as JSON (``about``, ``statements?registration=…``)."""
        url = self.endpoint + "/" + path.lstrip("/") + (("?" + urlencode(params)) if params else "")
        response = self._send(Request("GET", url, dict(self._headers), None, self.timeout))
        return json.loads(response.body)

    def _send(self, request: Request) -> Response:
        problem = ""
        for attempt in range(self.retries + 1):
            wait: float | None = None
            try:
                response = self.transport(request)
            except OSError as exc:  # URLError, ConnectionError, TimeoutError are all OSErrors
                problem = self._scrub(_network_problem(exc))
            else:
                if 200 <= response.status < 300:
                    return response
                if response.status not in RETRY_STATUSES:
                    raise self._refusal(response)
                problem = f"HTTP {response.status}: {self._scrub(_answer(response))}"
                wait = _retry_after(response)
            if attempt < self.retries:
                self.sleep(self._delay(attempt, wait))
        tries = "1 try" if self.retries == 0 else f"{self.retries + 1} tries"
        raise LrsUnavailable(f"no answer from the LRS at {self.endpoint} after {tries} ({problem})")

    def _delay(self, attempt: int, retry_after: float | None) -> float:
        base = min(self.max_delay, self.backoff * 2.0**attempt)
        if retry_after is not None:
            return min(self.max_delay, max(base, retry_after))
        return base * (1 + 0.25 * self.jitter())  # a little spread so many PCs don't retry in step

    def _refusal(self, response: Response) -> LrsError:
        answer = self._scrub(_answer(response))
        if 300 <= response.status < 400:
            where = next((v for k, v in response.headers.items() if k.lower() == "location"), "another address")
            return LrsEndpointError(
                f"the LRS at {self.endpoint} answered HTTP {response.status}, sending us to {self._scrub(where)}; "
                "redirects are not followed (the password would go with them): put that address in the settings if it is right"
            )
        if response.status in (401, 403):
            return LrsAuthError(
                f"the LRS at {self.endpoint} refused the credentials (HTTP {response.status}: {answer}); "
                "check the user name and password"
            )
        if response.status in (404, 405):
            return LrsEndpointError(
                f"{self.endpoint} does not look like an xAPI endpoint (HTTP {response.status} for /statements); "
                "it usually ends in /xAPI or /data/xAPI"
            )
        return LrsRejected(response.status, answer)


def normalize_endpoint(endpoint: str) -> str:
    """The xAPI base URL without a trailing slash or ``/statements``; refuses anything not http(s)."""
    url = endpoint.strip().rstrip("/")
    url = url.removesuffix("/statements")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"the LRS endpoint must be an http:// or https:// address, not {endpoint!r}")
    if parts.username or parts.password:
        raise ValueError("put the LRS user name and password in their own settings, not in the address")
    return url


NETWORK_WORDS = (  # most specific first: an SSL error is an OSError too, a timeout may be a socket.timeout
    (ConnectionRefusedError, "the connection was refused: nothing answers at that address and port"),
    (ConnectionResetError, "the connection was dropped"),
    (TimeoutError, "it did not answer in time"),
    (socket.gaierror, "the server's name could not be found"),
    (ssl.SSLError, "the secure (https) connection failed, for example because of its certificate"),
)


def _network_problem(exc: OSError) -> str:
    """What went wrong on the network, in words a supervisor can act on (the exception's class is for logs)."""
    reason = getattr(exc, "reason", None) or exc
    if isinstance(reason, TimeoutError) and str(reason) not in ("", "timed out"):
        return str(reason)  # our own deadline ("the LRS took longer than 5 s to answer"): words already
    for kind, words in NETWORK_WORDS:
        if isinstance(reason, kind):
            return words
    text = str(reason.strerror if isinstance(reason, OSError) and reason.strerror else reason)
    return f"a network problem: {text}" if text else "a network problem"


def _retry_after(response: Response) -> float | None:
    value = next((v for k, v in response.headers.items() if k.lower() == "retry-after"), None)
    try:
        return float(value) if value is not None else None
    except ValueError:
        return None
