"""The staff tab: ask in a chat, see verdict, citations and referral beside it,
rate the answer, and see one's own questions."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import gradio as gr

from advisor.app.portal import NotLoggedError, Portal, Turn
from advisor.domain.errors import AdvisorError
from advisor.domain.models import Clause, Escalation
from ui import frames, render
from ui.session import caller
from ui.texts import problem, t, ui_language
from ui.words import Words

log = logging.getLogger(__name__)

EXAMPLES = [
    "Mag ik een vriendschapsverzoek van een leerling accepteren op Instagram?",
    "Mag ik reageren op een ouder die mij op Facebook een bericht stuurt over een cijfer?",
    "Can I post a photo of my class on my own Instagram?",
    "Een leerling zet naaktfoto's van een klasgenoot in de groepsapp. Wat moet ik doen?",
    "Mag ik op LinkedIn schrijven dat ik trots ben op onze school?",
]
PANEL_IDS = ("urgent", "verdict", "referral", "citations", "precedent")

Message = dict[str, str]


@dataclass(frozen=True)
class Asking:
    """The chat column: conversation, question box and its buttons."""

    chatbot: gr.Chatbot
    question: gr.Textbox
    ask: gr.Button
    new_chat: gr.Button


@dataclass(frozen=True)
class Rating:
    """Under the answer panel, once there is an answer: pass an urgent answer on to
    leadership, and rate it."""

    group: gr.Group
    report: gr.Button
    comment: gr.Textbox
    up: gr.Button
    down: gr.Button
    status: gr.Markdown


@dataclass(frozen=True)
class ChatState:
    """Per-session state: the conversation's turns and the last answer's log id."""

    turns: gr.State
    last_log_id: gr.State


@dataclass(frozen=True)
class ChatActions:
    """The tab's event handlers; every action goes through the portal as the caller."""

    portal: Portal
    clauses: dict[str, Clause]

    def on_ask(
        self, text: str, chat: list[Message], kept: list[Turn], lang: str, request: gr.Request
    ) -> Iterator[tuple[Any, ...]]:
        page = ui_language(lang)
        who = caller(self.portal, request)
        chat = list(chat or [])
        shown_question = render.markdown_text(text or "")
        warning = ""
        try:
            answer, turn = self.portal.ask(who, text or "", kept or [])
        except NotLoggedError as exc:
            # The answer stands; only its logging failed (details go to the server log).
            log.error("answer not logged: %s", exc)
            answer, turn = exc.answer, None
            warning = "\n\n" + render.markdown_text(t(page, "not_logged"))
        except AdvisorError as exc:
            chat += [
                {"role": "user", "content": shown_question},
                {"role": "assistant", "content": render.warning(problem(page, exc))},
            ]
            yield chat, text, kept, "", "", "", "", "", "", gr.skip(), gr.skip(), gr.skip()
            return
        chat += [{"role": "user", "content": shown_question}]
        for piece in render.answer_chunks(answer.answer):
            reply = {"role": "assistant", "content": render.markdown_text(piece)}
            yield (
                [*chat, reply],
                "",
                kept,
                gr.skip(),
                "",
                "",
                "",
                "",
                "",
                gr.skip(),
                gr.skip(),
                gr.skip(),
            )
        chat += [{"role": "assistant", "content": render.chat_reply(answer) + warning}]
        yield (
            chat,
            "",
            [*(kept or []), turn] if turn else kept,
            answer.log_id or "",
            *render.answer_panel(answer, self.clauses),
            frames.history_frame(self.portal.history(who), self.portal.zone, page),
            gr.Group(visible=True),
            gr.Button(visible=answer.escalation is Escalation.URGENT and bool(answer.log_id)),
        )

    def on_report(self, log_id: str, lang: str, request: gr.Request) -> str:
        """Send the answer (pseudonymised, as logged) to the leadership address."""
        page = ui_language(lang)
        if not log_id:
            return t(page, "ask_first")
        try:
            sent = self.portal.report(caller(self.portal, request), log_id)
        except AdvisorError as exc:
            return render.warning(problem(page, exc))
        return render.markdown_text(t(page, "reported", to=sent.sent_to))

    def _feedback(
        self, up: bool, log_id: str, text: str, lang: str, request: gr.Request
    ) -> tuple[str, str]:
        page = ui_language(lang)
        if not log_id:
            return t(page, "ask_first"), text
        try:
            self.portal.feedback(caller(self.portal, request), log_id, up, text or None)
        except AdvisorError as exc:
            return render.warning(problem(page, exc)), text
        return t(page, "feedback_saved"), ""

    def on_thumbs_up(
        self, log_id: str, text: str, lang: str, request: gr.Request
    ) -> tuple[str, str]:
        return self._feedback(True, log_id, text, lang, request)

    def on_thumbs_down(
        self, log_id: str, text: str, lang: str, request: gr.Request
    ) -> tuple[str, str]:
        return self._feedback(False, log_id, text, lang, request)


