"""The leadership tab: search the log, read one answer in full, review it,
promote it to a precedent and approve that, and export the log as CSV."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import gradio as gr
import pandas as pd
from gradio.components import Component

from advisor.app.portal import InvalidFilterError, Portal, ReviewOutcome
from advisor.domain.errors import AdvisorError
from advisor.domain.models import Clause, Escalation, Language, Verdict
from ui import frames, render
from ui.filters import log_filter
from ui.session import caller
from ui.texts import (
    ALL,
    LLM_OUTCOMES,
    NO,
    YES,
    choices,
    found,
    problem,
    t,
    ui_language,
    verdict_choices,
)
from ui.words import Words

FEEDBACK_VALUES = ("down", "up", "any", "none")


def _verdicts(lang: Language) -> list[tuple[str, str]]:
    return [(t(lang, "all"), ALL), *verdict_choices(lang)]


def _escalations(lang: Language) -> list[tuple[str, str]]:
    return choices(lang, "escalation", tuple(e.value for e in Escalation))


def _feedbacks(lang: Language) -> list[tuple[str, str]]:
    return choices(lang, "feedback", FEEDBACK_VALUES)


def _llm(lang: Language) -> list[tuple[str, str]]:
    """Fell back or not (yes/no), or what came of the LLM's answer."""
    return [*choices(lang, "", (YES, NO)), *choices(lang, "llm", LLM_OUTCOMES, everything=False)]


def _yes_no(lang: Language) -> list[tuple[str, str]]:
    return choices(lang, "", (YES, NO))


def _outcomes(lang: Language) -> list[tuple[str, str]]:
    return choices(lang, "outcome", tuple(o.value for o in ReviewOutcome), everything=False)


def _corrected_verdicts(lang: Language) -> list[tuple[str, str]]:
    return [(t(lang, "unchanged"), ""), *verdict_choices(lang)]


@dataclass(frozen=True)
class Filters:
    """The search form; ``fields`` in the order ``ReviewActions.on_search`` takes them."""

    fields: list[Component]
    since: gr.DateTime
    until: gr.DateTime


@dataclass(frozen=True)
class LogView:
    """The search button, the log table and the detail of the selected answer."""

    search: gr.Button
    status: gr.Markdown
    table: gr.Dataframe
    selected: gr.Textbox
    show: gr.Button
    detail: gr.HTML


@dataclass(frozen=True)
class ReviewForm:
    """Review, promote, approve and export: their inputs, buttons and status line."""

    outcome: gr.Radio
    corrected_verdict: gr.Dropdown
    corrected_answer: gr.Textbox
    corrected_clauses: gr.Textbox
    corrected_title: gr.Textbox
    note: gr.Textbox
    save: gr.Button
    promote: gr.Button
    precedent_id: gr.Textbox
    approve: gr.Button
    status: gr.Markdown
    export: gr.HTML


