"""One case in the library list: what it is, how long, and how you did before."""

from __future__ import annotations

import streamlit as st

from components.formatting import DIFFICULTY_COLOURS, pct
from workbench.case import DOMAIN_LABELS, Case


def show_case_card(case: Case, score: tuple[int, float] | None, key: str, selected: bool = False) -> bool:
    """Returns True when the user asks to start this case."""
    with st.container(border=True):
        left, right = st.columns([5, 1], vertical_alignment="center")
        attempts = (f":green-badge[attempted {score[0]}× · best {pct(score[1])}]" if score
                    else ":gray-badge[not attempted]")
        left.markdown(
            f"**{case.title}**  \n{case.summary}  \n"
            f":{DIFFICULTY_COLOURS[case.difficulty]}-badge[{case.difficulty}] "
            f":gray-badge[{DOMAIN_LABELS[case.domain]}] :gray-badge[{case.time_minutes} min] {attempts}"
        )
        if case.tags:
            left.caption(" · ".join(case.tags))
        return right.button("Selected" if selected else "Start", key=key, width="stretch",
                            type="primary" if selected else "secondary", disabled=selected)
