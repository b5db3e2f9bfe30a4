"""The web app's HTTP side: a FastAPI app that owns sign-in, sessions and
headers, with the gradio page mounted under it.

- ``GET/POST /login``: the Dutch sign-in page and its form (``username``,
  ``password``); a right password opens a server-side session (a cookie holding
  a random token; the store keeps its hash). ``/logout`` ends it.
- ``/oidc/login`` and ``/oidc/callback``: school sign-in with OpenID Connect
  (authlib; any provider by its discovery URL), when configured.
- ``/export.csv``: the log as CSV, streamed to leadership, never written to disk.
- Everything else is gradio's, behind ``ui.guards``: a valid session or a
  redirect to ``/login``, session hashes bound to their browser session,
  security headers on every response.
"""

from __future__ import annotations

import logging
import os
import secrets
from typing import Any
from urllib.parse import urlsplit

import anyio
import gradio as gr
from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.requests import HTTPConnection

from advisor.app.portal import (
    Caller,
    InvalidFilterError,
    PermissionDeniedError,
    Portal,
    SignInRefusedError,
    token_hash,
)
from advisor.domain.errors import AdvisorError
from ui.app import build_app
from ui.filters import export_filter
from ui.guards import SESSION_KEY, USER_KEY, Scope, SecurityHeaders, SessionBinding, SessionGate
from ui.login import login_page
from ui.style import CSS, HEAD

log = logging.getLogger(__name__)

COOKIE = "advisor_session"
DEMO_OWNER = "demo"
WRONG = "Onjuiste gebruikersnaam of wachtwoord."


def _address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def _same_origin(request: Request, public_url: str | None) -> bool:
    """Whether a form was posted from this app's own page. Browsers say so in
    Sec-Fetch-Site (under our no-referrer policy their Origin is "null"); older
    ones send an Origin to compare with the app's address."""
    site = request.headers.get("sec-fetch-site")
    if site is not None:
        return site in ("same-origin", "none")
    origin = request.headers.get("origin")
    if not origin or origin == "null":
        return True
    expected = urlsplit(public_url).netloc if public_url else request.headers.get("host", "")
    return urlsplit(origin).netloc == expected


