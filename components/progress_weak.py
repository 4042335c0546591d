"""Weakest areas: the sub-areas covered least, and the cases that exercise them."""

from __future__ import annotations

import streamlit as st

from components.formatting import pct
from workbench.progress import ProgressView


def _cases_by_area(view: ProgressView) -> dict[tuple[str, str], str]:
    """(step, sub-area) -> "Case (n items, attempted k×) · …" for each weak area."""
    out: dict[tuple[str, str], list[str]] = {}
    for r in view.exercising.to_dict("records"):
        tried = f"attempted {r['attempts']}×" if r["attempts"] else "not attempted"
        out.setdefault((str(r["step"]), str(r["sub_area"])), []).append(
            f"{r['case_title']} ({r['items']} item{'s' if r['items'] != 1 else ''}, {tried})")
    return {k: " · ".join(v) for k, v in out.items()}


def show_weak_areas(view: ProgressView) -> None:
    """The weakest sub-areas, each with the cases whose rubric weighs it most."""
    st.subheader("Weakest areas")
    if view.weakest.empty:
        st.info("Weak areas appear once some steps have been checked against the rubric.")
        return
    cases_by_area = _cases_by_area(view)
    for n, r in enumerate(view.weakest.itertuples(), start=1):
        with st.container(border=True):
            st.markdown(f"**{n}. {r.step_title} · {r.title}** — {pct(r.coverage)} covered  \n"
                        f":gray[{r.checks} item checks, {r.missed} missed]")
            cases = cases_by_area.get((str(r.step), str(r.sub_area)))
            if cases:
                st.caption(f"Cases that exercise it: {cases}")
