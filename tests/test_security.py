"""The web app as an attacker tries it, over real HTTP against ``advisor serve``
on loopback: sessions that end when the account changes, a throttle that
locks no one out, no way into another's session state, exports that leave
no copies, headers on every response, and files no other local user can read.
(Chromium walks the same doors in ``test_web.py``.)
"""

from __future__ import annotations

import csv
import io
import json
import os
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from advisor.bench.web import WebSession, add_users, free_port, running_server, sqlite_url
from advisor.domain.settings import Settings
from advisor.store.accounts import Role
from tests.conftest import CORPUS_DIR
from tests.pg import PostgresServer

PASSWORDS = {
    "anna": "anna-wachtwoord-1",
    "bram": "bram-wachtwoord-1",
    "rector": "rector-wachtw-1",
    "carl": "carl-wachtwoord-1",
}
JSON = {"accept": "application/json"}
SEARCH_ALL = ["", "", "all", "all", "all", "all", "all", "", "nl"]  # the filter, the language


@dataclass(frozen=True)
class App:
    url: str
    data_dir: Path
    temp_dir: Path  # the server's TMPDIR
    env: dict[str, str]

    def advisor(self, *args: str, stdin: str | None = None) -> None:
        subprocess.run(
            [sys.executable, "-m", "advisor", *args],
            input=stdin, text=True, env=self.env, check=True, capture_output=True, timeout=120,
        )  # fmt: skip


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory, shared_model_cache: Path) -> Iterator[App]:
    data_dir = tmp_path_factory.mktemp("secure")
    temp_dir = tmp_path_factory.mktemp("server-tmp")
    # Set up before the per-test environment: the session's model cache is
    # passed on, so the case-bank model is trained once for all the servers
    # (its own mode is test_learned's; what the app writes here is checked below).
    env = {
        "ADVISOR_CORPUS_DIR": str(CORPUS_DIR),
        "ADVISOR_EMBEDDING_BACKEND": "none",
        "ADVISOR_MODEL_CACHE": str(shared_model_cache),
        "TMPDIR": str(temp_dir),
    }
    settings = Settings(data_dir=data_dir, corpus_dir=CORPUS_DIR)
    for name, password in PASSWORDS.items():
        role = Role.LEADERSHIP if name in ("rector", "carl") else Role.STAFF
        add_users(settings, [name], role, password)
    with running_server(data_dir, free_port(), env) as url:
        cli_env = {
            **os.environ,
            **env,
            "ADVISOR_DATA_DIR": str(data_dir),
            "ADVISOR_DATABASE_URL": sqlite_url(data_dir),
        }
        yield App(url, data_dir, temp_dir, cli_env)


class Clients:
    """HTTP clients a test opens, each closed after it."""

    def __init__(self, app: App) -> None:
        self.app = app
        self.opened: list[httpx.Client] = []

    def plain(self, source: str | None = None) -> httpx.Client:
        transport = httpx.HTTPTransport(local_address=source) if source else None
        client = httpx.Client(base_url=self.app.url, timeout=60.0, transport=transport)
        self.opened.append(client)
        return client

    def sign_in(
        self, name: str, password: str | None = None, source: str | None = None
    ) -> httpx.Client:
        client = self.plain(source)
        response = client.post(
            "login", data={"username": name, "password": password or PASSWORDS[name]}
        )
        assert response.status_code == 303, response.text
        return client

    def web(self, name: str, source: str | None = None) -> WebSession:
        session = WebSession(self.app.url, name, PASSWORDS[name], local_address=source)
        self.opened.append(session.http)
        return session


@pytest.fixture
def clients(app: App) -> Iterator[Clients]:
    made = Clients(app)
    yield made
    for client in made.opened:
        client.close()


def reads_config(app: App, cookie: str) -> int:
    with httpx.Client(base_url=app.url, cookies={"advisor_session": cookie}) as client:
        return client.get("config", headers=JSON).status_code


