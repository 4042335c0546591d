"""Two attempts side by side: a coverage chart, the answers, and the items that differ."""

from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

from components.formatting import level_badge
from workbench.compare import StepComparison
from workbench.safe_markdown import without_remote_images
from workbench.session import StepRecord


def coverage_figure(rows: list[StepComparison], titles: dict[str, str], label_a: str, label_b: str) -> go.Figure:
    x = [titles.get(r.step_id, r.step_id) for r in rows]
    fig = go.Figure([
        go.Bar(name=label_a, x=x, y=[r.coverage_a * 100 for r in rows], marker_color="#2f6f62"),
        go.Bar(name=label_b, x=x, y=[r.coverage_b * 100 for r in rows], marker_color="#c48a2c"),
    ])
    fig.update_layout(barmode="group", yaxis_title="Coverage (%)", yaxis_range=[0, 100], height=320,
                      margin={"l": 10, "r": 10, "t": 30, "b": 10}, legend={"orientation": "h"})
    return fig


def show_comparison(rows: list[StepComparison], steps_a: dict[str, StepRecord], steps_b: dict[str, StepRecord],
                    titles: dict[str, str], label_a: str, label_b: str) -> None:
    st.plotly_chart(coverage_figure(rows, titles, label_a, label_b), width="stretch")
    for r in rows:
        st.subheader(titles.get(r.step_id, r.step_id))
        left, right = st.columns(2)
        for col, label, recs, only, cov in ((left, label_a, steps_a, r.only_a, r.coverage_a),
                                            (right, label_b, steps_b, r.only_b, r.coverage_b)):
            with col:
                st.markdown(f"**{label}** · {cov * 100:.0f}% covered")
                with st.container(border=True):  # full answers: no fixed height that cuts them
                    answer = recs[r.step_id].answer if r.step_id in recs else ""
                    if answer.strip():
                        st.markdown(without_remote_images(answer))
                    else:
                        st.caption("No written answer.")
                st.markdown(f"Covered here but missed in the other ({len(only)}):")
                st.markdown("\n".join(f"- {i.text} {level_badge(i.level)}" for i in only) or "- none")
        if r.neither:
            st.caption("Missed by both: " + "; ".join(i.text for i in r.neither))
