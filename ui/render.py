"""Turning library objects into the page's HTML and Markdown, escaping everything
that came from a person or a model. Nothing typed by a user or written by an LLM
is ever inserted as markup: it goes through ``html.escape`` (HTML components) or
``markdown_text`` (Markdown components, the chat) first.

Pure functions only: no gradio here, so all of it is unit-tested without a page.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from datetime import datetime
from html import escape
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from advisor.app.portal import (
    Approval,
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
from ui.filters import export_query
from ui.texts import label, t

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

LOCAL = ZoneInfo("Europe/Amsterdam")  # the default of ADVISOR_TIMEZONE


def moment(value: datetime, zone: ZoneInfo = LOCAL) -> str:
    """A stored (UTC) time as the school reads it: local, to the minute."""
    return f"{value.astimezone(zone):%Y-%m-%d %H:%M}"


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
    """A problem (say it with ``texts.problem``) for a Markdown component, as plain text."""
    return f"⚠ {markdown_text(str(message))}"


def warning_html(message: object) -> str:
    """A problem (say it with ``texts.problem``) for an HTML component, as plain text."""
    return f"<p>⚠ {text(str(message))}</p>"


def who_line(username: str, leadership: bool, lang: Language = Language.NL) -> str:
    """The "logged in as" line (Markdown)."""
    role = t(lang, "role_leadership" if leadership else "role_staff")
    return t(lang, "who", name=markdown_text(username), role=role)


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
        first = cut(clause.quote, 90)
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


def _guard(entry: LogEntry, lang: Language) -> str:
    if entry.llm_outcome is None:  # no LLM, or logged before outcomes were kept
        if entry.guard_passed is None:
            return t(lang, "g_no_llm")
        if entry.guard_passed:
            return t(lang, "g_passed")
        return t(lang, "g_fell_back", reason=entry.fallback_reason)
    outcome = label(lang, "llm", entry.llm_outcome)
    line = t(lang, "g_line", outcome=outcome, role=entry.llm_role or "–", model=entry.model or "–")
    return f"{line}: {entry.fallback_reason}" if entry.fallback_reason else line


def cut(value: str, limit: int) -> str:
    """Text cut to at most ``limit`` characters at a word boundary, an ellipsis
    marking the cut (a single over-long word is cut where it must be)."""
    if len(value) <= limit:
        return value
    head = value[: limit - 1]
    space = head.rfind(" ")
    return (head[:space] if space > limit // 2 else head).rstrip(" ,;:") + "…"


def _retrieved_item(clause_id: str, clauses: dict[str, Clause]) -> str:
    quote = escape(cut(clauses[clause_id].quote, 160)) if clause_id in clauses else ""
    return f"<li><strong>{escape(clause_id)}</strong> {quote}</li>"


def _feedback_item(feedback: FeedbackRecord) -> str:
    thumb = "👍" if feedback.rating > 0 else "👎"
    who, comment = escape(feedback.user_name or "–"), escape(feedback.comment or "")
    return f"<li>{thumb} {who}: {comment}</li>"


def _review_item(review: ReviewRecord, lang: Language, zone: ZoneInfo) -> str:
    corrected = (
        f" → {escape(verdict_label(review.corrected_verdict, lang))}"
        if review.corrected_verdict
        else ""
    )
    correction = (
        f"<br><em>{t(lang, 'd_correction')}:</em> {text(review.corrected_answer)}"
        if review.corrected_answer
        else ""
    )
    if review.corrected_clauses:
        clauses = escape(", ".join(review.corrected_clauses))
        correction += f"<br><em>{t(lang, 'd_clauses')}:</em> {clauses}"
    if review.corrected_title:
        correction += f"<br><em>{t(lang, 'd_title')}:</em> {escape(review.corrected_title)}"
    outcome = escape(label(lang, "outcome", review.outcome.value))
    return (
        f"<li>#{review.id} {moment(review.created_at, zone)} <strong>{outcome}</strong> "
        f"{t(lang, 'd_by')} {escape(review.reviewer)}{corrected}: {escape(review.note or '')}"
        f"{correction}</li>"
    )


def _entry_rows(entry: LogEntry, lang: Language, zone: ZoneInfo) -> list[tuple[str, str]]:
    """The detail table's rows: a label and its (already escaped) HTML."""
    role = label(lang, "role", entry.user_role)
    user = f"{escape(entry.user_name or '–')} ({escape(role)})"
    if entry.demo:
        user += f" · <strong>{escape(t(lang, 'd_demo'))}</strong>"
    return [
        (t(lang, "log_id"), escape(entry.id)),
        (t(lang, "d_time"), moment(entry.created_at, zone)),
        (t(lang, "d_user"), user),
        (t(lang, "d_question"), text(entry.question)),
        (t(lang, "verdict"), escape(verdict_label(entry.verdict, lang))),
        (t(lang, "escalation"), escape(label(lang, "escalation", entry.escalation.value))),
        (t(lang, "d_cited"), escape(" ".join(entry.citations) or "–")),
        (t(lang, "d_precedents"), escape(" ".join(entry.precedent_ids) or "–")),
        ("Engine", f"{escape(entry.engine)} · corpus {escape(entry.corpus_version)}"),
        ("Guard", escape(_guard(entry, lang))),
    ]


def _percent(p: float) -> str:
    return f"{round(p * 100)}%"


def _scores(scores: dict[str, float]) -> str:
    """Named scores, the highest first: "private_channel 91%, consent_given 30%"."""
    return ", ".join(
        f"{escape(name)} {_percent(p)}" for name, p in sorted(scores.items(), key=lambda kv: -kv[1])
    )


