"""Turning library objects into the page's HTML and Markdown, escaping everything
that came from a person or a model. Nothing typed by a user or written by an LLM
is ever inserted as markup: it goes through ``html.escape`` (HTML components) or
``markdown_text`` (Markdown components, the chat) first.

Pure functions only: no gradio here, so all of it is unit-tested without a page.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from html import escape
from urllib.parse import urlencode

from advisor.app.portal import (
    Dashboard,
    FeedbackRecord,
    LogEntry,
    ReadingRecord,
    ReportRecord,
    ReviewRecord,
    long_date,
    verdict_label,
)
from advisor.domain.models import Answer, Clause, Escalation, Language, Precedent, Verdict
from ui.filters import LLM_OUTCOME_LABELS, REVIEW_LABELS, export_query

LABELS = {
    Language.NL: {
        "cited": "Artikelen uit het protocol",
        "english": "Engelse weergave (onofficieel)",
        "precedent": "Vergelijkbaar geval",
        "school": "Besluit van de schoolleiding, {date}",
        "illustrative": "Voorbeeldcasussen zijn illustratief: geschreven bij het protocol, geen "
        "besluiten over echte situaties.",
        "urgent": "Urgent: neem vandaag nog contact op met je leidinggevende.",
        "referral": "Verwijzing",
        "notice": "Let op",
    },
    Language.EN: {
        "cited": "Clauses of the protocol",
        "english": "English rendering (unofficial)",
        "precedent": "Similar case",
        "school": "Decision of the school's leadership, {date}",
        "illustrative": "Example cases are illustrative: written with the protocol, not decisions "
        "about real situations.",
        "urgent": "Urgent: contact your supervisor (leidinggevende) today.",
        "referral": "Referral",
        "notice": "Note",
    },
}

VERDICT_CLASS = {
    Verdict.ALLOWED: "verdict-allowed",
    Verdict.NOT_ALLOWED: "verdict-not-allowed",
    Verdict.CONDITIONAL: "verdict-conditional",
    Verdict.NOT_COVERED: "verdict-not-covered",
}


def text(value: str) -> str:
    """Plain text for an HTML component: markup shows as characters."""
    return escape(value).replace("\n", "<br>")


_MARKDOWN_SYNTAX = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~&\"'=:])")


def markdown_text(value: str) -> str:
    """Plain text for a Markdown component (the chat): every Markdown and HTML
    character is backslash-escaped, so links, images and tags show as typed."""
    return _MARKDOWN_SYNTAX.sub(r"\\\1", value).replace("\n", "  \n")


def warning(message: object) -> str:
    """A problem (usually an exception) for a Markdown component, as plain text."""
    return f"⚠ {markdown_text(str(message))}"


def warning_html(message: object) -> str:
    """A problem (usually an exception) for an HTML component, as plain text."""
    return f"<p>⚠ {text(str(message))}</p>"


def who_line(username: str, leadership: bool) -> str:
    """The "logged in as" line (Markdown)."""
    label = "leidinggevende" if leadership else "medewerker"
    return f"Ingelogd als **{markdown_text(username)}** ({label})"


def answer_chunks(answer_text: str) -> Iterator[str]:
    """The answer in growing pieces, paragraph by paragraph, for a streamed display."""
    parts = answer_text.split("\n\n")
    for end in range(1, len(parts) + 1):
        yield "\n\n".join(parts[:end])


def verdict_badge(answer: Answer) -> str:
    label = verdict_label(answer.verdict, answer.language)
    return (
        f'<div class="verdict-badge {VERDICT_CLASS[answer.verdict]}" data-verdict="'
        f'{answer.verdict.value}">{escape(label)}</div>'
    )


def urgent_banner(answer: Answer) -> str:
    if answer.escalation is not Escalation.URGENT:
        return ""
    message = escape(LABELS[answer.language]["urgent"])
    return f'<div class="urgent-banner" role="alert">⚠ {message}</div>'


def referral_box(answer: Answer) -> str:
    labels = LABELS[answer.language]
    notice = (
        f'<p class="notice"><strong>{escape(labels["notice"])}:</strong> {text(answer.notice)}</p>'
        if answer.notice
        else ""
    )
    return (
        f'<div class="referral-box"><h3>{escape(labels["referral"])}</h3>'
        f"<p>{text(answer.referral)}</p>{notice}</div>"
    )


def citations(answer: Answer, clauses: dict[str, Clause]) -> str:
    if not answer.citations:
        return ""
    labels = LABELS[answer.language]
    parts = [f'<div class="citations"><h3>{escape(labels["cited"])}</h3>']
    for citation in answer.citations:
        clause = clauses[citation.clause_id]
        first = clause.quote if len(clause.quote) <= 90 else clause.quote[:89] + "…"
        parts.append(
            f'<details class="citation" data-clause="{escape(citation.clause_id)}">'
            f"<summary>[{escape(citation.clause_id)}] {escape(first)}</summary>"
            f'<blockquote lang="nl">{escape(citation.quote)}</blockquote>'
            f'<p class="english"><em>{escape(labels["english"])}:</em> '
            f"{escape(clause.text_en)}</p></details>"
        )
    parts.append("</div>")
    return "".join(parts)


def precedent(answer: Answer) -> str:
    """The precedent beside an answer: a decision of the school's leadership (dated),
    or an illustrative case written with the protocol (said so, once)."""
    if not answer.precedents:
        return ""
    labels = LABELS[answer.language]
    ref = answer.precedents[0]
    if ref.decided_on is not None:
        decided = labels["school"].format(date=long_date(ref.decided_on, answer.language))
        return (
            f'<div class="precedent school-decision"><strong>{escape(decided)}</strong> '
            f"({escape(ref.id)}): {escape(ref.title)}</div>"
        )
    return (
        f'<div class="precedent"><strong>{escape(labels["precedent"])} ({escape(ref.id)}):'
        f"</strong> {escape(ref.title)}<br><small>{escape(labels['illustrative'])}</small></div>"
    )


def answer_panel(answer: Answer, clauses: dict[str, Clause]) -> tuple[str, str, str, str, str]:
    """The side panel beside the chat: urgent banner, verdict, referral, citations, precedent."""
    return (
        urgent_banner(answer),
        verdict_badge(answer),
        referral_box(answer),
        citations(answer, clauses),
        precedent(answer),
    )


def chat_reply(answer: Answer) -> str:
    """The answer text for the chat bubble (escaped; clause markers stay readable)."""
    return markdown_text(answer.answer)


def _guard(entry: LogEntry) -> str:
    if entry.llm_outcome is None:  # no LLM, or logged before outcomes were kept
        if entry.guard_passed is None:
            return "geen LLM (grounded)"
        return "geslaagd" if entry.guard_passed else f"teruggevallen: {entry.fallback_reason}"
    outcome = LLM_OUTCOME_LABELS.get(entry.llm_outcome, entry.llm_outcome)
    line = f"{outcome} (rol {entry.llm_role or '–'}, model {entry.model or '–'})"
    return f"{line}: {entry.fallback_reason}" if entry.fallback_reason else line


def _retrieved_item(clause_id: str, clauses: dict[str, Clause]) -> str:
    quote = escape(clauses[clause_id].quote[:160]) if clause_id in clauses else ""
    return f"<li><strong>{escape(clause_id)}</strong> {quote}</li>"


def _feedback_item(feedback: FeedbackRecord) -> str:
    thumb = "👍" if feedback.rating > 0 else "👎"
    who, comment = escape(feedback.user_name or "–"), escape(feedback.comment or "")
    return f"<li>{thumb} {who}: {comment}</li>"


def _review_item(review: ReviewRecord) -> str:
    corrected = (
        f" → {escape(verdict_label(review.corrected_verdict))}" if review.corrected_verdict else ""
    )
    correction = (
        f"<br><em>correctie:</em> {text(review.corrected_answer)}"
        if review.corrected_answer
        else ""
    )
    if review.corrected_clauses:
        correction += f"<br><em>artikelen:</em> {escape(', '.join(review.corrected_clauses))}"
    if review.corrected_title:
        correction += f"<br><em>titel:</em> {escape(review.corrected_title)}"
    return (
        f"<li>#{review.id} <strong>{escape(REVIEW_LABELS[review.outcome.value])}</strong> door "
        f"{escape(review.reviewer)}{corrected}: {escape(review.note or '')}{correction}</li>"
    )


def _entry_rows(entry: LogEntry) -> list[tuple[str, str]]:
    """The detail table's rows: a label and its (already escaped) HTML."""
    return [
        ("Log id", escape(entry.id)),
        ("Tijd (UTC)", f"{entry.created_at:%Y-%m-%d %H:%M}"),
        ("Gebruiker", f"{escape(entry.user_name or '–')} ({escape(entry.user_role or '–')})"),
        ("Vraag (gepseudonimiseerd)", text(entry.question)),
        ("Oordeel", escape(entry.verdict.value)),
        ("Escalatie", escape(entry.escalation.value)),
        ("Geciteerd", escape(" ".join(entry.citations) or "–")),
        ("Precedenten", escape(" ".join(entry.precedent_ids) or "–")),
        ("Engine", f"{escape(entry.engine)} · corpus {escape(entry.corpus_version)}"),
        ("Guard", escape(_guard(entry))),
    ]


