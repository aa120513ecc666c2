"""A real Learning Record Store for the tests and the benchmark: Learning Locker's statements service.

``LrsServer`` runs ``@learninglocker/xapi-statements`` (installed by scripts/lrs.sh into .lrs/)
with in-memory models on a free loopback port, kept on 127.0.0.1 by loopback.cjs, and waits for
``GET /xAPI/about``. ``AuthServer`` is the tiny client-info service Learning Locker asks when it
runs with ``AUTH_REPO=fetch``: good Basic credentials get a client, anything else a 404 (so the
LRS answers 401). Statements live only as long as the process; ``pause``/``resume`` freeze it
(SIGSTOP/SIGCONT) with its memory, ``stop``/``start`` lose it.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LRS_DIR = Path(os.environ.get("SIMULATOR_LRS_DIR", ROOT / ".lrs"))
ENTRY = LRS_DIR / "node_modules" / "@learninglocker" / "xapi-statements" / "dist" / "index.js"
PRELOAD = Path(__file__).with_name("loopback.cjs")
READY_TIMEOUT = 30.0


class LrsSetupError(RuntimeError):
    """The LRS can't be installed or started here; the message says what is missing."""


def ensure_installed() -> Path:
    """The service's entry script, installing it with scripts/lrs.sh the first time."""
    for tool in ("node", "npm"):
        if shutil.which(tool) is None:
            raise LrsSetupError(
                f"'{tool}' is not installed: the xAPI tests run a real LRS on Node.js 18+ "
                "(Debian: apt-get install nodejs npm), then 'bash scripts/lrs.sh'"
            )
    if not ENTRY.is_file():
        result = subprocess.run(["bash", str(ROOT / "scripts" / "lrs.sh")], capture_output=True, text=True, check=False)
        if result.returncode != 0 or not ENTRY.is_file():
            raise LrsSetupError(f"scripts/lrs.sh could not install the LRS:\n{result.stderr[-2000:]}")
    return ENTRY


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class LrsServer:
    def __init__(self, workdir: Path, *, auth_endpoint: str | None = None) -> None:
        self.workdir, self.auth_endpoint = workdir, auth_endpoint
        self.port = 0
        self.process: subprocess.Popen[bytes] | None = None
        self.log = workdir / "lrs.log"

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.port}/xAPI"

    def start(self, port: int | None = None) -> LrsServer:
        entry = ensure_installed()
        self.port = port or free_port()
        (self.workdir / "accessLogs").mkdir(parents=True, exist_ok=True)
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(self.workdir),
            "LANG": "en",
            "NODE_ENV": "production",
            "EXPRESS_PORT": str(self.port),
            "MODELS_REPO": "memory",
            "STORAGE_REPO": "local",
            "EVENTS_REPO": "test",
            "AUTH_REPO": "fetch" if self.auth_endpoint else "test",
            "FS_LOCAL_STORAGE_DIR": str(self.workdir),
            "EXPRESS_MORGAN_DIRECTORY": str(self.workdir / "accessLogs"),
            "MONGO_URL": "mongodb://127.0.0.1:9/unused",
            "WINSTON_CONSOLE_LEVEL": "warning",
        }
        if self.auth_endpoint:
            env["LL_CLIENT_INFO_ENDPOINT"] = self.auth_endpoint
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                ["node", "-r", str(PRELOAD), str(entry)], cwd=self.workdir, env=env, stdout=log, stderr=log
            )
        self._wait_ready()
        return self

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + READY_TIMEOUT
        while time.monotonic() < deadline:
            if self.process is None or self.process.poll() is not None:
                raise LrsSetupError(f"the LRS exited at start; its log ({self.log}):\n{self.tail()}")
            with contextlib.suppress(OSError), urllib.request.urlopen(f"{self.endpoint}/about", timeout=1) as answer:  # noqa: S310 - our loopback URL
                if answer.status == 200:
                    return
            time.sleep(0.05)
        self.stop()
        raise LrsSetupError(f"the LRS did not answer /xAPI/about within {READY_TIMEOUT:.0f} s; log:\n{self.tail()}")

    def tail(self) -> str:
        return self.log.read_text(errors="replace")[-3000:] if self.log.exists() else "(no log)"

    def pause(self) -> None:
        assert self.process is not None
        self.process.send_signal(signal.SIGSTOP)

    def resume(self) -> None:
        assert self.process is not None
        self.process.send_signal(signal.SIGCONT)

    def stop(self) -> None:
        if self.process is None:
            return
        with contextlib.suppress(ProcessLookupError):
            self.process.send_signal(signal.SIGCONT)  # a paused process can't act on SIGTERM
            self.process.terminate()
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=5)
        self.process = None

    def restart(self) -> None:
        """Stop and start on the same port (the in-memory statements are lost)."""
        port = self.port
        self.stop()
        self.start(port)

    def listening_addresses(self) -> list[str]:
        """Local addresses with a listening socket on our port (from ``ss``), to prove loopback only."""
        out = subprocess.run(["ss", "-ltnH", f"sport = :{self.port}"], capture_output=True, text=True, check=True).stdout
        return [line.split()[3] for line in out.splitlines() if line.strip()]