def test_every_response_carries_the_security_headers(app: App, clients: Clients) -> None:
    client, anonymous = clients.sign_in("anna"), clients.plain()
    for response in (
        anonymous.get("login"),
        anonymous.get(""),  # the redirect to sign in
        client.get(""),
        client.get("config", headers=JSON),
        client.get("gradio_api/info"),
        client.get("no-such-page"),
        anonymous.get("export.csv"),
    ):
        headers = response.headers
        assert "frame-ancestors 'none'" in headers["content-security-policy"], response.url
        assert "object-src 'none'" in headers["content-security-policy"]
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "no-referrer"
        assert headers["x-frame-options"] == "DENY"
        assert "server" not in headers
    assert client.get("").headers["cache-control"] == "no-store"


def test_the_session_cookie_is_httponly_and_samesite(app: App, clients: Clients) -> None:
    response = httpx.post(
        app.url + "login", data={"username": "anna", "password": "anna-wachtwoord-1"}
    )
    cookie = response.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie and "path=/" in cookie
    assert "secure" not in cookie  # plain http on loopback; ADVISOR_SECURE_COOKIES for https


def test_signed_out_visitors_get_the_dutch_sign_in_page_and_nothing_else(
    app: App, clients: Clients
) -> None:
    anonymous = clients.plain()
    page = anonymous.get("", follow_redirects=True, headers={"accept": "text/html"})
    assert page.url.path == "/login" and 'lang="nl"' in page.text and "Wachtwoord" in page.text
    assert anonymous.get("config", headers=JSON).status_code == 401
    wrong = anonymous.post("login", data={"username": "anna", "password": "fout-fout-fout"})
    assert wrong.status_code == 401 and "Onjuiste gebruikersnaam of wachtwoord" in wrong.text
    assert "set-cookie" not in wrong.headers


def test_a_password_change_ends_the_sessions_of_that_account(app: App, clients: Clients) -> None:
    anna = clients.sign_in("anna")
    cookie = anna.cookies["advisor_session"]
    assert reads_config(app, cookie) == 200
    app.advisor("users", "passwd", "anna", "--password-stdin", stdin="anna-nieuw-wachtwoord\n")
    assert reads_config(app, cookie) == 401
    assert anna.get("", headers={"accept": "text/html"}).headers["location"] == "/login"
    app.advisor("users", "passwd", "anna", "--password-stdin", stdin=PASSWORDS["anna"] + "\n")


def test_removing_and_adding_a_leader_again_ends_the_old_session(
    app: App, clients: Clients
) -> None:
    carl = clients.web("carl")
    assert "gevonden" in str(carl.call("on_search", SEARCH_ALL))
    app.advisor("users", "remove", "carl")
    app.advisor("users", "add", "carl", "--role", "leadership", "--password-stdin",
                stdin="een-ander-wachtwoord\n")  # fmt: skip
    assert carl.join("on_search", SEARCH_ALL).status_code == 401
    assert carl.http.get("export.csv").status_code == 401


def test_a_role_change_and_logging_out_end_the_session(app: App, clients: Clients) -> None:
    bram = clients.sign_in("bram")
    cookie = bram.cookies["advisor_session"]
    app.advisor("users", "role", "bram", "--role", "leadership")
    assert reads_config(app, cookie) == 401
    app.advisor("users", "role", "bram", "--role", "staff")
    bram = clients.sign_in("bram")
    cookie = bram.cookies["advisor_session"]
    bram.post("logout")
    assert reads_config(app, cookie) == 401


def test_wrong_passwords_from_one_address_lock_out_no_one_elsewhere(
    app: App, clients: Clients
) -> None:
    attacker = clients.plain("127.0.0.2")
    codes = [
        attacker.post("login", data={"username": "rector", "password": f"raden-{i}"}).status_code
        for i in range(10)
    ]
    assert codes[:5] == [401] * 5 and set(codes[5:]) == {429}
    refused = attacker.post("login", data={"username": "rector", "password": PASSWORDS["rector"]})
    assert refused.status_code == 429 and int(refused.headers["retry-after"]) > 0
    assert "Te veel mislukte pogingen" in refused.text
    # The rector, at another address, signs in at once.
    rector = clients.sign_in("rector", source="127.0.0.1")
    assert rector.get("config", headers=JSON).status_code == 200


