"""The sessions in the store as a table: case, mode, people, date, score, status."""

from __future__ import annotations

import pandas as pd
import streamlit as st


def show_session_table(frame: pd.DataFrame) -> None:
    if frame.empty:
        st.caption("No sessions match.")
        return
    st.dataframe(
        frame,
        hide_index=True,
        width="stretch",
        column_config={
            "Score": st.column_config.ProgressColumn("Score", min_value=0.0, max_value=1.0, format="percent"),
            "Updated": st.column_config.DatetimeColumn("Updated", format="YYYY-MM-DD HH:mm"),
        },
    )
