"""The sessions in the store as a table: case, mode, people, date, score, status; a row click opens it."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.formatting import pct


def show_session_table(frame: pd.DataFrame, key: str) -> str | None:
    """Draw the rows (``id`` is kept out of sight) and return the id of the row clicked, if any."""
    if frame.empty:
        st.caption("No sessions match.")
        return None
    shown = frame.drop(columns=[c for c in ("id", "case_id") if c in frame.columns]).assign(
        Score=[pct(None if pd.isna(v) else float(v)) for v in frame["Score"]])
    event = st.dataframe(
        shown, hide_index=True, width="stretch", key=key, on_select="rerun", selection_mode="single-row",
        column_config={"Updated": st.column_config.DatetimeColumn("Updated", format="YYYY-MM-DD HH:mm")},
    )
    rows = event.selection.rows if event is not None else []
    return str(frame.iloc[rows[0]]["id"]) if rows else None