def reading_detail(reading: ReadingRecord | None, lang: Language = Language.NL) -> str:
    """How the question was read: what it asks, whose conduct, the conditions
    it states, the acts the bans name, the bank model's verdict probabilities and
    the nearest bank cases."""
    if reading is None:
        return f"<p>{escape(t(lang, 'r_not_kept'))}</p>"
    verdicts = ", ".join(
        f"{escape(verdict_label(name, lang))} {_percent(p)}"
        for name, p in sorted(reading.verdict_probabilities.items(), key=lambda kv: -kv[1])
    )
    urgent = reading.urgent_probability
    rows = [
        (t(lang, "r_asked"), escape(label(lang, "asked", reading.asked))),
        (t(lang, "r_conduct"), escape(label(lang, "conduct", reading.conduct_of))),
        (t(lang, "r_asker"), escape(label(lang, "asker", reading.asker))),
        (t(lang, "r_basis"), escape(label(lang, "basis", reading.basis))),
        (t(lang, "r_conditions"), _scores(reading.conditions) or "–"),
        (t(lang, "r_acts"), _scores(reading.acts) or "–"),
        (t(lang, "r_verdicts"), verdicts or escape(t(lang, "r_no_model"))),
        (t(lang, "r_urgent"), _percent(urgent) if urgent is not None else "–"),
        (t(lang, "r_steps"), escape(" ".join(reading.steps) or "–")),
    ]
    table = "".join(f"<tr><th>{k}</th><td>{v}</td></tr>" for k, v in rows)
    neighbours = "".join(
        f"<li><strong>{escape(n.id)}</strong> "
        f"({escape(t(lang, 'r_similar', percent=_percent(n.similarity)))}; "
        f"{escape(verdict_label(n.verdict, lang))} {escape(' '.join(n.decisive))}): "
        f"{escape(n.question)}</li>"
        for n in reading.neighbours
    )
    return (
        f'<table class="reading">{table}</table>'
        f"<p>{escape(t(lang, 'r_neighbours'))}</p><ol>{neighbours or '<li>–</li>'}</ol>"
    )


def entry_detail(
    entry: LogEntry,
    clauses: dict[str, Clause],
    reports: Sequence[ReportRecord] = (),
    lang: Language = Language.NL,
    zone: ZoneInfo = LOCAL,
) -> str:
    """One logged answer in full, for leadership's review (times in the school's zone)."""
    rows = _entry_rows(entry, lang, zone)
    table = "".join(f"<tr><th>{escape(k)}</th><td>{v}</td></tr>" for k, v in rows)
    retrieved = "".join(_retrieved_item(cid, clauses) for cid in entry.retrieved)
    feedback = "".join(_feedback_item(f) for f in entry.feedback)
    reviews = "".join(_review_item(r, lang, zone) for r in entry.reviews)
    passed_on = "".join(
        "<li>"
        + escape(
            t(
                lang,
                "d_passed_on_item",
                time=moment(r.created_at, zone),
                who=r.reported_by,
                to=r.sent_to,
            )
        )
        + "</li>"
        for r in reports
    )
    sections = [
        ("d_answer", f"<p>{text(entry.answer)}</p>"),
        ("d_reading", reading_detail(entry.reading, lang)),
        ("d_retrieved", f"<ol>{retrieved}</ol>"),
        ("feedback", f"<ul>{feedback or '<li>–</li>'}</ul>"),
        ("d_passed_on", f"<ul>{passed_on or '<li>–</li>'}</ul>"),
        ("d_reviews", f"<ul>{reviews or '<li>–</li>'}</ul>"),
    ]
    body = "".join(f"<h4>{escape(t(lang, key))}</h4>{html}" for key, html in sections)
    return f'<div class="entry-detail"><table>{table}</table>{body}</div>'


def dashboard_summary(figures: Dashboard, lang: Language = Language.NL) -> str:
    """The dashboard's headline figures (Markdown; numbers only)."""
    return t(
        lang,
        "summary",
        answers=figures.answers,
        days=figures.days,
        urgent=figures.urgent,
        rate=f"{figures.thumbs_down_rate:.0%}",
        down=figures.thumbs_down,
        rated=figures.thumbs_up + figures.thumbs_down,
    )


def draft_precedent(precedent: Precedent, lang: Language = Language.NL) -> str:
    """A promoted draft in full (Markdown, every value as text): read before approving."""
    clauses = ", ".join(precedent.clause_ids) or "–"
    lines = [
        t(lang, "draft", id=markdown_text(precedent.id)),
        f"**{t(lang, 'draft_title')}:** {markdown_text(precedent.title.nl)}",
        f"**{t(lang, 'verdict')}:** {markdown_text(verdict_label(precedent.verdict, lang))}",
        f"**{t(lang, 'draft_clauses')}:** {markdown_text(clauses)}",
        f"**{t(lang, 'draft_answer')}:** {markdown_text(precedent.rationale)}",
    ]
    return "  \n".join(lines)


def approval(done: Approval, lang: Language = Language.NL) -> str:
    """What approving did, as a Markdown line."""
    return markdown_text(t(lang, f"approval_{done.kind}", id=done.precedent_id, by=done.by))


def export_link(*values: str | None, lang: Language = Language.NL) -> str:
    """The export as a link with the search form's filter (values in FILTER_FIELDS
    order): the browser downloads exactly what the table shows, as CSV."""
    query = urlencode(export_query(*values))
    href = "/export.csv" + (f"?{query}" if query else "")
    return (
        f'<a class="export-link" id="export" href="{escape(href)}" download>'
        f"{escape(t(lang, 'export'))}</a>"
    )
