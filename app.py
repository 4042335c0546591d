"""MLSD Workbench: practise and run machine-learning system design interviews."""

from __future__ import annotations

import streamlit as st

from app_pages.common import PAGES, active, store

st.set_page_config(page_title="MLSD Workbench", page_icon=":material/schema:", layout="wide")

pages = {
    "Practise": [
        st.Page(PAGES["library"], title="Library", icon=":material/menu_book:", default=True),  # served at /
        st.Page(PAGES["practice"], title="Practice", icon=":material/edit_note:", url_path="practice"),
    ],
    "Interview": [
        st.Page(PAGES["interview"], title="Interviewer console", icon=":material/badge:", url_path="interview"),
        st.Page(PAGES["candidate"], title="Candidate view", icon=":material/co_present:", url_path="candidate"),
    ],
    "Review": [
        st.Page(PAGES["sessions"], title="Sessions", icon=":material/folder_open:", url_path="sessions"),
        st.Page(PAGES["review"], title="Review", icon=":material/rate_review:", url_path="review"),
        st.Page(PAGES["compare"], title="Compare", icon=":material/compare:", url_path="compare"),
        st.Page(PAGES["progress"], title="Progress", icon=":material/monitoring:", url_path="progress"),
    ],
}
page = st.navigation(pages)

with st.sidebar:
    session = active()
    if session is not None:
        st.caption(f"Open session: **{session.case.title}** · {session.mode} · {session.status.replace('_', ' ')}")
    st.caption(f"Store: `{store().url}`")

page.run()
