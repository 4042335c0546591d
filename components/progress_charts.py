"""The progress charts: score per step over time, sub-area coverage, time against budget, hints.

Figures are built with ``plotly.graph_objects`` from frames that are already
aggregated (tens of points, not thousands), so drawing stays cheap on a big store.
Columns go in as NumPy arrays: a pandas column passed to plotly is converted through
narwhals, which cost a third of the figures' build time.
"""

from __future__ import annotations

import re

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from workbench.analytics import GRAINS
from workbench.gcpause import gc_paused
from workbench.progress import ProgressView

_HEIGHT = 320
_MARGIN = {"l": 10, "r": 10, "t": 40, "b": 10}
_LEGEND = {"orientation": "h", "yanchor": "top", "y": -0.15, "xanchor": "left", "x": 0}


def _grain_note(grain: str) -> str:
    return "each point is one attempt" if grain == "session" else f"mean per {GRAINS.get(grain, grain)}"


def _layout(fig: go.Figure, title: str, *, percent: bool = False, height: int = _HEIGHT) -> go.Figure:
    fig.update_layout(title={"text": title, "font": {"size": 14}}, height=height, margin=_MARGIN,
                      legend=_LEGEND, hovermode="closest")
    if percent:
        fig.update_yaxes(tickformat=".0%", range=[0, 1.05])
    return fig


def _score_figure(timeline: pd.DataFrame, grain: str) -> go.Figure:
    fig = go.Figure()
    for series, part in timeline.groupby("series", sort=False):
        overall = series == "Overall"
        fig.add_trace(go.Scatter(
            x=part["when"].to_numpy(), y=part["coverage"].to_numpy(), name=str(series), mode="lines+markers",
            line={"width": 3 if overall else 1.5, "dash": "dot" if overall else "solid"},
            customdata=part[["label"]].to_numpy(),
            hovertemplate="%{x|%d %b %Y}<br>%{y:.0%} · %{customdata[0]}<extra>" + str(series) + "</extra>"))
    return _layout(fig, f"Score per step over time ({_grain_note(grain)})", percent=True)


def _short(title: str) -> str:
    return re.sub(r"\s*\(.*\)$", "", title)


def _heatmap_figure(areas: pd.DataFrame, cells: pd.DataFrame, grain: str) -> go.Figure:
    rows = areas[areas["checks"] > 0]
    labels = [f"{s} · {_short(t)}" for s, t in zip(rows["step_title"], rows["title"], strict=True)]
    full = [f"{s} · {t}" for s, t in zip(rows["step_title"], rows["title"], strict=True)]
    when = sorted(cells["when"].unique())
    grid = cells.pivot_table(index=["step", "sub_area"], columns="when", values="coverage", observed=True)
    grid = grid.reindex(index=pd.MultiIndex.from_frame(rows[["step", "sub_area"]]), columns=when)
    fmt = "%Y-%m-%d" if grain == "D" else "%Y-%m-%d" if grain == "W" else "%b %Y"
    x = [pd.Timestamp(w).strftime(fmt) for w in when]
    fig = go.Figure(go.Heatmap(
        z=grid.to_numpy(), x=x, y=labels, zmin=0, zmax=1, colorscale="YlGnBu",
        customdata=[[f] * len(x) for f in full], xgap=1, ygap=1,
        colorbar={"tickformat": ".0%", "thickness": 12},
        hovertemplate="%{customdata}<br>%{x}: %{z:.0%} covered<extra></extra>"))
    fig.update_yaxes(autorange="reversed", tickfont={"size": 10})
    fig.update_xaxes(type="category")
    return _layout(fig, f"Coverage by sub-area ({_grain_note(grain)})", height=max(_HEIGHT, 80 + 18 * len(rows)))


def _time_figure(overview: pd.DataFrame) -> go.Figure:
    worked = overview[overview["worked"] > 0]
    over = [f"{v:.0%} of attempts over budget" for v in worked["over_budget"].fillna(0)]
    titles = worked["title"].tolist()
    fig = go.Figure([
        go.Bar(x=titles, y=(worked["time_s"] / 60).to_numpy(), name="Time spent (mean)", customdata=over,
               hovertemplate="%{x}: %{y:.1f} min<br>%{customdata}<extra></extra>"),
        go.Bar(x=titles, y=(worked["budget_s"] / 60).to_numpy(), name="Budget (mean)",
               hovertemplate="%{x}: %{y:.1f} min budget<extra></extra>"),
    ])
    fig.update_layout(barmode="group")
    fig.update_yaxes(title={"text": "minutes"})
    return _layout(fig, "Time spent per step against the budget")


def _hints_figure(hints: pd.DataFrame, grain: str) -> go.Figure:
    fig = go.Figure()
    hover = ("%{x|%d %b %Y}<br>%{y} hint(s)" if grain == "session"
             else "%{x|%d %b %Y}<br>%{y:.2f} hints per attempt · %{customdata[0]} attempts")
    for series, part in hints.groupby("series", sort=False):
        fig.add_trace(go.Scatter(
            x=part["when"].to_numpy(), y=part["hints"].to_numpy(), name=str(series), mode="lines+markers",
            customdata=part[["attempts"]].to_numpy(), hovertemplate=hover + "<extra>" + str(series) + "</extra>"))
    fig.update_yaxes(rangemode="tozero", title={"text": "hints per attempt"})
    return _layout(fig, f"Hint use ({_grain_note(grain)})")


@st.cache_resource(max_entries=16, show_spinner=False)
@gc_paused()  # plotly builds thousands of small objects per figure: see workbench.gcpause
def _figures(cache_key: str, _view: ProgressView) -> dict[str, go.Figure | None]:
    """Building a plotly figure costs tens of ms; build each once per view, not per rerun."""
    v = _view
    return {
        "score": None if v.timeline.empty else _score_figure(v.timeline, v.timeline_grain),
        "time": None if v.overview["worked"].sum() == 0 else _time_figure(v.overview),
        "areas": None if v.area_timeline.empty else _heatmap_figure(v.areas, v.area_timeline, v.area_grain),
        "hints": None if v.hints.empty else _hints_figure(v.hints, v.hints_grain),
    }


_EMPTY = {
    "score": "No step has been checked yet, so there is no score to plot.",
    "time": "No time has been recorded on any step yet.",
    "areas": "Sub-area coverage appears once a step has been checked.",
    "hints": "Hint use appears once time has been spent on a step.",
}
_ALT = {
    "score": "Line chart of rubric coverage per step over time",
    "time": "Bar chart of mean time spent per step next to the mean budget",
    "areas": "Heatmap of coverage by sub-area over time",
    "hints": "Line chart of hints revealed per attempt at each step over time",
}


def show_progress_charts(view: ProgressView, cache_key: str) -> None:
    """Four charts in two rows; a chart with nothing to show says so instead.

    ``cache_key`` must name the view (store state, library and filter): figures
    are reused for as long as it stays the same.
    """
    figures = _figures(cache_key, view)
    # The wide cells hold the time series and the heatmap (its labels need room).
    cells = [*st.columns([2, 1]), *st.columns([2, 1])]
    for cell, name in zip(cells, ("score", "time", "areas", "hints"), strict=True):
        with cell:
            fig = figures[name]
            if fig is None:
                st.info(_EMPTY[name])
            else:
                st.plotly_chart(fig, key=f"progress-chart-{name}", alt=_ALT[name])
