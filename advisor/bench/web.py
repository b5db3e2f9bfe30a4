"""Load test of the web app on loopback: simulated staff sessions asking questions.

Starts ``advisor serve`` in a fresh data dir with one staff account per
session, runs the sessions concurrently for a fixed time through the app's
own HTTP API (gradio_client, logged in like a browser), and prints answer
time p50/p95, the error count, and whether every answer was logged. Each
simulated person pauses to read an answer before asking again (``think_s``
on average; 0 makes it a closed-loop stress test). The load generator runs
on the same machine as the app, so both share its cores.
"""

from __future__ import annotations

import json
import os
import random
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from advisor.app.store import open_store
from advisor.domain.corpus import load_corpus
from advisor.domain.settings import Settings
from advisor.pipeline.retrieve import percentile
from advisor.store.accounts import Role
from advisor.store.records import LogFilter

QUESTIONS = [
    "Mag ik een vriendschapsverzoek van een leerling accepteren op Instagram?",
    "Mag ik een foto van de klas op mijn eigen Facebook zetten?",
    "Can I reply to a parent who messages me on WhatsApp about a grade?",
    "Mag ik op LinkedIn schrijven over een nieuwe collega?",
    "A pupil shares my private TikTok videos in the class group chat, what do I do?",
    "Mag ik mijn wachtwoord van Magister aan een collega geven?",
    "Is het goed als ik in de appgroep met ouders een discussie aanga over het beleid?",
    "Can I follow former pupils on Instagram?",
]
PASSWORD = "load-test-password"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def wait_until_up(
    url: str, timeout_s: float = 120.0, process: subprocess.Popen[bytes] | None = None
) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"the server exited with code {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"the server at {url} did not come up within {timeout_s:.0f} s")


def _private_file(path: str, flags: int) -> int:
    return os.open(path, flags, 0o600)


@contextmanager
def running_server(
    data_dir: Path,
    port: int,
    env: dict[str, str] | None = None,
    demo: bool = False,
    database_url: str | None = None,
) -> Iterator[str]:
    """``advisor serve`` on loopback in ``data_dir``; yields its URL; stops it after."""
    environment = {**os.environ, **(env or {}), "ADVISOR_DATA_DIR": str(data_dir)}
    # Never the configured database: a throw-away log in the throw-away data dir
    # (or the throw-away database given).
    environment["ADVISOR_DATABASE_URL"] = database_url or sqlite_url(data_dir)
    environment["GRADIO_ANALYTICS_ENABLED"] = "False"
    args = [sys.executable, "-m", "advisor", "serve", "--port", str(port)]
    if demo:
        args.append("--demo")
    data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    log = open(data_dir / "server.log", "wb", opener=_private_file)  # noqa: SIM115
    with subprocess.Popen(args, env=environment, stdout=log, stderr=subprocess.STDOUT) as server:
        url = f"http://127.0.0.1:{port}/"
        try:
            wait_until_up(url + "healthz", process=server)
            yield url
        finally:
            server.terminate()
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
            log.close()


class WebSession:
    """One logged-in browser-like session speaking gradio's queue protocol over
    one keep-alive HTTP connection: join the queue, read the event stream until
    the answer is complete. Lighter than gradio_client, so the load generator
    leaves the shared cores to the app. ``local_address`` picks the loopback
    address it connects from (the sign-in throttle counts per address)."""

    def __init__(
        self, url: str, username: str, password: str, local_address: str | None = None
    ) -> None:
        import httpx

        transport = httpx.HTTPTransport(local_address=local_address) if local_address else None
        self.http = httpx.Client(base_url=url, timeout=60.0, transport=transport)
        login = self.http.post("login", data={"username": username, "password": password})
        if login.status_code != 303:
            raise RuntimeError(f"login of {username} failed ({login.status_code})")
        config = self.http.get("config", headers={"accept": "application/json"}).json()
        prefix = str(config.get("api_prefix", "/gradio_api")).strip("/")
        self.join_url, self.data_url = f"{prefix}/queue/join", f"{prefix}/queue/data"
        self.functions = {
            str(dep.get("api_name")): i for i, dep in enumerate(config["dependencies"])
        }
        self.session_hash = uuid.uuid4().hex

    def join(self, api_name: str, data: list[Any], session_hash: str | None = None) -> Any:
        """Put a call on gradio's queue (the raw HTTP response)."""
        return self.http.post(
            self.join_url,
            json={
                "data": data,
                "fn_index": self.functions[api_name],
                "session_hash": session_hash or self.session_hash,
                "event_data": None,
            },
        )

    def call(self, api_name: str, data: list[Any]) -> list[Any]:
        """Run one of the page's functions and return its outputs."""
        joined = self.join(api_name, data)
        joined.raise_for_status()
        event_id = joined.json()["event_id"]
        with self.http.stream(
            "GET", self.data_url, params={"session_hash": self.session_hash}
        ) as response:
            for line in response.iter_lines():
                if not line.startswith("data:"):
                    continue
                message = json.loads(line[5:])
                if message.get("event_id") != event_id:
                    continue
                if message.get("msg") == "process_completed":
                    output = message.get("output") or {}
                    if not message.get("success", False) or "error" in output:
                        raise RuntimeError(f"the app failed: {output.get('error')}")
                    data_out: list[Any] = output.get("data", [])
                    return data_out
        raise RuntimeError("the event stream ended without an answer")

    def ask(self, question: str) -> list[Any]:
        return self.call("ask", [question, [], None, "nl"])  # question, chat, turns, language

    def close(self) -> None:
        self.http.close()


