"""The case prompt with its badges: what the candidate hears first."""

from __future__ import annotations

import streamlit as st

from components.formatting import DIFFICULTY_COLOURS
from workbench.case import DOMAIN_LABELS, Case


def show_case_brief(case: Case, expanded: bool = True) -> None:
    st.markdown(
        f"**{case.title}**  \n"
        f":{DIFFICULTY_COLOURS[case.difficulty]}-badge[{case.difficulty}] "
        f":gray-badge[{DOMAIN_LABELS[case.domain]}] :gray-badge[{case.time_minutes} min]"
    )
    with st.expander("The prompt", expanded=expanded, icon=":material/description:"):
        st.markdown(case.prompt)