@dataclass(frozen=True)
class ReviewActions:
    """The tab's event handlers; the portal refuses anyone but leadership. Each
    takes the page's language last (before the request)."""

    portal: Portal
    clauses: dict[str, Clause]

    def _search(self, fields: tuple[str | None, ...], request: gr.Request) -> tuple[Any, str]:
        *values, lang = fields
        page = ui_language(lang)
        try:
            filters = log_filter(*values)
            entries = self.portal.search(caller(self.portal, request), filters)
        except (AdvisorError, InvalidFilterError) as exc:
            return gr.skip(), render.warning(problem(page, exc))
        return frames.log_frame(entries, self.portal.zone, page), found(page, len(entries))

    def on_search(
        self,
        since: str | None,
        until: str | None,
        verdict: str,
        escalation: str,
        feedback: str,
        fallback: str,
        reviewed: str,
        clause: str,
        lang: str,
        request: gr.Request,
    ) -> tuple[Any, str]:
        fields = (since, until, verdict, escalation, feedback, fallback, reviewed, clause, lang)
        return self._search(fields, request)

    def on_language(
        self,
        since: str | None,
        until: str | None,
        verdict: str,
        escalation: str,
        feedback: str,
        fallback: str,
        reviewed: str,
        clause: str,
        selected: str,
        lang: str,
        request: gr.Request,
    ) -> tuple[Any, ...]:
        """The language changed: for leadership, the log table and the detail are
        filled again in it; for anyone else there is nothing to fill."""
        if not caller(self.portal, request).is_leadership:
            return gr.skip(), gr.skip(), gr.skip(), gr.skip()
        fields = (since, until, verdict, escalation, feedback, fallback, reviewed, clause, lang)
        table, status = self._search(fields, request)
        detail = self.on_show(selected, lang, request) if selected else ""
        return table, status, detail, ""

    def on_select(self, frame: pd.DataFrame, event: gr.SelectData) -> str:
        row = event.index[0] if isinstance(event.index, list | tuple) else event.index
        return str(frame.iloc[int(row), 0])  # the log id comes first

    def on_show(self, log_id: str, lang: str, request: gr.Request) -> str:
        page = ui_language(lang)
        try:
            who = caller(self.portal, request)
            entry = self.portal.entry(who, log_id)
            reports = self.portal.reports(who, entry.id)
        except AdvisorError as exc:
            return render.warning_html(problem(page, exc))
        return render.entry_detail(entry, self.clauses, reports, page, self.portal.zone)

    def on_review(
        self,
        log_id: str,
        outcome: str | None,
        verdict: str,
        answer: str,
        clauses: str,
        title: str,
        note: str,
        since: str | None,
        until: str | None,
        shown_verdict: str,
        escalation: str,
        feedback: str,
        fallback: str,
        reviewed: str,
        clause: str,
        lang: str,
        request: gr.Request,
    ) -> tuple[Any, ...]:
        """Save a review; on success the form is cleared, and the detail and the log
        table (searched again with the form's filter) show it."""
        search = (since, until, shown_verdict, escalation, feedback, fallback, reviewed, clause,
                  lang)  # fmt: skip
        page = ui_language(lang)
        unchanged = (gr.skip(),) * 9
        if not outcome:
            return (t(page, "choose_outcome"), *unchanged)
        try:
            who = caller(self.portal, request)
            review_id = self.portal.review(
                who,
                log_id,
                ReviewOutcome(outcome),
                answer or None,
                Verdict(verdict) if verdict else None,
                note or None,
                corrected_clauses=[clauses],
                corrected_title=title or None,
            )
        except AdvisorError as exc:
            return (render.warning(problem(page, exc)), *unchanged)
        detail = self.on_show(log_id, lang, request)
        table, status = self._search(search, request)
        cleared = (None, "", "", "", "", "")
        return (t(page, "review_saved", id=review_id), detail, table, status, *cleared)

    def on_promote(self, log_id: str, lang: str, request: gr.Request) -> tuple[str, str]:
        """Make a draft precedent and show it in full, to read before approving."""
        page = ui_language(lang)
        try:
            logged = self.portal.promote(caller(self.portal, request), log_id)
        except AdvisorError as exc:
            return render.warning(problem(page, exc)), gr.skip()
        return render.draft_precedent(logged.precedent, page), logged.precedent.id

    def on_approve(self, precedent_id: str, lang: str, request: gr.Request) -> str:
        page = ui_language(lang)
        try:
            done = self.portal.approve(caller(self.portal, request), precedent_id.strip())
        except AdvisorError as exc:
            return render.warning(problem(page, exc))
        return render.approval(done, page)


def _date(words: Words, key: str, elem_id: str) -> gr.DateTime:
    """A date picker (a calendar; typing 2026-12-03 works too)."""
    return words.make(
        gr.DateTime, {"label": key}, include_time=False, type="string", elem_id=elem_id
    )


def _filters(words: Words) -> Filters:
    with gr.Row():
        since = _date(words, "since", "f-since")
        until = _date(words, "until", "f-until")
        verdict = words.make(
            gr.Dropdown,
            {"label": "verdict"},
            {"choices": _verdicts},
            value=ALL,
            elem_id="f-verdict",
        )
        escalation = words.make(
            gr.Dropdown, {"label": "escalation"}, {"choices": _escalations}, value=ALL
        )
    with gr.Row():
        feedback = words.make(
            gr.Dropdown, {"label": "feedback"}, {"choices": _feedbacks}, value=ALL,
            elem_id="f-feedback",
        )  # fmt: skip
        fallback = words.make(gr.Dropdown, {"label": "llm"}, {"choices": _llm}, value=ALL)
        reviewed = words.make(gr.Dropdown, {"label": "reviewed"}, {"choices": _yes_no}, value=ALL)
        clause = words.make(gr.Textbox, {"label": "clause"}, elem_id="f-clause")
    fields: list[Component] = [
        since, until, verdict, escalation, feedback, fallback, reviewed, clause
    ]  # fmt: skip
    return Filters(fields, since, until)