ASKED = {
    "may_i": "mag ik…?",
    "what_to_do": "wat moet ik doen?",
    "consequences": "wat zijn de gevolgen?",
    "scope": "geldt het protocol?",
    "report": "moet ik het melden?",
}
CONDUCT_OF = {
    "asker": "de vrager zelf",
    "colleague": "een collega",
    "pupil": "een leerling",
    "parent": "een ouder",
    "outsider": "iemand van buiten de school",
    "none": "niemand in het bijzonder",
}
ASKER = {"staff": "medewerker", "leader": "leidinggevende", "parent": "ouder"}
BASIS = {
    "clause": "artikel",
    "precedent": "precedent",
    "not_covered": "niet geregeld",
    "learned": "model van de casusbank",
}


def _percent(p: float) -> str:
    return f"{round(p * 100)}%"


def reading_detail(reading: ReadingRecord | None) -> str:
    """How the question was read: what it asks, whose conduct, the conditions
    it states, the bank model's verdict probabilities and the nearest bank cases."""
    if reading is None:
        return "<p>– (gelogd voordat de lezing werd bewaard)</p>"
    conditions = ", ".join(
        f"{escape(name)} {_percent(p)}"
        for name, p in sorted(reading.conditions.items(), key=lambda kv: -kv[1])
    )
    verdicts = ", ".join(
        f"{escape(name)} {_percent(p)}"
        for name, p in sorted(reading.verdict_probabilities.items(), key=lambda kv: -kv[1])
    )
    rows = [
        ("Gevraagd", escape(ASKED.get(reading.asked, reading.asked))),
        ("Wiens gedrag", escape(CONDUCT_OF.get(reading.conduct_of, reading.conduct_of))),
        ("Vrager", escape(ASKER.get(reading.asker or "", reading.asker or "–"))),
        ("Besloten op", escape(BASIS.get(reading.basis, reading.basis))),
        ("Genoemde voorwaarden", conditions or "–"),
        ("Oordeel volgens het model", verdicts or "– (geen model)"),
        (
            "Urgent volgens het model",
            _percent(reading.urgent_probability) if reading.urgent_probability is not None else "–",
        ),
        ("Stappen geciteerd", escape(" ".join(reading.steps) or "–")),
    ]
    table = "".join(f"<tr><th>{k}</th><td>{v}</td></tr>" for k, v in rows)
    neighbours = "".join(
        f"<li><strong>{escape(n.id)}</strong> ({_percent(n.similarity)} gelijk; "
        f"{escape(n.verdict.value)} {escape(' '.join(n.decisive))}): {escape(n.question)}</li>"
        for n in reading.neighbours
    )
    return (
        f'<table class="reading">{table}</table>'
        f"<p>Dichtstbijzijnde casussen uit de casusbank:</p><ol>{neighbours or '<li>–</li>'}</ol>"
    )


