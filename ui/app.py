"""The web app: staff chat and leadership review, in gradio. Thin: every action
goes through ``advisor.portal.Portal``, which checks the caller's role."""

from __future__ import annotations

import logging
import tempfile
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import anyio
import gradio as gr
import pandas as pd

from advisor.accounts import Role
from advisor.compose import VERDICT_LABEL
from advisor.engine import NotLoggedError
from advisor.errors import AdvisorError
from advisor.models import Escalation, Language, Verdict
from advisor.portal import Caller, Portal
from advisor.store.records import (
    InvalidFilterError,
    LogEntry,
    LogFilter,
    ReviewOutcome,
    parse_moment,
)
from ui import render

log = logging.getLogger(__name__)

EXAMPLES = [
    "Mag ik een vriendschapsverzoek van een leerling accepteren op Instagram?",
    "Mag ik reageren op een ouder die mij op Facebook een bericht stuurt over een cijfer?",
    "Can I post a photo of my class on my own Instagram?",
    "Een leerling zet naaktfoto's van een klasgenoot in de groepsapp. Wat moet ik doen?",
    "Mag ik op LinkedIn schrijven dat ik trots ben op onze school?",
]
NOT_LOGGED = (
    "\n\n⚠ Dit antwoord kon niet worden opgeslagen; meld dit bij de beheerder. "
    "/ This answer could not be saved; please tell the administrator."
)
ALL = "alle"
VERDICT_CHOICES = [
    ("toegestaan", Verdict.ALLOWED.value),
    ("niet toegestaan", Verdict.NOT_ALLOWED.value),
    ("onder voorwaarden", Verdict.CONDITIONAL.value),
    ("niet geregeld", Verdict.NOT_COVERED.value),
]
HISTORY_COLUMNS = ["tijd (UTC)", "oordeel", "artikelen", "vraag", "log id"]
LOG_COLUMNS = ["log id", "tijd (UTC)", "gebruiker", "oordeel", "urgent", "artikelen", "+", "−",
               "beoordeling", "vraag"]  # fmt: skip
WELCOME = (
    "**Stel je vraag over internet en sociale media op school.** Je krijgt een oordeel, de "
    "artikelen uit het protocol waar het op steunt, en altijd een verwijzing naar je "
    "leidinggevende. Namen en contactgegevens van leerlingen worden vervangen voordat iets "
    "wordt opgeslagen.  \n*Ask in Dutch or English; the answer cites the protocol and refers "
    "you to your supervisor.*"
)


def _who(portal: Portal, request: gr.Request | None) -> Caller:
    return portal.caller(getattr(request, "username", None) if request else None)


def _short(question: str, limit: int = 90) -> str:
    return question if len(question) <= limit else question[: limit - 1] + "…"


def _history_frame(entries: list[LogEntry]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            [
                f"{e.created_at:%Y-%m-%d %H:%M}",
                VERDICT_LABEL[Language.NL][e.verdict],
                " ".join(e.citations),
                _short(e.question),
                e.id[:12],
            ]
            for e in entries
        ],
        columns=HISTORY_COLUMNS,
    )


def _log_frame(entries: list[LogEntry]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            [
                e.id[:12],
                f"{e.created_at:%Y-%m-%d %H:%M}",
                e.user_name or "–",
                VERDICT_LABEL[Language.NL][e.verdict],
                "ja" if e.escalation is Escalation.URGENT else "",
                " ".join(e.citations),
                sum(f.rating > 0 for f in e.feedback),
                sum(f.rating < 0 for f in e.feedback),
                e.reviews[-1].outcome.value if e.reviews else "",
                _short(e.question),
            ]
            for e in entries
        ],
        columns=LOG_COLUMNS,
    )


def _chunks(answer_text: str) -> Iterator[str]:
    """The answer in growing pieces, paragraph by paragraph, for a streamed display."""
    parts = answer_text.split("\n\n")
    for end in range(1, len(parts) + 1):
        yield "\n\n".join(parts[:end])


