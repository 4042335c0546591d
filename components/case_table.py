"""The library as one compact table: sortable columns, attempts and best score; a row click selects."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.formatting import pct
from workbench.case import DOMAIN_LABELS, Case


def case_rows(cases: list[Case], scores: dict[str, tuple[int, float]]) -> pd.DataFrame:
    """One row per case, in the order given (the page's sort); scores as text, "–" when unattempted."""
    return pd.DataFrame(
        [(c.id, c.title, DOMAIN_LABELS.get(c.domain, c.domain), c.difficulty, c.time_minutes,
          scores[c.id][0] if c.id in scores else 0, pct(scores[c.id][1]) if c.id in scores else "–")
         for c in cases],
        columns=["id", "Case", "Domain", "Difficulty", "Minutes", "Attempts", "Best"])


def show_case_table(cases: list[Case], scores: dict[str, tuple[int, float]], key: str) -> str | None:
    """Returns the id of the case whose row was clicked."""
    frame = case_rows(cases, scores)
    if frame.empty:
        st.caption("No case matches the filters.")
        return None
    event = st.dataframe(
        frame.drop(columns=["id"]), hide_index=True, width="stretch", key=key, on_select="rerun",
        selection_mode="single-row",
        column_config={"Case": st.column_config.TextColumn("Case", width="large"),
                       "Minutes": st.column_config.NumberColumn("Minutes", format="%d min"),
                       "Attempts": st.column_config.NumberColumn("Attempts", format="%d")})
    rows = event.selection.rows if event is not None else []
    return str(frame.iloc[rows[0]]["id"]) if rows else None
