"""A step's score: weighted coverage, coverage by level, and what was missed and why."""

from __future__ import annotations

import streamlit as st

from components.formatting import level_badge, pct
from workbench.scoring import SessionScore, StepScore


def show_step_score(score: StepScore, title: str = "Coverage") -> None:
    c1, c2, c3, c4 = st.columns(4)
    c1.metric(title, pct(score.coverage))
    for col, level in zip((c2, c3, c4), ("core", "senior", "staff"), strict=True):
        col.metric(level.capitalize(), pct(score.by_level.get(level)))
    if not score.missed:
        st.success("Every rubric item for this step is covered.")
        return
    st.markdown(f"**Missed ({len(score.missed)})**, heaviest first:")
    for item in score.missed:
        st.markdown(f"- {item.text} {level_badge(item.level)}  \n  :gray[Why it matters: {item.why or '—'}]")


def show_summary(score: SessionScore, titles: dict[str, str]) -> None:
    """Overall and per-step coverage in one table."""
    st.metric("Overall coverage", pct(score.coverage))
    # A markdown table: a handful of rows does not need the dataframe widget's cost per rerun.
    lines = ["| Step | Coverage | Core | Senior | Staff | Missed |", "|---|---|---|---|---|---|"]
    lines += [
        f"| {titles.get(s.step_id, s.step_id)} | {pct(s.coverage)} | {pct(s.by_level.get('core'))} | "
        f"{pct(s.by_level.get('senior'))} | {pct(s.by_level.get('staff'))} | {len(s.missed)} |"
        for s in score.steps
    ]
    st.markdown("\n".join(lines))
