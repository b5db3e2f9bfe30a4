"""ASGI middleware in front of the gradio app: security headers on every
response, the session gate, and gradio session hashes bound to the browser
session that first used them.

Pure ASGI (no BaseHTTPMiddleware), so streaming responses such as gradio's
event stream pass through untouched.
"""

from __future__ import annotations

import json
import logging
import threading
from collections import OrderedDict
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any
from urllib.parse import parse_qs

log = logging.getLogger(__name__)

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

# gradio's page runs inline bootstrap scripts and styles, and gradio 6's HTML
# component renders its template ("${value}") with Function(): without
# 'unsafe-eval' no answer would show. Our values are escaped text, never part of
# a template. Everything else is same-origin only; no frames, no plugins.
CSP = (
    "default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval'; "
    "style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; "
    "media-src 'self' blob:; object-src 'none'; base-uri 'self'; form-action 'self'; "
    "frame-ancestors 'none'"
)
HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-frame-options", b"DENY"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
]
# Content-hashed static files may be cached; nothing else (pages, answers, the log).
CACHEABLE = ("/assets/", "/static/", "/gradio_api/assets/")

USER_KEY = "advisor.user"  # the signed-in account (advisor.store.accounts.User)
SESSION_KEY = "advisor.session"  # who owns gradio session hashes: the session token's hash


class SecurityHeaders:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        cacheable = scope["path"].startswith(CACHEABLE)

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [
                    (k, v)
                    for k, v in message.get("headers", [])
                    if k.lower() not in {h for h, _ in HEADERS} and k.lower() != b"server"
                ]
                headers.extend(HEADERS)
                if not cacheable:
                    headers = [(k, v) for k, v in headers if k.lower() != b"cache-control"]
                    headers.append((b"cache-control", b"no-store"))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, with_headers)


async def respond(send: Send, status: int, body: bytes, headers: list[tuple[bytes, bytes]]) -> None:
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


async def refuse(send: Send, status: int, detail: str) -> None:
    await respond(
        send,
        status,
        json.dumps({"detail": detail}).encode(),
        [(b"content-type", b"application/json")],
    )


# ``resolve(scope)`` → (user, owner) for a signed-in browser, or None.
Resolver = Callable[[Scope], Awaitable[tuple[Any, str] | None]]


class SessionGate:
    """Every path but the public ones needs a valid session: pages redirect to
    the sign-in page, everything else gets 401. gradio routes that would hand
    one session's state to another are closed."""

    PUBLIC = ("/login", "/logout", "/oidc/login", "/oidc/callback", "/healthz")
    # Of gradio's API, only what the page itself uses. Closed among the rest:
    # deep_link (writes a session's components, the chat or the log table, to a
    # file that file= serves to whoever knows the name), call/ and run/ (a
    # session's events by id, outside the queue), upload and process_recording
    # (no component of ours takes files), runs, mcp, monitoring.
    GRADIO_OPEN = (
        "/gradio_api/info",
        "/gradio_api/queue/join",
        "/gradio_api/queue/data",
        "/gradio_api/heartbeat/",
        "/gradio_api/cancel",
        "/gradio_api/startup-events",
        "/gradio_api/app_id",
        "/gradio_api/assets/",
    )

    def __init__(self, app: ASGIApp, resolve: Resolver) -> None:
        self.app = app
        self.resolve = resolve

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        if path.startswith("/gradio_api/") and not path.startswith(self.GRADIO_OPEN):
            await refuse(send, 404, "Not Found")
            return
        if path in self.PUBLIC:
            await self.app(scope, receive, send)
            return
        try:
            signed_in = await self.resolve(scope)
        except Exception:  # the store is gone: say so, do not leak a trace
            log.exception("cannot check the session")
            await refuse(send, 503, "the app cannot reach its database; try again shortly")
            return
        if signed_in is None:
            if scope["type"] == "websocket":
                await send({"type": "websocket.close", "code": 1008})
            elif scope.get("method") == "GET" and _wants_page(scope):
                await respond(send, 303, b"", [(b"location", b"/login")])
            else:
                await refuse(send, 401, "Not authenticated")
            return
        scope[USER_KEY], scope[SESSION_KEY] = signed_in
        await self.app(scope, receive, send)


class SessionBinding:
    """A gradio session hash belongs to the browser session that first used it.
    gradio takes the hash from the client; without this, anyone signed in who
    learns another's hash could read that session's event stream or run
    handlers on its state."""

    MAX_BODY = 1_000_000
    MAX_BOUND = 200_000

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self._owners: OrderedDict[str, str] = OrderedDict()
        self._lock = threading.Lock()

    def _claim(self, session_hash: str, owner: str) -> bool:
        with self._lock:
            current = self._owners.setdefault(session_hash, owner)
            self._owners.move_to_end(session_hash)
            while len(self._owners) > self.MAX_BOUND:
                self._owners.popitem(last=False)
            return current == owner

    @staticmethod
    def _from_path(scope: Scope) -> set[str]:
        found: set[str] = set()
        query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
        found.update(query.get("session_hash", []))
        parts = scope["path"].split("/")
        for marker in ("heartbeat", "stream"):
            if marker in parts and parts.index(marker) + 1 < len(parts):
                found.add(parts[parts.index(marker) + 1])
        for key, value in scope.get("headers", []):
            if key.lower() == b"session_hash":
                found.add(value.decode("latin-1"))
        return found

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        owner = scope.get(SESSION_KEY)
        if scope["type"] != "http" or owner is None or "/gradio_api/" not in scope["path"]:
            await self.app(scope, receive, send)
            return
        hashes = self._from_path(scope)
        replay: Receive = receive
        if scope.get("method") == "POST":
            body = bytearray()
            more = True
            while more:
                message = await receive()
                body.extend(message.get("body", b""))
                more = message.get("more_body", False)
                if len(body) > self.MAX_BODY:
                    await refuse(send, 413, "request too large")
                    return
            try:
                hashes.update(_body_hash(bytes(body)))
            except ValueError:
                await refuse(send, 400, "a JSON object was expected")
                return
            sent = False

            async def replayed() -> Message:
                nonlocal sent
                if not sent:
                    sent = True
                    return {"type": "http.request", "body": bytes(body), "more_body": False}
                return await receive()

            replay = replayed
        if not all(self._claim(h, owner) for h in hashes if h):
            await refuse(send, 403, "this session belongs to someone else")
            return
        await self.app(scope, replay, send)


def _wants_page(scope: Scope) -> bool:
    """A browser navigating (not a script fetching data): it gets the sign-in page."""
    accept = dict(scope.get("headers", [])).get(b"accept", b"")
    return b"text/html" in accept and not scope["path"].startswith("/gradio_api/")


def _body_hash(body: bytes) -> set[str]:
    """The session hash a POST names. Parsed as the route will parse it (a BOM or
    UTF-16 included); anything but a JSON object is refused (ValueError)."""
    if not body.strip():
        return set()
    data = json.loads(body)
    if not isinstance(data, dict):
        raise ValueError("not a JSON object")
    value = data.get("session_hash")
    return {value} if isinstance(value, str) else set()
