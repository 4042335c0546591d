"""A step's diagram, read-only: drawn by Streamlit's Mermaid renderer, with its source folded below.

Streamlit draws Mermaid in the browser with ``securityLevel: 'strict'`` (which a diagram's
``%%{init}%%`` cannot lower) and shows the result as an image, so nothing in the source can
run; a diagram it cannot parse shows Mermaid's own error message in place of the picture.
"""

from __future__ import annotations

import streamlit as st

from workbench.diagrams import diagram_problem


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
