"""The form that starts a session: mode, optional names and a target level."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from workbench.session import TARGET_LEVELS


@dataclass(frozen=True)
class StartChoice:
    mode: str
    candidate: str
    interviewer: str
    target_level: str | None


def show_start_form(key: str, title: str) -> StartChoice | None:
    """Returns the choice when the form is submitted, else None."""
    with st.form(key=key, border=True):
        st.markdown(f"**Start: {title}**")
        mode = st.radio("Mode", ["solo", "interview"], horizontal=True, key=f"{key}-mode",
                        format_func=lambda m: "Solo practice" if m == "solo" else "Interviewer-led")
        c1, c2, c3 = st.columns(3)
        candidate = c1.text_input("Candidate (optional)", key=f"{key}-cand", max_chars=80)
        interviewer = c2.text_input("Interviewer (optional)", key=f"{key}-int", max_chars=80)
        level = c3.selectbox("Target level", ["(none)", *TARGET_LEVELS], key=f"{key}-level")
        if st.form_submit_button("Start", type="primary", icon=":material/play_arrow:"):
            return StartChoice(mode, candidate, interviewer, None if level == "(none)" else level)
    return None
