"""A step's diagram, read-only: drawn by Streamlit's Mermaid renderer, with its source folded below.

Streamlit draws Mermaid in the browser with ``securityLevel: 'strict'`` (which a diagram's
``%%{init}%%`` cannot lower) and shows the result as an image, so nothing in the source can
run; a diagram it cannot parse shows Mermaid's own error message in place of the picture.
"""

from __future__ import annotations

import streamlit as st

from components.estimate_worksheet import show_worksheet
from workbench.case import Estimate
from workbench.diagrams import diagram_problem
from workbench.session import StepRecord


def show_diagram(source: str, empty: str = "No diagram drawn for this step.", with_source: bool = True) -> None:
    if not source.strip():
        st.caption(empty)
        return
    problem = diagram_problem(source)
    if problem:
        st.warning(problem, icon=":material/schema:")
    else:
        st.mermaid_chart(source)
    if with_source:
        with st.expander("Mermaid source", icon=":material/code:"):
            st.code(source, language=None)


def show_step_whiteboard(rec: StepRecord, estimates: list[Estimate], key: str, reveal: bool = True,
                         ratings: bool = False) -> None:
    """A step's diagram and figures, read-only; nothing at all when the step has neither."""
    asked = [e for e in estimates if e.step == rec.id]
    if rec.diagram.strip():
        st.markdown("**Diagram**")
        show_diagram(rec.diagram)
    if asked:
        st.markdown("**Estimates**")
        show_worksheet(asked, rec.estimates, key, reveal=reveal, show_ratings=ratings)


def show_whiteboards_side_by_side(steps_a: dict[str, StepRecord], steps_b: dict[str, StepRecord],
                                  titles: dict[str, str], estimates: list[Estimate], label_a: str, label_b: str,
                                  key: str) -> None:
    """Per step that either attempt drew or sized in, the two whiteboards in two columns."""
    for sid, title in titles.items():
        a, b = steps_a.get(sid), steps_b.get(sid)
        if not any(r is not None and (r.diagram.strip() or r.estimates) for r in (a, b)):
            continue
        st.subheader(f"{title}: whiteboard")
        for col, label, rec, side in zip(st.columns(2), (label_a, label_b), (a, b), ("a", "b"), strict=True):
            with col:
                st.markdown(f"**{label}**")
                if rec is None:
                    st.caption("This attempt has no such step.")
                else:
                    show_step_whiteboard(rec, estimates, f"{key}-{side}-{sid}", ratings=True)
