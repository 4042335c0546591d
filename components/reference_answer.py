"""The case's reference answer for a step: shown after the self-check, collapsed."""

from __future__ import annotations

import streamlit as st


def show_reference_answer(text: str, expanded: bool = False) -> None:
    if not text.strip():
        return
    with st.expander("A strong senior answer to compare with yours", expanded=expanded,
                     icon=":material/menu_book:"):
        st.markdown(text)
