"""Compare two attempts at the same case: coverage per step, answers, and what one covered that the other missed."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app_pages import current as c
from app_pages import state
from components.compare_view import show_comparison
from components.diagram_view import show_whiteboards_side_by_side
from components.formatting import pct
from workbench.compare import compare_sessions, default_pair
from workbench.store import NotFoundError
from workbench.yamlio import FileError

st.title("Compare attempts")
lib = state.library()
store = state.store()
frame, _ = state.sessions_table()
frame = frame[frame["case_id"].isin(list(lib.cases))]
counts = frame["case_id"].value_counts()
comparable = [cid for cid in counts.index if counts[cid] >= 2]
if not comparable:
    st.info("Comparing needs two saved attempts at the same case. Practise a case twice, or upload attempts "
            "on the Sessions page.")
    st.stop()

active = c.active()
default_case = active.case.id if active is not None and active.case.id in comparable else comparable[0]
case_id = st.selectbox("Case", comparable, index=comparable.index(default_case), key="cmp-case",
                       format_func=lambda cid: f"{lib.cases[cid].title} ({counts[cid]} attempts)")
rows = frame[frame["case_id"] == case_id]
labels = {r.id: f"{r.Candidate or 'anonymous'} · {r.Mode} · {r.Updated:%Y-%m-%d %H:%M} · "
                f"{pct(None if pd.isna(r.Score) else float(r.Score))} · {r.id[:8]}"
          for r in rows.itertuples()}
older, newer = default_pair(rows)
ids = list(labels)
c1, c2 = st.columns(2)
a_id = c1.selectbox("Attempt A (older)", ids, index=ids.index(older), format_func=labels.get, key=f"cmp-a-{case_id}")
others = [i for i in ids if i != a_id]
b_id = c2.selectbox("Attempt B (newer)", others, index=others.index(newer) if newer in others else 0,
                    format_func=labels.get, key=f"cmp-b-{case_id}")
try:
    a, b = store.load(a_id), store.load(b_id)
except (NotFoundError, FileError) as exc:
    st.error(f"Could not open an attempt: {exc}")
    st.stop()
case = lib.cases[case_id]
titles = {s.id: s.title for s in lib.framework.steps}
show_comparison(compare_sessions(a, b, case, lib), {s.id: s for s in a.steps}, {s.id: s for s in b.steps},
                titles, "A", "B")
show_whiteboards_side_by_side({s.id: s for s in a.steps}, {s.id: s for s in b.steps}, titles, case.estimates,
                              "A", "B", "cmp-wb")
