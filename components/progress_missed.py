"""The rubric items missed most often, with how often each was checked."""

from __future__ import annotations

import pandas as pd
import streamlit as st


def show_missed_items(missed: pd.DataFrame) -> None:
    """A table of the most-missed items, heaviest miss count first."""
    st.subheader("Rubric items missed most often")
    if missed.empty:
        st.success("No rubric item has been missed in the checked steps.")
        return
    st.dataframe(
        missed[["text", "level", "step_title", "area", "cases", "missed", "assessed", "miss_rate"]],
        hide_index=True, width="stretch",
        column_config={
            "text": st.column_config.TextColumn("Item", width="large"),
            "level": "Level",
            "step_title": "Step",
            "area": "Sub-area",
            "cases": "Case",
            "missed": st.column_config.NumberColumn("Missed"),
            "assessed": st.column_config.NumberColumn("Checked"),
            "miss_rate": st.column_config.ProgressColumn("Miss rate", format="percent", min_value=0, max_value=1),
        },
    )
