"""Clarifying facts: questions a candidate may ask, answers revealed one by one."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from workbench.case import Case


def show_facts(case: Case, revealed: list[str], on_reveal: Callable[[str], Callable[[], None]] | None,
               key: str, title: str = "Clarifying facts") -> None:
    """Revealed facts show their answer; the rest show a reveal button if ``on_reveal``."""
    with st.expander(f"{title} ({len(revealed)} of {len(case.facts)} revealed)",
                     expanded=True, icon=":material/help:"):
        if not case.facts:
            st.caption("This case has no clarifying facts.")
        for fact in case.facts:
            if fact.id in revealed:
                st.markdown(f"**{fact.question}**  \n{fact.answer}")
            elif on_reveal is not None:
                c1, c2 = st.columns([4, 1], vertical_alignment="center")
                c1.markdown(f"{fact.question}")
                c2.button("Reveal", key=f"{key}-fact-{fact.id}", on_click=on_reveal(fact.id),
                          width="stretch")


def show_revealed_facts(case: Case, revealed: list[str]) -> None:
    """Read-only list for the candidate view: only what has been revealed."""
    st.markdown("**Facts revealed so far**")
    shown = [case.fact(fid) for fid in revealed]
    shown = [f for f in shown if f is not None]
    if not shown:
        st.caption("None yet. Ask your interviewer clarifying questions.")
    for fact in shown:
        st.markdown(f"- **{fact.question}** {fact.answer}")
