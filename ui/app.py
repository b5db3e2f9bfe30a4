"""The web app: staff chat and leadership review, in gradio. Thin: every action
goes through ``advisor.app.portal.Portal``, which checks the caller's role.

``ui.server`` serves it (sign-in, sessions, headers). The page is composed
of one builder per area: ``ui.chat`` (ask, rate, own history), ``ui.review``
(the log, review, precedents, export) and ``ui.dashboard``; ``ui.render``
and ``ui.frames`` turn records into HTML, Markdown and tables, in the page's
language (``ui.texts``: Dutch, or English by the switch at the top, which the
browser remembers).
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import Any

import gradio as gr

from advisor.app.portal import Portal, Role
from advisor.domain.models import Language
from ui import frames, render
from ui.chat import build_chat
from ui.dashboard import build_dashboard
from ui.review import build_review
from ui.session import caller
from ui.texts import LANGUAGE_CHOICES, t, ui_language
from ui.words import Words

TITLE = "Protocol Advisor"
LANGUAGE_KEY = "advisor-language"  # where the browser keeps the chosen language


def demo_banner(lang: Language) -> str:
    return f'<div class="demo-banner" id="demo-banner">{escape(t(lang, "demo_banner"))}</div>'


def logout_form(lang: Language) -> str:
    """A form, not a link: signing out changes state, so it is a same-origin POST."""
    return (
        '<form method="post" action="/logout" class="logout">'
        f'<button type="submit" id="logout">{escape(t(lang, "logout"))}</button></form>'
    )


def _header(portal: Portal, words: Words) -> tuple[gr.Markdown, gr.Radio]:
    """The banner (demo mode), the title, the language switch, who is logged in,
    and the log-out button."""
    if portal.demo:
        words.make(gr.HTML, localized={"value": demo_banner}, elem_id="demo")
    with gr.Row(equal_height=True):
        words.make(gr.Markdown, {"value": "title"}, scale=4)
        language = words.make(
            gr.Radio,
            {"label": "language"},
            choices=LANGUAGE_CHOICES,
            value=Language.NL.value,
            elem_id="language",
            scale=1,
            min_width=200,
        )
    with gr.Row():
        who = gr.Markdown(elem_id="who")
        if not portal.demo:
            words.make(gr.HTML, localized={"value": logout_form}, elem_id="logout-form")
    return who, language


def _loader(portal: Portal) -> Callable[[str | None, gr.Request], tuple[Any, ...]]:
    """On page load: the language the browser kept, who is there, the leadership
    tabs for leadership, own history."""

    def on_load(stored: str | None, request: gr.Request) -> tuple[Any, ...]:
        lang = ui_language(stored)
        who = caller(portal, request)
        leader = who.role is Role.LEADERSHIP
        return (
            lang.value,
            render.who_line(who.username, leader, lang),
            gr.Tab(visible=leader),
            gr.Tab(visible=leader),
            frames.history_frame(portal.history(who), portal.zone, lang),
        )

    return on_load


def _switcher(portal: Portal, words: Words) -> Callable[[str, gr.Request], tuple[Any, ...]]:
    """The language switch: every word on the page, who is there and one's own
    history in the chosen language, and the choice kept in the browser."""

    def on_language(chosen: str, request: gr.Request) -> tuple[Any, ...]:
        lang = ui_language(chosen)
        who = caller(portal, request)
        return (
            lang.value,
            render.who_line(who.username, who.role is Role.LEADERSHIP, lang),
            frames.history_frame(portal.history(who), portal.zone, lang),
            *words.updates(lang),
        )

    return on_language


def build_app(portal: Portal) -> gr.Blocks:
    """The whole page, every event wired (not launched)."""
    clauses = {c.id: c for c in portal.corpus.clauses}
    words = Words()
    with gr.Blocks(title=TITLE, analytics_enabled=False) as app:
        # A fixed secret: the choice ("nl" or "en") is nothing to hide, and a random one
        # (gradio's default) would forget it at every restart of the server.
        stored = gr.BrowserState(
            Language.NL.value, storage_key=LANGUAGE_KEY, secret="advisor-language"
        )
        who, language = _header(portal, words)
        with gr.Tabs():
            history = build_chat(portal, clauses, words, language)
            review_tab = build_review(portal, clauses, words, language)
            dashboard_tab = build_dashboard(portal, words, language)
        app.load(
            _loader(portal),
            inputs=[stored],
            outputs=[language, who, review_tab, dashboard_tab, history],
        )
        language.change(
            _switcher(portal, words),
            inputs=[language],
            outputs=[stored, who, history, *words.components],
        )
    blocks: gr.Blocks = app
    return blocks