def sqlite_url(data_dir: Path) -> str:
    return f"sqlite:///{data_dir / 'advisor.sqlite3'}"


def add_users(
    settings: Settings,
    names: list[str],
    role: Role,
    password: str = PASSWORD,
    database_url: str | None = None,
) -> None:
    store = open_store(
        settings,
        load_corpus(settings.corpus_dir),
        url=database_url or sqlite_url(settings.data_dir),
    )
    for name in names:
        store.accounts.add(name, password, role)
    store.close()


def run_web_bench(
    sessions: int, seconds: float, think_s: float, out: Console, err: Console
) -> dict[str, float]:
    data_dir = Path(tempfile.mkdtemp(prefix="advisor-load-"))
    settings = Settings(data_dir=data_dir)
    users = [f"staff{i:02d}" for i in range(sessions)]
    add_users(settings, users, Role.STAFF)
    timings: list[float] = []
    errors: list[str] = []
    done: dict[str, int] = {}
    lock = threading.Lock()
    with err.status("starting the web app…"), running_server(data_dir, free_port()) as url:
        pass_url = url
        clients = {u: WebSession(pass_url, u, PASSWORD) for u in users}
        err.print(f"{sessions} sessions asking for {seconds:.0f} s against {url}")
        stop_at = time.monotonic() + seconds

        def session(user: str, offset: int) -> None:
            client, count, i = clients[user], 0, offset
            pause = random.Random(offset)
            time.sleep(pause.uniform(0, think_s))  # sessions do not start in lockstep
            while time.monotonic() < stop_at:
                question = QUESTIONS[i % len(QUESTIONS)]
                i += 1
                started = time.perf_counter()
                try:
                    result = client.ask(question)
                    if not any("verdict-badge" in str(part) for part in result):
                        raise RuntimeError("no verdict in the reply")
                except Exception as exc:  # every failure counts, whatever it is
                    with lock:
                        errors.append(f"{user}: {type(exc).__name__}: {exc}")
                    continue
                elapsed = time.perf_counter() - started
                count += 1
                with lock:
                    timings.append(elapsed * 1000)
                # A person reads the answer before the next question (mean think_s).
                time.sleep(pause.uniform(0.5 * think_s, 1.5 * think_s))
            with lock:
                done[user] = count

        threads = [
            threading.Thread(target=session, args=(u, n), daemon=True) for n, u in enumerate(users)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        for client in clients.values():
            client.close()
    store = open_store(settings, load_corpus(settings.corpus_dir), url=sqlite_url(data_dir))
    logged = {u: len(store.log.find(LogFilter(user_name=u, limit=100_000))) for u in users}
    store.close()
    missing = sum(max(0, done[u] - logged[u]) for u in users)
    figures = {
        "answers": float(len(timings)),
        "errors": float(len(errors)),
        "p50_ms": percentile(timings, 50),
        "p95_ms": percentile(timings, 95),
        "max_ms": max(timings, default=0.0),
        "logged": float(sum(logged.values())),
        "not_logged": float(missing),
    }
    figures["per_s"] = len(timings) / seconds
    table = Table(
        title=f"Web load: {sessions} staff sessions for {seconds:.0f} s, think time "
        f"{think_s:g} s (±50%), grounded engine; {figures['per_s']:.1f} answers/s"
    )
    for column in ("answers", "errors", "p50 ms", "p95 ms", "max ms", "logged", "not logged"):
        table.add_column(column, justify="right")
    table.add_row(
        f"{figures['answers']:.0f}",
        f"{figures['errors']:.0f}",
        f"{figures['p50_ms']:.0f}",
        f"{figures['p95_ms']:.0f}",
        f"{figures['max_ms']:.0f}",
        f"{figures['logged']:.0f}",
        f"{figures['not_logged']:.0f}",
    )
    out.print(table)
    for line in errors[:5]:
        err.print(line, markup=False)
    return figures
