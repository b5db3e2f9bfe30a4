"""Tables for the page: log entries and dashboard figures as pandas frames.

Pure functions only (no gradio): the columns here are what the page shows.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pandas as pd

from advisor.app.portal import Dashboard, LogEntry, verdict_label
from advisor.domain.models import Escalation
from ui.filters import REVIEW_LABELS

HISTORY_COLUMNS = ["tijd", "oordeel", "artikelen", "vraag", "log id"]
LOG_COLUMNS = ["log id", "tijd", "gebruiker", "oordeel", "urgent", "artikelen", "+", "−",
               "beoordeling", "vraag"]  # fmt: skip
LOG_COLUMN_WIDTHS = ["9%", "10%", "8%", "10%", "6%", "8%", "4%", "4%", "9%", "32%"]
PER_DAY_COLUMNS = ["dag", "vragen"]
VERDICT_MIX_COLUMNS = ["oordeel", "aantal"]
TOP_CLAUSE_COLUMNS = ["artikel", "keer geciteerd"]
ID_CHARS = 12  # the log id as the tables show it (enough to look it up)
LOCAL = ZoneInfo("Europe/Amsterdam")  # the default of ADVISOR_TIMEZONE


def moment(value: datetime, zone: ZoneInfo = LOCAL) -> str:
    """A stored (UTC) time as the school reads it: local, to the minute."""
    return f"{value.astimezone(zone):%Y-%m-%d %H:%M}"


def short(question: str, limit: int = 90) -> str:
    """A question cut to ``limit`` characters (an ellipsis marks the cut)."""
    return question if len(question) <= limit else question[: limit - 1] + "…"


def history_frame(entries: list[LogEntry], zone: ZoneInfo = LOCAL) -> pd.DataFrame:
    """A staff member's own questions, as listed under the chat."""
    return pd.DataFrame(
        [
            [
                moment(e.created_at, zone),
                verdict_label(e.verdict),
                " ".join(e.citations),
                short(e.question),
                e.id[:ID_CHARS],
            ]
            for e in entries
        ],
        columns=HISTORY_COLUMNS,
    )


def _log_row(entry: LogEntry, zone: ZoneInfo) -> list[object]:
    return [
        entry.id[:ID_CHARS],
        moment(entry.created_at, zone),
        entry.user_name or "–",
        verdict_label(entry.verdict),
        "ja" if entry.escalation is Escalation.URGENT else "",
        " ".join(entry.citations),
        sum(f.rating > 0 for f in entry.feedback),
        sum(f.rating < 0 for f in entry.feedback),
        REVIEW_LABELS[entry.reviews[-1].outcome.value] if entry.reviews else "",
        short(entry.question),
    ]


def log_frame(entries: list[LogEntry], zone: ZoneInfo = LOCAL) -> pd.DataFrame:
    """The log as leadership searches it: one row per answer."""
    return pd.DataFrame([_log_row(e, zone) for e in entries], columns=LOG_COLUMNS)


def per_day_frame(figures: Dashboard) -> pd.DataFrame:
    return pd.DataFrame(
        [(day.isoformat(), n) for day, n in figures.questions_per_day], columns=PER_DAY_COLUMNS
    )


def verdict_mix_frame(figures: Dashboard) -> pd.DataFrame:
    return pd.DataFrame(
        [(verdict_label(v), n) for v, n in figures.verdicts.items()], columns=VERDICT_MIX_COLUMNS
    )


def top_clauses_frame(figures: Dashboard) -> pd.DataFrame:
    return pd.DataFrame(figures.top_clauses, columns=TOP_CLAUSE_COLUMNS)


def bar_limit(frame: pd.DataFrame, column: str) -> tuple[int, int]:
    """A bar chart's y range, from zero (so equal counts still show as bars)."""
    top = int(frame[column].max()) if len(frame) else 1
    return 0, top + 1
