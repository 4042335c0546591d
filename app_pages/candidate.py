"""Candidate view, for screen-sharing: the prompt, the current step, facts revealed, hints given, clock.

Read-only and deliberately narrow: it renders from the saved session file and never
touches the rubric, probes, evidence, ratings or notes. It refreshes itself so it
follows the interviewer's console.
"""

from __future__ import annotations

import streamlit as st

from app_pages import current as c
from app_pages import state
from components.candidate_panel import show_candidate_panel
from components.diagram_view import show_step_whiteboard
from workbench.ids import is_valid_session_id
from workbench.store import NotFoundError
from workbench.yamlio import FileError

REFRESH_S = 2

wanted = st.query_params.get("session")
if not wanted and c.active() is not None:
    wanted = c.active().id
    st.query_params["session"] = wanted
if not wanted or not is_valid_session_id(wanted):
    st.title("Candidate view")
    st.info("Open this page from the interviewer console: its link carries the session.")
    st.stop()


@st.fragment(run_every=REFRESH_S)
def _follow(session_id: str) -> None:
    try:
        session = state.store().load(session_id)
    except (NotFoundError, FileError):
        st.error("This interview session could not be found in the store.")
        return
    case = c.case_for(session)
    if case is None:
        st.error("This interview's case is not in the library.")
        return
    show_candidate_panel(session, case, state.library())
    show_step_whiteboard(session.step(session.current_step), case.estimates, "cand-est", reveal=False)


_follow(wanted)
