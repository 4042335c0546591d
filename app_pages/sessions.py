"""Sessions in the store: filter, sort, open, review, download, delete (with confirmation)."""

from __future__ import annotations

import streamlit as st

from app_pages import current as c
from app_pages import nav, state
from components.session_file import show_download, show_upload
from components.session_table import show_session_table
from workbench.session_list import MODES, SESSION_SORTS, STATUSES, SessionFilter, filter_sessions
from workbench.store import NotFoundError
from workbench.yamlio import FileError

MAX_ROWS = 500

state.show_flash()
st.title("Sessions")
store = state.store()
lib = state.library()
frame, problems = state.sessions_table()
for p in problems:
    st.warning(f"A file in the store could not be read: `{p}`")

with st.container(border=True):
    f1, f2, f3, f4 = st.columns([3, 1, 1, 1])
    text = f1.text_input("Filter", key="ses-q", placeholder="Case, candidate or interviewer")
    mode = f2.selectbox("Mode", MODES, key="ses-mode")
    status = f3.selectbox("Status", STATUSES, key="ses-status")
    sort = f4.selectbox("Sort", SESSION_SORTS, key="ses-sort")
view = filter_sessions(frame, SessionFilter(text=text, mode=mode, status=status, sort=sort))

more = f"; showing the first {MAX_ROWS}" if len(view) > MAX_ROWS else ""
st.caption(f"{len(view)} of {len(frame)} sessions{more}")
st.caption("Click a row to open it: a finished session opens for review, one in progress where it is run.")
clicked = show_session_table(view.head(MAX_ROWS), key="ses-table")
if clicked:
    row = view[view["id"] == clicked].iloc[0]
    runner = nav.runner_for("interview" if row["Mode"] == "Interview" else "solo")
    c.open_session(clicked, nav.REVIEW if row["Status"] == "completed" else runner)

if not view.empty:
    labels = {row.id: f"{row.Case} · {row.Mode} · {row.Candidate or 'anonymous'} · "
                      f"{row.Updated:%Y-%m-%d %H:%M} · {row.id[:8]}" for row in view.head(MAX_ROWS).itertuples()}
    chosen = st.selectbox("Session", list(labels), format_func=labels.get, key="ses-pick")
    if chosen:
        a1, a2, a3, a4 = st.columns(4)
        row = view[view["id"] == chosen].iloc[0]
        if a1.button("Open", key="ses-open", icon=":material/play_arrow:", width="stretch"):
            c.open_session(chosen, nav.runner_for("interview" if row["Mode"] == "Interview" else "solo"))
        if a2.button("Review", key="ses-review", icon=":material/rate_review:", width="stretch"):
            c.open_session(chosen, nav.REVIEW)
        try:
            raw = store.read_bytes(chosen)
        except NotFoundError:
            raw = b""
        with a3:
            show_download(raw, f"{row['case_id']}-{chosen[:8]}.yaml", "ses-download")
        with a4.popover("Delete", icon=":material/delete:", width="stretch"):
            st.markdown(f"Delete **{labels[chosen]}**? This cannot be undone.")
            confirm = st.checkbox("Yes, delete this session", key="ses-del-confirm")
            if st.button("Delete for good", key="ses-delete", type="primary", disabled=not confirm):
                try:
                    store.delete(chosen)
                except (NotFoundError, FileError) as exc:
                    st.error(str(exc))
                else:
                    if c.active() is not None and c.active().id == chosen:
                        c.set_active(None)
                    st.session_state.pop("ses-del-confirm", None)
                    state.flash("Session deleted.")
                    st.rerun()

st.divider()
st.subheader("Open a session file")
st.caption("A session YAML from someone else opens here whether or not its case is in your library.")
show_upload("ses-upload", c.upload_callback("ses-upload"))
c.show_upload_problems()
if c.active() is not None and st.session_state.get("ses-upload") is not None:
    s = c.active()
    b1, b2 = st.columns(2)
    if b1.button("Review the uploaded session", key="ses-up-review", type="primary"):
        st.switch_page(nav.REVIEW, query_params={"session": s.id})
    if b2.button("Resume it", key="ses-up-open"):
        st.switch_page(nav.runner_for(s.mode), query_params={"session": s.id})
