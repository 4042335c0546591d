"""The event log as a timeline: how the session unfolded, minute by minute."""

from __future__ import annotations

from datetime import datetime

import streamlit as st

from workbench.session import Event

LABELS = {
    "session_started": "Session started",
    "step_started": "Step started",
    "fact_revealed": "Fact revealed",
    "hint_given": "Hint given",
    "probe_asked": "Probe asked",
    "item_checked": "Item checked",
    "item_unchecked": "Item unchecked",
    "step_checked": "Self-check opened",
    "rating_set": "Rating set",
    "recommendation_set": "Recommendation set",
    "session_completed": "Session completed",
    "review_added": "Review added",
}


def timeline_rows(events: list[Event], start: datetime | None) -> list[dict[str, str]]:
    rows = []
    for e in events:
        offset = int((e.at - start).total_seconds()) if start else 0
        rows.append({"At": f"+{offset // 60:d}:{offset % 60:02d}", "Event": LABELS.get(e.type, e.type),
                     "Step": e.step or "", "Detail": e.detail})
    return rows


def show_timeline(events: list[Event], start: datetime | None, hide: tuple[str, ...] = ()) -> None:
    shown = [e for e in events if e.type not in hide]
    if not shown:
        st.caption("No events yet.")
        return
    st.dataframe(timeline_rows(shown, start), hide_index=True, width="stretch")
