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


def _plot(columns: list[str], title: str) -> gr.BarPlot:
    x, y = columns
    return gr.BarPlot(x=x, y=y, title=title, height=260)


def _bars(frame: pd.DataFrame) -> Any:
    """New data for a plot, its y axis from zero (so equal counts still show as bars)."""
    low, high = frames.bar_limit(frame, str(frame.columns[1]))
    return gr.BarPlot(value=frame, y_lim=[low, high])


@dataclass(frozen=True)
class DashboardActions:
    portal: Portal

    def on_dashboard(self, request: gr.Request) -> tuple[Any, ...]:
        try:
            figures = self.portal.dashboard(caller(self.portal, request))
        except AdvisorError as exc:
            return render.warning(exc), gr.skip(), gr.skip(), gr.skip()
        return (
            render.dashboard_summary(figures),
            _bars(frames.per_day_frame(figures)),
            _bars(frames.verdict_mix_frame(figures)),
            _bars(frames.top_clauses_frame(figures)),
        )


def build_dashboard(portal: Portal) -> gr.Tab:
    """The "Dashboard" tab, wired and hidden; the page shows it to leadership on load."""
    tab = gr.Tab("Dashboard", id="dashboard", visible=False)
    with tab:
        refresh = gr.Button("Vernieuwen / Refresh", elem_id="refresh-dashboard")
        figures = gr.Markdown(elem_id="figures")
        with gr.Row():
            per_day = _plot(frames.PER_DAY_COLUMNS, "Vragen per dag")
            verdict_mix = _plot(frames.VERDICT_MIX_COLUMNS, "Oordelen")
        top_clauses = _plot(frames.TOP_CLAUSE_COLUMNS, "Meest geciteerde artikelen")
    outputs = [figures, per_day, verdict_mix, top_clauses]
    actions = DashboardActions(portal)
    refresh.click(actions.on_dashboard, outputs=outputs)
    tab.select(actions.on_dashboard, outputs=outputs)
    return tab
