"""The web app: staff chat and leadership review, in gradio. Thin: every action
goes through ``advisor.app.portal.Portal``, which checks the caller's role.

``ui.server`` serves it (sign-in, sessions, headers). The page is composed
of one builder per area: ``ui.chat`` (ask, rate, own history), ``ui.review``
(the log, review, precedents, export) and ``ui.dashboard``; ``ui.render``
and ``ui.frames`` turn records into HTML, Markdown and tables.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import gradio as gr

from advisor.app.portal import Portal, Role
from ui import frames, render
from ui.chat import build_chat
from ui.dashboard import build_dashboard
from ui.review import build_review
from ui.session import caller

TITLE = "Protocol Advisor"
DEMO_BANNER = (
    '<div class="demo-banner" id="demo-banner">Lokale demomodus: geen login, '
    "iedereen is leidinggevende en alle vragen worden gelogd als 'demo'. "
    "Local demo mode: no login; not for real use.</div>"
)


# A form, not a link: signing out changes state, so it is a same-origin POST.
LOGOUT = (
    '<form method="post" action="/logout" class="logout">'
    '<button type="submit" id="logout">Uitloggen / Log out</button></form>'
)


def _header(portal: Portal) -> gr.Markdown:
    """The banner (demo mode), the title, who is logged in, and the log-out button."""
    if portal.demo:
        gr.HTML(DEMO_BANNER)
    with gr.Row():
        gr.Markdown("## Protocol Advisor · Internet en sociale media op school")
        who = gr.Markdown(elem_id="who")
        if not portal.demo:
            gr.HTML(LOGOUT, elem_id="logout-form")
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
            frames.history_frame(portal.history(who), portal.zone),
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
