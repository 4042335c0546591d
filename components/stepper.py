"""The four steps as a row of buttons with their status, plus overall progress."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from workbench.case import Framework
from workbench.session import Session


def show_stepper(framework: Framework, session: Session, on_select: Callable[[str], Callable[[], None]],
                 key: str) -> None:
    steps = [s for s in framework.steps if any(r.id == s.id for r in session.steps)]
    cols = st.columns(len(steps))
    done = 0
    for n, (col, step) in enumerate(zip(cols, steps, strict=True), start=1):
        rec = session.step(step.id)
        # Checked means scored: by the candidate's self-check, or by the interviewer's ticks or rating.
        finished = rec.scored or rec.rating is not None or any(ck.by == "interviewer" for ck in rec.checks)
        done += finished
        icon = ":material/check_circle:" if finished else (
            ":material/edit:" if rec.answer.strip() else ":material/radio_button_unchecked:")
        col.button(
            f"{n}. {step.title}",
            key=f"{key}-step-{step.id}",
            type="primary" if step.id == session.current_step else "secondary",
            icon=icon,
            on_click=on_select(step.id),
            width="stretch",
        )
    st.progress(done / len(steps), text=f"{done} of {len(steps)} steps checked")
