"""The rubric items missed most often, with how often each was checked (full text, wrapped)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.formatting import pct


def show_missed_items(missed: pd.DataFrame) -> None:
    """A table of the most-missed items, heaviest miss count first.

    A static table, not the data grid: the grid cuts long item text mid-word, and the
    item text is the point of this table.
    """
    st.subheader("Rubric items missed most often")
    if missed.empty:
        st.success("No rubric item has been missed in the checked steps.")
        return
    table = pd.DataFrame({
        "Item": missed["text"], "Level": missed["level"].astype(str), "Step": missed["step_title"],
        "Sub-area": missed["area"], "Case": missed["cases"],
        "Missed": [f"{m} of {a} ({pct(r)})" for m, a, r in zip(missed["missed"], missed["assessed"],
                                                                missed["miss_rate"], strict=True)],
    })
    st.table(table.set_index("Item"))
