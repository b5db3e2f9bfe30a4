"""The review tab's filter fields (text boxes and dropdowns) as a ``LogFilter``.

Pure functions only (no gradio); bad dates raise ``InvalidFilterError``.
"""

from __future__ import annotations

from collections.abc import Mapping

from advisor.app.portal import LogFilter, parse_moment
from advisor.domain.models import Escalation, Verdict
from ui.texts import ALL, LLM_OUTCOMES, YES

EXPORT_LIMIT = 100_000


def choice(value: str | None) -> str | None:
    """A dropdown's value, or None for "all"."""
    return None if not value or value == ALL else value


def yes_no(value: str | None) -> bool | None:
    """A yes/no dropdown's value, or None for "all"."""
    return None if not value or value == ALL else value == YES


def log_filter(
    since: str | None,
    until: str | None,
    verdict: str | None = None,
    escalation: str | None = None,
    feedback: str | None = None,
    fallback: str | None = None,
    reviewed: str | None = None,
    clause: str | None = "",
) -> LogFilter:
    """The search form's fields as a filter (dates from the date pickers, or typed);
    a bare date as ``until`` means through that day. The LLM dropdown holds either
    yes/no (fell back or not) or one of the LLM's outcomes."""
    verdict_choice, escalation_choice = choice(verdict), choice(escalation)
    return LogFilter(
        since=parse_moment((since or "").strip() or None, "vanaf"),
        until=parse_moment((until or "").strip() or None, "tot", end_of_day=True),
        verdict=Verdict(verdict_choice) if verdict_choice else None,
        escalation=Escalation(escalation_choice) if escalation_choice else None,
        feedback=choice(feedback),
        fallback=yes_no(fallback) if fallback not in LLM_OUTCOMES else None,
        llm_outcome=fallback if fallback in LLM_OUTCOMES else None,
        reviewed=yes_no(reviewed),
        clause=(clause or "").strip() or None,
    )


# The search form's fields by name, in the order log_filter takes them: the
# export link carries them as its query, so the file holds what the table shows.
FILTER_FIELDS = ("since", "until", "verdict", "escalation", "feedback", "fallback",
                 "reviewed", "clause")  # fmt: skip


def export_filter(query: Mapping[str, str]) -> LogFilter:
    """The export's filter: the search form's fields, and (nearly) no row limit."""
    values = [query.get(name, "") for name in FILTER_FIELDS]
    return log_filter(*values).model_copy(update={"limit": EXPORT_LIMIT})


def export_query(*values: str | None) -> dict[str, str]:
    """The search form's values (in FILTER_FIELDS order) as the export link's query."""
    padded = [*values, *[None] * (len(FILTER_FIELDS) - len(values))]  # fewer: the rest empty
    return {
        name: value.strip()
        for name, value in zip(FILTER_FIELDS, padded, strict=True)
        if value and value.strip() and value != ALL
    }
