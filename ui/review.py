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
from advisor.domain.models import Clause, Verdict
from ui import frames, render
from ui.filters import ALL, ESCALATION_LABELS, LLM_CHOICES, NO, REVIEW_LABELS, YES, log_filter
from ui.session import caller

VERDICT_CHOICES = [
    ("toegestaan", Verdict.ALLOWED.value),
    ("niet toegestaan", Verdict.NOT_ALLOWED.value),
    ("onder voorwaarden", Verdict.CONDITIONAL.value),
    ("niet geregeld", Verdict.NOT_COVERED.value),
]
FEEDBACK_CHOICES = [
    (ALL, ALL),
    ("niet nuttig", "down"),
    ("nuttig", "up"),
    ("met feedback", "any"),
    ("zonder feedback", "none"),
]


@dataclass(frozen=True)
class Filters:
    """The search form; ``fields`` in the order ``ReviewActions.on_search`` takes them."""

    fields: list[Component]
    since: gr.Textbox
    until: gr.Textbox


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
    """The tab's event handlers; the portal refuses anyone but leadership."""

    portal: Portal
    clauses: dict[str, Clause]

    def on_search(
        self,
        since: str,
        until: str,
        verdict: str,
        escalation: str,
        feedback: str,
        fallback: str,
        reviewed: str,
        clause: str,
        request: gr.Request,
    ) -> tuple[Any, str]:
        try:
            filters = log_filter(
                since, until, verdict, escalation, feedback, fallback, reviewed, clause
            )
            entries = self.portal.search(caller(self.portal, request), filters)
        except (AdvisorError, InvalidFilterError) as exc:
            return gr.skip(), render.warning(exc)
        return frames.log_frame(entries, self.portal.zone), render.found(len(entries))

    def on_select(self, frame: pd.DataFrame, event: gr.SelectData) -> str:
        row = event.index[0] if isinstance(event.index, list | tuple) else event.index
        return str(frame.iloc[int(row)]["log id"])

    def on_show(self, log_id: str, request: gr.Request) -> str:
        try:
            who = caller(self.portal, request)
            entry = self.portal.entry(who, log_id)
            reports = self.portal.reports(who, entry.id)
        except AdvisorError as exc:
            return render.warning_html(exc)
        return render.entry_detail(entry, self.clauses, reports)

    def on_review(
        self,
        log_id: str,
        outcome: str | None,
        verdict: str,
        answer: str,
        clauses: str,
        title: str,
        note: str,
        request: gr.Request,
    ) -> tuple[Any, ...]:
        """Save a review; on success the form is cleared and the detail shows it."""
        unchanged = (gr.skip(),) * 7
        if not outcome:
            return ("⚠ Kies een beoordeling.", *unchanged)
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
            detail = render.entry_detail(self.portal.entry(who, log_id), self.clauses)
        except AdvisorError as exc:
            return (render.warning(exc), *unchanged)
        cleared = (None, "", "", "", "", "")
        return (f"Beoordeling #{review_id} opgeslagen.", detail, *cleared)

    def on_promote(self, log_id: str, request: gr.Request) -> tuple[str, str]:
        """Make a draft precedent and show it in full, to read before approving."""
        try:
            logged = self.portal.promote(caller(self.portal, request), log_id)
        except AdvisorError as exc:
            return render.warning(exc), gr.skip()
        return render.draft_precedent(logged.precedent), logged.precedent.id

    def on_approve(self, precedent_id: str, request: gr.Request) -> str:
        try:
            message = self.portal.approve(caller(self.portal, request), precedent_id.strip())
        except AdvisorError as exc:
            return render.warning(exc)
        return render.markdown_text(message)


def _filters() -> Filters:
    with gr.Row():
        since = gr.Textbox(label="Vanaf (YYYY-MM-DD)", elem_id="f-since")
        until = gr.Textbox(label="Tot en met (YYYY-MM-DD)", elem_id="f-until")
        verdict = gr.Dropdown([(ALL, ALL), *VERDICT_CHOICES], value=ALL, label="Oordeel")
        escalation = gr.Dropdown(
            [(ALL, ALL), *[(label, value) for value, label in ESCALATION_LABELS.items()]],
            value=ALL,
            label="Escalatie",
        )
    with gr.Row():
        feedback = gr.Dropdown(FEEDBACK_CHOICES, value=ALL, label="Feedback", elem_id="f-feedback")
        fallback = gr.Dropdown(LLM_CHOICES, value=ALL, label="LLM teruggevallen / uitkomst")
        reviewed = gr.Dropdown([ALL, YES, NO], value=ALL, label="Beoordeeld")
        clause = gr.Textbox(label="Artikel (bv. 2.1)", elem_id="f-clause")
    fields: list[Component] = [
        since, until, verdict, escalation, feedback, fallback, reviewed, clause
    ]  # fmt: skip
    return Filters(fields, since, until)


