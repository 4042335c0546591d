"""Recommended next cases: those that practise the weakest areas, with one click to start."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.formatting import pct


def show_recommended(recommended: pd.DataFrame, key: str) -> str | None:
    """Returns the id of the case whose Start button was clicked on this run, else None."""
    st.subheader("Recommended next")
    if recommended.empty:
        st.info("Recommendations appear once some steps have been checked against the rubric.")
        return None
    clicked = None
    for r in recommended.itertuples():
        with st.container(border=True):
            tried = (f":orange-badge[attempted {r.attempts}× · best {pct(r.best)}]" if r.attempts
                     else ":green-badge[not attempted]")
            st.markdown(f"**{r.case_title}** {tried}  \n:gray[Practises {', '.join(r.areas)}]")
            if st.button("Start this case", key=f"{key}-{r.case_id}", type="primary",
                         icon=":material/play_arrow:"):
                clicked = str(r.case_id)
    return clicked