def build_app(portal: Portal) -> gr.Blocks:
    clauses = {c.id: c for c in portal.corpus.clauses}

    with gr.Blocks(title="Protocol Advisor", analytics_enabled=False) as app:
        if portal.demo:
            gr.HTML(
                '<div class="demo-banner" id="demo-banner">Lokale demomodus: geen login, '
                "iedereen is leidinggevende en alle vragen worden gelogd als 'demo'. "
                "Local demo mode: no login; not for real use.</div>"
            )
        with gr.Row():
            gr.Markdown("## Protocol Advisor · Internet en sociale media op school")
            who = gr.Markdown(elem_id="who")
            if not portal.demo:
                gr.Button("Uitloggen / Log out", link="/logout", size="sm", scale=0)

        turns = gr.State([])
        last_log_id = gr.State("")

        with gr.Tabs():
            with gr.Tab("Vraag stellen / Ask", id="ask"):
                with gr.Row():
                    with gr.Column(scale=3):
                        chatbot = gr.Chatbot(
                            label="Gesprek / Conversation",
                            show_label=False,
                            placeholder=WELCOME,
                            height=460,
                            sanitize_html=True,
                            elem_id="chat",
                        )
                        question = gr.Textbox(
                            label="Je vraag / Your question",
                            placeholder="Mag ik … ? / May I … ?",
                            lines=2,
                            max_length=portal.settings.max_question_chars,
                            elem_id="question",
                        )
                        with gr.Row():
                            ask_button = gr.Button("Vraag / Ask", variant="primary", elem_id="ask")
                            new_chat = gr.Button("Nieuw gesprek / New chat", elem_id="new-chat")
                        gr.Examples(EXAMPLES, inputs=question, label="Voorbeelden / Examples")
                    with gr.Column(scale=2):
                        urgent = gr.HTML(elem_id="urgent")
                        verdict = gr.HTML(elem_id="verdict")
                        referral = gr.HTML(elem_id="referral")
                        cited = gr.HTML(elem_id="citations")
                        precedent = gr.HTML(elem_id="precedent")
                        gr.Markdown(
                            "*Voorbeeldcasussen (P…) zijn illustratief, geschreven bij het "
                            "protocol. Example cases are illustrative.*"
                        )
                        with gr.Group():
                            gr.Markdown("**Was dit antwoord nuttig? / Was this useful?**")
                            comment = gr.Textbox(
                                label="Opmerking (optioneel) / Comment (optional)",
                                lines=2,
                                max_length=2000,
                                elem_id="feedback-comment",
                            )
                            with gr.Row():
                                thumbs_up = gr.Button("Nuttig / Useful", elem_id="thumbs-up")
                                thumbs_down = gr.Button(
                                    "Niet nuttig / Not useful", elem_id="thumbs-down"
                                )
                            feedback_status = gr.Markdown(elem_id="feedback-status")
                gr.Markdown("### Mijn vragen / My history")
                history = gr.Dataframe(
                    value=_history_frame([]),
                    interactive=False,
                    wrap=True,
                    elem_id="history",
                )

            with gr.Tab("Beoordelen / Review", id="review", visible=False) as review_tab:
                with gr.Row():
                    since = gr.Textbox(label="Vanaf (YYYY-MM-DD)", elem_id="f-since")
                    until = gr.Textbox(label="Tot en met (YYYY-MM-DD)", elem_id="f-until")
                    f_verdict = gr.Dropdown(
                        [ALL, *[v.value for v in Verdict]], value=ALL, label="Oordeel"
                    )
                    f_escalation = gr.Dropdown(
                        [ALL, "urgent", "none"], value=ALL, label="Escalatie"
                    )
                with gr.Row():
                    f_feedback = gr.Dropdown(
                        [
                            (ALL, ALL),
                            ("niet nuttig", "down"),
                            ("nuttig", "up"),
                            ("met feedback", "any"),
                            ("zonder feedback", "none"),
                        ],
                        value=ALL,
                        label="Feedback",
                        elem_id="f-feedback",
                    )
                    f_fallback = gr.Dropdown(
                        [ALL, "ja", "nee"], value=ALL, label="LLM teruggevallen"
                    )
                    f_reviewed = gr.Dropdown([ALL, "ja", "nee"], value=ALL, label="Beoordeeld")
                    f_clause = gr.Textbox(label="Artikel (bv. 2.1)", elem_id="f-clause")
                search = gr.Button("Zoeken / Search", variant="primary", elem_id="search")
                search_status = gr.Markdown(elem_id="search-status")
                log_table = gr.Dataframe(
                    value=_log_frame([]),
                    interactive=False,
                    wrap=True,
                    elem_id="log-table",
                    column_widths=["9%", "10%", "8%", "10%", "6%", "8%", "4%", "4%", "9%", "32%"],
                )
                with gr.Row():
                    selected = gr.Textbox(label="Log id", elem_id="selected-id", scale=3)
                    show = gr.Button("Toon / Show", elem_id="show", scale=1)
                detail = gr.HTML(elem_id="detail")
                with gr.Group():
                    outcome = gr.Radio(
                        [o.value for o in ReviewOutcome], label="Beoordeling", elem_id="outcome"
                    )
                    corrected_verdict = gr.Dropdown(
                        [("(ongewijzigd)", ""), *VERDICT_CHOICES],
                        value="",
                        label="Gecorrigeerd oordeel",
                    )
                    corrected_answer = gr.Textbox(
                        label="Gecorrigeerd antwoord", lines=3, elem_id="corrected-answer"
                    )
                    note = gr.Textbox(label="Notitie", lines=2, elem_id="note")
                    save_review = gr.Button("Beoordeling opslaan", elem_id="save-review")
                with gr.Row():
                    promote = gr.Button("Maak precedent (concept)", elem_id="promote")
                    precedent_id = gr.Textbox(label="Precedent id", elem_id="precedent-id")
                    approve = gr.Button("Goedkeuren", elem_id="approve")
                review_status = gr.Markdown(elem_id="review-status")
                with gr.Row():
                    export = gr.Button("Exporteer CSV", elem_id="export")
                    export_file = gr.File(label="CSV", interactive=False)

            with gr.Tab("Dashboard", id="dashboard", visible=False) as dashboard_tab:
                refresh = gr.Button("Vernieuwen / Refresh", elem_id="refresh-dashboard")
                figures = gr.Markdown(elem_id="figures")
                with gr.Row():
                    per_day = gr.BarPlot(x="dag", y="vragen", title="Vragen per dag", height=260)
                    verdict_mix = gr.BarPlot(x="oordeel", y="aantal", title="Oordelen", height=260)
                top_clauses = gr.BarPlot(
                    x="artikel", y="keer geciteerd", title="Meest geciteerde artikelen", height=260
                )

        # --- handlers -------------------------------------------------------------

        def on_load(request: gr.Request) -> tuple[Any, ...]:
            caller = _who(portal, request)
            leader = caller.role is Role.LEADERSHIP
            label = "leidinggevende" if leader else "medewerker"
            return (
                f"Ingelogd als **{render.markdown_text(caller.username)}** ({label})",
                gr.Tab(visible=leader),
                gr.Tab(visible=leader),
                _history_frame(portal.history(caller)),
            )

        app.load(on_load, outputs=[who, review_tab, dashboard_tab, history])

        def on_ask(
            text: str, chat: list[dict[str, str]], kept: list[Any], request: gr.Request
        ) -> Iterator[tuple[Any, ...]]:
            caller = _who(portal, request)
            chat = list(chat or [])
            shown_question = render.markdown_text(text or "")
            warning = ""
            try:
                answer, turn = portal.ask(caller, text or "", kept or [])
            except NotLoggedError as exc:
                # The answer stands; only its logging failed (details go to the server log).
                log.error("answer not logged: %s", exc)
                answer, turn = exc.answer, None
                warning = NOT_LOGGED
            except AdvisorError as exc:
                chat += [
                    {"role": "user", "content": shown_question},
                    {"role": "assistant", "content": f"⚠ {render.markdown_text(str(exc))}"},
                ]
                yield chat, text, kept, "", "", "", "", "", "", gr.skip()
                return
            chat += [{"role": "user", "content": shown_question}]
            for piece in _chunks(answer.answer):
                reply = {"role": "assistant", "content": render.markdown_text(piece)}
                yield [*chat, reply], "", kept, gr.skip(), "", "", "", "", "", gr.skip()
            chat += [{"role": "assistant", "content": render.chat_reply(answer) + warning}]
            yield (
                chat,
                "",
                [*(kept or []), turn] if turn else kept,
                answer.log_id or "",
                render.urgent_banner(answer),
                render.verdict_badge(answer),
                render.referral_box(answer),
                render.citations(answer, clauses),
                render.precedent(answer),
                _history_frame(portal.history(caller)),
            )

        ask_outputs = [chatbot, question, turns, last_log_id, urgent, verdict, referral, cited,
                       precedent, history]  # fmt: skip
        ask_button.click(
            on_ask, [question, chatbot, turns], ask_outputs, api_name="ask", concurrency_limit=None
        )
        question.submit(on_ask, [question, chatbot, turns], ask_outputs, concurrency_limit=None)
        new_chat.click(
            lambda: ([], [], "", "", "", "", "", ""),
            outputs=[chatbot, turns, last_log_id, urgent, verdict, referral, cited, precedent],
        )

        def on_feedback(up: bool) -> Any:
            def handler(log_id: str, text: str, request: gr.Request) -> tuple[str, str]:
                if not log_id:
                    return "Stel eerst een vraag. / Ask a question first.", text
                try:
                    portal.feedback(_who(portal, request), log_id, up, text or None)
                except AdvisorError as exc:
                    return f"⚠ {render.markdown_text(str(exc))}", text
                return "Dank je, je feedback is opgeslagen. / Thanks, saved.", ""

            return handler

        thumbs_up.click(on_feedback(True), [last_log_id, comment], [feedback_status, comment])
        thumbs_down.click(on_feedback(False), [last_log_id, comment], [feedback_status, comment])

        def choice(value: str | None) -> str | None:
            return None if not value or value == ALL else value

        def yes_no(value: str | None) -> bool | None:
            return None if not value or value == ALL else value == "ja"

        def on_search(
            since_: str,
            until_: str,
            verdict_: str,
            escalation_: str,
            feedback_: str,
            fallback_: str,
            reviewed_: str,
            clause_: str,
            request: gr.Request,
        ) -> tuple[Any, str]:
            try:
                start = parse_moment(since_.strip() or None, "vanaf")
                end = parse_moment(until_.strip() or None, "tot", end_of_day=True)
                verdict_choice, escalation_choice = choice(verdict_), choice(escalation_)
                filters = LogFilter(
                    since=start,
                    until=end,
                    verdict=Verdict(verdict_choice) if verdict_choice else None,
                    escalation=Escalation(escalation_choice) if escalation_choice else None,
                    feedback=choice(feedback_),
                    fallback=yes_no(fallback_),
                    reviewed=yes_no(reviewed_),
                    clause=clause_.strip() or None,
                )
                entries = portal.search(_who(portal, request), filters)
            except (AdvisorError, InvalidFilterError) as exc:
                return gr.skip(), f"⚠ {render.markdown_text(str(exc))}"
            return _log_frame(entries), f"{len(entries)} antwoorden gevonden."

        filters_in = [since, until, f_verdict, f_escalation, f_feedback, f_fallback, f_reviewed,
                      f_clause]  # fmt: skip
        search.click(on_search, filters_in, [log_table, search_status])
        review_tab.select(on_search, filters_in, [log_table, search_status])

        def on_select(frame: pd.DataFrame, event: gr.SelectData) -> str:
            row = event.index[0] if isinstance(event.index, list | tuple) else event.index
            return str(frame.iloc[int(row)]["log id"])

        log_table.select(on_select, [log_table], [selected])

        def on_show(log_id: str, request: gr.Request) -> str:
            try:
                entry = portal.entry(_who(portal, request), log_id)
            except AdvisorError as exc:
                return f"<p>⚠ {render.text(str(exc))}</p>"
            return render.entry_detail(entry, clauses)

        show.click(on_show, [selected], [detail])
        selected.submit(on_show, [selected], [detail])

        def on_review(
            log_id: str,
            outcome_: str | None,
            verdict_: str,
            answer_: str,
            note_: str,
            request: gr.Request,
        ) -> tuple[str, str]:
            if not outcome_:
                return "⚠ Kies een beoordeling.", gr.skip()
            try:
                caller = _who(portal, request)
                review_id = portal.review(
                    caller,
                    log_id,
                    ReviewOutcome(outcome_),
                    answer_ or None,
                    Verdict(verdict_) if verdict_ else None,
                    note_ or None,
                )
                detail_html = render.entry_detail(portal.entry(caller, log_id), clauses)
            except AdvisorError as exc:
                return f"⚠ {render.markdown_text(str(exc))}", gr.skip()
            return f"Beoordeling #{review_id} opgeslagen.", detail_html

        save_review.click(
            on_review,
            [selected, outcome, corrected_verdict, corrected_answer, note],
            [review_status, detail],
        )

        def on_promote(log_id: str, request: gr.Request) -> tuple[str, str]:
            try:
                logged = portal.promote(_who(portal, request), log_id)
            except AdvisorError as exc:
                return f"⚠ {render.markdown_text(str(exc))}", gr.skip()
            pid = logged.precedent.id
            return f"Conceptprecedent {pid} gemaakt; keur het goed om het te gebruiken.", pid

        promote.click(on_promote, [selected], [review_status, precedent_id])

        def on_approve(pid: str, request: gr.Request) -> str:
            try:
                message = portal.approve(_who(portal, request), pid.strip())
            except AdvisorError as exc:
                return f"⚠ {render.markdown_text(str(exc))}"
            return render.markdown_text(message)

        approve.click(on_approve, [precedent_id], [review_status])

        def on_export(
            since_: str,
            until_: str,
            request: gr.Request,
        ) -> Any:
            try:
                filters = LogFilter(
                    since=parse_moment(since_.strip() or None, "vanaf"),
                    until=parse_moment(until_.strip() or None, "tot", end_of_day=True),
                    limit=100_000,
                )
                data = portal.export_csv(_who(portal, request), filters)
            except (AdvisorError, InvalidFilterError) as exc:
                gr.Warning(str(exc))
                return None
            folder = Path(tempfile.mkdtemp(prefix="advisor-export-"))
            path = folder / f"antwoorden-{datetime.now(UTC):%Y%m%d-%H%M}.csv"
            path.write_text(data, encoding="utf-8")
            return str(path)

        export.click(on_export, [since, until], [export_file])

        def on_dashboard(request: gr.Request) -> tuple[Any, ...]:
            try:
                figures_ = portal.dashboard(_who(portal, request))
            except AdvisorError as exc:
                return f"⚠ {render.markdown_text(str(exc))}", gr.skip(), gr.skip(), gr.skip()
            summary = (
                f"**{figures_.answers}** vragen in {figures_.days} dagen · "
                f"**{figures_.urgent}** urgent · duim omlaag: "
                f"**{figures_.thumbs_down_rate:.0%}** "
                f"({figures_.thumbs_down} van {figures_.thumbs_up + figures_.thumbs_down})"
            )
            days = pd.DataFrame(
                [(d.isoformat(), n) for d, n in figures_.questions_per_day],
                columns=["dag", "vragen"],
            )
            mix = pd.DataFrame(
                [(VERDICT_LABEL[Language.NL][Verdict(v)], n) for v, n in figures_.verdicts.items()],
                columns=["oordeel", "aantal"],
            )
            top = pd.DataFrame(figures_.top_clauses, columns=["artikel", "keer geciteerd"])

            def bars(frame: pd.DataFrame, column: str) -> Any:
                # From zero, so equal counts still show as bars.
                top_value = int(frame[column].max()) if len(frame) else 1
                return gr.BarPlot(value=frame, y_lim=[0, top_value + 1])

            return summary, bars(days, "vragen"), bars(mix, "aantal"), bars(top, "keer geciteerd")

        refresh.click(on_dashboard, outputs=[figures, per_day, verdict_mix, top_clauses])
        dashboard_tab.select(on_dashboard, outputs=[figures, per_day, verdict_mix, top_clauses])

    blocks: gr.Blocks = app
    return blocks


def launch(portal: Portal, host: str, port: int) -> None:
    app = build_app(portal)

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

    app.queue(default_concurrency_limit=32)
    app.launch(
        server_name=host,
        server_port=port,
        # gradio awaits an async auth function (its type hint only names the sync kind).
        auth=None if portal.demo else check_password,  # type: ignore[arg-type]
        auth_message="Protocol Advisor: log in met je account. / Log in with your account.",
        css=render.CSS,
        theme=gr.themes.Default(font=["system-ui", "sans-serif"], font_mono=["monospace"]),
        footer_links=[],
        show_error=False,
        quiet=True,
    )