def _asking(words: Words, max_question_chars: int) -> Asking:
    chatbot = words.make(
        gr.Chatbot,
        {"label": "conversation", "placeholder": "welcome"},
        show_label=False,
        height=460,
        sanitize_html=True,
        # No "share" button: it would post the conversation to Hugging Face.
        buttons=["copy", "copy_all"],
        elem_id="chat",
    )
    question = words.make(
        gr.Textbox,
        {"label": "question", "placeholder": "question_placeholder"},
        lines=2,
        max_length=max_question_chars,
        elem_id="question",
    )
    with gr.Row():
        ask = words.make(gr.Button, {"value": "ask"}, variant="primary", elem_id="ask")
        new_chat = words.make(gr.Button, {"value": "new_chat"}, elem_id="new-chat")
    examples = gr.Examples(EXAMPLES, inputs=question, label=t(None, "examples"))
    words.entries.append((examples.dataset, lambda lang: {"label": t(lang, "examples")}))
    return Asking(chatbot, question, ask, new_chat)


def _answer_panel() -> list[gr.HTML]:
    # The precedent panel says itself whether a case is illustrative or a school decision.
    return [gr.HTML(elem_id=elem_id) for elem_id in PANEL_IDS]


def _rating(words: Words) -> Rating:
    with gr.Group(visible=False) as group:
        report = words.make(
            gr.Button, {"value": "report"}, variant="stop", visible=False, elem_id="report"
        )
        words.make(gr.Markdown, {"value": "useful_question"})
        comment = words.make(
            gr.Textbox, {"label": "comment"}, lines=2, max_length=2000, elem_id="feedback-comment"
        )
        with gr.Row():
            up = words.make(gr.Button, {"value": "useful"}, elem_id="thumbs-up")
            down = words.make(gr.Button, {"value": "not_useful"}, elem_id="thumbs-down")
        status = gr.Markdown(elem_id="feedback-status")
    return Rating(group, report, comment, up, down, status)


def _wire_ask(
    actions: ChatActions,
    asking: Asking,
    panel: list[gr.HTML],
    history: gr.Dataframe,
    state: ChatState,
    rating: Rating,
    language: gr.Radio,
) -> None:
    # The order advisor.bench.web sends: question, conversation, turns, page language.
    inputs = [asking.question, asking.chatbot, state.turns, language]
    outputs = [asking.chatbot, asking.question, state.turns, state.last_log_id, *panel, history,
               rating.group, rating.report]  # fmt: skip
    asking.ask.click(actions.on_ask, inputs, outputs, api_name="ask", concurrency_limit=None)
    asking.question.submit(actions.on_ask, inputs, outputs, concurrency_limit=None)
    asking.new_chat.click(
        lambda: ([], [], "", "", "", "", "", "", gr.Group(visible=False)),
        outputs=[asking.chatbot, state.turns, state.last_log_id, *panel, rating.group],
    )


def _wire_rating(
    actions: ChatActions, rating: Rating, state: ChatState, language: gr.Radio
) -> None:
    inputs = [state.last_log_id, rating.comment, language]
    outputs = [rating.status, rating.comment]
    rating.up.click(actions.on_thumbs_up, inputs, outputs)
    rating.down.click(actions.on_thumbs_down, inputs, outputs)
    rating.report.click(actions.on_report, [state.last_log_id, language], [rating.status])
    language.change(lambda: "", outputs=[rating.status])  # a status line in the old language


def build_chat(
    portal: Portal, clauses: dict[str, Clause], words: Words, language: gr.Radio
) -> gr.Dataframe:
    """The "Ask" tab, wired; returns the history table (the page fills it on load)."""
    with words.make(gr.Tab, {"label": "tab_ask"}, id="ask"):
        state = ChatState(turns=gr.State([]), last_log_id=gr.State(""))
        with gr.Row():
            with gr.Column(scale=3):
                asking = _asking(words, portal.settings.max_question_chars)
            with gr.Column(scale=2):
                panel = _answer_panel()
                rating = _rating(words)
        words.make(gr.Markdown, {"value": "my_history"})
        history = gr.Dataframe(
            value=frames.history_frame([]),
            interactive=False,
            wrap=True,
            elem_id="history",
            elem_classes=["log-table"],
        )
    actions = ChatActions(portal, clauses)
    _wire_ask(actions, asking, panel, history, state, rating, language)
    _wire_rating(actions, rating, state, language)
    return history
