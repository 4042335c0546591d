"""Step and overall clocks against the budget; ticks by itself every ``CLOCK_TICK_S`` (5) seconds."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from components.formatting import mmss

# Each tick is a server rerun of this fragment; at 1 s every open tab cost about 9% of a core.
CLOCK_TICK_S = 5


def clock_line(step_elapsed: int, step_budget: int, total_elapsed: int, total_budget: int,
               paused: bool) -> tuple[str, bool]:
    """The clock text and whether the step is over its budget."""
    over = step_elapsed > step_budget
    remaining = step_budget - step_elapsed
    step_part = (f"over by {mmss(-remaining)}" if over else f"{mmss(remaining)} left")
    text = (f"Step {mmss(step_elapsed)} / {mmss(step_budget)} ({step_part}) · "
            f"Total {mmss(total_elapsed)} / {mmss(total_budget)}" + (" · paused" if paused else ""))
    return text, over


@st.fragment(run_every=CLOCK_TICK_S)
def show_clock(read: Callable[[], tuple[int, int, int, int, bool]]) -> None:
    """``read`` returns (step elapsed, step budget, total elapsed, total budget, paused)."""
    text, over = clock_line(*read())
    if over:
        st.warning(text, icon=":material/timer_off:")
    else:
        st.caption(f":material/timer: {text}")
