"""The candidate's pad for one step: their answer, their diagram and their estimates.

Everything here is the candidate's own writing; the worksheet reads figures back in their
unit but never shows a reference, a tolerance or the interviewer's rating.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from components.answer_box import show_answer_box
from components.diagram_editor import show_diagram_editor
from components.estimate_worksheet import show_worksheet
from workbench.case import Estimate
from workbench.session import StepRecord


def pad_keys(step_id: str) -> dict[str, str]:
    """The pad's widget keys: the step only, never the session (keys reach the page as CSS classes)."""
    return {"answer": f"pad-answer-{step_id}", "diagram": f"pad-diagram-{step_id}", "est": f"pad-est-{step_id}"}


def show_candidate_pad(rec: StepRecord, estimates: list[Estimate], on_answer: Callable[[str], None],
                       on_diagram: Callable[[str], None], on_estimate: Callable[[str, str, str], None],
                       disabled: bool = False) -> None:
    """``on_answer(text)``, ``on_diagram(source)`` and ``on_estimate(id, value, working)`` save each edit."""
    keys = pad_keys(rec.id)
    st.markdown("**Your answer** :gray[· your interviewer sees it as you write]")
    show_answer_box(rec.answer, keys["answer"], lambda: on_answer(st.session_state[keys["answer"]]),
                    disabled=disabled)
    with st.expander("Diagram", expanded=True, icon=":material/schema:"):
        show_diagram_editor(rec.diagram, keys["diagram"], on_diagram, disabled=disabled, height=240)
    asked = [e for e in estimates if e.step == rec.id]
    if asked:
        with st.expander(f"Estimates ({len(asked)})", expanded=True, icon=":material/calculate:"):
            show_worksheet(asked, rec.estimates, keys["est"], on_change=on_estimate, reveal=False,
                           disabled=disabled)