def client_info(username: str) -> dict[str, object]:
    return {
        "_id": "5f0000000000000000000001",
        "title": f"test client {username}",
        "isTrusted": True,
        "authority": {"objectType": "Agent", "name": "Test LRS client", "mbox": "mailto:lrs-client@example.com"},
        "lrs_id": "5f0000000000000000000002",
        "organisation": "5f0000000000000000000003",
        "scopes": ["all"],
    }


class AuthServer:
    """Answers Learning Locker's client look-up: 200 + client for these credentials, 404 otherwise."""

    def __init__(self, username: str, password: str) -> None:
        expected = "Basic " + base64.b64encode(f"{username}:{password}".encode()).decode()
        self.seen: list[str] = []
        seen = self.seen

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                given = self.headers.get("Authorization", "")
                seen.append(given)
                ok = given == expected
                body = json.dumps(client_info(username) if ok else {"message": "no such client"}).encode()
                self.send_response(200 if ok else 404)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:  # quiet: credentials must not reach any log
                return

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/auth"

    def __enter__(self) -> AuthServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


def lrs_get(endpoint: str, path: str, auth: tuple[str, str] = ("test", "test")) -> tuple[int, object]:
    """A bare GET against the LRS (tests read statements back with it, independent of our client)."""
    token = base64.b64encode(f"{auth[0]}:{auth[1]}".encode()).decode()
    headers = {"X-Experience-API-Version": "1.0.3", "Authorization": f"Basic {token}"}
    request = urllib.request.Request(f"{endpoint}/{path}", headers=headers)  # noqa: S310 - our loopback URL
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:  # noqa: S310 - our loopback URL
            return answer.status, json.loads(answer.read())
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(errors="replace")


def statements_for(endpoint: str, registration: str, auth: tuple[str, str] = ("test", "test")) -> list[dict]:
    """Every (unvoided) statement of a registration."""
    return _pages(endpoint, f"statements?registration={registration}&limit=500", auth)


def _pages(endpoint: str, first: str, auth: tuple[str, str]) -> list[dict]:
    """A statement query with every page, following ``more`` links."""
    found: list[dict] = []
    status, page = lrs_get(endpoint, first, auth)
    base = endpoint.split("/xAPI", maxsplit=1)[0]
    while True:
        assert status == 200 and isinstance(page, dict), page
        found += page["statements"]
        if not page.get("more"):
            return found
        status, page = lrs_get(base, page["more"].lstrip("/"), auth)


def all_statement_ids(endpoint: str, auth: tuple[str, str] = ("test", "test")) -> list[str]:
    """The ids of every (unvoided) statement in the LRS, duplicates kept."""
    return [s["id"] for s in _pages(endpoint, "statements?limit=1000", auth)]
