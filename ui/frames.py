"""Tables for the page: log entries and dashboard figures as pandas frames.

Pure functions only (no gradio): the columns here are what the page shows.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pandas as pd

from advisor.app.portal import Dashboard, LogEntry, verdict_label
from advisor.domain.models import Escalation, Language
from ui.render import LOCAL, cut, moment
from ui.texts import label, t

# The tables' columns, as keys of ui.texts; the log id comes first in the log table
# (a selected row is looked up by it) and last in one's own history.
HISTORY_KEYS = ["col_time", "col_verdict", "col_clauses", "col_question", "col_log_id"]
LOG_KEYS = ["col_log_id", "col_time", "col_user", "col_verdict", "col_urgent", "col_clauses",
            "+", "−", "col_review", "col_question"]  # fmt: skip
LOG_COLUMN_WIDTHS = ["10%", "12%", "8%", "10%", "7%", "9%", "3%", "3%", "10%", "28%"]
# The dashboard's plots bind to these names; their titles follow the page's language.
PER_DAY_COLUMNS = ["day", "questions"]
VERDICT_MIX_COLUMNS = ["verdict", "count"]
TOP_CLAUSE_COLUMNS = ["clause", "cited"]
ID_CHARS = 12  # the log id as the tables show it (unique at any size the log reaches)


def columns(keys: list[str], lang: Language) -> list[str]:
    """Column headers in the page's language (keys that are no text key stay as they are)."""
    return [t(lang, key) if key.startswith("col_") else key for key in keys]


def history_frame(
    entries: list[LogEntry], zone: ZoneInfo = LOCAL, lang: Language = Language.NL
) -> pd.DataFrame:
    """A staff member's own questions, as listed under the chat."""
    return pd.DataFrame(
        [
            [
                moment(e.created_at, zone),
                verdict_label(e.verdict, lang),
                " ".join(e.citations),
                cut(e.question, 90),
                e.id[:ID_CHARS],
            ]
            for e in entries
        ],
        columns=columns(HISTORY_KEYS, lang),
    )


def _log_row(entry: LogEntry, zone: ZoneInfo, lang: Language) -> list[object]:
    return [
        entry.id[:ID_CHARS],
        moment(entry.created_at, zone),
        entry.user_name or "–",
        verdict_label(entry.verdict, lang),
        t(lang, "yes") if entry.escalation is Escalation.URGENT else "",
        " ".join(entry.citations),
        sum(f.rating > 0 for f in entry.feedback),
        sum(f.rating < 0 for f in entry.feedback),
        label(lang, "outcome", entry.reviews[-1].outcome.value) if entry.reviews else "",
        cut(entry.question, 90),
    ]


def log_frame(
    entries: list[LogEntry], zone: ZoneInfo = LOCAL, lang: Language = Language.NL
) -> pd.DataFrame:
    """The log as leadership searches it: one row per answer."""
    return pd.DataFrame([_log_row(e, zone, lang) for e in entries], columns=columns(LOG_KEYS, lang))


def per_day_frame(figures: Dashboard) -> pd.DataFrame:
    return pd.DataFrame(
        [(day.isoformat(), n) for day, n in figures.questions_per_day], columns=PER_DAY_COLUMNS
    )


def verdict_mix_frame(figures: Dashboard, lang: Language = Language.NL) -> pd.DataFrame:
    return pd.DataFrame(
        [(verdict_label(v, lang), n) for v, n in figures.verdicts.items()],
        columns=VERDICT_MIX_COLUMNS,
    )


def top_clauses_frame(figures: Dashboard) -> pd.DataFrame:
    return pd.DataFrame(figures.top_clauses, columns=TOP_CLAUSE_COLUMNS)


def bar_limit(frame: pd.DataFrame, column: str) -> tuple[int, int]:
    """A bar chart's y range, from zero (so equal counts still show as bars)."""
    top = int(frame[column].max()) if len(frame) else 1
    return 0, top + 1