def _secret_key(portal: Portal) -> str:
    """The key that signs a school sign-in in progress: the setting, or one kept in
    the data dir (written whole, once, readable by this user only)."""
    if portal.settings.secret_key is not None:
        key = portal.settings.secret_key.get_secret_value()
    else:
        path = portal.settings.data_dir / "secret.key"
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            fresh = path.with_name(f".secret.key.{os.getpid()}")
            descriptor = os.open(fresh, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
            with os.fdopen(descriptor, "w", encoding="ascii") as handle:
                handle.write(secrets.token_hex(32))
            try:
                os.link(fresh, path)  # the first process to get here wins; others read its key
            except FileExistsError:
                pass
            finally:
                fresh.unlink()
        key = path.read_text(encoding="ascii").strip()
    if len(key) < 32:
        raise AdvisorError("the secret key (ADVISOR_SECRET_KEY or secret.key) needs 32+ characters")
    return key


class WebApp:
    """The routes, over one portal."""

    def __init__(self, portal: Portal) -> None:
        self.portal = portal
        self.settings = portal.settings

    # --- sessions ---------------------------------------------------------------------

    def _secure(self, request: Request) -> bool:
        return self.settings.secure_cookies or request.url.scheme == "https"

    def _signed_in(self, request: Request, token: str) -> Response:
        response = RedirectResponse("/", status_code=303)
        response.set_cookie(
            COOKIE,
            token,
            max_age=int(self.portal.session_policy.absolute.total_seconds()),
            httponly=True,
            samesite="lax",
            secure=self._secure(request),
            path="/",
        )
        return response

    async def resolve(self, scope: Scope) -> tuple[Any, str] | None:
        """The gate's question: who is this browser? (user, owner of its gradio sessions)."""
        if self.portal.demo:
            return self.portal.caller(None), DEMO_OWNER
        token = HTTPConnection(scope).cookies.get(COOKIE)
        if not token:
            return None
        user = await anyio.to_thread.run_sync(self.portal.session_user, token)
        if user is None:
            return None
        return user, token_hash(token)

    # --- routes -----------------------------------------------------------------------

    def _page(self, message: str | None = None, username: str = "", status: int = 200) -> Response:
        label = self.portal.oidc.label if self.portal.oidc else None
        return HTMLResponse(login_page(message, username, label), status_code=status)

    async def login_form(self, request: Request) -> Response:
        if self.portal.demo or await self.resolve(request.scope) is not None:
            return RedirectResponse("/", status_code=303)
        return self._page()

    async def login(self, request: Request) -> Response:
        if not _same_origin(request, self.settings.public_url):  # posted from another site
            return self._page("Inloggen kan alleen via deze pagina.", "", 403)
        form = await request.form()
        username, password = str(form.get("username", "")), str(form.get("password", ""))
        address = _address(request)
        try:
            outcome = await anyio.to_thread.run_sync(
                self.portal.sign_in, username, password, address
            )
        except AdvisorError as exc:  # the database is gone: refuse, say why in the log
            log.error("sign-in impossible: %s", exc)
            return self._page("Inloggen lukt nu niet; probeer het later opnieuw.", username, 503)
        if outcome.token is not None:
            return self._signed_in(request, outcome.token)
        if outcome.wait_s > 0:
            response = self._page(
                f"Te veel mislukte pogingen vanaf dit adres. Probeer het over "
                f"{outcome.wait_s:.0f} seconden opnieuw.",
                username,
                429,
            )
            response.headers["retry-after"] = f"{outcome.wait_s:.0f}"
            return response
        return self._page(WRONG, username, 401)

    async def logout(self, request: Request) -> Response:
        if not _same_origin(request, self.settings.public_url):  # another site logging us out
            return RedirectResponse("/", status_code=303)
        await anyio.to_thread.run_sync(self.portal.sign_out, request.cookies.get(COOKIE))
        response = RedirectResponse("/login", status_code=303)
        response.delete_cookie(COOKIE, path="/", httponly=True, samesite="lax")
        return response

    async def export(self, request: Request) -> Response:
        user = request.scope.get(USER_KEY)
        if user is None:
            return Response("Not authenticated", status_code=401)
        who = Caller(user.username, user.role)
        try:
            filters = export_filter(request.query_params)
            data = await anyio.to_thread.run_sync(self.portal.export_csv, who, filters)
        except PermissionDeniedError:
            return Response("Alleen de schoolleiding mag het log exporteren.", status_code=403)
        except InvalidFilterError as exc:
            return Response(str(exc), status_code=400)
        name = "antwoorden.csv"
        return Response(
            data,
            media_type="text/csv; charset=utf-8",
            headers={"content-disposition": f'attachment; filename="{name}"'},
        )

    async def healthz(self) -> Response:
        return Response("ok", media_type="text/plain")


def _oidc_routes(app: FastAPI, web: WebApp) -> None:
    """School sign-in: authlib does discovery, the code flow with state and nonce,
    and checks the ID token's signature; the portal maps the claims to an account."""
    config = web.portal.oidc
    if config is None:
        return
    from authlib.integrations.starlette_client import OAuth, OAuthError

    oauth = OAuth()
    oauth.register(
        "school",
        client_id=config.client_id,
        client_secret=config.client_secret or None,
        server_metadata_url=config.discovery_url,
        client_kwargs={"scope": config.scopes, "code_challenge_method": "S256"},
    )
    client: Any = oauth.create_client("school")

    def return_address(request: Request) -> str:
        base = web.settings.public_url or str(request.base_url)
        return base.rstrip("/") + "/oidc/callback"

    @app.get("/oidc/login", include_in_schema=False)
    async def oidc_login(request: Request) -> Response:
        try:
            response: Response = await client.authorize_redirect(request, return_address(request))
        except (OAuthError, OSError, ValueError) as exc:
            log.error("school sign-in unavailable: %s", exc)
            return web._page("De school-login is nu niet bereikbaar; probeer het later.", "", 503)
        return response

    @app.get("/oidc/callback", include_in_schema=False)
    async def oidc_callback(request: Request) -> Response:
        try:
            token = await client.authorize_access_token(request)
            claims = dict(token.get("userinfo") or await client.userinfo(token=token))
            metadata = await client.load_server_metadata()
            claims.setdefault("iss", metadata.get("issuer", ""))
            session = await anyio.to_thread.run_sync(
                web.portal.sign_in_oidc, claims, _address(request)
            )
        except SignInRefusedError as exc:
            log.warning("school sign-in refused: %s", exc)
            return web._page(f"Inloggen geweigerd: {exc}.", "", 403)
        except Exception as exc:  # whatever the provider or the network did: say so, log it
            log.warning("school sign-in failed: %r", exc)
            return web._page("Inloggen met je schoolaccount is mislukt; probeer opnieuw.", "", 400)
        return web._signed_in(request, session)


# gradio's default orange fails WCAG AA contrast behind white text: a dark blue.
THEME = gr.themes.Default(font=["system-ui", "sans-serif"], font_mono=["monospace"]).set(
    button_primary_background_fill="#0b5cad",
    button_primary_background_fill_hover="#094a8b",
    button_primary_border_color="#0b5cad",
    button_primary_text_color="#ffffff",
)


def create_app(portal: Portal) -> FastAPI:
    """The whole web app (not yet served)."""
    web = WebApp(portal)
    app = FastAPI(docs_url=None, redoc_url=None, openapi_url=None)
    app.add_api_route("/login", web.login_form, methods=["GET"], include_in_schema=False)
    app.add_api_route("/login", web.login, methods=["POST"], include_in_schema=False)
    app.add_api_route("/logout", web.logout, methods=["POST"], include_in_schema=False)
    # Not gradio's GET /logout: a link on any site could sign someone out with it.
    app.add_api_route("/logout", _post_only, methods=["GET"], include_in_schema=False)
    app.add_api_route("/export.csv", web.export, methods=["GET"], include_in_schema=False)
    app.add_api_route("/healthz", web.healthz, methods=["GET"], include_in_schema=False)
    _oidc_routes(app, web)

    blocks = build_app(portal)
    blocks.queue(default_concurrency_limit=32)
    gr.mount_gradio_app(
        app,
        blocks,
        path="/",
        auth_dependency=lambda request: _username(request.scope),
        footer_links=[],
        run_history=False,
        show_error=False,
        mcp_server=False,
        css=CSS,
        head=HEAD,
        theme=THEME,
    )
    # Outermost last: headers on everything, then the gate, then the binding.
    app.add_middleware(SessionBinding)
    app.add_middleware(SessionGate, resolve=web.resolve)
    app.add_middleware(SecurityHeaders)
    if portal.oidc is not None:
        from starlette.middleware.sessions import SessionMiddleware

        # Only the sign-in in progress (state, nonce) lives here, for ten minutes.
        app.add_middleware(
            SessionMiddleware,
            secret_key=_secret_key(portal),
            session_cookie="advisor_oidc",
            max_age=600,
            path="/oidc",
            same_site="lax",
            https_only=portal.settings.secure_cookies,
        )
    return app


async def _post_only() -> Response:
    return Response(
        "Afmelden gaat met de knop in de app.", status_code=405, headers={"allow": "POST"}
    )


def _username(scope: Scope) -> str | None:
    user = scope.get(USER_KEY)
    if user is None:
        return None
    name: str = user.username
    return name


def serve(portal: Portal, host: str, port: int) -> None:
    """Serve the app (blocks until stopped)."""
    import uvicorn

    proxies = portal.settings.trusted_proxies.strip()
    uvicorn.run(
        create_app(portal),
        host=host,
        port=port,
        proxy_headers=bool(proxies),
        forwarded_allow_ips=proxies or None,
        server_header=False,
        log_level="warning",
    )


__all__ = ["COOKIE", "SESSION_KEY", "create_app", "serve"]
