"""The web app: staff chat and leadership review, in gradio. Thin: every action
goes through ``advisor.app.portal.Portal``, which checks the caller's role.

The page is composed of one builder per area: ``ui.chat`` (ask, rate, own
history), ``ui.review`` (the log, review, precedents, export) and
``ui.dashboard``; ``ui.render`` and ``ui.frames`` turn records into HTML,
Markdown and tables.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import anyio
import gradio as gr

from advisor.app.portal import Portal, Role
from advisor.domain.errors import AdvisorError
from ui import frames, render
from ui.chat import build_chat
from ui.dashboard import build_dashboard
from ui.review import build_review
from ui.session import caller
from ui.style import CSS

log = logging.getLogger(__name__)

TITLE = "Protocol Advisor"
DEMO_BANNER = (
    '<div class="demo-banner" id="demo-banner">Lokale demomodus: geen login, '
    "iedereen is leidinggevende en alle vragen worden gelogd als 'demo'. "
    "Local demo mode: no login; not for real use.</div>"
)
AUTH_MESSAGE = "Protocol Advisor: log in met je account. / Log in with your account."


def _header(portal: Portal) -> gr.Markdown:
    """The banner (demo mode), the title, who is logged in, and the log-out button."""
    if portal.demo:
        gr.HTML(DEMO_BANNER)
    with gr.Row():
        gr.Markdown("## Protocol Advisor · Internet en sociale media op school")
        who = gr.Markdown(elem_id="who")
        if not portal.demo:
            gr.Button("Uitloggen / Log out", link="/logout", size="sm", scale=0)
    return who


def _loader(portal: Portal) -> Callable[[gr.Request], tuple[Any, ...]]:
    """On page load: who is there, the leadership tabs for leadership, own history."""

    def on_load(request: gr.Request) -> tuple[Any, ...]:
        who = caller(portal, request)
        leader = who.role is Role.LEADERSHIP
        return (
            render.who_line(who.username, leader),
            gr.Tab(visible=leader),
            gr.Tab(visible=leader),
            frames.history_frame(portal.history(who)),
        )

    return on_load


def build_app(portal: Portal) -> gr.Blocks:
    """The whole page, every event wired (not launched)."""
    clauses = {c.id: c for c in portal.corpus.clauses}
    with gr.Blocks(title=TITLE, analytics_enabled=False) as app:
        who = _header(portal)
        with gr.Tabs():
            history = build_chat(portal, clauses)
            review_tab = build_review(portal, clauses)
            dashboard_tab = build_dashboard(portal)
        app.load(_loader(portal), outputs=[who, review_tab, dashboard_tab, history])
    blocks: gr.Blocks = app
    return blocks


def _password_check(portal: Portal) -> Callable[[str, str], Any]:
    """gradio's auth function: the portal's login (throttled), off the event loop."""

    def login(username: str, password: str) -> bool:
        try:
            return portal.login(username, password)
        except AdvisorError as exc:  # the database is gone: refuse, say why in the log
            log.error("login impossible: %s", exc)
            return False

    async def check_password(username: str, password: str) -> bool:
        # argon2 and a database read take ~0.2 s: off the event loop, so a burst
        # of login attempts cannot stall everyone else's session.
        return bool(await anyio.to_thread.run_sync(login, username, password))

    return check_password


def launch(portal: Portal, host: str, port: int) -> None:
    """Build the page and serve it (blocks until the server stops)."""
    app = build_app(portal)
    app.queue(default_concurrency_limit=32)
    app.launch(
        server_name=host,
        server_port=port,
        # gradio awaits an async auth function (its type hint only names the sync kind).
        auth=None if portal.demo else _password_check(portal),
        auth_message=AUTH_MESSAGE,
        css=CSS,
        theme=gr.themes.Default(font=["system-ui", "sans-serif"], font_mono=["monospace"]),
        footer_links=[],
        show_error=False,
        quiet=True,
    )