def test_a_burst_of_parallel_guesses_is_counted_like_a_sequence(app: App, clients: Clients) -> None:
    attackers = [clients.plain("127.0.0.7") for _ in range(20)]

    def guess(number: int) -> int:
        data = {"username": "carl", "password": f"gok-{number}"}
        return int(attackers[number].post("login", data=data).status_code)

    with ThreadPoolExecutor(max_workers=20) as pool:
        codes = list(pool.map(guess, range(20)))
    assert codes.count(401) <= 5 and codes.count(429) >= 15


def test_signing_out_is_a_post_from_the_apps_own_page(app: App, clients: Clients) -> None:
    anna = clients.sign_in("anna")
    cookie = anna.cookies["advisor_session"]
    assert anna.get("logout").status_code == 405  # a link on another site cannot do it
    anna.post("logout", headers={"sec-fetch-site": "cross-site"})
    assert reads_config(app, cookie) == 200
    anna.post("logout", headers={"sec-fetch-site": "same-origin"})
    assert reads_config(app, cookie) == 401


def test_another_sessions_state_cannot_be_read_or_driven(app: App, clients: Clients) -> None:
    anna = clients.web("anna")
    bram = clients.web("bram", "127.0.0.3")
    anna.ask("Mag ik Lisa de Vries volgen op Instagram?")
    theirs = anna.session_hash
    # gradio's deep link would write anna's components to a file others can fetch.
    assert anna.http.get("gradio_api/deep_link", params={"session_hash": theirs}).status_code == 404
    assert bram.http.get("gradio_api/deep_link", params={"session_hash": theirs}).status_code == 404
    # bram cannot run handlers in anna's session, nor read its event stream or heartbeat.
    assert bram.join("ask", ["Mag ik?", [], None, "nl"], session_hash=theirs).status_code == 403
    stream = bram.http.get("gradio_api/queue/data", params={"session_hash": theirs})
    assert stream.status_code == 403
    assert bram.http.get(f"gradio_api/heartbeat/{theirs}").status_code == 403
    assert bram.http.post("gradio_api/upload", files={"files": ("x.txt", b"x")}).status_code == 404
    # Nor reach them round the queue: gradio's call/ routes take an event id as a session hash.
    for closed in (f"gradio_api/call/ask/{theirs}", "gradio_api/run/predict",
                   "gradio_api/process_recording", "gradio_api/file=/etc/passwd"):  # fmt: skip
        assert bram.http.get(closed).status_code == 404, closed
    # A JSON body the binding must parse as gradio does (a BOM in front) or refuse.
    body = json.dumps({"data": ["Mag ik?", [], None, "nl"], "fn_index": bram.functions["ask"],
                       "session_hash": theirs, "event_data": None})  # fmt: skip
    smuggled = bram.http.post(
        "gradio_api/queue/join",
        content=b"\xef\xbb\xbf" + body.encode(),
        headers={"content-type": "application/json"},
    )
    assert smuggled.status_code == 403
    listed = bram.http.post("gradio_api/queue/join", content=b"[1]",
                            headers={"content-type": "application/json"})  # fmt: skip
    assert listed.status_code == 400
    # anna's own session still works, and bram's own does too.
    assert "verdict-badge" in str(anna.ask("Mag ik een leerling volgen op TikTok?"))
    assert "verdict-badge" in str(bram.ask("Mag ik een leerling volgen op TikTok?"))


def test_staff_reach_no_leadership_action_over_any_route(app: App, clients: Clients) -> None:
    bram = clients.web("bram", "127.0.0.4")
    assert "only leadership" in str(bram.call("on_search", SEARCH_ALL))
    assert "only leadership" in str(bram.call("on_approve", ["L001", "nl"]))
    assert "only leadership" in str(bram.call("on_dashboard", ["nl"]))
    assert bram.http.get("export.csv").status_code == 403


