"""What the candidate may see during an interview, and nothing else.

This component receives the whole session but reads only: the prompt, the current
step's title and guiding questions, revealed facts, hints given, and the clock.
"""

from __future__ import annotations

import streamlit as st

from components.clock import clock_line
from components.facts_panel import show_revealed_facts
from workbench import walkthrough as wt
from workbench.case import Case
from workbench.library import Library
from workbench.session import Session


def show_candidate_panel(session: Session, case: Case, lib: Library) -> None:
    step_id = session.current_step
    fstep = lib.framework.step(step_id)
    st.title(case.title)
    text, over = clock_line(wt.step_elapsed_s(session, step_id), lib.step_budget_s(case, step_id),
                            wt.total_elapsed_s(session), case.time_minutes * 60, wt.is_paused(session))
    (st.warning if over else st.caption)(text)
    left, right = st.columns([3, 2], gap="large")
    with left:
        st.markdown(case.prompt)
        n = lib.framework.step_ids.index(step_id) + 1
        st.subheader(f"Step {n} of {len(session.steps)}: {fstep.title}")
        st.caption(fstep.summary)
        st.markdown("\n".join(f"- {q}" for q in case.steps[step_id].questions))
    with right:
        show_revealed_facts(case, session.facts_revealed)
        st.markdown("**Hints given**")
        given = [(s.id, h) for s in session.steps for h in case.steps[s.id].hints[: s.hints_revealed]]
        if not given:
            st.caption("None so far.")
        titles = {s.id: s.title for s in lib.framework.steps}
        for sid, hint in given:
            st.info(f"**{titles[sid]}:** {hint}", icon=":material/lightbulb:")
    if session.status == "completed":
        st.success("The interview has finished. Thank you!")
