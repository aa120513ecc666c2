"""An LRS that misbehaves can't take the credentials elsewhere, hang a sync or fill memory (issue 21).

A small HTTP server on 127.0.0.1, run in a thread, plays the hostile LRS: it redirects to another
host (which records any Authorization header it receives), drips its answer a byte at a time,
sends an endless body, or echoes the credentials back in its error.
"""

from __future__ import annotations

import base64
import contextlib
import http.server
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest

from simulator.xapi.lrs_client import REPLY_LIMIT, LrsClient, LrsEndpointError, LrsError, LrsRejected, LrsUnavailable

PASSWORD = "s3cret-pass"  # noqa: S105 - the test's own credential
TOKEN = base64.b64encode(f"key:{PASSWORD}".encode()).decode()


class Hostile(http.server.BaseHTTPRequestHandler):
    mode = "ok"
    other = ""  # the "other host" for redirects
    seen_auth: list[str] = []  # noqa: RUF012 - shared by the test and the server thread

    def log_message(self, *args: Any) -> None:
        pass

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self._answer()

    def do_GET(self) -> None:
        self._answer()

    def _answer(self) -> None:
        if self.headers.get("Authorization"):
            type(self).seen_auth.append(f"{self.server.server_port} {self.headers['Authorization']}")
        mode = type(self).mode
        if mode == "redirect" and self.server.server_port != int(type(self).other.rsplit(":", 1)[1].split("/")[0]):
            self.send_response(302)
            self.send_header("Location", type(self).other + "/statements")
            self.end_headers()
        elif mode == "drip":
            self.send_response(200)
            self.send_header("Content-Length", "1000")
            self.end_headers()
            with contextlib.suppress(OSError):
                for _ in range(1000):
                    self.wfile.write(b" ")
                    self.wfile.flush()
                    time.sleep(0.2)
        elif mode == "huge":
            self.send_response(400)
            self.end_headers()
            with contextlib.suppress(OSError):
                chunk = b"x" * 65536
                for _ in range(REPLY_LIMIT // len(chunk) * 4):
                    self.wfile.write(chunk)
        elif mode == "echo":
            body = f'{{"message": "bad request from {self.headers.get("Authorization")} ({PASSWORD})"}}'.encode()
            self.send_response(400)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        else:
            body = b'["a"]'
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)


def _serve() -> tuple[http.server.ThreadingHTTPServer, str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Hostile)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_port}/xAPI"


@pytest.fixture
def servers() -> Iterator[tuple[str, str]]:
    lrs, lrs_url = _serve()
    elsewhere, other_url = _serve()
    Hostile.seen_auth = []
    Hostile.other = other_url.replace("127.0.0.1", "localhost")  # another host name, as a redirect would give
    yield lrs_url, other_url
    for server in (lrs, elsewhere):
        server.shutdown()
        server.server_close()


def _client(url: str, **kw: Any) -> LrsClient:
    return LrsClient(url, "key", PASSWORD, retries=0, sleep=lambda s: None, **kw)


@pytest.mark.parametrize("status", ["302"])
def test_a_redirect_is_not_followed_and_the_password_stays_home(servers: tuple[str, str], status: str) -> None:
    url, other = servers
    Hostile.mode = "redirect"
    with pytest.raises(LrsEndpointError) as caught:
        _client(url).post_statements(b"[]", ["a"])
    assert "redirects are not followed" in str(caught.value) and "localhost" in str(caught.value)
    other_port = other.rsplit(":", 1)[1].split("/")[0]
    assert not [seen for seen in Hostile.seen_auth if seen.startswith(other_port)]  # nothing reached the other host


def test_a_dripping_answer_is_cut_at_the_deadline(servers: tuple[str, str]) -> None:
    url, _ = servers
    Hostile.mode = "drip"  # a byte every 0.2 s: each read is quick, the whole would take 200 s
    started = time.monotonic()
    with pytest.raises(LrsUnavailable) as caught:
        _client(url, timeout=1.5).post_statements(b"[]", ["a"])
    assert time.monotonic() - started < 6
    assert "longer than 1.5 s" in str(caught.value)


def test_a_huge_answer_is_not_read_whole(servers: tuple[str, str]) -> None:
    url, _ = servers
    Hostile.mode = "huge"
    with pytest.raises(LrsRejected) as caught:
        _client(url, timeout=20).post_statements(b"[]", ["a"])
    assert "larger than 16 MB" in str(caught.value)


def test_credentials_never_appear_in_a_message(servers: tuple[str, str]) -> None:
    url, _ = servers
    Hostile.mode = "echo"
    with pytest.raises(LrsError) as caught:
        _client(url).post_statements(b"[]", ["a"])
    message = str(caught.value)
    assert "bad request" in message and TOKEN not in message and PASSWORD not in message and "***" in message


def test_a_well_behaved_lrs_still_works(servers: tuple[str, str]) -> None:
    url, _ = servers
    Hostile.mode = "ok"
    assert _client(url).post_statements(b"[]", ["a", "b"]) == ["a"]