def _log_view() -> LogView:
    search = gr.Button("Zoeken / Search", variant="primary", elem_id="search")
    status = gr.Markdown(elem_id="search-status")
    table = gr.Dataframe(
        value=frames.log_frame([]),
        interactive=False,
        wrap=True,
        elem_id="log-table",
        column_widths=list(frames.LOG_COLUMN_WIDTHS),
    )
    with gr.Row():
        selected = gr.Textbox(label="Log id", elem_id="selected-id", scale=3)
        show = gr.Button("Toon / Show", elem_id="show", scale=1)
    detail = gr.HTML(elem_id="detail")
    return LogView(search, status, table, selected, show, detail)


def _review_form() -> ReviewForm:
    with gr.Group():
        outcome = gr.Radio(
            [(REVIEW_LABELS[o.value], o.value) for o in ReviewOutcome],
            label="Beoordeling",
            elem_id="outcome",
        )
        corrected_verdict = gr.Dropdown(
            [("(ongewijzigd)", ""), *VERDICT_CHOICES], value="", label="Gecorrigeerd oordeel"
        )
        corrected_answer = gr.Textbox(
            label="Gecorrigeerd antwoord", lines=3, elem_id="corrected-answer"
        )
        corrected_clauses = gr.Textbox(
            label="Juiste artikelen, beslissend artikel eerst (bv. 2.5, 1.1)",
            elem_id="corrected-clauses",
        )
        corrected_title = gr.Textbox(label="Titel voor het precedent", elem_id="corrected-title")
        note = gr.Textbox(label="Notitie", lines=2, elem_id="note")
        save = gr.Button("Beoordeling opslaan", elem_id="save-review")
    with gr.Row():
        promote = gr.Button("Maak precedent (concept)", elem_id="promote")
        precedent_id = gr.Textbox(label="Precedent id", elem_id="precedent-id")
        approve = gr.Button("Goedkeuren", elem_id="approve")
    status = gr.Markdown(elem_id="review-status")
    # A plain link: the CSV streams from /export.csv straight to the browser, no copy kept.
    export = gr.HTML(render.export_link(), elem_id="export-link")
    return ReviewForm(outcome, corrected_verdict, corrected_answer, corrected_clauses,
                      corrected_title, note, save, promote, precedent_id, approve, status,
                      export)  # fmt: skip


def _wire_log(actions: ReviewActions, tab: gr.Tab, filters: Filters, view: LogView) -> None:
    found = [view.table, view.status]
    view.search.click(actions.on_search, filters.fields, found)
    tab.select(actions.on_search, filters.fields, found)
    view.table.select(actions.on_select, [view.table], [view.selected])
    view.show.click(actions.on_show, [view.selected], [view.detail])
    view.selected.submit(actions.on_show, [view.selected], [view.detail])


def _wire_review(actions: ReviewActions, filters: Filters, view: LogView, form: ReviewForm) -> None:
    fields = [form.outcome, form.corrected_verdict, form.corrected_answer,
              form.corrected_clauses, form.corrected_title, form.note]  # fmt: skip
    form.save.click(
        actions.on_review, [view.selected, *fields], [form.status, view.detail, *fields]
    )
    form.promote.click(actions.on_promote, [view.selected], [form.status, form.precedent_id])
    form.approve.click(actions.on_approve, [form.precedent_id], [form.status])
    for field in filters.fields:
        if isinstance(field, gr.Textbox | gr.Dropdown):
            field.change(render.export_link, filters.fields, [form.export])


def build_review(portal: Portal, clauses: dict[str, Clause]) -> gr.Tab:
    """The "Review" tab, wired and hidden; the page shows it to leadership on load."""
    tab = gr.Tab("Beoordelen / Review", id="review", visible=False)
    with tab:
        filters = _filters()
        view = _log_view()
        form = _review_form()
    actions = ReviewActions(portal, clauses)
    _wire_log(actions, tab, filters, view)
    _wire_review(actions, filters, view, form)
    return tab