def test_an_export_streams_to_leadership_and_leaves_no_copy(app: App, clients: Clients) -> None:
    rector = clients.web("rector", "127.0.0.5")
    rector.ask("Mag ik een foto van de klas op Facebook zetten?")
    export = rector.http.get("export.csv")
    assert export.status_code == 200 and export.headers["content-type"].startswith("text/csv")
    assert export.headers["content-disposition"].startswith("attachment")
    assert "Facebook" in export.text
    assert rector.http.get("export.csv", params={"since": "gisteren"}).status_code == 400
    # Exactly what the review tab's filter shows, for Dutch Excel (BOM, ";").
    shown = rector.call("on_search", ["", "", "not_allowed", *SEARCH_ALL[3:]])
    filtered = rector.http.get("export.csv", params={"verdict": "not_allowed"})
    assert filtered.text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(filtered.text.removeprefix("\ufeff")), delimiter=";"))
    assert rows and {r["verdict"] for r in rows} == {"not_allowed"}
    assert f"{len(rows)} antwoord" in str(shown)
    leftovers = [
        p for root in (app.data_dir, app.temp_dir) for p in root.rglob("*") if p.suffix == ".csv"
    ]
    assert leftovers == []


def test_nothing_the_app_writes_is_readable_by_other_local_users(
    app: App, clients: Clients
) -> None:
    rector = clients.web("rector", "127.0.0.6")
    assert "verdict-badge" in str(rector.ask("Een ouder scheldt mij uit in de app, wat nu?"))
    with sqlite3.connect(app.data_dir / "advisor.sqlite3") as db:
        (log_id,) = db.execute("SELECT id FROM answers ORDER BY created_at DESC").fetchone()
    reviewed = rector.call(
        "on_review",
        [log_id, "needs_change", "", "Zie 2.5.", "2.5", "Ouder in de app", "Noem 2.5", *SEARCH_ALL],
    )
    assert "opgeslagen" in str(reviewed)
    assert rector.http.get("export.csv").status_code == 200
    exposed = [
        f"{path} {stat.filemode(path.stat().st_mode)}"
        for root in (app.data_dir, app.temp_dir)
        for path in [root, *root.rglob("*")]
        if path.stat().st_mode & 0o077
    ]
    assert exposed == []
    assert (app.data_dir / "gradio").is_dir()  # gradio's temp files live in the data dir


def test_two_app_processes_on_one_postgresql_share_and_revoke_sessions(
    tmp_path: Path, postgres: PostgresServer
) -> None:
    database = postgres.new_database()
    env = {"ADVISOR_CORPUS_DIR": str(CORPUS_DIR), "ADVISOR_EMBEDDING_BACKEND": "none"}
    first, second = tmp_path / "one", tmp_path / "two"
    settings = Settings(data_dir=first, corpus_dir=CORPUS_DIR)
    add_users(settings, ["anna"], Role.STAFF, PASSWORDS["anna"], database_url=database)
    with (
        running_server(first, free_port(), env, database_url=database) as one,
        running_server(second, free_port(), env, database_url=database) as two,
    ):
        with httpx.Client(base_url=one) as browser:
            signed_in = browser.post(
                "login", data={"username": "anna", "password": PASSWORDS["anna"]}
            )
            assert signed_in.status_code == 303
            cookie = browser.cookies["advisor_session"]
        for app_url in (one, two):  # made on one, valid on both
            with httpx.Client(base_url=app_url, cookies={"advisor_session": cookie}) as client:
                assert client.get("config", headers=JSON).status_code == 200
        subprocess.run(
            [sys.executable, "-m", "advisor", "users", "passwd", "anna", "--password-stdin"],
            input="anna-nieuw-wachtwoord\n", text=True, check=True, capture_output=True,
            env={**os.environ, **env, "ADVISOR_DATA_DIR": str(first),
                 "ADVISOR_DATABASE_URL": database},
            timeout=120,
        )  # fmt: skip
        for app_url in (one, two):  # revoked on both
            with httpx.Client(base_url=app_url, cookies={"advisor_session": cookie}) as client:
                assert client.get("config", headers=JSON).status_code == 401


def test_a_sign_in_posted_from_another_site_is_refused(app: App, clients: Clients) -> None:
    form = {"username": "anna", "password": PASSWORDS["anna"]}
    for headers in ({"sec-fetch-site": "cross-site"}, {"origin": "https://evil.example"}):
        forged = clients.plain().post("login", data=form, headers=headers)
        assert forged.status_code == 403 and "set-cookie" not in forged.headers
    # A browser on the app's own page (under no-referrer its Origin is "null").
    own = {"sec-fetch-site": "same-origin", "origin": "null"}
    assert clients.plain().post("login", data=form, headers=own).status_code == 303
