"""The candidate's pad, reached only through the candidate link (``?c=<token>``).

What the candidate may see (the prompt, the current step and its questions, facts revealed,
hints given, the clock) follows the interviewer every two seconds; below it the candidate
writes the step's answer, diagram and estimates, each saved merged into the session the
interviewer is writing too. Nothing from the rubric, probes, evidence, ratings, notes,
transcript or suggestions is ever read here, and the session id never reaches the page.
"""

from __future__ import annotations

import streamlit as st

from app_pages import live, roles, state
from components.candidate_pad import pad_keys, show_candidate_pad
from components.candidate_panel import show_candidate_panel
from workbench import walkthrough as wt
from workbench.diagrams import set_diagram
from workbench.estimates import set_estimate
from workbench.session import Session

FOLLOW_S = 2
PAD = "wb_pad_session"  # the version the pad last read: the base its writes are merged against

session = roles.linked("candidate")
lib = state.library()
case = lib.cases.get(session.case.id)
if case is None:
    st.error("This interview's case is not in the library, so it cannot be shown. Tell your interviewer.")
    st.stop()
st.session_state[PAD] = session
step_id = session.current_step


def _write(fn, *args) -> None:
    base: Session = st.session_state[PAD]
    st.session_state[PAD] = live.merged_write(base, fn, *args)


def _write_answer(text: str) -> None:
    _write(wt.set_answer, step_id, text)
    stored = st.session_state[PAD].step(step_id).answer
    if stored != text:  # merged with another edit of the same answer: show the box both versions
        st.session_state[pad_keys(step_id)["answer"]] = stored


@st.fragment(run_every=FOLLOW_S)
def _follow(drawn_step: str, drawn_status: str) -> None:
    now = roles.linked("candidate")
    if (now.current_step, now.status) != (drawn_step, drawn_status):
        st.rerun()  # the interviewer moved on (or finished): the pad switches with them
    st.session_state[PAD] = now
    show_candidate_panel(now, case, lib)


_follow(step_id, session.status)
st.divider()
live.show_merge_notice()
show_candidate_pad(
    session.step(step_id), case.estimates,
    on_answer=_write_answer,
    on_diagram=lambda source: _write(set_diagram, step_id, source),
    on_estimate=lambda eid, value, working: _write(set_estimate, step_id, eid, value, working),
    disabled=session.status == "completed",
)
