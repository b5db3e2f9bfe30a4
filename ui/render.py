"""Turning library objects into the page's HTML, escaping everything that came
from a person or a model. Nothing typed by a user or written by an LLM is ever
inserted as markup: it goes through ``html.escape`` first."""

from __future__ import annotations

import re
from html import escape

from advisor.compose import VERDICT_LABEL
from advisor.models import Answer, Clause, Escalation, Language, Verdict
from advisor.store.records import LogEntry

LABELS = {
    Language.NL: {
        "cited": "Artikelen uit het protocol",
        "english": "Engelse weergave (onofficieel)",
        "precedent": "Vergelijkbaar geval",
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


def verdict_badge(answer: Answer) -> str:
    label = VERDICT_LABEL[answer.language][answer.verdict]
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
    if not answer.precedents:
        return ""
    labels = LABELS[answer.language]
    ref = answer.precedents[0]
    return (
        f'<div class="precedent"><strong>{escape(labels["precedent"])} ({escape(ref.id)}):'
        f"</strong> {escape(ref.title)}<br><small>{escape(labels['illustrative'])}</small></div>"
    )


def chat_reply(answer: Answer) -> str:
    """The answer text for the chat bubble (escaped; clause markers stay readable)."""
    return markdown_text(answer.answer)


def entry_detail(entry: LogEntry, clauses: dict[str, Clause]) -> str:
    guard = (
        "geen LLM (grounded)"
        if entry.guard_passed is None
        else ("geslaagd" if entry.guard_passed else f"teruggevallen: {entry.fallback_reason}")
    )
    retrieved = "".join(
        f"<li><strong>{escape(cid)}</strong> "
        f"{escape(clauses[cid].quote[:160]) if cid in clauses else ''}</li>"
        for cid in entry.retrieved
    )
    feedback = "".join(
        f"<li>{'👍' if f.rating > 0 else '👎'} {escape(f.user_name or '–')}: "
        f"{escape(f.comment or '')}</li>"
        for f in entry.feedback
    )
    reviews = "".join(
        f"<li>#{r.id} <strong>{escape(r.outcome.value)}</strong> door {escape(r.reviewer)}"
        f"{' → ' + escape(r.corrected_verdict.value) if r.corrected_verdict else ''}: "
        f"{escape(r.note or '')}"
        f"{'<br><em>correctie:</em> ' + text(r.corrected_answer) if r.corrected_answer else ''}"
        "</li>"
        for r in entry.reviews
    )
    rows = [
        ("Log id", escape(entry.id)),
        ("Tijd (UTC)", f"{entry.created_at:%Y-%m-%d %H:%M}"),
        ("Gebruiker", f"{escape(entry.user_name or '–')} ({escape(entry.user_role or '–')})"),
        ("Vraag (gepseudonimiseerd)", text(entry.question)),
        ("Oordeel", escape(entry.verdict.value)),
        ("Escalatie", escape(entry.escalation.value)),
        ("Geciteerd", escape(" ".join(entry.citations) or "–")),
        ("Precedenten", escape(" ".join(entry.precedent_ids) or "–")),
        ("Engine", f"{escape(entry.engine)} · corpus {escape(entry.corpus_version)}"),
        ("Guard", escape(guard)),
    ]
    table = "".join(f"<tr><th>{k}</th><td>{v}</td></tr>" for k, v in rows)
    return (
        f'<div class="entry-detail"><table>{table}</table>'
        f"<h4>Antwoord</h4><p>{text(entry.answer)}</p>"
        f"<h4>Opgehaalde artikelen</h4><ol>{retrieved}</ol>"
        f"<h4>Feedback</h4><ul>{feedback or '<li>–</li>'}</ul>"
        f"<h4>Beoordelingen</h4><ul>{reviews or '<li>–</li>'}</ul></div>"
    )


CSS = """
.verdict-badge{display:inline-block;padding:.35rem .8rem;border-radius:999px;font-weight:700;
  font-size:1.05rem;color:#fff}
.verdict-allowed{background:#1d6b35}.verdict-not-allowed{background:#a32020}
.verdict-conditional{background:#9a5b00}.verdict-not-covered{background:#4a5568}
.urgent-banner{background:#a32020;color:#fff;padding:.8rem 1rem;border-radius:8px;font-weight:700;
  font-size:1.1rem}
.referral-box{border:3px solid #1f4e8c;background:#eef4fb;border-radius:8px;padding:.6rem 1rem;
  color:#10233f}
.referral-box h3{margin:.2rem 0 .4rem 0;color:#1f4e8c}
.citation summary{cursor:pointer;font-weight:600}.citation blockquote{margin:.4rem 0 .4rem 1rem;
  border-left:3px solid #999;padding-left:.6rem}
.demo-banner{background:#fff3cd;border:2px solid #b8860b;padding:.6rem 1rem;border-radius:8px;
  color:#5c4400;font-weight:600}
.entry-detail th{text-align:left;padding-right:1rem;vertical-align:top}
"""
