"""The leadership dashboard: the last 30 days in figures and three bar charts."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import gradio as gr
import pandas as pd

from advisor.app.portal import Portal
from advisor.domain.errors import AdvisorError
from ui import frames, render
from ui.session import caller
from ui.texts import problem, ui_language
from ui.words import Words


def _plot(words: Words, columns: list[str], title: str, x: str, y: str) -> gr.BarPlot:
    """A bar chart bound to its frame's columns; its titles follow the page's language."""
    x_column, y_column = columns
    return words.make(
        gr.BarPlot,
        {"title": title, "x_title": x, "y_title": y},
        x=x_column,
        y=y_column,
        height=260,
    )


def _bars(frame: pd.DataFrame) -> Any:
    """New data for a plot, its y axis from zero (so equal counts still show as bars)."""
    low, high = frames.bar_limit(frame, str(frame.columns[1]))
    return gr.BarPlot(value=frame, y_lim=[low, high])


@dataclass(frozen=True)
class DashboardActions:
    portal: Portal

    def on_dashboard(self, lang: str, request: gr.Request) -> tuple[Any, ...]:
        page = ui_language(lang)
        try:
            figures = self.portal.dashboard(caller(self.portal, request))
        except AdvisorError as exc:
            return render.warning(problem(page, exc)), gr.skip(), gr.skip(), gr.skip()
        return (
            render.dashboard_summary(figures, page),
            _bars(frames.per_day_frame(figures)),
            _bars(frames.verdict_mix_frame(figures, page)),
            _bars(frames.top_clauses_frame(figures)),
        )

    def on_language(self, lang: str, request: gr.Request) -> tuple[Any, ...]:
        """Leadership's figures again in the new language; nothing for anyone else."""
        if not caller(self.portal, request).is_leadership:
            return gr.skip(), gr.skip(), gr.skip(), gr.skip()
        return self.on_dashboard(lang, request)


def build_dashboard(portal: Portal, words: Words, language: gr.Radio) -> gr.Tab:
    """The "Dashboard" tab, wired and hidden; the page shows it to leadership on load."""
    tab = words.make(gr.Tab, {"label": "tab_dashboard"}, id="dashboard", visible=False)
    with tab:
        refresh = words.make(gr.Button, {"value": "refresh"}, elem_id="refresh-dashboard")
        figures = gr.Markdown(elem_id="figures")
        with gr.Row():
            per_day = _plot(words, frames.PER_DAY_COLUMNS, "per_day", "x_day", "y_questions")
            verdict_mix = _plot(
                words, frames.VERDICT_MIX_COLUMNS, "verdict_mix", "x_verdict", "y_count"
            )
        top_clauses = _plot(words, frames.TOP_CLAUSE_COLUMNS, "top_clauses", "x_clause", "y_cited")
    outputs = [figures, per_day, verdict_mix, top_clauses]
    actions = DashboardActions(portal)
    refresh.click(actions.on_dashboard, [language], outputs)
    tab.select(actions.on_dashboard, [language], outputs)
    language.change(actions.on_language, [language], outputs)
    return tab
