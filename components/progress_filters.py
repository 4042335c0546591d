"""The progress page's filters: who, which mode, and when."""

from __future__ import annotations

from datetime import date, timedelta

import streamlit as st

from workbench.analytics import ProgressFilter

RANGES: dict[str, int | None] = {
    "All time": None,
    "Last 7 days": 7,
    "Last 30 days": 30,
    "Last 90 days": 90,
    "Last 12 months": 365,
    "Custom range": -1,
}
MODES = {"solo": "Solo practice", "interview": "Interviewer-led"}


def show_progress_filters(people: list[str], key: str, today: date) -> ProgressFilter:
    """Returns the filter; an empty choice means everyone, both modes, all time."""
    with st.container(border=True):
        c1, c2, c3 = st.columns([2, 1, 1])
        chosen = c1.multiselect("People", people, key=f"{key}-people", placeholder="Everyone")
        modes = c2.multiselect("Mode", list(MODES), key=f"{key}-mode", placeholder="Both modes",
                               format_func=lambda m: MODES.get(m, m))
        span = c3.selectbox("Time range", list(RANGES), key=f"{key}-range")
        start: date | None = None
        end: date | None = None
        days = RANGES[span]
        if days == -1:
            picked = st.date_input("From – to", (today - timedelta(days=30), today), key=f"{key}-dates",
                                   max_value=today, format="YYYY-MM-DD")
            if isinstance(picked, tuple | list) and len(picked) == 2:
                start, end = picked
            elif isinstance(picked, tuple | list) and len(picked) == 1:  # the second date not picked yet
                start = picked[0]
        elif days is not None:
            start = today - timedelta(days=days - 1)
    return ProgressFilter(people=tuple(chosen), modes=tuple(modes), start=start, end=end)
