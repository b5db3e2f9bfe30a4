"""Printing an answer in the terminal. User and corpus text is printed as text, never markup."""

from __future__ import annotations

from rich.console import Console
from rich.panel import Panel
from rich.text import Text

from advisor.domain.models import Answer, Escalation, Verdict
from advisor.pipeline.compose import VERDICT_LABEL

_STYLE = {
    Verdict.ALLOWED: "bold green",
    Verdict.NOT_ALLOWED: "bold red",
    Verdict.CONDITIONAL: "bold yellow",
    Verdict.NOT_COVERED: "bold blue",
}


def print_answer(console: Console, answer: Answer) -> None:
    label = VERDICT_LABEL[answer.language][answer.verdict]
    console.print(Text(f"■ {label}", style=_STYLE[answer.verdict]))
    if answer.notice:
        console.print(Text(answer.notice, style="italic"))
    console.print(Text(answer.answer))
    for citation in answer.citations:
        console.print(Text(f"  [{citation.clause_id}] “{citation.quote}”", style="dim"))
    urgent = answer.escalation is Escalation.URGENT
    console.print(
        Panel(
            Text(answer.referral),
            title="URGENT" if urgent else "leidinggevende",
            border_style="red" if urgent else "cyan",
        ),
        soft_wrap=False,  # a panel must wrap its text, whatever the console's default
    )