def _log_view(words: Words) -> LogView:
    search = words.make(gr.Button, {"value": "search"}, variant="primary", elem_id="search")
    status = gr.Markdown(elem_id="search-status")
    table = gr.Dataframe(
        value=frames.log_frame([]),
        interactive=False,
        wrap=True,
        elem_id="log-table",
        elem_classes=["log-table"],
        column_widths=list(frames.LOG_COLUMN_WIDTHS),
    )
    with gr.Row():
        selected = words.make(gr.Textbox, {"label": "log_id"}, elem_id="selected-id", scale=3)
        show = words.make(gr.Button, {"value": "show"}, elem_id="show", scale=1)
    detail = gr.HTML(elem_id="detail")
    return LogView(search, status, table, selected, show, detail)


def _review_form(words: Words) -> ReviewForm:
    with gr.Group():
        outcome = words.make(
            gr.Radio, {"label": "outcome"}, {"choices": _outcomes}, elem_id="outcome"
        )
        corrected_verdict = words.make(
            gr.Dropdown, {"label": "corrected_verdict"}, {"choices": _corrected_verdicts},
            value="", elem_id="corrected-verdict",
        )  # fmt: skip
        corrected_answer = words.make(
            gr.Textbox, {"label": "corrected_answer"}, lines=3, elem_id="corrected-answer"
        )
        corrected_clauses = words.make(
            gr.Textbox, {"label": "corrected_clauses"}, elem_id="corrected-clauses"
        )
        corrected_title = words.make(
            gr.Textbox, {"label": "corrected_title"}, elem_id="corrected-title"
        )
        note = words.make(gr.Textbox, {"label": "note"}, lines=2, elem_id="note")
        save = words.make(gr.Button, {"value": "save_review"}, elem_id="save-review")
    with gr.Row():
        promote = words.make(gr.Button, {"value": "promote"}, elem_id="promote")
        precedent_id = words.make(gr.Textbox, {"label": "precedent_id"}, elem_id="precedent-id")
        approve = words.make(gr.Button, {"value": "approve"}, elem_id="approve")
    status = gr.Markdown(elem_id="review-status")
    # A plain link: the CSV streams from /export.csv straight to the browser, no copy kept.
    export = gr.HTML(render.export_link(), elem_id="export-link")
    return ReviewForm(outcome, corrected_verdict, corrected_answer, corrected_clauses,
                      corrected_title, note, save, promote, precedent_id, approve, status,
                      export)  # fmt: skip


def _export_link(*fields: str | None) -> str:
    """The export link for the form's filter (the fields, then the page's language)."""
    *values, lang = fields
    return render.export_link(*values, lang=ui_language(lang))


def _wire_log(
    actions: ReviewActions, tab: gr.Tab, filters: Filters, view: LogView, language: gr.Radio
) -> None:
    found_at = [view.table, view.status]
    view.search.click(actions.on_search, [*filters.fields, language], found_at)
    tab.select(actions.on_search, [*filters.fields, language], found_at)
    view.table.select(actions.on_select, [view.table], [view.selected])
    view.show.click(actions.on_show, [view.selected, language], [view.detail])
    view.selected.submit(actions.on_show, [view.selected, language], [view.detail])


def _wire_review(
    actions: ReviewActions, filters: Filters, view: LogView, form: ReviewForm, language: gr.Radio
) -> None:
    fields = [form.outcome, form.corrected_verdict, form.corrected_answer,
              form.corrected_clauses, form.corrected_title, form.note]  # fmt: skip
    form.save.click(
        actions.on_review,
        [view.selected, *fields, *filters.fields, language],
        [form.status, view.detail, view.table, view.status, *fields],
    )
    form.promote.click(
        actions.on_promote, [view.selected, language], [form.status, form.precedent_id]
    )
    form.approve.click(actions.on_approve, [form.precedent_id, language], [form.status])
    for field in [*filters.fields, language]:
        if isinstance(field, gr.Textbox | gr.Dropdown | gr.DateTime | gr.Radio):
            field.change(_export_link, [*filters.fields, language], [form.export])
    language.change(
        actions.on_language,
        [*filters.fields, view.selected, language],
        [view.table, view.status, view.detail, form.status],
    )


def build_review(
    portal: Portal, clauses: dict[str, Clause], words: Words, language: gr.Radio
) -> gr.Tab:
    """The "Review" tab, wired and hidden; the page shows it to leadership on load."""
    tab = words.make(gr.Tab, {"label": "tab_review"}, id="review", visible=False)
    with tab:
        filters = _filters(words)
        view = _log_view(words)
        form = _review_form(words)
    actions = ReviewActions(portal, clauses)
    _wire_log(actions, tab, filters, view, language)
    _wire_review(actions, filters, view, form, language)
    return tab
