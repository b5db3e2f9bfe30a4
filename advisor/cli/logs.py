"""``advisor logs …`` and ``advisor precedents …``: the review workflow in the terminal."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from advisor.app.store import open_store
from advisor.domain.corpus import load_corpus
from advisor.domain.errors import AdvisorError
from advisor.domain.models import Escalation, LLMOutcome, PrecedentStatus, Verdict
from advisor.domain.settings import Settings
from advisor.store.records import (
    InvalidFilterError,
    LogEntry,
    LogFilter,
    ReviewOutcome,
    parse_moment,
)
from advisor.store.service import Store

logs_app = typer.Typer(help="The answer log: list, show, review, export, purge.")
precedents_app = typer.Typer(help="Precedents from reviewed answers: promote, approve, list.")

out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)


def _store() -> tuple[Store, Settings]:
    settings = Settings()
    return open_store(settings, load_corpus(settings.corpus_dir)), settings


Since = Annotated[str | None, typer.Option(help="From this date (YYYY-MM-DD or ISO time).")]
Until = Annotated[str | None, typer.Option(help="Up to and including this date.")]
VerdictOpt = Annotated[Verdict | None, typer.Option("--verdict", help="Only this verdict.")]
EscalationOpt = Annotated[Escalation | None, typer.Option(help="urgent or none.")]
FeedbackOpt = Annotated[str | None, typer.Option(help="up, down, any or none.")]
FallbackOpt = Annotated[
    bool | None, typer.Option("--fallback/--no-fallback", help="LLM draft replaced (or not).")
]
LLMOutcomeOpt = Annotated[
    LLMOutcome | None,
    typer.Option("--llm-outcome", help="passed, rejected, failed or disagreed (with the core)."),
]
ReviewedOpt = Annotated[bool | None, typer.Option("--reviewed/--unreviewed")]
ClauseOpt = Annotated[str | None, typer.Option(help="Cites this clause id.")]
UserOpt = Annotated[str | None, typer.Option("--user", help="Asked by this user.")]
LimitOpt = Annotated[int, typer.Option(min=1, max=100_000)]
DemoOpt = Annotated[
    bool, typer.Option("--include-demo", help="Also answers asked in the local demo mode.")
]


def _filters(
    since: str | None,
    until: str | None,
    verdict: Verdict | None,
    escalation: Escalation | None,
    feedback: str | None,
    fallback: bool | None,
    reviewed: bool | None,
    clause: str | None,
    user: str | None,
    limit: int,
    llm_outcome: LLMOutcome | None = None,
    include_demo: bool = False,
) -> LogFilter:
    if feedback is not None and feedback not in ("up", "down", "any", "none"):
        raise InvalidFilterError(f"--feedback {feedback!r}: use up, down, any or none")
    start, end = parse_moment(since, "--since"), parse_moment(until, "--until", end_of_day=True)
    if start and end and start >= end:
        raise InvalidFilterError("--since must come before --until")
    return LogFilter(
        since=start,
        until=end,
        verdict=verdict,
        escalation=escalation,
        feedback=feedback,
        fallback=fallback,
        llm_outcome=llm_outcome.value if llm_outcome else None,
        reviewed=reviewed,
        clause=clause,
        user_name=user,
        include_demo=include_demo,
        limit=limit,
    )


@logs_app.command("list")
def logs_list(
    since: Since = None,
    until: Until = None,
    verdict: VerdictOpt = None,
    escalation: EscalationOpt = None,
    feedback: FeedbackOpt = None,
    fallback: FallbackOpt = None,
    llm_outcome: LLMOutcomeOpt = None,
    reviewed: ReviewedOpt = None,
    clause: ClauseOpt = None,
    user: UserOpt = None,
    limit: LimitOpt = 50,
    include_demo: DemoOpt = False,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per line.")] = False,
) -> None:
    """Logged answers, newest first."""
    filters = _filters(
        since, until, verdict, escalation, feedback, fallback, reviewed, clause, user, limit,
        llm_outcome, include_demo,
    )  # fmt: skip
    store, _ = _store()
    entries = store.log.find(filters)
    if as_json:
        for entry in entries:
            sys.stdout.write(entry.model_dump_json() + "\n")
        return
    table = Table(title=f"{len(entries)} answers (ids shortened: `logs show` takes the prefix)")
    for column in (
        "id",
        "when (UTC)",
        "user",
        "verdict",
        "esc",
        "cited",
        "👍/👎",
        "rev",
        "question",
    ):
        table.add_column(column)
    for e in entries:
        ups = sum(f.rating > 0 for f in e.feedback)
        downs = sum(f.rating < 0 for f in e.feedback)
        table.add_row(
            e.id[:12],
            f"{e.created_at:%Y-%m-%d %H:%M}",
            f"{e.user_name or '–'}{' (demo)' if e.demo else ''}",
            e.verdict.value,
            "!" if e.escalation is Escalation.URGENT else "",
            " ".join(e.citations) or "–",
            f"{ups}/{downs}",
            e.reviews[-1].outcome.value if e.reviews else "",
            e.question if len(e.question) <= 60 else e.question[:59] + "…",
        )
    out.print(table)


def _print_entry(entry: LogEntry) -> None:
    out.print(f"[bold]{entry.id}[/bold]  {entry.created_at:%Y-%m-%d %H:%M:%S} UTC")
    rows = [
        (
            "user",
            f"{entry.user_name or '–'} ({entry.user_role or '–'})"
            + (", local demo mode" if entry.demo else ""),
        ),
        ("question", entry.question),
        ("verdict", entry.verdict.value),
        ("escalation", entry.escalation.value),
        ("cited", " ".join(entry.citations) or "–"),
        ("precedents", " ".join(entry.precedent_ids) or "–"),
        ("retrieved", " ".join(entry.retrieved)),
        ("engine", f"{entry.engine} (corpus {entry.corpus_version}, {entry.latency_ms:.1f} ms)"),
        (
            "guard",
            "no LLM"
            if entry.guard_passed is None
            else ("passed" if entry.guard_passed else f"fell back: {entry.fallback_reason}"),
        ),
        (
            "llm",
            f"{entry.llm_outcome} (role {entry.llm_role}, model {entry.model})"
            if entry.llm_outcome
            else "–",
        ),
        ("pseudonymised", ", ".join(f"{k} ×{v}" for k, v in entry.pii_found.items()) or "–"),
    ]
    for label, value in rows:
        out.print(f"{label:>14}: {value}", markup=False)
    out.print(f"\n{entry.answer}\n\n{entry.referral}", markup=False)
    for f in entry.feedback:
        thumb = "👍" if f.rating > 0 else "👎"
        out.print(f"feedback {thumb} {f.user_name or '–'}: {f.comment or ''}", markup=False)
    for r in entry.reviews:
        corrected = f" → {r.corrected_verdict.value}" if r.corrected_verdict else ""
        out.print(
            f"review #{r.id} {r.outcome.value}{corrected} by {r.reviewer}: {r.note or ''}",
            markup=False,
        )
        if r.corrected_answer:
            out.print(f"  corrected answer: {r.corrected_answer}", markup=False)
        if r.corrected_clauses:
            out.print(f"  corrected clauses: {', '.join(r.corrected_clauses)}", markup=False)


@logs_app.command("show")
def logs_show(
    log_id: Annotated[str, typer.Argument(help="The log id.")],
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """One answer: question, verdict, citations, retrieval, guard, feedback and reviews."""
    store, _ = _store()
    entry = store.log.get(log_id)
    if as_json:
        sys.stdout.write(entry.model_dump_json(indent=2) + "\n")
    else:
        _print_entry(entry)


@logs_app.command("review")
def logs_review(
    log_id: Annotated[str, typer.Argument(help="The log id.")],
    reviewer: Annotated[str, typer.Option(help="Who reviews.")],
    outcome: Annotated[ReviewOutcome, typer.Option(help="correct, incorrect or needs_change.")],
    corrected_answer: Annotated[
        str | None, typer.Option(help="The answer as it should be.")
    ] = None,
    corrected_verdict: Annotated[Verdict | None, typer.Option(help="The right verdict.")] = None,
    note: Annotated[str | None, typer.Option(help="A note for the log.")] = None,
    corrected_clauses: Annotated[
        str | None,
        typer.Option(help="The clauses it should cite, decisive first (e.g. 2.5,1.1)."),
    ] = None,
    title: Annotated[
        str | None, typer.Option(help="A title for the precedent made from it.")
    ] = None,
) -> None:
    """Record a review of a logged answer (and what it should have said)."""
    from advisor.app.portal import known_clauses

    store, settings = _store()
    clauses = known_clauses(load_corpus(settings.corpus_dir), [corrected_clauses or ""])
    review_id = store.log.add_review(
        log_id,
        reviewer,
        outcome,
        corrected_answer,
        corrected_verdict,
        note,
        corrected_clauses=clauses,
        corrected_title=title,
    )
    err.print(f"review #{review_id} recorded for {log_id}")


@logs_app.command("feedback")
def logs_feedback(
    log_id: Annotated[str, typer.Argument(help="The log id.")],
    up: Annotated[bool, typer.Option("--up/--down", help="Thumbs up or down.")],
    comment: Annotated[str | None, typer.Option(help="Optional comment.")] = None,
    user: Annotated[str | None, typer.Option(help="Who gives it.")] = None,
) -> None:
    """Thumbs up or down on a logged answer."""
    store, _ = _store()
    store.log.add_feedback(log_id, 1 if up else -1, comment, user)
    err.print(f"feedback recorded for {log_id}")


@logs_app.command("export")
def logs_export(
    fmt: Annotated[str, typer.Option("--format", help="csv or jsonl.")] = "csv",
    output: Annotated[Path | None, typer.Option("--out", help="File (default: stdout).")] = None,
    since: Since = None,
    until: Until = None,
    verdict: VerdictOpt = None,
    escalation: EscalationOpt = None,
    feedback: FeedbackOpt = None,
    fallback: FallbackOpt = None,
    llm_outcome: LLMOutcomeOpt = None,
    reviewed: ReviewedOpt = None,
    clause: ClauseOpt = None,
    user: UserOpt = None,
    limit: LimitOpt = 100_000,
    include_demo: DemoOpt = False,
    delimiter: Annotated[
        str, typer.Option(help="CSV column separator: ';' for Dutch Excel, ',' elsewhere.")
    ] = ";",
) -> None:
    """Export logged answers as CSV for Excel (UTF-8 with BOM) or JSON lines, with the
    same filters as `logs list` (pseudonymised, as stored)."""
    if fmt not in ("csv", "jsonl"):
        raise InvalidFilterError(f"--format {fmt!r}: use csv or jsonl")
    if len(delimiter) != 1:
        raise InvalidFilterError(f"--delimiter {delimiter!r}: one character, such as ';'")
    filters = _filters(
        since, until, verdict, escalation, feedback, fallback, reviewed, clause, user, limit,
        llm_outcome, include_demo,
    )  # fmt: skip
    store, _ = _store()
    if output is None:
        count = store.log.export(filters, fmt, sys.stdout, delimiter)
    else:
        try:
            with output.open("w", encoding="utf-8", newline="") as handle:
                count = store.log.export(filters, fmt, handle, delimiter)
        except OSError as exc:
            raise AdvisorError(f"cannot write {output}: {exc.strerror or exc}") from exc
    err.print(f"{count} answers exported")


@logs_app.command("remove-demo")
def logs_remove_demo() -> None:
    """Delete the answers asked in the local demo mode (`advisor serve --demo`), with
    their feedback, reviews and reports; real use is left alone."""
    store, _ = _store()
    removed = store.log.remove_demo()
    err.print(f"{removed} demo answers removed")


@logs_app.command("purge")
def logs_purge(
    older_than: Annotated[
        int | None,
        typer.Option(min=1, help="Days; default ADVISOR_LOG_RETENTION_DAYS (365)."),
    ] = None,
) -> None:
    """Delete answers older than the retention period, with their feedback and reviews."""
    store, settings = _store()
    days = older_than or settings.log_retention_days
    removed = store.log.purge(days)
    err.print(f"{removed} answers older than {days} days purged")


@precedents_app.command("promote")
def precedents_promote(
    log_id: Annotated[str, typer.Argument(help="The reviewed answer's log id.")],
    by: Annotated[str, typer.Option("--by", help="Who promotes it.")],
    title_nl: Annotated[str | None, typer.Option(help="Title in Dutch.")] = None,
    title_en: Annotated[str | None, typer.Option(help="Title in English.")] = None,
) -> None:
    """Make a draft precedent of a reviewed answer."""
    store, _ = _store()
    logged = store.precedents.promote(log_id, by, title_nl, title_en)
    err.print(f"draft precedent {logged.precedent.id} made from {log_id}")
    out.print(logged.precedent.id)


@precedents_app.command("approve")
def precedents_approve(
    precedent_id: Annotated[str, typer.Argument(help="The precedent id (L001, P012 …).")],
    by: Annotated[str, typer.Option("--by", help="Who approves it.")],
) -> None:
    """Approve a draft, or re-approve a precedent flagged after a protocol change."""
    settings = Settings()
    corpus = load_corpus(settings.corpus_dir)
    store = open_store(settings, corpus)
    err.print(str(store.precedents.approve(precedent_id, by, corpus)))


@precedents_app.command("list")
def precedents_list(
    status: Annotated[PrecedentStatus | None, typer.Option(help="Only this status.")] = None,
) -> None:
    """Precedents made from the log, and corpus precedents held back by a protocol change."""
    store, _ = _store()
    table = Table(title="Precedents from the answer log")
    for column in ("id", "status", "verdict", "clauses", "from log", "by", "title"):
        table.add_column(column)
    for logged in store.precedents.find(status):
        p = logged.precedent
        table.add_row(
            p.id,
            p.status.value,
            p.verdict.value,
            " ".join(p.clause_ids),
            logged.answer_id,
            logged.approved_by or logged.created_by,
            p.title.nl,
        )
    out.print(table)
    for precedent_id, reason in store.precedents.flags().items():
        out.print(f"{precedent_id}: needs_review ({reason})", markup=False)
