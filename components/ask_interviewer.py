"""Clarifying questions in the candidate's own words, instead of a crib sheet of questions."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from components.facts_panel import show_facts
from workbench.case import Case


def show_ask_box(case: Case, revealed: list[str], key: str, on_ask: Callable[[], None],
                 on_reveal: Callable[[str], Callable[[], None]], last_reply: str | None,
                 disabled: bool = False) -> None:
    """A question box answered from the case's facts; the full list stays behind a switch.

    ``on_ask`` reads the question from ``st.session_state[f"{key}-q"]``; ``last_reply`` is
    what the interviewer said to the latest question (shown under the box).
    """
    with st.container(border=True):
        st.markdown("**Ask the interviewer**")
        with st.form(f"{key}-form", clear_on_submit=True, border=False):
            st.text_input("Your clarifying question", key=f"{key}-q", disabled=disabled,
                          placeholder="e.g. How many requests per second at peak?",
                          label_visibility="collapsed")
            st.form_submit_button("Ask", on_click=on_ask, disabled=disabled, icon=":material/forum:")
        if last_reply:
            st.caption(last_reply)
        shown = [case.fact(f) for f in revealed]
        for fact in [f for f in shown if f is not None]:
            st.markdown(f"- **{fact.question}** {fact.answer}")
        if not revealed:
            st.caption("Nothing revealed yet. Ask what you would ask in a real interview; unstated "
                       "details are yours to assume (say so in your answer).")
        if st.toggle("Show all questions (for beginners)", key=f"{key}-all"):
            show_facts(case, revealed, None if disabled else on_reveal, f"{key}-facts",
                       title="All clarifying questions")
