"""Progress across attempts: scores, coverage, time and hints over time, weakest areas, what next.

The page stays fast on a big store by caching on the store's snapshot signature:
the long frames are built once per store state, each filter's aggregates once per
filter, so a rerun with nothing changed costs a folder check and the drawing.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app_pages import current as c
from app_pages import nav, state
from components.progress_charts import show_progress_charts
from components.progress_filters import show_progress_filters
from components.progress_missed import show_missed_items
from components.progress_recommend import show_recommended
from components.progress_weak import show_weak_areas
from workbench import clock
from workbench.analytics import UNNAMED, ProgressData, ProgressFilter, progress_data, rubric_frame
from workbench.library import Library
from workbench.progress import ProgressView, progress_view
from workbench.store import StoreSnapshot


@st.cache_resource(max_entries=2, show_spinner="Summarising the sessions…")
def _data(store_url: str, signature: str, library_key: str, _snap: StoreSnapshot,
          _lib: Library) -> tuple[ProgressData, pd.DataFrame]:
    # cache_resource: the frames are shared, never copied per rerun; nothing mutates them.
    rubric = rubric_frame(_lib)
    return progress_data(_snap.summaries, _lib, rubric), rubric


@st.cache_resource(max_entries=16, show_spinner=False)
def _view(view_key: str, _flt: ProgressFilter, _data: ProgressData, _rubric: pd.DataFrame,
          _lib: Library) -> ProgressView:
    # view_key names the store state, the library and the filter; a short string hashes in microseconds.
    return progress_view(_data, _lib, _flt, _rubric)


state.show_flash()
lib = state.library()
store = state.store()
with st.spinner("Reading the session index…"):  # shown only if it takes over half a second
    snap = state.snapshot()

st.title("Progress")
st.caption("How attempts have gone over time: rubric coverage per step and sub-area, time against the "
           "budget, hint use, and where to practise next. A step counts once it has been checked.")
if snap.problems:
    with st.expander(f"{len(snap.problems)} session file(s) could not be read and are left out",
                     icon=":material/warning:"):
        st.markdown("\n".join(f"- `{p}`" for p in snap.problems))
if not snap.summaries:
    st.info("No sessions in the store yet. Start one from the library; it shows up here as you work.")
    st.page_link(nav.LIBRARY, label="Go to the library", icon=":material/menu_book:")
    st.stop()

lib_key = lib.content_key
data, rubric = _data(store.url, snap.signature, lib_key, snap, lib)
people = list(data.sessions["person"].cat.categories)
flt = show_progress_filters(people, "progress", clock.now().date())
view_key = f"{store.url}|{snap.signature}|{lib_key}|{flt!r}"
view = _view(view_key, flt, data, rubric, lib)
if view.sessions == 0:
    st.warning("No session matches these filters.")
    st.stop()

cols = st.columns(2 + len(view.overview))
cols[0].metric("Sessions", f"{view.sessions:,}")
cols[1].metric("Mean score", "–" if view.mean_score is None else f"{view.mean_score:.0%}",
               help="Weighted rubric coverage of the whole session, by the party whose ticks count")
for col, r in zip(cols[2:], view.overview.itertuples(), strict=True):
    col.metric(r.title, "–" if pd.isna(r.coverage) else f"{r.coverage:.0%}",
               help=f"Mean coverage over {r.assessed} checked attempt(s) of this step")

show_progress_charts(view, view_key)
st.divider()
left, right = st.columns([3, 2])
with left:
    show_weak_areas(view)
with right:
    picked = show_recommended(view.recommended, "progress-start")
show_missed_items(view.missed)
if picked is not None:
    only_person = flt.people[0] if len(flt.people) == 1 and flt.people[0] != UNNAMED else ""
    c.start_session(lib.cases[picked], candidate=only_person)