def entry_detail(
    entry: LogEntry, clauses: dict[str, Clause], reports: Sequence[ReportRecord] = ()
) -> str:
    """One logged answer in full, for leadership's review."""
    table = "".join(f"<tr><th>{k}</th><td>{v}</td></tr>" for k, v in _entry_rows(entry))
    retrieved = "".join(_retrieved_item(cid, clauses) for cid in entry.retrieved)
    feedback = "".join(_feedback_item(f) for f in entry.feedback)
    reviews = "".join(_review_item(r) for r in entry.reviews)
    passed_on = "".join(
        f"<li>{r.created_at:%Y-%m-%d %H:%M} UTC door {escape(r.reported_by)} aan "
        f"{escape(r.sent_to)}</li>"
        for r in reports
    )
    return (
        f'<div class="entry-detail"><table>{table}</table>'
        f"<h4>Antwoord</h4><p>{text(entry.answer)}</p>"
        f"<h4>Lezing van de vraag</h4>{reading_detail(entry.reading)}"
        f"<h4>Opgehaalde artikelen</h4><ol>{retrieved}</ol>"
        f"<h4>Feedback</h4><ul>{feedback or '<li>–</li>'}</ul>"
        f"<h4>Doorgestuurd aan de schoolleiding</h4><ul>{passed_on or '<li>–</li>'}</ul>"
        f"<h4>Beoordelingen</h4><ul>{reviews or '<li>–</li>'}</ul></div>"
    )


def dashboard_summary(figures: Dashboard) -> str:
    """The dashboard's headline figures (Markdown; numbers only)."""
    rated = figures.thumbs_up + figures.thumbs_down
    return (
        f"**{figures.answers}** vragen in {figures.days} dagen · "
        f"**{figures.urgent}** urgent · duim omlaag: "
        f"**{figures.thumbs_down_rate:.0%}** ({figures.thumbs_down} van {rated})"
    )


def draft_precedent(precedent: Precedent) -> str:
    """A promoted draft in full (Markdown, every value as text): read before approving."""
    clauses = ", ".join(precedent.clause_ids) or "–"
    return (
        f"**Conceptprecedent {markdown_text(precedent.id)}**: lees het en keur het goed om "
        f"het te gebruiken.  \n**Titel:** {markdown_text(precedent.title.nl)}  \n"
        f"**Oordeel:** {markdown_text(verdict_label(precedent.verdict))}  \n"
        f"**Artikelen (beslissend eerst):** {markdown_text(clauses)}  \n"
        f"**Antwoord:** {markdown_text(precedent.rationale)}"
    )


def found(count: int) -> str:
    """ "1 antwoord gevonden." / "3 antwoorden gevonden." """
    return f"{count} {'antwoord' if count == 1 else 'antwoorden'} gevonden."


def export_link(*values: str | None) -> str:
    """The export as a link with the search form's filter (values in FILTER_FIELDS
    order): the browser downloads exactly what the table shows, as CSV."""
    query = urlencode(export_query(*values))
    href = "/export.csv" + (f"?{query}" if query else "")
    return (
        f'<a class="export-link" id="export" href="{escape(href)}" download>'
        "Exporteer CSV (met dit filter)</a>"
    )
